"""Static files: vendored libraries are read on first request (never at start-up), cached for
good only under their exact version token, gzipped for clients that accept it, revalidated
with 304s, and no path leaves the frontend folder."""

from __future__ import annotations

import gzip
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import httpx

from rillet.server import create_app
from rillet.server.static import FRONTEND_DIR, IMMUTABLE, StaticAssets, eager
from tests.conftest import run_async, write_script

VEGA = "vendor/vega/vega.min.js"
LIBRARIES: dict[str, Any] = json.loads((FRONTEND_DIR / "vendor/manifest.json").read_text())[
    "libraries"
]
VEGA_TOKEN = LIBRARIES["vega"][0]["src"].partition("?v=")[2]


class Reply:
    """What an ASGI app sent for one request: status, headers, and the raw body bytes."""

    def __init__(self) -> None:
        self.status = 0
        self.headers: dict[str, str] = {}
        self.body = b""


def call(
    app: Callable[..., Awaitable[None]],
    path: str,
    headers: dict[str, str] | None = None,
    method: str = "GET",
) -> Reply:
    """Send one request straight to an ASGI app; the body comes back as sent (not decoded)."""
    target, _, query = path.partition("?")
    scope = {
        "type": "http",
        "method": method,
        "path": target,
        "root_path": "",
        "query_string": query.encode(),
        "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
    }
    reply = Reply()

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            reply.status = message["status"]
            reply.headers = {k.decode(): v.decode() for k, v in message["headers"]}
        else:
            reply.body += message.get("body", b"")

    run_async(app(scope, receive, send))
    return reply


def test_start_up_reads_the_page_modules_and_does_not_even_list_the_libraries() -> None:
    assets = StaticAssets(FRONTEND_DIR).assets
    assert assets["main.js"].loaded and assets["elements/charts.js"].loaded
    assert not [name for name in assets if name.startswith("vendor/")]


def test_a_library_is_read_on_its_first_request_and_kept() -> None:
    static = StaticAssets(FRONTEND_DIR)
    first = call(static, "/" + VEGA)
    assert first.status == 200 and first.body == (FRONTEND_DIR / VEGA).read_bytes()
    vendored = {name: a for name, a in static.assets.items() if name.startswith("vendor/")}
    assert [name for name, a in vendored.items() if a.loaded] == [VEGA]
    assert "vendor/plotly.js-dist-min/plotly.min.js" in vendored
    body = static.assets[VEGA].body
    assert call(static, "/" + VEGA).status == 200 and static.assets[VEGA].body is body


def test_the_exact_version_token_is_cached_for_good_anything_else_revalidates() -> None:
    static = StaticAssets(FRONTEND_DIR)
    exact = call(static, f"/{VEGA}?v={VEGA_TOKEN}")
    assert exact.headers["cache-control"] == IMMUTABLE == "public, max-age=31536000, immutable"
    for path in (f"/{VEGA}", f"/{VEGA}?v=stale-token", f"/{VEGA}?v="):
        reply = call(static, path)
        assert reply.status == 200
        assert reply.headers["cache-control"] == "no-cache" and reply.headers["etag"]
    assert call(static, "/main.js?v=" + VEGA_TOKEN).headers["cache-control"] == "no-cache"


def test_gzip_is_sent_to_clients_that_accept_it() -> None:
    static = StaticAssets(FRONTEND_DIR)
    raw = (FRONTEND_DIR / VEGA).read_bytes()
    zipped = call(static, f"/{VEGA}?v={VEGA_TOKEN}", {"Accept-Encoding": "gzip, deflate, br"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["vary"] == "Accept-Encoding"
    assert int(zipped.headers["content-length"]) == len(zipped.body) < len(raw) / 2
    assert gzip.decompress(zipped.body) == raw
    assert zipped.headers["cache-control"] == IMMUTABLE

    for refuses in ({}, {"Accept-Encoding": "identity"}, {"Accept-Encoding": "gzip;q=0, br"}):
        plain = call(static, f"/{VEGA}", refuses)
        assert "content-encoding" not in plain.headers
        assert plain.headers["vary"] == "Accept-Encoding"
        assert int(plain.headers["content-length"]) == len(plain.body) and plain.body == raw
    assert call(static, "/" + VEGA, {"Accept-Encoding": "*"}).headers["content-encoding"] == "gzip"


def test_page_modules_are_gzipped_too() -> None:
    static = StaticAssets(FRONTEND_DIR)
    reply = call(static, "/theme.css", {"Accept-Encoding": "gzip"})
    assert reply.headers["content-encoding"] == "gzip"
    assert gzip.decompress(reply.body) == (FRONTEND_DIR / "theme.css").read_bytes()


def test_a_known_etag_gets_a_304_in_either_encoding() -> None:
    static = StaticAssets(FRONTEND_DIR)
    plain = call(static, "/" + VEGA).headers["etag"]
    zipped = call(static, "/" + VEGA, {"Accept-Encoding": "gzip"}).headers["etag"]
    assert plain != zipped
    for etag in (plain, zipped, "W/" + zipped, f'"other", {plain}'):
        for encoding in ("gzip", "identity"):
            reply = call(static, "/" + VEGA, {"If-None-Match": etag, "Accept-Encoding": encoding})
            assert reply.status == 304 and reply.body == b""
    assert call(static, "/" + VEGA, {"If-None-Match": '"other"'}).status == 200


def test_head_answers_with_the_length_of_what_get_sends() -> None:
    static = StaticAssets(FRONTEND_DIR)
    head = call(static, "/" + VEGA, {"Accept-Encoding": "gzip"}, method="HEAD")
    get = call(static, "/" + VEGA, {"Accept-Encoding": "gzip"})
    assert head.status == 200 and head.headers["content-length"] == str(len(get.body))


def test_library_paths_cannot_leave_the_frontend_folder() -> None:
    app = create_app(write_script("import rillet as st\n"))

    async def get(path: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return await c.get(path)

    for path in [
        "/static/vendor/../server.py",
        "/static/vendor/%2e%2e/%2e%2e/server/app.py",
        "/static/vendor/vega/..%2f..%2f..%2fserver%2fstatic.py",
        "/static/vendor/%2e%2e%2fvendor.js",
        "/static/vendor/vega/LICENSE/..",
        "/static/vendor//etc/passwd",
    ]:
        reply = run_async(get(path))
        assert reply.status_code == 404 and reply.text == "Not Found", path
    assert run_async(get("/static/vendor/vega/vega.min.js")).status_code == 200


def test_the_page_preloads_no_library_nor_chart_module() -> None:
    links = StaticAssets(FRONTEND_DIR).module_preload_links()
    assert "./static/main.js" in links and "./static/elements/charts.js" in links
    assert "vendor" not in links and "elements/charts/" not in links
    assert not eager("vendor.js") and not eager("vendor/manifest.js")
    assert not eager("elements/charts/vega.js") and eager("elements/data.js")
