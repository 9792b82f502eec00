"""Encoding and validated decoding of websocket frames, with size limits.

Inbound frames are untrusted: anything that is not exactly one known message within the size
limit raises `ProtocolError` with a message fit for a log line, and the caller drops the frame.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from rillet.protocol.messages import Inbound, Outbound

# Inbound frames carry widget values (text areas, component values); uploads go over HTTP.
DEFAULT_INBOUND_LIMIT = 16 * 1024 * 1024
# Outbound batches can carry large tables; the browser copes, but a cap catches runaways.
DEFAULT_OUTBOUND_LIMIT = 256 * 1024 * 1024


class ProtocolError(ValueError):
    """An inbound frame was rejected: malformed, unknown, or too large."""


_decoder = msgspec.json.Decoder(Inbound)
_encoder = msgspec.json.Encoder()


def decode_inbound(frame: bytes | str, limit: int = DEFAULT_INBOUND_LIMIT) -> Inbound:
    """Decode one browser frame, or raise `ProtocolError` saying why it was rejected."""
    size = len(frame.encode() if isinstance(frame, str) else frame)
    if size > limit:
        raise ProtocolError(f"frame of {size} bytes exceeds the inbound limit of {limit} bytes")
    try:
        return _decoder.decode(frame)
    except msgspec.ValidationError as exc:
        raise ProtocolError(f"invalid message: {exc}") from None
    except msgspec.DecodeError as exc:
        raise ProtocolError(f"malformed frame: {exc}") from None


def encode_batch(messages: Sequence[Outbound]) -> bytes:
    """Encode outbound messages as one JSON array: one websocket frame per batch."""
    return _encoder.encode(list(messages))


def encode_message(message: Outbound | Inbound) -> bytes:
    """Encode a single message (tests and the browser-side mirror use this shape)."""
    return _encoder.encode(message)
