"""Encoding and validated decoding of websocket frames, with size and nesting limits.

Inbound frames are untrusted: anything that is not exactly one known message within the size
and nesting limits raises `ProtocolError` with a message fit for a log line, and the caller
drops the frame.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate

import msgspec

from rillet.protocol.messages import Inbound, Outbound

# Inbound frames carry widget values (text areas, component values); uploads go over HTTP.
DEFAULT_INBOUND_LIMIT = 16 * 1024 * 1024
# Outbound batches can carry large tables; the browser copes, but a cap catches runaways.
DEFAULT_OUTBOUND_LIMIT = 256 * 1024 * 1024
# How deep arrays and objects may nest in an inbound frame, the message itself counting as
# one level (a widget value sits at level 4). msgspec decodes nested values recursively and
# raises RecursionError near the interpreter's recursion limit (about 1,000 levels, fewer on a
# deep stack), and every later step (validation, copies, hashing) recurses again: so frames
# are measured before they are decoded.
DEFAULT_NESTING_LIMIT = 100


class ProtocolError(ValueError):
    """An inbound frame was rejected: malformed, unknown, too large or too deeply nested."""


_decoder = msgspec.json.Decoder(Inbound)
_encoder = msgspec.json.Encoder()

# A JSON string, escapes included; an unterminated one runs to the end (the frame is malformed
# and the decoder says so). Unrolled so that runs of plain characters are one step each.
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"?', re.S)
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = [0] * 256
for _open in b"[{":
    _STEP[_open] = 1
for _close in b"]}":
    _STEP[_close] = -1


def nesting_depth(frame: bytes, limit: int) -> int:
    """How deep arrays and objects nest in ``frame``, or a cheap bound when it is at most
    ``limit`` (brackets inside strings do not count).

    A frame with no more opening brackets than ``limit`` cannot nest deeper, so ordinary
    frames cost two `bytes.count` calls; only the rest are scanned, in C-speed steps.
    """
    opened = frame.count(b"[") + frame.count(b"{")
    if opened <= limit:
        return opened
    brackets = _STRING.sub(b"", frame).translate(None, _NOT_BRACKET)
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def decode_inbound(
    frame: bytes | str,
    limit: int = DEFAULT_INBOUND_LIMIT,
    nesting_limit: int = DEFAULT_NESTING_LIMIT,
) -> Inbound:
    """Decode one browser frame, or raise `ProtocolError` saying why it was rejected."""
    data = frame.encode("utf-8", "surrogatepass") if isinstance(frame, str) else frame
    size = len(data)
    if size > limit:
        raise ProtocolError(f"frame of {size} bytes exceeds the inbound limit of {limit} bytes")
    depth = nesting_depth(data, nesting_limit)
    if depth > nesting_limit:
        raise ProtocolError(
            f"frame nests {depth} levels deep, over the nesting limit of {nesting_limit}"
        )
    try:
        return _decoder.decode(data)
    except msgspec.ValidationError as exc:
        raise ProtocolError(f"invalid message: {exc}") from None
    except msgspec.DecodeError as exc:
        raise ProtocolError(f"malformed frame: {exc}") from None
    except RecursionError:
        # Within the nesting limit, but the calling thread's stack was already deep.
        raise ProtocolError("frame nests too deeply to decode") from None


def encode_batch(messages: Sequence[Outbound]) -> bytes:
    """Encode outbound messages as one JSON array: one websocket frame per batch."""
    return _encoder.encode(list(messages))


def encode_message(message: Outbound | Inbound) -> bytes:
    """Encode a single message (tests and the browser-side mirror use this shape)."""
    return _encoder.encode(message)
