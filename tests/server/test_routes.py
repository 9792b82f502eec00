"""HTTP routes: the page, health, static files with cache headers, and mounting under a prefix."""

from __future__ import annotations

import asyncio
import json

import httpx
import websockets
from starlette.applications import Starlette
from starlette.routing import Mount

from rillet.server import create_app
from tests.conftest import run_async, write_script

SCRIPT = "import rillet as st\nst.text('mounted ok')\n"


class Client:
    """A synchronous face on httpx's in-process ASGI transport."""

    def __init__(self, app: Starlette) -> None:
        self.app = app

    def get(self, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
        return self.request("GET", path, headers)

    def request(
        self, method: str, path: str, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
                return await c.request(method, path, headers=headers)

        return run_async(go())


def test_page_health_and_static_files() -> None:
    client = Client(create_app(write_script(SCRIPT)))
    page = client.get("/")
    assert page.status_code == 200 and "<title>app</title>" in page.text
    assert client.get("/_rillet/health").text == "ok"
    js = client.get("/static/main.js")
    assert js.status_code == 200
    assert js.headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert js.headers["cache-control"] == "no-cache"
    assert js.headers["x-content-type-options"] == "nosniff"
    etag = js.headers["etag"]
    assert client.get("/static/main.js", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/static/main.js", headers={"If-None-Match": '"other"'}).text == js.text
    css = client.get("/static/theme.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get("/static/elements/nonexistent.js").status_code == 404


def test_static_files_are_read_only() -> None:
    client = Client(create_app(write_script(SCRIPT)))
    for method in ("post", "put", "delete"):
        response = client.request(method.upper(), "/static/main.js")
        assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"


def test_static_route_refuses_traversal() -> None:
    client = Client(create_app(write_script(SCRIPT)))
    for path in ["/static/../server/app.py", "/static/%2e%2e/server/app.py", "/static//etc/passwd"]:
        assert client.get(path).status_code == 404


def test_app_mounted_under_a_prefix_serves_page_and_websocket() -> None:
    from tests.conftest import LiveServer

    inner = write_script(SCRIPT)
    server = LiveServer(inner)
    outer = Starlette(routes=[Mount("/tools/dash", app=server.app)])
    server.server.config.app = outer
    server.start()
    try:
        page = httpx.get(f"http://127.0.0.1:{server.port}/tools/dash/")
        assert page.status_code == 200 and "./static/" in page.text
        module = httpx.get(f"http://127.0.0.1:{server.port}/tools/dash/static/main.js")
        assert module.status_code == 200 and "import" in module.text
        bare = httpx.get(f"http://127.0.0.1:{server.port}/tools/dash")
        assert bare.status_code == 307 and bare.headers["location"].endswith("/tools/dash/")

        async def go() -> str:
            url = f"ws://127.0.0.1:{server.port}/tools/dash/_rillet/ws"
            origin = {"Origin": f"http://127.0.0.1:{server.port}"}
            async with websockets.connect(url, additional_headers=origin) as ws:
                await ws.send(json.dumps({"type": "hello", "version": 1}))
                while True:
                    for m in json.loads(await asyncio.wait_for(ws.recv(), 5)):
                        if m["type"] == "delta" and m["element"]["kind"] == "text":
                            return str(m["element"]["props"]["body"])

        assert run_async(go()) == "mounted ok"
    finally:
        server.stop()
