"""Byte ranges: the parsing rules of RFC 9110 (single ranges, suffixes, If-Range), and the
media route answering 206, 416 and 200 so that audio and video can seek."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from starlette.applications import Starlette

from rillet.config import Config
from rillet.elements.filestore import INLINE_MEDIA, InlineFile
from rillet.server import create_app
from rillet.server.ranges import ByteRange, RangeNotSatisfiable, requested_range
from tests.conftest import run_async, write_script

# --- parsing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-9", (0, 9)),
        ("bytes=10-", (10, 99)),
        ("bytes=-10", (90, 99)),
        ("bytes=50-500", (50, 99)),  # an end past the file is cut to the file
        ("BYTES = 5 - 6", (5, 6)),
        ("bytes=-1000", (0, 99)),  # a suffix longer than the file is the whole file
        ("bytes=0-", (0, 99)),  # still a 206: browsers learn from it that seeking works
        ("bytes=0-99", (0, 99)),
    ],
)
def test_single_ranges_and_suffixes(header: str, expected: tuple[int, int] | None) -> None:
    got = requested_range(header, 100)

    assert (None if got is None else (got.start, got.end)) == expected


@pytest.mark.parametrize(
    "header",
    [None, "", "bytes=", "bytes=-", "items=0-5", "bytes=5-2", "bytes=0-5,10-20", "bytes=a-b"],
)
def test_missing_malformed_or_multiple_ranges_mean_the_whole_file(header: str | None) -> None:
    assert requested_range(header, 100) is None


@pytest.mark.parametrize("header", ["bytes=100-", "bytes=200-300", "bytes=-0"])
def test_a_range_past_the_end_is_not_satisfiable(header: str) -> None:
    with pytest.raises(RangeNotSatisfiable) as caught:
        requested_range(header, 100)

    assert caught.value.content_range == "bytes */100"


def test_if_range_with_another_version_means_the_whole_file() -> None:
    assert requested_range("bytes=0-9", 100, if_range='"old"', etag='"new"') is None
    assert requested_range("bytes=0-9", 100, if_range='"new"', etag='"new"') == ByteRange(0, 9, 100)


def test_a_range_names_its_part_and_length() -> None:
    part = ByteRange(10, 19, 100)

    assert part.length == 10
    assert part.content_range == "bytes 10-19/100"


# --- the media route --------------------------------------------------------------------------

BODY = bytes(range(256)) * 40  # 10,240 bytes, each position recognisable


@pytest.fixture
def served() -> Iterator[tuple[Starlette, InlineFile]]:
    app = create_app(write_script("import rillet as st\n"), Config(preload_imports=False))
    media = INLINE_MEDIA.add("ranges-test-session", BODY, "audio/wav")
    yield app, media
    INLINE_MEDIA.retain("ranges-test-session", ())
    app.state.rillet.manager.close_all()


def get(app: Starlette, path: str, headers: dict[str, str]) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.get(path, headers=headers)

    response: httpx.Response = run_async(go())
    return response


def path_of(media: InlineFile) -> str:
    return media.url.removeprefix(".")


def test_the_whole_file_says_it_takes_ranges(served: tuple[Starlette, InlineFile]) -> None:
    app, media = served

    answer = get(app, path_of(media), {})
    first = get(app, path_of(media), {"Range": "bytes=0-"})

    assert answer.status_code == 200
    assert answer.content == BODY
    assert answer.headers["accept-ranges"] == "bytes"
    # A media element's first request: the whole file, as a 206 that says ranges work.
    assert first.status_code == 206 and first.content == BODY
    assert first.headers["content-range"] == f"bytes 0-{len(BODY) - 1}/{len(BODY)}"


def test_a_range_in_the_middle_gets_206_with_exactly_those_bytes(
    served: tuple[Starlette, InlineFile],
) -> None:
    app, media = served

    answer = get(app, path_of(media), {"Range": "bytes=5000-5099"})

    assert answer.status_code == 206
    assert answer.content == BODY[5000:5100]
    assert answer.headers["content-range"] == f"bytes 5000-5099/{len(BODY)}"
    assert answer.headers["content-length"] == "100"
    assert answer.headers["content-type"] == "audio/wav"
    assert answer.headers["etag"] == f'"{media.media_id}"'


def test_an_open_range_runs_to_the_end(served: tuple[Starlette, InlineFile]) -> None:
    app, media = served

    answer = get(app, path_of(media), {"Range": "bytes=10000-"})

    assert answer.status_code == 206
    assert answer.content == BODY[10000:]


def test_a_range_past_the_end_gets_416(served: tuple[Starlette, InlineFile]) -> None:
    app, media = served

    answer = get(app, path_of(media), {"Range": f"bytes={len(BODY)}-"})

    assert answer.status_code == 416
    assert answer.content == b""
    assert answer.headers["content-range"] == f"bytes */{len(BODY)}"


def test_an_if_range_naming_another_version_gets_the_whole_file(
    served: tuple[Starlette, InlineFile],
) -> None:
    app, media = served

    stale = get(app, path_of(media), {"Range": "bytes=0-9", "If-Range": '"0123"'})
    fresh = get(app, path_of(media), {"Range": "bytes=0-9", "If-Range": f'"{media.media_id}"'})

    assert stale.status_code == 200 and stale.content == BODY
    assert fresh.status_code == 206 and fresh.content == BODY[:10]
