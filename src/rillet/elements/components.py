"""Custom components: HTML and pages in frames, and declared components that send values back.

`declare_component` binds a name to a frontend (a folder rillet serves, or a dev server URL).
Calling the result writes a *component instance*: a widget whose frontend runs in a sandboxed
iframe and speaks Streamlit's v1 postMessage protocol, so existing component frontends work
unchanged. Arguments travel as JSON; bytes and dataframes travel base64 in JSON (dataframes as
Arrow IPC, which needs pyarrow). pandas and pyarrow are imported only when such values appear.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import inspect
import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rillet.elements.base import emit, widget
from rillet.elements.data import is_dataframe_like
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

log = logging.getLogger("rillet.components")

# Reading Arrow IPC from the browser needs a pyarrow without CVE-2023-47248.
_SAFE_PYARROW = (14, 0, 1)


class MarshallComponentException(RilletAPIException):
    """A component's arguments cannot be sent to its frontend (Streamlit's name)."""


# --- the registry --------------------------------------------------------------------------


@dataclass(frozen=True)
class Declaration:
    """A declared component: where its frontend comes from, and how its frame is sandboxed."""

    name: str
    path: str | None  # the served folder, resolved (symlinks followed)
    url: str | None  # a dev server
    allow_same_origin: bool = False


class ComponentRegistry:
    """Declared components of this process, by name; the component route serves from it.

    Declarations usually run at import time of a component package, outside any session, so
    the registry belongs to the process, as in Streamlit.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._declarations: dict[str, Declaration] = {}

    def register(self, declaration: Declaration) -> None:
        """Add or replace a declaration (a script that declares on every run replaces it with
        an equal one, quietly)."""
        with self._lock:
            old = self._declarations.get(declaration.name)
            self._declarations[declaration.name] = declaration
        if old is not None and old != declaration:
            log.warning("component %r is declared again, now as %s", declaration.name, declaration)

    def get(self, name: str) -> Declaration | None:
        """The declaration named ``name``, or None."""
        with self._lock:
            return self._declarations.get(name)

    def root_of(self, name: str) -> str | None:
        """The folder whose files are served for ``name``; None for unknown or URL components."""
        declaration = self.get(name)
        return declaration.path if declaration is not None else None


REGISTRY = ComponentRegistry()


# --- values in transit ---------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise InvalidWidgetValue(f"expected base64 text, got {type(text).__name__}")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidWidgetValue(f"invalid base64: {exc}") from None


def _is_bytes_like(value: object) -> bool:
    return isinstance(value, bytes | bytearray | memoryview)


def _to_pandas(data: Any) -> Any:
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return data
    to_pandas = getattr(data, "to_pandas", None)  # polars, pyarrow
    if callable(to_pandas):
        return to_pandas()
    return pd.DataFrame(data)


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
    except ImportError:
        raise RilletAPIException(
            "Dataframes travel to and from components as Arrow: install pyarrow "
            "(`pip install pyarrow`, or `pip install rillet[data]`)."
        ) from None
    return pa


def _narrow_types(pa: Any, table: Any) -> Any:
    """Large strings, binaries and lists as their 32-bit-offset types.

    pandas 3 stores text as Arrow ``large_string``, which the Arrow JS bundled in existing
    component frontends cannot read ("Unrecognized type: LargeUtf8").
    """
    fields, changed = [], False
    for field in table.schema:
        kind = field.type
        if pa.types.is_large_string(kind):
            kind = pa.string()
        elif pa.types.is_large_binary(kind):
            kind = pa.binary()
        elif pa.types.is_large_list(kind):
            kind = pa.list_(kind.value_type)
        changed = changed or kind != field.type
        fields.append(field.with_type(kind))
    if not changed:
        return table
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))


