"""``st.image`` and ``st.logo``: pictures from PIL, numpy, bytes, files, URLs and SVG text.

Every picture the server holds (not a URL) is prepared as Streamlit prepares it (numpy arrays
checked, clamped and encoded, photos as JPEG and pictures with transparency as PNG, nothing
wider than it is shown) and kept once in the process's inline media store under its content
id. The element carries only that URL, so the browser loads each picture once and keeps it
for good, a rerun that shows the same picture sends nothing, and a picture no session shows
any more is dropped (``filestore.InlineMediaStore``). PIL and numpy are imported only by a
script that passes such a picture.
"""

from __future__ import annotations

import io
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rillet.elements.base import Container, command, emit
from rillet.elements.charts.dispatch import type_name
from rillet.elements.charts.pyplot import MAX_IMAGE_WIDTH
from rillet.elements.filestore import add_inline
from rillet.elements.markdown import render_markdown
from rillet.elements.validate import alt_text, check_width, type_error, value_error
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException

__all__ = ["PreparedImage", "image", "image_source", "is_url", "logo", "prepare_image"]

log = logging.getLogger("rillet.media")

ImageFormat = Literal["JPEG", "PNG", "GIF"]
_SVG = re.compile(r"(^\s?(<\?xml[\s\S]*<svg\s)|^\s?<svg\s|^\s?<svg>\s)")
_USE_COLUMN_WIDTH_REMOVED = (
    "`use_column_width` was removed and has no effect. "
    "Use `width='stretch'`, `width='content'`, or an integer pixel value instead."
)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def is_url(text: str, schemes: Sequence[str] = ("http", "https", "data")) -> bool:
    """Whether ``text`` is a URL with one of ``schemes`` (http(s) need a host, data a body)."""
    match = _SCHEME.match(text.strip())
    if match is None or match.group(1).lower() not in schemes:
        return False
    rest = text.strip()[match.end() :]
    if match.group(1).lower() in ("http", "https"):
        return rest.startswith("//") and len(rest.split("/")[2]) > 0
    return bool(rest)


def open_error(name: str) -> RilletAPIException:
    """A string that is neither a readable file nor a URL the browser may load."""
    scheme = _SCHEME.match(name.strip())
    why = (
        f"it is not a URL this element loads ({scheme.group(1)}:); use an http, https or data "
        "URL, or a file path"
        if scheme and len(scheme.group(1)) > 1
        else "no such file (a path is read relative to the directory rillet runs in)"
    )
    return RilletAPIException(f"Error opening '{name}': {why}.")


@dataclass(frozen=True)
class PreparedImage:
    """One picture ready to show: its bytes and type, or a URL the browser loads itself."""

    data: bytes | None
    mime: str | None
    url: str | None = None
    pixel_width: int | None = None
    pixel_height: int | None = None


# --- turning the accepted inputs into bytes ----------------------------------------------------


def _has_alpha(picture: Any) -> bool:
    return picture.mode in {"RGBA", "LA", "P"}


def _chosen_format(picture: Any, output_format: str) -> ImageFormat:
    """Streamlit's choice: JPEG or PNG when asked, else GIF for GIFs, PNG for pictures that
    may be transparent, JPEG for the rest (photos)."""
    wanted = str(output_format).upper()
    if wanted in ("JPEG", "PNG"):
        return wanted  # type: ignore[return-value]
    if wanted == "JPG":
        return "JPEG"
    if picture.format == "GIF":
        return "GIF"
    return "PNG" if _has_alpha(picture) else "JPEG"


def _encode(picture: Any, format: ImageFormat, quality: int) -> bytes:
    if format == "JPEG" and _has_alpha(picture):
        picture = picture.convert("RGB")
    out = io.BytesIO()
    picture.save(out, format=format, quality=quality)
    return out.getvalue()


def _open(data: bytes) -> Any:
    from PIL import Image, UnidentifiedImageError

    try:
        return Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        head = data[:8]
        raise UnidentifiedImageError(
            f"cannot identify image file: these {len(data)} bytes (starting {head!r}) are no "
            "image format PIL reads, such as PNG, JPEG, GIF or WebP."
        ) from None


