"""``st.iframe``: embed a web page, an HTML document or a local file in a sandboxed frame.

What ``src`` is decides how it is shown, as in Streamlit 1.67: a URL (``http(s):``,
``data:``, or a path from the app's root such as ``/app/static/x.html``) is loaded; a
``pathlib.Path`` to an HTML file is read and embedded; a Path to any other file (PDF, image,
SVG ...) is served from the session's media route and loaded; any other string is HTML. A
string is never read as a file path. The frame has an opaque origin (see components.md), so
the embedded document cannot reach the app's page, cookies or storage.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from pathlib import Path
from typing import Any

from rillet.elements.base import Container, command, emit
from rillet.elements.filestore import add_inline
from rillet.elements.validate import type_error, value_error
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException

log = logging.getLogger("rillet.elements")

_STRING_PATH_WARNING = (
    "Passing a local file path as a string to `st.iframe` is no longer supported. "
    "To load a local file, pass a `pathlib.Path` object instead."
)
_URL = re.compile(r"^(https?://\S+|data:\S+)$", re.IGNORECASE)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# The height of a loaded page whose height is "content": the frame cannot measure a page
# from another origin (Streamlit's 400 px).
URL_CONTENT_HEIGHT = 400


def _size(name: str, value: object) -> str | int:
    if value in ("stretch", "content") or (
        isinstance(value, int) and not isinstance(value, bool) and value > 0
    ):
        return value
    raise RilletAPIException(
        f"Invalid {name} value: {value!r}. {name.capitalize()} must be either a positive "
        "integer (pixels), 'stretch', or 'content'."
    )


def _names_a_file(text: str) -> bool:
    """Whether a string names an existing file (long or tag-holding strings are HTML)."""
    if len(text) > 4096 or "<" in text:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def _read_local(path: Path) -> dict[str, Any]:
    """A local file as the frame gets it: an HTML file's text, else a media URL."""
    if path.suffix.lower() in _HTML_SUFFIXES:
        try:
            return {"srcdoc": path.read_text(encoding="utf-8")}
        except (OSError, UnicodeDecodeError) as exc:
            raise RilletAPIException(f"Unable to read file '{path}': {exc}") from exc
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RilletAPIException(f"Unable to read file '{path}': {exc}") from exc
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    ctx = context.current()
    if ctx is None:
        return {"src": ""}
    return {"src": add_inline(ctx.session, data, mime).url}


@command
def iframe(
    src: str | Path,
    *,
    width: str | int = "stretch",
    height: str | int = "content",
    tab_index: int | None = None,
    alt: str | None = None,
) -> Container:
    """Embed a page, an HTML document or a local file in a sandboxed frame.

    Parameters:
        src: What to show: an absolute URL (``http://``, ``https://``, ``data:``), a path
            from the app's root starting with ``/``, a ``pathlib.Path`` to a local file (HTML
            is embedded, other files such as PDFs and images are served and shown by the
            browser), or any other string, taken as HTML.
        width: "stretch" (default, the container's width), "content" or pixels.
        height: "content" (default: an HTML document's own height; 400 px for a loaded page,
            which the frame cannot measure), "stretch" (the parent's height) or pixels.
        tab_index: The frame's place in keyboard navigation: None (the browser's default),
            -1 (skipped by Tab) or a non-negative integer.
        alt: A text naming the frame for screen readers (its title).
    """
    width = _size("width", width)
    height = _size("height", height)
    if tab_index is not None:
        if isinstance(tab_index, bool) or not isinstance(tab_index, int):
            raise type_error("tab_index", tab_index, ["int"])
        if tab_index < -1:
            raise value_error("tab_index", ["None", "-1", "a non-negative integer"])
    if isinstance(src, Path):
        content = _read_local(src)
    elif not isinstance(src, str):
        raise type_error("src", src, ["str", "Path"])
    elif _URL.match(src.strip()):
        content = {"src": src.strip()}
    elif _names_a_file(src):
        # As in Streamlit 1.67: the string is shown as HTML, with a warning, never read.
        log.warning(_STRING_PATH_WARNING)
        content = {"srcdoc": src}
    elif src.startswith("/"):
        content = {"src": src}
    else:
        content = {"srcdoc": src}
    is_document = "srcdoc" in content
    if not is_document:
        # A loaded page has no size the frame can read: "content" means the usual defaults.
        width = "stretch" if width == "content" else width
        height = URL_CONTENT_HEIGHT if height == "content" else height
    props: dict[str, Any] = {**content, "scrolling": True, "width": width, "height": height}
    if tab_index is not None:
        props["tab_index"] = tab_index
    text = alt.strip() if isinstance(alt, str) else None
    if text:
        props["alt"] = text
    return emit("iframe", props)
