"""Inbound frames nested too deeply are rejected before the decoder can recurse into them."""

from __future__ import annotations

import sys
import threading

import pytest

from rillet.protocol.codec import (
    DEFAULT_NESTING_LIMIT,
    ProtocolError,
    decode_inbound,
    nesting_depth,
)
from rillet.protocol.messages import RerunRequest, Stop


def rerun_with_value(value: str) -> str:
    return '{"type":"rerun","values":[{"id":"w","value":' + value + "}]}"


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize(
    ("frame", "depth"),
    [
        (b"{}", 1),
        (b'{"a":[[1],{"b":[]}]}', 4),
        (b'{"a":"[[[[[[[[{{{{"}', 1),
        (b'{"a":"\\"[[[[[[","b":[[]]}', 3),
        (b'["\\\\",[[]]]', 3),
        (b'{"a":"unterminated [[[[[[', 1),
    ],
)
def test_depth_ignores_brackets_inside_strings(frame: bytes, depth: int) -> None:
    assert nesting_depth(frame, limit=0) == depth


def test_a_frame_within_the_limit_decodes() -> None:
    value = nested(DEFAULT_NESTING_LIMIT - 3)  # message, values list and value object: 3
    message = decode_inbound(rerun_with_value(value))
    assert isinstance(message, RerunRequest)


@pytest.mark.parametrize("levels", [DEFAULT_NESTING_LIMIT, 1_000, 5_000, 3_000_000])
def test_a_frame_nested_too_deeply_is_rejected_before_decoding(levels: int) -> None:
    frame = rerun_with_value(nested(levels))
    with pytest.raises(ProtocolError, match="over the nesting limit of 100"):
        decode_inbound(frame, limit=len(frame))


def test_the_nesting_limit_is_configurable() -> None:
    frame = rerun_with_value(nested(10))
    decode_inbound(frame)
    with pytest.raises(ProtocolError, match="nests 13 levels deep, over the nesting limit of 5"):
        decode_inbound(frame, nesting_limit=5)


def test_brackets_in_strings_do_not_count_against_the_limit() -> None:
    frame = rerun_with_value('"' + "[" * 10_000 + '"')
    message = decode_inbound(frame)
    assert isinstance(message, RerunRequest) and message.values[0].value == "[" * 10_000


def test_a_deep_stack_turns_a_recursion_error_into_a_rejection() -> None:
    """Within the limit, on a thread whose stack is nearly used up: still a clean rejection."""
    outcome: list[object] = []

    def deep(n: int) -> None:
        if n:
            deep(n - 1)
            return
        try:
            outcome.append(decode_inbound(rerun_with_value(nested(90))))
        except ProtocolError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=deep, args=(sys.getrecursionlimit() - 60,))
    thread.start()
    thread.join()
    assert len(outcome) == 1
    assert isinstance(outcome[0], (RerunRequest, ProtocolError))


def test_stop_is_an_inbound_message() -> None:
    assert decode_inbound('{"type":"stop"}') == Stop()
    with pytest.raises(ProtocolError):
        decode_inbound('{"type":"stop","now":true}')