def _fitted(data: bytes, width: str | int, format: ImageFormat) -> PreparedImage:
    """The picture no wider than it is shown (``width`` pixels, or twice the centred page's
    width), in ``format``; untouched when it already is both (so GIFs keep their frames)."""
    from PIL import Image

    picture: Any = _open(data)
    limit = width if isinstance(width, int) else MAX_IMAGE_WIDTH
    if picture.width > limit:
        height = int(1.0 * picture.height * limit / picture.width)
        picture = picture.resize((limit, height), resample=Image.Resampling.BILINEAR)
        data = _encode(picture, format, 90)
    elif picture.format != format:
        data = _encode(picture, format, 90)
    return PreparedImage(data, f"image/{format.lower()}", None, picture.width, picture.height)


def _array_bytes(array: Any, clamp: bool, channels: str, output_format: str) -> bytes:
    """A numpy picture checked as Streamlit checks it, encoded."""
    import numpy as np
    from PIL import Image

    if array.ndim not in (2, 3):
        raise value_error("image", ["a 2D or 3D NumPy array"])
    if array.ndim == 3 and array.shape[-1] not in (1, 3, 4):
        raise RilletAPIException(
            f"Channel can only be 1, 3, or 4 got {array.shape[-1]}. Shape is {array.shape}"
        )
    if array.ndim == 3 and array.shape[-1] == 1:
        array = array[:, :, 0]
    if np.issubdtype(array.dtype, np.floating):
        if clamp:
            array = np.clip(array, 0, 1.0)
        elif array.size and (np.amin(array) < 0.0 or np.amax(array) > 1.0):
            raise RilletAPIException("Data is outside [0.0, 1.0] and clamp is not set.")
        array = array * 255
    elif clamp:
        array = np.clip(array, 0, 255)
    elif array.size and (np.amin(array) < 0 or np.amax(array) > 255):
        raise RilletAPIException("Data is outside [0, 255] and clamp is not set.")
    if channels == "BGR":
        if array.ndim != 3:
            raise RilletAPIException(
                'When using `channels="BGR"`, the input image should have exactly 3 color channels'
            )
        array = array[:, :, [2, 1, 0]]
    picture = Image.fromarray(array.astype(np.uint8))
    return _encode(picture, _chosen_format(picture, output_format), 100)


def _svg(text: str) -> PreparedImage:
    if "xmlns" not in text:
        text = text.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return PreparedImage(text.encode("utf-8"), "image/svg+xml")


def _from_text(text: str) -> PreparedImage | bytes:
    """A URL, SVG text, or a file path (read here)."""
    if not os.path.isfile(text) and is_url(text):
        return PreparedImage(None, None, text.strip())
    if text.lower().endswith(".svg") and os.path.isfile(text):
        with open(text, encoding="utf-8") as file:
            text = file.read()
    if _SVG.search(text):
        return _svg(text)
    try:
        with open(text, "rb") as binary:
            return binary.read()
    except (OSError, ValueError):
        raise open_error(text) from None


def prepare_image(
    image: Any,
    width: str | int = "content",
    clamp: bool = False,
    channels: str = "RGB",
    output_format: str = "auto",
) -> PreparedImage:
    """One picture as the page will show it (see the module docstring)."""
    if isinstance(image, Path):
        image = str(image)
    data: Any
    if isinstance(image, str):
        found = _from_text(image)
        if isinstance(found, PreparedImage):
            return found
        data = found
    elif type_name(image).startswith("PIL."):
        data = _encode(image, _chosen_format(image, output_format), 100)
    elif type_name(image) == "numpy.ndarray":
        data = _array_bytes(image, clamp, channels, output_format)
    elif isinstance(image, bytes | bytearray | memoryview):
        data = bytes(image)
    elif isinstance(image, io.BytesIO):
        data = image.getvalue()
    elif callable(getattr(image, "read", None)):
        if callable(getattr(image, "seek", None)):
            image.seek(0)
        data = image.read()
        if not isinstance(data, bytes):
            raise type_error("image", image, _IMAGE_TYPES)
    else:
        raise type_error("image", image, _IMAGE_TYPES)
    return _fitted(data, width, _chosen_format(_open(data), output_format))


_IMAGE_TYPES = ["PIL.Image", "numpy.ndarray", "bytes", "BytesIO", "str (path, URL or SVG)", "Path"]


