"""The protocol's codec, and the browser's mirror of it staying in step."""

from __future__ import annotations

import re
from pathlib import Path

import msgspec
import pytest

import rillet
from rillet.protocol import messages
from rillet.protocol.codec import ProtocolError, decode_inbound, encode_batch

PROTOCOL_JS = Path(rillet.__file__).parent / "frontend" / "protocol.js"


def _structs() -> dict[str, type[msgspec.Struct]]:
    found = {}
    for obj in vars(messages).values():
        if isinstance(obj, type) and issubclass(obj, msgspec.Struct):
            tag = obj.__struct_config__.tag
            if isinstance(tag, str):
                found[tag] = obj
    return found


def test_frontend_mirror_lists_every_message_with_its_fields() -> None:
    text = PROTOCOL_JS.read_text()
    block = re.search(r"export const MESSAGE_FIELDS = \{(.*?)\n\};", text, re.S)
    assert block, "protocol.js must export MESSAGE_FIELDS as a plain literal"
    mirrored = {
        name: re.findall(r'"([^"]+)"', fields)
        for name, fields in re.findall(r"^\s*(\w+): \[(.*?)\],?$", block.group(1), re.M)
    }
    expected = {tag: list(s.__struct_fields__) for tag, s in _structs().items()}
    assert mirrored == expected
    assert f"PROTOCOL_VERSION = {messages.PROTOCOL_VERSION}" in text


def test_decode_accepts_each_inbound_shape() -> None:
    assert decode_inbound('{"type":"hello","version":1}') == messages.Hello(version=1)
    rerun = decode_inbound('{"type":"rerun","values":[{"id":"a","value":[1,2]}]}')
    assert isinstance(rerun, messages.RerunRequest) and rerun.values[0].value == [1, 2]
    assert decode_inbound(b'{"type":"ping"}') == messages.Ping()


@pytest.mark.parametrize(
    "frame",
    [
        "",
        "null",
        "{}",
        '{"type":"hello"}',
        '{"type":"hello","version":"1"}',
        '{"type":"rerun","values":[{"id":1,"value":2}]}',
        '{"type":"rerun","values":[{"id":"a"}]}',
        '{"type":"welcome","version":1,"session_id":"x","resumed":true}',
        "\xff",
    ],
)
def test_decode_rejects_bad_frames(frame: str) -> None:
    with pytest.raises(ProtocolError):
        decode_inbound(frame)


def test_limit_is_checked_before_parsing() -> None:
    with pytest.raises(ProtocolError, match="exceeds the inbound limit of 10 bytes"):
        decode_inbound('{"type":"ping"}', limit=10)


def test_a_batch_is_one_json_array() -> None:
    batch = encode_batch(
        [messages.RunStarted(1), messages.Keep([0], 0, 3), messages.RunFinished(1, "ok")]
    )
    assert batch == (
        b'[{"type":"run_started","run_id":1},'
        b'{"type":"keep","path":[0],"start":0,"end":3},'
        b'{"type":"run_finished","run_id":1,"status":"ok"}]'
    )
