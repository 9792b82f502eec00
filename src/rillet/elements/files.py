"""Files in and out: download_button, link_button, file_uploader, and `UploadedFile`.

Downloads are served from ``/_rillet/media/{id}`` under an id minted for the session; uploads
arrive over ``POST /_rillet/upload`` (XSRF-checked, size- and type-checked) and get ids minted
by the server. The uploader's value on the wire is the list of those ids, and an id the
session did not mint for that very uploader is rejected, so the app only ever sees files that
passed its rules. Both kinds of files live in the session and are freed with it.
"""

from __future__ import annotations

import io
import mimetypes
import re
from collections.abc import Callable, Sequence
from typing import Any, Literal

from rillet.elements import filestore
from rillet.elements.base import (
    Container,
    check_key,
    check_label,
    check_label_visibility,
    command,
    decode_trigger,
    emit,
    target,
    widget,
)
from rillet.elements.filestore import UploaderRules, UploadRecord, media_of, uploads_of
from rillet.elements.shortcuts import normalize_shortcut
from rillet.elements.validate import value_error
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue, widget_id

Callback = Callable[..., Any] | str | None
DownloadData = str | bytes | bytearray | memoryview | io.IOBase | Callable[[], Any]

MEDIA_ROUTE = "_rillet/media/"
_BUTTON_TYPES = ("primary", "secondary", "tertiary")
# Schemes a link button may open; anything else (javascript:, data:, file: ...) is refused.
SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_URL_NOISE = re.compile(r"[\t\n\r]")


class UploadedFile(io.BytesIO):
    """A file the user uploaded: its bytes as a `BytesIO`, plus ``name``, ``type``, ``size``
    and the server-minted ``file_id``.

    From a folder uploader ``name`` is the file's path inside the folder ("photos/a.jpg"),
    checked to be relative and free of ``..``; still, write files under a folder the app
    chooses, never to a path taken from the user as is.

    Each run gets the file rewound to its start, so ``read()`` works in every run.
    """

    def __init__(self, record: UploadRecord) -> None:
        super().__init__(record.data)
        self.file_id = record.file_id
        self.name = record.name
        self.type = record.type
        self.size = len(record.data)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UploadedFile):
            return NotImplemented
        return self.file_id == other.file_id

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"UploadedFile(file_id={self.file_id!r}, name={self.name!r}, type={self.type!r}, "
            f"size={self.size})"
        )


def _check_button_type(type: str, kind: str) -> None:
    if type not in _BUTTON_TYPES:
        raise RilletAPIException(
            f'The type argument to st.{kind} must be "primary", "secondary", or "tertiary". '
            f'\nThe argument passed was "{type}".'
        )


def _button_props(
    label: str,
    kind: str,
    help: str | None,
    type: str,
    icon: str | None,
    disabled: bool,
    use_container_width: bool | None,
    width: str | int,
) -> dict[str, Any]:
    props: dict[str, Any] = {
        "label": check_label(label, kind),
        "help": help,
        "disabled": bool(disabled),
        "type": type,
        "icon": icon,
        "use_container_width": bool(use_container_width),
    }
    if width != "content":
        props["width"] = width
    return props


def button_look(
    icon_position: str, wrap: bool | None, shortcut: str | None = None
) -> dict[str, Any]:
    """The props a button sends for ``icon_position``, ``wrap`` and ``shortcut`` (Streamlit
    1.67), left out at their defaults: the icon left of the label, wrapping decided by the
    layout (one truncated line in a horizontal row or straight in a column, else wrapped),
    no shortcut."""
    if icon_position not in ("left", "right"):
        raise value_error("icon_position", ["'left'", "'right'"])
    if wrap is not None and not isinstance(wrap, bool):
        raise value_error("wrap", ["True", "False", "None"])
    look: dict[str, Any] = {}
    if icon_position == "right":
        look["icon_position"] = "right"
    if wrap is not None:
        look["wrap"] = wrap
    normalized = normalize_shortcut(shortcut)
    if normalized is not None:
        look["shortcut"] = normalized
    return look


# --- download_button -----------------------------------------------------------------------


