"""``st.pyplot``: a matplotlib figure drawn on the server and shown as an image.

The figure is saved as Streamlit saves it (PNG at 200 dpi, ``bbox_inches="tight"``: twice
matplotlib's screen resolution, so it stays sharp on high-density screens), kept once in the
process's inline media store and shown with an ``<img>`` whose URL is the content's id. An
unchanged figure therefore gives an equal element (nothing is sent on a rerun) and the browser
loads it once. matplotlib is imported only by the script that uses it, with the Agg backend:
a server never opens windows. matplotlib is not thread-safe and sessions run in different
threads, so figures are saved one at a time.
"""

from __future__ import annotations

import io
import logging
import os
import threading
from typing import Any

from rillet.elements.base import Container, command, emit
from rillet.elements.charts.dispatch import type_name
from rillet.elements.filestore import add_inline
from rillet.elements.validate import alt_text, check_width, missing_error, type_error
from rillet.runtime import context

__all__ = ["is_matplotlib_figure", "pyplot"]

# Streamlit sets this on import too: a GUI backend would try to open windows on the server.
os.environ["MPLBACKEND"] = "Agg"

log = logging.getLogger("rillet.charts")

# Streamlit's savefig defaults; the user's (deprecated) savefig keyword arguments override them.
SAVEFIG_DEFAULTS: dict[str, Any] = {"bbox_inches": "tight", "dpi": 200, "format": "png"}
# The widest image kept for "stretch" and "content" (Streamlit's MAXIMUM_CONTENT_WIDTH):
# twice the default centred layout's width.
MAX_IMAGE_WIDTH = 2 * 730

_SAVING = threading.Lock()

_FIG_REQUIRED = """Passing `None` is not supported because Matplotlib's global figure object
is not thread-safe.

Pass a figure explicitly:

```python
fig, ax = plt.subplots()
ax.scatter([1, 2, 3], [1, 2, 3])
# other plotting actions...
st.pyplot(fig)
```"""

SAVEFIG_DEPRECATION = """Passing Matplotlib `savefig` keyword arguments to `st.pyplot` is
deprecated and will be removed in a future version.
`st.pyplot` already uses `bbox_inches="tight"` and `dpi=200` by
default. For other `savefig` options (for example `transparent=True`
or a custom `dpi`), save the figure yourself and display it with
`st.image`."""


def is_matplotlib_figure(obj: object) -> bool:
    """True for a matplotlib ``Figure`` (told by its type's name: matplotlib stays unimported)."""
    return type_name(obj) == "matplotlib.figure.Figure"


def deprecated_use_container_width(use_container_width: bool | None, width: Any) -> Any:
    """The width ``use_container_width`` stands for (logged as deprecated, as Streamlit)."""
    if use_container_width is None:
        return width
    log.warning(
        "The `use_container_width` parameter has been deprecated and will be removed in a "
        "future release. Please utilize the `width` parameter instead."
    )
    return "stretch" if use_container_width else "content"


def render_figure(fig: Any, savefig: dict[str, Any], clear_figure: bool) -> tuple[bytes, str]:
    """The figure as image bytes and their type: SVG when matplotlib wrote SVG, else PNG.

    An SVG gets no date and ids salted the same way every time, so the same figure is the same
    bytes (one content id, cached by the browser) on every run.
    """
    import matplotlib

    stable: dict[str, Any] = {}
    if str(savefig.get("format", "")).lower() == "svg":
        stable["svg.hashsalt"] = "rillet"
        savefig = {"metadata": {"Date": None}, **savefig}
    buffer = io.BytesIO()
    with _SAVING, matplotlib.rc_context(stable):  # type: ignore[arg-type]
        fig.savefig(buffer, **savefig)
        if clear_figure:
            fig.clf()
    data = buffer.getvalue()
    head = data.lstrip()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head[:2048]):
        return data, "image/svg+xml"
    return data, "image/png"


def fit_png(data: bytes, width: str | int) -> tuple[bytes, int, int]:
    """A raster image as PNG no wider than Streamlit keeps it, with its pixel size.

    Streamlit shrinks an image to ``width`` when that is a number; this keeps twice that
    (the figure is displayed at ``width`` pixels, and stays sharp on dense screens).
    """
    from PIL import Image

    image: Any = Image.open(io.BytesIO(data))
    limit = 2 * width if isinstance(width, int) else MAX_IMAGE_WIDTH
    if image.width > limit:
        image = image.resize(
            (limit, int(image.height * limit / image.width)), Image.Resampling.BILINEAR
        )
    elif image.format == "PNG":
        return data, image.width, image.height
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue(), image.width, image.height


@command
def pyplot(
    fig: Any,
    clear_figure: bool = False,
    *,
    width: int | str = "stretch",
    use_container_width: bool | None = None,
    alt: str | None = None,
    **kwargs: Any,
) -> Container:
    """Display a matplotlib figure as a static image.

    The figure is saved with ``bbox_inches="tight"`` at 200 dpi (as Streamlit) and served as a
    PNG from the app's media route; ``format="svg"`` among ``kwargs`` serves an SVG instead.

    Args:
        fig: The matplotlib ``Figure`` (or any object with ``savefig``, such as a seaborn
            grid) to show. Required: matplotlib's global figure is not thread-safe.
        clear_figure: Call ``fig.clf()`` once the figure is saved.
        width: "stretch" (default: the container's width), "content" (the image's own
            width, at most the container's) or a number of pixels.
        use_container_width: Deprecated: True means ``width="stretch"``, False
            ``width="content"``.
        alt: A description of the image for screen readers; "" marks it as decorative.
        **kwargs: Deprecated: keyword arguments for matplotlib's ``savefig``, overriding the
            defaults (``dpi``, ``transparent``, ``format`` ...).
    """
    if fig is None:
        raise missing_error("fig", _FIG_REQUIRED)
    if not callable(getattr(fig, "savefig", None)):
        raise type_error("fig", fig, ["matplotlib.figure.Figure"])
    width = check_width(
        deprecated_use_container_width(use_container_width, width), allow_content=True
    )
    if kwargs:
        from rillet.elements.status import warning

        warning(SAVEFIG_DEPRECATION)
    data, mime = render_figure(fig, {**SAVEFIG_DEFAULTS, **kwargs}, bool(clear_figure))
    props: dict[str, Any] = {"width": width, "mime": mime}
    if mime == "image/png":
        data, props["pixel_width"], props["pixel_height"] = fit_png(data, width)
    shown_alt = alt_text(alt, allow_empty=True)
    if shown_alt is not None:
        props["alt"] = shown_alt
    ctx = context.current()
    if ctx is not None:
        props["url"] = add_inline(ctx.session, data, mime).url
    return emit("pyplot", props)