def _ipc(frame: Any) -> bytes:
    pa = _pyarrow()
    try:
        table = pa.Table.from_pandas(frame)
    except (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
        # Mixed-type object columns do not convert; their text does.
        frame = frame.copy()
        for column in frame.columns:
            if frame[column].dtype == object:
                frame[column] = frame[column].astype(str)
        table = pa.Table.from_pandas(frame)
    table = _narrow_types(pa, table)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def dataframe_to_arrow(data: Any) -> dict[str, str]:
    """A dataframe-like value as Streamlit's ArrowTable: data, index and columns, each an Arrow
    IPC stream, base64-encoded."""
    import pandas as pd

    frame = _to_pandas(data)

    def labels(index: Any) -> Any:
        return pd.DataFrame([list(v) if isinstance(v, tuple) else v for v in index])

    return {
        "data": _b64(_ipc(frame)),
        "index": _b64(_ipc(labels(frame.index))),
        "columns": _b64(_ipc(labels(frame.columns))),
    }


def _read_ipc(payload: object) -> Any:
    try:
        import pyarrow as pa
    except ImportError:
        raise InvalidWidgetValue("dataframe values need pyarrow, not installed") from None
    if tuple(int(p) for p in pa.__version__.split(".")[:3] if p.isdigit()) < _SAFE_PYARROW:
        raise InvalidWidgetValue("reading Arrow from the browser needs pyarrow >= 14.0.1")
    data = _unb64(payload)
    try:
        with pa.ipc.open_stream(data) as reader:
            return reader.read_pandas()
    except Exception as exc:  # whatever forged bytes make Arrow or pandas raise
        raise InvalidWidgetValue(f"invalid Arrow data: {exc}") from None


def _labels_from(table: Any, length: int) -> Any:
    """Index or column labels from their Arrow table; None when they do not fit."""
    import pandas as pd

    if table is None or len(table) != length or table.shape[1] == 0:
        return None
    if table.shape[1] == 1:
        return pd.Index(table.iloc[:, 0].to_numpy())
    return pd.MultiIndex.from_frame(table, names=[None] * table.shape[1])


def arrow_to_dataframe(value: object) -> Any:
    """A dataframe from the browser: an ArrowTable ``{data, index, columns}`` (each base64 Arrow
    IPC) as Streamlit's component library sends it, or one base64 IPC stream."""
    if isinstance(value, str):
        return _read_ipc(value)
    if not isinstance(value, dict) or "data" not in value:
        raise InvalidWidgetValue("a dataframe value needs Arrow `data`")
    frame = _read_ipc(value["data"])
    index = _read_ipc(value["index"]) if value.get("index") else None
    columns = _read_ipc(value["columns"]) if value.get("columns") else None
    labels = _labels_from(index, len(frame))
    if labels is not None:
        frame.index = labels
    labels = _labels_from(columns, frame.shape[1])
    if labels is not None:
        frame.columns = labels
    return frame


def decode_component_value(wire: Any) -> Any:
    """The Python value of ``{"dataType": "json"|"bytes"|"dataframe", "value": ...}``."""
    if not isinstance(wire, dict) or set(wire) != {"dataType", "value"}:
        raise InvalidWidgetValue('expected {"dataType": ..., "value": ...}')
    data_type, value = wire["dataType"], wire["value"]
    if data_type == "json":
        return value
    if data_type == "bytes":
        return _unb64(value)
    if data_type == "dataframe":
        return arrow_to_dataframe(value)
    raise InvalidWidgetValue(f"unknown dataType {data_type!r}")


def encode_component_value(value: Any) -> dict[str, Any]:
    """The wire form of a Python value, as a frame would send it (AppTest's `set_value`)."""
    if _is_bytes_like(value):
        return {"dataType": "bytes", "value": _b64(bytes(value))}
    if is_dataframe_like(value):
        return {"dataType": "dataframe", "value": dataframe_to_arrow(value)}
    return {"dataType": "json", "value": value}


# --- frames ----------------------------------------------------------------------------------


def _frame_size(kind: str, width: object, height: object, tab_index: object) -> dict[str, Any]:
    for name, size in (("width", width), ("height", height)):
        if size is not None and (isinstance(size, bool) or not isinstance(size, int) or size < 0):
            raise RilletAPIException(
                f"`{name}` of {kind} must be a non-negative number of pixels, not {size!r}."
            )
    if tab_index is not None and (
        isinstance(tab_index, bool) or not isinstance(tab_index, int) or tab_index < -1
    ):
        raise RilletAPIException(
            f"`tab_index` of {kind} must be None, -1 (not focusable by Tab) or a non-negative "
            f"integer, not {tab_index!r}."
        )
    return {
        "width": width,
        "height": 150 if height is None else height,
        "tab_index": tab_index,
    }


def html(
    html: str,
    width: int | None = None,
    height: int | None = None,
    scrolling: bool = False,
    *,
    tab_index: int | None = None,
) -> None:
    """Show an HTML document in a sandboxed iframe; its scripts run, cut off from the app.

    The frame has an opaque origin: it cannot read the page, its cookies or its storage. To
    put HTML into the page itself, use ``st.markdown(..., unsafe_allow_html=True)``.

    Parameters:
        html: The document (or fragment) to show.
        width: The frame's width in pixels; the container's width by default.
        height: The frame's height in pixels (default 150).
        scrolling: Show scrollbars when the content is larger than the frame.
        tab_index: The frame's place in keyboard navigation: None (the browser's default),
            -1 (skipped by Tab) or a non-negative integer.
    """
    if not isinstance(html, str):
        raise RilletAPIException(f"components.html takes a string, not {type(html).__name__}.")
    props = {"srcdoc": html, "scrolling": bool(scrolling)}
    props.update(_frame_size("components.html", width, height, tab_index))
    emit("iframe", props)


def iframe(
    src: str,
    width: int | None = None,
    height: int | None = None,
    scrolling: bool = False,
    *,
    tab_index: int | None = None,
) -> None:
    """Show the page at ``src`` in a sandboxed iframe.

    Parameters:
        src: The page's URL (http, https, or relative to the app).
        width: The frame's width in pixels; the container's width by default.
        height: The frame's height in pixels (default 150).
        scrolling: Show scrollbars when the page is larger than the frame.
        tab_index: The frame's place in keyboard navigation: None (the browser's default),
            -1 (skipped by Tab) or a non-negative integer.
    """
    if not isinstance(src, str):
        raise RilletAPIException(f"components.iframe takes a URL string, not {src!r}.")
    props = {"src": src, "scrolling": bool(scrolling)}
    props.update(_frame_size("components.iframe", width, height, tab_index))
    emit("iframe", props)


# --- declared components -----------------------------------------------------------------


def _module_name(frame: Any) -> str:
    """The declaring module's name; a script (``__main__``) is named after its file."""
    name = frame.f_globals.get("__name__") or "__main__"
    if name == "__main__":
        filename = frame.f_globals.get("__file__") or frame.f_code.co_filename
        name = os.path.splitext(os.path.basename(filename))[0]
    return str(name)


class CustomComponent:
    """A declared component; call it to show an instance and get its value.

    ``component(*, key=None, default=None, on_change=None, **args)``: ``args`` go to the
    frontend; the call returns the value the frontend last set, or ``default`` before that.
    """

    def __init__(self, declaration: Declaration, module_name: str) -> None:
        self._declaration = declaration
        self.module_name = module_name

    @property
    def name(self) -> str:
        """The full name: the declaring module's name, a dot, the short name."""
        return self._declaration.name

    @property
    def path(self) -> str | None:
        """The served folder, for path components."""
        return self._declaration.path

    @property
    def url(self) -> str | None:
        """The dev server's URL, for url components."""
        return self._declaration.url

    @property
    def allow_same_origin(self) -> bool:
        """Whether the frame runs with the app's origin (``allow-same-origin``)."""
        return self._declaration.allow_same_origin

    def __call__(
        self,
        *args: Any,
        default: Any = None,
        key: str | int | None = None,
        on_change: Callable[..., Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Show an instance of the component and return its value.

        Parameters:
            default: Returned until the frontend sets a value.
            key: A unique key: the instance keeps its identity (and its frame) while its
                other arguments change, and names its value in ``session_state``.
            on_change: Called, without arguments, before the rerun a new value causes.
            **kwargs: Arguments for the frontend: JSON values, bytes, or dataframes.
        """
        if args:
            raise MarshallComponentException(f"Argument '{args[0]}' needs a label")
        return _instance(self._declaration, kwargs, default, key, on_change)

    create_instance = __call__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CustomComponent) and self._declaration == other._declaration

    def __hash__(self) -> int:
        return hash(self._declaration)

    def __repr__(self) -> str:
        where = self.path if self.path is not None else self.url
        return f"CustomComponent({self.name!r}, {where!r})"


def declare_component(
    name: str,
    path: str | os.PathLike[str] | None = None,
    url: str | None = None,
    *,
    allow_same_origin: bool = False,
) -> CustomComponent:
    """Declare a component whose frontend is the folder ``path`` or the dev server at ``url``.

    The frontend's ``index.html`` is loaded in a sandboxed iframe and talks to the app with
    Streamlit's component messages (see docs/components.md).

    Parameters:
        name: A short name; the full name is the declaring module's name, a dot, and this.
        path: A folder holding the built frontend (``index.html`` and its files).
        url: The URL of a running dev server, instead of ``path``.
        allow_same_origin: rillet only. Run the frame with the app's own origin, so it may
            use cookies and storage — and reach into the page. Grant it only to code you
            trust as much as the app itself. Streamlit always grants it.
    """
    if (path is None) == (url is None):
        raise RilletAPIException("Either 'path' or 'url' must be set, but not both.")
    if not isinstance(name, str) or not name or "/" in name:
        raise RilletAPIException(
            f"A component name must be a non-empty string without '/', not {name!r}."
        )
    frame = inspect.currentframe()
    caller = frame.f_back if frame is not None else None
    module_name = _module_name(caller) if caller is not None else "__main__"
    root = None
    if path is not None:
        root = os.path.realpath(os.fspath(path))
        if not os.path.isdir(root):
            raise RilletAPIException(f"No such component directory: '{os.path.abspath(path)}'")
    declaration = Declaration(f"{module_name}.{name}", root, url, bool(allow_same_origin))
    REGISTRY.register(declaration)
    return CustomComponent(declaration, module_name)


def _digest(parts: list[str]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def _instance(
    declaration: Declaration,
    kwargs: dict[str, Any],
    default: Any,
    key: str | int | None,
    on_change: Callable[..., Any] | None,
) -> Any:
    # Like Streamlit, the frontend also sees `default` and `key` among its args.
    all_args = {**kwargs, "default": default, "key": key}
    json_args: dict[str, Any] = {}
    bytes_args: dict[str, str] = {}
    dfs: list[dict[str, Any]] = []
    for arg, value in all_args.items():
        if _is_bytes_like(value):
            bytes_args[arg] = _b64(bytes(value))
        elif is_dataframe_like(value):
            dfs.append({"key": arg, **dataframe_to_arrow(value)})
        else:
            json_args[arg] = value
    try:
        args_text = json.dumps(json_args)
    except (TypeError, ValueError) as exc:
        raise MarshallComponentException(
            f"Could not convert component args to JSON: {exc}"
        ) from None
    props: dict[str, Any] = {
        "name": declaration.name,
        "url": declaration.url,
        "args": args_text,
        "same_origin": declaration.allow_same_origin,
    }
    if bytes_args:
        props["bytes_args"] = bytes_args
    if dfs:
        props["dfs"] = dfs
    special = [f"{k}={v}" for k, v in sorted(bytes_args.items())]
    special += [f"{d['key']}={d['data']}|{d['index']}|{d['columns']}" for d in dfs]
    value = widget(
        "component",
        props,
        key=key,
        identity=(declaration.name, declaration.url, args_text, _digest(special)),
        default=None,
        decode=decode_component_value,
        encode=encode_component_value,
        on_change=on_change,
        value_in_props=False,
    )
    return default if value is None else value


def component_args(props: dict[str, Any]) -> dict[str, Any]:
    """The arguments an instance's frontend receives, as Python values (for AppTest)."""
    args: dict[str, Any] = json.loads(props.get("args") or "{}")
    for arg, text in (props.get("bytes_args") or {}).items():
        args[arg] = base64.b64decode(text)
    for df in props.get("dfs") or []:
        args[df["key"]] = arrow_to_dataframe(df)
    return args