def download_bytes(data: Any, mime: str | None) -> tuple[bytes, str]:
    """The bytes to serve for ``data`` and their content type (Streamlit's defaults: text for
    strings and text files, opaque bytes for the rest)."""
    if isinstance(data, str):
        return data.encode(), mime or "text/plain"
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data), mime or "application/octet-stream"
    if isinstance(data, io.TextIOBase):
        if data.seekable():
            data.seek(0)
        return data.read().encode(), mime or "text/plain"
    if isinstance(data, io.BytesIO):
        return data.getvalue(), mime or "application/octet-stream"
    if isinstance(data, io.IOBase) or hasattr(data, "read"):
        seekable = getattr(data, "seekable", None)
        if callable(seekable) and seekable():
            data.seek(0)
        content = data.read() or b""
        if isinstance(content, str):
            return content.encode(), mime or "text/plain"
        return bytes(content), mime or "application/octet-stream"
    raise RilletAPIException(f"Invalid binary data format: {type(data)}")


def default_file_name(mime: str | None) -> str:
    """The name a download gets without ``file_name``: "download" plus the type's extension."""
    ext = mimetypes.guess_extension(mime or "") if mime else None
    return f"download{ext or ''}"


@command
def download_button(
    label: str,
    data: DownloadData,
    file_name: str | None = None,
    mime: str | None = None,
    key: str | int | None = None,
    help: str | None = None,
    on_click: Callback | Literal["rerun", "ignore"] = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    type: str = "secondary",
    icon: str | None = None,
    icon_position: str = "left",
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: str | int = "content",
    shortcut: str | None = None,
    wrap: bool | None = None,
) -> bool:
    """Show a button that downloads a file; returns True in the run that follows a click.

    The file is served to this session only, from an unguessable URL, and freed with the
    session. A click both downloads and acts as a button (``on_click``, a rerun), unless
    ``on_click="ignore"``.

    Parameters:
        label: The text on the button.
        data: What to download: str (sent as UTF-8), bytes, a file-like object (read from
            its start), or a callable returning one of those, called each time the user
            clicks (outside the script run: it must not call rillet commands).
        file_name: The name the browser saves it under (default "download" plus an
            extension matching ``mime``).
        mime: The content type (default "text/plain" for text, else
            "application/octet-stream").
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_click: "rerun" (default) reruns the app after the click; "ignore" only downloads;
            a callable is called (with ``args``/``kwargs``) before that rerun; None is
            "rerun".
        args: Positional arguments for ``on_click``.
        kwargs: Keyword arguments for ``on_click``.
        type: "primary", "secondary" or "tertiary" emphasis.
        icon: An emoji shown before the label.
        icon_position: "left" (default) or "right" of the label.
        disabled: Show the button but refuse clicks.
        use_container_width: Stretch the button to its container's width.
        width: "content", "stretch" or a number of pixels.
        shortcut: A key that presses it, with optional modifiers: "K", "Ctrl+K",
            "Shift+Enter", "F2" ... ("Mod" is Ctrl; "C" and "R" are reserved). Without Ctrl,
            Cmd or Alt it does nothing while the user types in a text field.
        wrap: None (default) lets the layout decide: one line cut with an ellipsis in a
            horizontal row or straight in a column, else as many lines as the label needs;
            True always wraps, False always keeps one line.
    """
    _check_button_type(type, "download_button")
    if target().form_id is not None:
        raise RilletAPIException("`st.download_button()` can't be used in an `st.form()`.")
    rerun = on_click != "ignore"
    if on_click in ("rerun", "ignore"):
        callback = None
    elif on_click is None or callable(on_click):
        callback = on_click
    else:
        raise RilletAPIException(
            '`on_click` of st.download_button must be "rerun", "ignore", a callable or None, '
            f"not {on_click!r}."
        )
    if file_name is not None and not isinstance(file_name, str):
        raise RilletAPIException("`file_name` of st.download_button must be a string.")
    props = _button_props(
        label, "download_button", help, type, icon, disabled, use_container_width, width
    )
    props.update(button_look(icon_position, wrap, shortcut))
    identity = (label, icon, file_name, mime, help, type, bool(use_container_width))
    payload: filestore.MediaData
    if callable(data) and not isinstance(data, io.IOBase):
        payload, served_mime = data, mime  # called when fetched; its type may follow then
    else:
        payload, served_mime = download_bytes(data, mime)
    props.update(file_name=file_name or default_file_name(served_mime), rerun=rerun)
    ctx = context.current()
    if ctx is not None:
        wid = widget_id("download_button", check_key(key), identity, None)
        state = ctx.session.state
        store = media_of(ctx.session)
        store.release_owners(lambda owner: owner == wid or state.widget_spec(owner) is not None)
        props["url"] = MEDIA_ROUTE + store.add(wid, payload, served_mime, file_name).media_id

    def decode(wire: Any) -> bool:
        decode_trigger(wire)
        if not rerun:
            raise InvalidWidgetValue("this download button does not rerun")
        return True

    return bool(
        widget(
            "download_button",
            props,
            key=key,
            identity=identity,
            default=False,
            decode=decode,
            on_change=callback,
            args=args,
            kwargs=kwargs,
            disabled=disabled,
            trigger=True,
        )
    )


