"""The ``data`` of a v2 component on its way to the page, in the shapes Streamlit gives its JS.

Streamlit 1.67 hands a component's default export ``data`` as: parsed JSON for JSON values, a
``Uint8Array`` for ``bytes``, a ``Uint8Array`` of Arrow IPC for a dataframe-like value, and
for a dict whose first level holds dataframes, the dict with each frame in place. rillet sends
the same, base64 in JSON: ``{"json": text}``, ``{"bytes": b64}``, ``{"arrow": b64}`` or
``{"json": text, "arrow_blobs": {ref: b64}}`` with ``{"__streamlit_arrow_ref__": ref}`` where a
frame was. pandas and pyarrow are imported only when a frame appears.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from rillet.elements.data import is_dataframe_like
from rillet.runtime.errors import RilletAPIException

ARROW_REF_KEY = "__streamlit_arrow_ref__"


class BidiComponentError(RilletAPIException):
    """Base of the v2 component errors (Streamlit's name)."""


class BidiComponentUnserializableDataError(BidiComponentError):
    """``data`` cannot travel to the component (Streamlit's name and wording)."""

    def __init__(self, detail: str = "") -> None:
        message = (
            "The `data` provided to the bidirectional component could not be serialized. "
            "Please ensure the data is JSON-serializable, or is a supported data structure "
            "like a pandas DataFrame."
        )
        super().__init__(f"{message} {detail}".rstrip())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _json_text(value: Any) -> str:
    # NaN and Infinity are not JSON: the browser's JSON.parse would fail on them.
    try:
        return json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise BidiComponentUnserializableDataError(f"({exc})") from None


def arrow_ipc(frame: Any) -> bytes:
    """A dataframe-like value as one Arrow IPC stream (what Streamlit sends for a frame)."""
    from rillet.elements.components import _ipc, _to_pandas

    return _ipc(_to_pandas(frame))


def encode_data(data: Any) -> dict[str, Any] | None:
    """``data`` as the element carries it; raises `BidiComponentUnserializableDataError`."""
    if data is None:
        return None
    if isinstance(data, bytes | bytearray | memoryview):
        return {"bytes": _b64(bytes(data))}
    if isinstance(data, Mapping):
        blobs: dict[str, str] = {}
        shown: dict[Any, Any] = {}
        for key, value in data.items():
            if is_dataframe_like(value):
                ipc = arrow_ipc(value)
                ref = hashlib.blake2b(ipc, digest_size=16).hexdigest()
                blobs[ref] = _b64(ipc)
                shown[key] = {ARROW_REF_KEY: ref}
            else:
                shown[key] = value
        encoded: dict[str, Any] = {"json": _json_text(shown)}
        if blobs:
            encoded["arrow_blobs"] = blobs
        return encoded
    if not isinstance(data, list | tuple | str | int | float | bool) and is_dataframe_like(data):
        return {"arrow": _b64(arrow_ipc(data))}
    return {"json": _json_text(data)}


def data_digest(encoded: dict[str, Any] | None) -> str:
    """A short fingerprint of encoded data, for the identity of unkeyed instances."""
    text = json.dumps(encoded, sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def decode_data(encoded: dict[str, Any] | None) -> Any:
    """The Python view of encoded data (AppTest): frames as pandas, bytes as bytes."""
    if encoded is None:
        return None
    if "bytes" in encoded:
        return base64.b64decode(encoded["bytes"])
    if "arrow" in encoded:
        return _read_frame(encoded["arrow"])
    value = json.loads(encoded["json"])
    blobs = encoded.get("arrow_blobs") or {}
    if isinstance(value, dict) and blobs:
        for key, item in value.items():
            if isinstance(item, dict) and set(item) == {ARROW_REF_KEY}:
                value[key] = _read_frame(blobs[item[ARROW_REF_KEY]])
    return value


def _read_frame(text: str) -> Any:
    import pyarrow as pa

    with pa.ipc.open_stream(base64.b64decode(text)) as reader:
        return reader.read_pandas()