def image_source(prepared: PreparedImage) -> str:
    """The URL the page loads ``prepared`` from (kept for this session when it is bytes)."""
    if prepared.url is not None or prepared.data is None:
        return prepared.url or ""
    ctx = context.current()
    if ctx is None:
        return ""
    return add_inline(ctx.session, prepared.data, prepared.mime or "image/png").url


# --- st.image ----------------------------------------------------------------------------------


def _as_list(image: Any) -> tuple[list[Any], bool]:
    """The pictures of ``image`` and whether it came as a set (whose order is undefined)."""
    if isinstance(image, list | tuple | set):
        return list(image), isinstance(image, set)
    if type_name(image) == "numpy.ndarray" and image.ndim == 4:
        return [image[i, :, :, :] for i in range(image.shape[0])], False
    return [image], False


def _captions(caption: Any, count: int) -> list[str | None]:
    if isinstance(caption, list):
        captions: list[Any] = caption
    elif isinstance(caption, str):
        captions = [caption]
    elif type_name(caption) == "numpy.ndarray" and caption.ndim == 1:
        captions = caption.tolist()
    elif caption is None:
        captions = [None] * count
    else:
        captions = [str(caption)]
    if len(captions) != count:
        raise RilletAPIException(f"Cannot pair {len(captions)} captions with {count} images.")
    return [None if c is None else str(c) for c in captions]


def _alts(alt: Any, count: int, from_set: bool) -> list[Any]:
    if alt is None:
        return [None] * count
    single = isinstance(alt, str | bytes | bytearray) or not (
        isinstance(alt, Sequence) or (type_name(alt) == "numpy.ndarray" and alt.ndim == 1)
    )
    if single:
        if count != 1:
            what = "`alt` string" if isinstance(alt, str) else "`alt` value"
            raise RilletAPIException(
                f"A single {what} can only be used with a single image. You passed {count} "
                f"images; provide a sequence of {count} alt values (use None to skip an image)."
            )
        return [alt]
    if from_set:
        raise RilletAPIException(
            "A sequence-valued `alt` cannot be paired with a set of images because set order "
            "is undefined. Pass a list or tuple of images."
        )
    alts = alt.tolist() if type_name(alt) == "numpy.ndarray" else list(alt)
    if len(alts) != count:
        raise RilletAPIException(f"Cannot pair {len(alts)} alt values with {count} images.")
    return alts


def _image_width(width: Any, use_container_width: bool | None) -> str | int:
    if use_container_width is not None:
        log.warning(
            "Please replace `use_container_width` with `width`. `use_container_width` will be "
            "removed after 2025-12-31. For `use_container_width=True`, use `width='stretch'`. "
            "For `use_container_width=False`, use `width='content'`."
        )
        if use_container_width is True:
            width = "stretch"
        elif not isinstance(width, int):
            width = "content"
    return check_width(width, allow_content=True)