# --- link_button ---------------------------------------------------------------------------


def safe_link(url: object) -> str:
    """``url`` if a link may open it (http, https, mailto, tel, or relative), else raise."""
    if not isinstance(url, str):
        raise RilletAPIException(
            f"The url of st.link_button must be a string, not {type(url).__name__}."
        )
    # Browsers drop tabs and newlines inside URLs and trim control characters and spaces, so
    # "java\tscript:" is a javascript: URL: judge the URL the browser would see.
    seen = _URL_NOISE.sub("", url).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e"
        "\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"
        "\x1b\x1c\x1d\x1e\x1f "
    )
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", seen)
    if match and match.group(1).lower() not in SAFE_LINK_SCHEMES:
        raise RilletAPIException(
            f"st.link_button refuses the URL {url!r}: only http, https, mailto and tel links "
            "(or relative ones) can be opened."
        )
    return seen


@command
def link_button(
    label: str,
    url: str,
    *,
    key: str | int | None = None,
    on_click: Callable[..., Any] | str = "ignore",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    help: str | None = None,
    type: str = "secondary",
    icon: str | None = None,
    icon_position: str = "left",
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: str | int = "content",
    shortcut: str | None = None,
    wrap: bool | None = None,
) -> Container | bool:
    """Show a link styled as a button; it opens ``url`` in a new tab.

    By default a link, not a widget: clicking it runs nothing in the app. With ``on_click``
    "rerun" or a callable the click also reruns the app, and the command returns True in that
    run, as a button does. URLs with schemes that run code or read local files
    (``javascript:``, ``data:``, ``file:`` ...) are refused.

    Parameters:
        label: The text on the button.
        url: The http(s), mailto or tel URL to open, or a URL relative to the app.
        key: A unique key; with ``on_click`` "rerun" or a callable it also names the button
            in ``session_state``.
        on_click: "ignore" (default) only opens the link and returns the element; "rerun"
            also reruns the app; a callable is called (with ``args``/``kwargs``) before that
            rerun. Both return whether the link was clicked.
        args: Positional arguments for ``on_click``.
        kwargs: Keyword arguments for ``on_click``.
        help: A tooltip.
        type: "primary", "secondary" or "tertiary" emphasis.
        icon: An emoji shown before the label.
        icon_position: "left" (default) or "right" of the label.
        disabled: Show it greyed out and not clickable.
        use_container_width: Stretch the button to its container's width.
        width: "content", "stretch" or a number of pixels.
        shortcut: A key that presses it, with optional modifiers: "K", "Ctrl+K",
            "Shift+Enter", "F2" ... ("Mod" is Ctrl; "C" and "R" are reserved). Without Ctrl,
            Cmd or Alt it does nothing while the user types in a text field.
        wrap: None (default) lets the layout decide: one line cut with an ellipsis in a
            horizontal row or straight in a column, else as many lines as the label needs;
            True always wraps, False always keeps one line.
    """
    _check_button_type(type, "link_button")
    props = _button_props(
        label, "link_button", help, type, icon, disabled, use_container_width, width
    )
    props.update(button_look(icon_position, wrap, shortcut))
    props["url"] = safe_link(url)
    if on_click == "ignore":
        check_key(key)
        return emit("link_button", props)
    if on_click != "rerun" and not callable(on_click):
        raise RilletAPIException(
            '`on_click` of st.link_button must be "ignore", "rerun" or a callable, '
            f"not {on_click!r}."
        )
    props["rerun"] = True
    return bool(
        widget(
            "link_button",
            props,
            key=key,
            identity=(label, props["url"], icon, help, type, bool(use_container_width)),
            default=False,
            decode=decode_trigger,
            on_change=None if on_click == "rerun" else on_click,
            args=args,
            kwargs=kwargs,
            disabled=disabled,
            trigger=True,
        )
    )


# --- file_uploader -------------------------------------------------------------------------


def _upload_limit_mb(max_upload_size: object) -> int:
    """The uploader's limit in megabytes: its own ``max_upload_size`` or the server's."""
    if max_upload_size is None:
        return filestore.max_upload_size_mb()
    if isinstance(max_upload_size, bool) or not isinstance(max_upload_size, int) or (
        max_upload_size < 1
    ):
        raise value_error(
            "max_upload_size",
            ["a positive integer"],
            "Set it to None to fall back to the `server.maxUploadSize` configuration option.",
        )
    return max_upload_size


