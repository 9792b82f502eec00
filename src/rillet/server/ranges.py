"""HTTP Range requests (RFC 9110 §14): which bytes of a stored file a request asks for.

Audio and video elements seek by asking for a byte range (``Range: bytes=1000-``); without an
answer of ``206 Partial Content`` Chromium cannot move the playhead of a file it has not
fully loaded, and a seek to the middle jumps back to the start. Only single ranges are
served: a request for several ranges gets the whole file (``200``), which the RFC allows and
every browser accepts. No IO here: the route asks `requested_range` and cuts the bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPEC = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)
# Range headers longer than this are not a single byte range: answer with the whole file.
_MAX_HEADER = 200


@dataclass(frozen=True)
class ByteRange:
    """The bytes ``start`` to ``end`` inclusive of a file of ``size`` bytes."""

    start: int
    end: int
    size: int

    @property
    def length(self) -> int:
        """How many bytes the range holds."""
        return self.end - self.start + 1

    @property
    def content_range(self) -> str:
        """The ``Content-Range`` header of a ``206`` answer."""
        return f"bytes {self.start}-{self.end}/{self.size}"


class RangeNotSatisfiable(Exception):
    """A well-formed range that lies wholly past the end of the file: answer ``416``."""

    def __init__(self, size: int) -> None:
        super().__init__(f"no byte of the range lies within the file's {size} bytes")
        self.size = size

    @property
    def content_range(self) -> str:
        """The ``Content-Range`` header of the ``416`` answer."""
        return f"bytes */{self.size}"


def requested_range(
    header: str | None, size: int, *, if_range: str | None = None, etag: str | None = None
) -> ByteRange | None:
    """The one byte range ``header`` asks of a file of ``size`` bytes, or None for the whole.

    None when there is no header, when it is malformed or asks for several ranges (both mean
    "send everything"), or when ``If-Range`` names another version than ``etag``. Raises
    `RangeNotSatisfiable` when the range starts past the end (or asks for the last 0 bytes).
    """
    if not header or len(header) > _MAX_HEADER:
        return None
    if if_range is not None and (etag is None or if_range.strip() != etag):
        return None  # the browser holds another version: it must get the whole new one
    match = _SPEC.match(header)
    if match is None:
        return None
    first, last = match.group(1), match.group(2)
    if not first and not last:
        return None
    if not first:
        # A suffix: the last N bytes.
        suffix = int(last)
        if suffix == 0:
            raise RangeNotSatisfiable(size)
        start, end = max(size - suffix, 0), size - 1
    else:
        start = int(first)
        end = int(last) if last else size - 1
        if last and end < start:
            return None  # invalid: the RFC says to ignore the header
        if start >= size:
            raise RangeNotSatisfiable(size)
        end = min(end, size - 1)
    if size == 0:
        return None
    # Even a range that covers the whole file is answered with 206: Chromium takes a 200
    # answer to its first "bytes=0-" as "this server cannot seek".
    return ByteRange(start, end, size)