@command
def image(
    image: Any,
    caption: str | list[str] | None = None,
    width: int | str = "content",
    clamp: bool = False,
    channels: str = "RGB",
    output_format: str = "auto",
    *,
    use_container_width: bool | None = None,
    link: str | None = None,
    use_column_width: Any = None,
    alt: str | Sequence[str | None] | None = None,
) -> Container:
    """Display an image or a row of images, each with an optional caption.

    Pictures the server holds are served once from the app's media route under their content
    id (the browser caches them for good); URLs are loaded by the browser itself.

    Args:
        image: A PIL image; a numpy array (H x W grayscale, H x W x 1/3/4 channels, or a
            4-D stack of pictures); bytes or a ``BytesIO`` of an encoded picture; a file path
            (str or ``Path``; ``.svg`` files are shown as SVG); an http(s) or data URL; SVG
            text; or a list of any of these (shown in a row that wraps).
        caption: Text under the image (markdown; HTML in it is shown as text), or one per
            image for a list.
        width: "content" (default: the picture's own width, at most the container's),
            "stretch" (the container's width) or a number of pixels. Pictures wider than that
            number (or than 1460 pixels) are shrunk on the server.
        clamp: For numpy arrays, clip values to 0-255 (0.0-1.0 for floats) instead of
            raising an error when some fall outside.
        channels: "RGB" (default) or "BGR" (OpenCV's order) for 3-channel numpy arrays.
        output_format: "auto" (default: PNG for pictures that may be transparent, GIF for
            GIFs, JPEG otherwise), "PNG" or "JPEG": how pictures are encoded for the page.
        use_container_width: Deprecated: True means ``width="stretch"``.
        link: A URL the image opens when clicked (a single image only).
        use_column_width: Removed in Streamlit; accepted and ignored with a warning.
        alt: A description for screen readers ("" marks the image as decorative), or one
            per image for a list (None skips one).
    """
    if use_column_width is not None:
        log.warning(_USE_COLUMN_WIDTH_REMOVED)
    shown_width = _image_width(width, use_container_width)
    chosen_channels = str(channels).upper()
    pictures, from_set = _as_list(image)
    captions = _captions(caption, len(pictures))
    alts = _alts(alt, len(pictures), from_set)
    items: list[dict[str, Any]] = []
    for picture, text, description in zip(pictures, captions, alts, strict=True):
        prepared = prepare_image(picture, shown_width, clamp, chosen_channels, output_format)
        item: dict[str, Any] = {"url": image_source(prepared)}
        if prepared.pixel_width:
            item["pixel_width"] = prepared.pixel_width
            item["pixel_height"] = prepared.pixel_height
        if text is not None:
            item["caption"] = text
            item["caption_html"] = render_markdown(text, inline=True)
        shown_alt = alt_text(description, allow_empty=True)
        if shown_alt is not None:
            item["alt"] = shown_alt
        items.append(item)
    props: dict[str, Any] = {"images": items, "width": shown_width}
    if link:
        if len(items) > 1:
            raise RilletAPIException(
                "The `link` parameter is only supported when displaying a single image. "
                f"You passed {len(items)} images."
            )
        props["link"] = str(link)
    return emit("image", props)


# --- st.logo -----------------------------------------------------------------------------------


def _logo_error(field: str) -> RilletAPIException:
    return RilletAPIException(
        f"The {field} passed to st.logo is invalid - See [documentation]"
        "(https://docs.streamlit.io/develop/api-reference/media/st.logo) for more information "
        "on valid types"
    )


def _logo_picture(picture: Any, field: str) -> dict[str, str]:
    from rillet.elements.validate import leading_icon

    try:
        if isinstance(picture, str) and picture.startswith(":material"):
            return {"type": "icon", "value": picture}
        if isinstance(picture, str) and not picture.isascii():
            icon, rest = leading_icon(picture)
            if icon is not None and not rest:
                return {"type": "emoji", "value": icon}
        return {"type": "image", "value": image_source(prepare_image(picture))}
    except Exception as exc:
        raise _logo_error(field) from exc


def logo(
    image: Any,
    *,
    size: Literal["small", "medium", "large"] = "medium",
    link: str | None = None,
    icon_image: Any = None,
) -> None:
    """Show a logo at the top left of the app: in the sidebar while it is open, in the header
    otherwise.

    Args:
        image: The logo: anything ``st.image`` shows (a file, URL, bytes, PIL image ...), an
            emoji, or a ``:material/name:`` icon (rillet ships no icon font: it is left out).
        size: "small" (20 px high), "medium" (default, 24 px) or "large" (32 px).
        link: An http(s) URL the logo opens (in a new tab) when clicked.
        icon_image: A smaller picture shown instead of ``image`` while the sidebar is closed
            (or absent); by default ``image`` is shown there too.
    """
    if context.current() is None:
        return
    props: dict[str, Any] = {"image": _logo_picture(image, "image")}
    if link:
        if not isinstance(link, str) or not is_url(link, ("http", "https")):
            raise RilletAPIException(
                f'"{link}" is not a valid URL. You must use a fully qualified domain beginning '
                'with "http://" or "https://".'
            )
        props["link"] = link
    if icon_image is not None:  # an array has no truth value (Streamlit's `if` fails)
        props["icon_image"] = _logo_picture(icon_image, "icon_image")
    chosen = size.lower() if isinstance(size, str) else None
    if chosen not in ("small", "medium", "large"):
        raise value_error("size", ["'small'", "'medium'", "'large'"])
    props["size"] = chosen
    emit("logo", props)