@command
def file_uploader(
    label: str,
    type: str | Sequence[str] | None = None,
    accept_multiple_files: bool | Literal["directory"] = False,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    max_upload_size: int | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: str | int = "stretch",
) -> UploadedFile | list[UploadedFile] | None:
    """Show a file picker with drag and drop; returns the uploaded file(s).

    Files go to the server over HTTP as soon as they are picked, checked against ``type`` and
    the size limit (``Config.max_upload_size``, 200 MB by default), and live in the session
    until it ends. The app gets `UploadedFile` objects (``BytesIO`` with ``name``, ``type``,
    ``size`` and ``file_id``).

    Parameters:
        label: What the files are for.
        type: Allowed extensions, such as "csv" or ["png", "jpg"]; None allows any file.
        accept_multiple_files: True to take several files (returns a list); False for one
            (returns it or None); "directory" to take every file of a folder the user picks,
            subfolders included (returns a list; each file's ``name`` is its path inside the
            folder, the folder's name first, such as "photos/2024/a.jpg"; files ``type`` does
            not allow are refused and listed with the reason, the others are uploaded).
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the files change.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        max_upload_size: The largest file this uploader takes, in megabytes; None (default)
            uses the server's limit (``Config.max_upload_size``), which this overrides.
        disabled: Show it but refuse uploads.
        label_visibility: "visible", "hidden" or "collapsed".
        width: "stretch" or a number of pixels.
    """
    directory = accept_multiple_files == "directory"
    if not directory and not isinstance(accept_multiple_files, bool):
        raise RilletAPIException(
            '`accept_multiple_files` must be True, False or "directory", '
            f"not {accept_multiple_files!r}."
        )
    multiple = directory or accept_multiple_files is True
    try:
        types = filestore.normalize_types(type)
    except ValueError as exc:
        raise RilletAPIException(str(exc)) from None
    props: dict[str, Any] = {
        "label": check_label(label, "file_uploader"),
        "help": help,
        "disabled": bool(disabled),
        "label_visibility": check_label_visibility(label_visibility),
        "types": list(types or ()),
        "multiple": multiple,
        "max_upload_size_mb": _upload_limit_mb(max_upload_size),
        "width": width,
    }
    identity: tuple[Any, ...] = (label, types, multiple, help, max_upload_size)
    if directory:
        props["directory"] = True
        identity += ("directory",)
    ctx = context.current()
    if ctx is None:
        return [] if multiple else None
    ukey = check_key(key)
    wid = widget_id("file_uploader", ukey, identity, target().form_id)
    state = ctx.session.state
    # Iterating the keys, not `in`: a membership test would count as a read of the key by
    # a reactive fragment.
    if ukey is not None and state.widget_spec(wid) is None and ukey in list(state):
        raise RilletAPIException(
            f"Values for the widget with `key` '{ukey}' cannot be set using `st.session_state`."
        )
    store = uploads_of(ctx.session)
    own_limit = None if max_upload_size is None else filestore.max_upload_bytes(max_upload_size)
    store.set_rules(wid, UploaderRules(types, multiple, own_limit, directory))
    store.release_widgets(lambda w: w == wid or state.widget_spec(w) is not None)
    props["files"] = [
        {"file_id": r.file_id, "name": r.name, "size": len(r.data)} for r in store.files_of(wid)
    ]

    def decode(wire: Any) -> UploadedFile | list[UploadedFile] | None:
        if not isinstance(wire, list | tuple):
            raise InvalidWidgetValue(f"expected a list of file ids, got {wire!r}")
        if not multiple and len(wire) > 1:
            raise InvalidWidgetValue("this uploader takes one file")
        if len(set(map(repr, wire))) != len(wire):
            raise InvalidWidgetValue("a file id is listed twice")
        files = []
        for file_id in wire:
            record = store.get(file_id)
            if record is None or record.widget_id != wid:
                raise InvalidWidgetValue(f"{file_id!r} is no upload of this uploader")
            files.append(UploadedFile(record))
        if multiple:
            return files
        return files[0] if files else None

    def encode(value: Any) -> list[str]:
        if value is None:
            return []
        items = value if isinstance(value, list | tuple) else [value]
        return [f.file_id for f in items]

    value = widget(
        "file_uploader",
        props,
        key=key,
        identity=identity,
        default=[] if multiple else None,
        decode=decode,
        encode=encode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
    )
    current = value if isinstance(value, list) else [value] if value is not None else []
    for file in current:
        if isinstance(file, UploadedFile) and not file.closed:
            file.seek(0)
    store.release_replaced(wid, encode(value))
    return value
