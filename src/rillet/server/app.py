"""`create_app`: the Starlette application that serves one script.

It is an ordinary ASGI app, so it can be served by uvicorn (what `rillet run` does) or mounted
under a prefix in another ASGI app. Background work (session reaping, the file watcher) starts
with the first websocket, because a mounted sub-app gets no lifespan events.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket

from rillet.config import Config
from rillet.elements import filestore
from rillet.runtime.options import STORE as OPTION_STORE
from rillet.runtime.options import theme_css
from rillet.runtime.runner import RUNS_FINISHED
from rillet.runtime.script import ScriptSource
from rillet.runtime.secrets import secrets
from rillet.runtime.session import SessionManager
from rillet.runtime.snapshots import Snapshots
from rillet.server.components import component_route
from rillet.server.data_export import data_export_route
from rillet.server.media import media_route
from rillet.server.session_store import open_session_store
from rillet.server.static import FRONTEND_DIR, StaticAssets
from rillet.server.uploads import set_xsrf_cookie, upload_route
from rillet.server.websocket import CLOSE_FORBIDDEN, serve_websocket, set_browser_key_cookie
from rillet.startup import end_startup, start_preload
from rillet.version import __version__

log = logging.getLogger("rillet.server")

REAP_INTERVAL = 5.0


class RilletServer:
    """The state behind the routes: config, sessions, background tasks."""

    def __init__(self, script_path: str, config: Config) -> None:
        self.config = config
        self.script_path = os.path.abspath(script_path)
        store = open_session_store(config.session_store)
        self.snapshots = (
            None
            if store is None
            else Snapshots(
                store,
                config.session_secret,
                config.session_snapshot_ttl,
                config.session_snapshot_limit,
            )
        )
        self.manager = SessionManager(
            ScriptSource(self.script_path, config.magic),
            config.session_ttl,
            config.run_time_limit,
            self.snapshots,
        )
        self._drained = False
        self._tasks: list[asyncio.Task[None]] = []
        if config.preload_imports:
            start_preload(self.script_path)
        else:
            end_startup()
        self.static = StaticAssets(FRONTEND_DIR)
        self._index = (
            self.static.assets["index.html"]
            .body.decode("utf-8")
            .replace("%RILLET_PRELOAD%", self.static.module_preload_links())
            .replace("%RILLET_VERSION%", _escape(__version__))
        )

    async def page(self, request: Request) -> Response:
        page = request.path_params.get("page", "")
        if not page and not request.url.path.endswith("/"):
            # Under a mount prefix the page's relative URLs need the trailing slash.
            return RedirectResponse(request.url.replace(path=request.url.path + "/"), 307)
        if page in ("_rillet", "static"):
            return PlainTextResponse("Not Found", 404)  # rillet's own routes, not pages
        title = Path(self.script_path).stem.replace("_", " ")
        html = self._index.replace("%RILLET_TITLE%", _escape(title))
        theme = theme_css()
        if theme:
            style = f'<style id="rillet-theme">{theme}</style>'
            html = html.replace("</head>", f"{style}\n</head>", 1)
        response = HTMLResponse(html, headers={"Cache-Control": "no-cache"})
        set_xsrf_cookie(request, response)  # uploads repeat it in a header (server/uploads.py)
        set_browser_key_cookie(request, response)  # resuming a session takes it
        return response

    async def health(self, request: Request) -> Response:
        return PlainTextResponse("ok")

    async def websocket(self, websocket: WebSocket) -> None:
        self.start_background()
        await serve_websocket(websocket, self.manager, self.config)

    def start_background(self) -> None:
        if self._tasks:
            return
        self._tasks.append(asyncio.create_task(self._reap_forever()))
        if self.config.watch:
            self._tasks.append(asyncio.create_task(self._watch_script()))

    async def _reap_forever(self) -> None:
        """Housekeeping: expire dropped sessions; after a burst of runs, once it is over,
        hand the memory those runs freed back to the system."""
        ticks, seen, trimmed = 0, RUNS_FINISHED[0], RUNS_FINISHED[0]
        while True:
            await asyncio.sleep(1.0)
            ticks += 1
            if ticks % int(REAP_INTERVAL) == 0:
                self.manager.reap()
                if self.snapshots is not None and self.snapshots.shared:
                    await asyncio.to_thread(self.manager.refresh_snapshots)
            now = RUNS_FINISHED[0]
            if now == seen and now != trimmed:
                trimmed = now
                release_free_memory()
            seen = now

    async def _watch_script(self) -> None:
        from watchfiles import Change, awatch

        folder = os.path.dirname(self.script_path)
        try:
            async for changes in awatch(folder, recursive=False):
                if any(c != Change.deleted and p.endswith(".py") for c, p in changes):
                    log.info("script changed; rerunning connected sessions")
                    self.manager.rerun_all()
        except Exception:  # a watcher failure must not take the server down
            log.exception("file watching stopped")

    async def drain(self) -> None:
        """Before the sockets close: let runs finish, snapshot every session and wait for
        the writes, so tabs told to reconnect find their state on another process."""
        if self._drained:
            return
        self._drained = True
        await asyncio.to_thread(self.manager.drain, self.config.shutdown_grace)

    async def shutdown(self) -> None:
        await self.drain()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks.clear()
        self.manager.close_all()
        if self.snapshots is not None:
            await asyncio.to_thread(self.snapshots.close)


def websocket_protocol() -> str:
    """The uvicorn websocket implementation to serve with: the sans-IO one where available.

    It keeps a fraction of the per-connection buffers of the default one (about 100 KiB
    instead of 180 KiB per open tab, measured), and every open tab holds a connection.
    """
    from uvicorn.config import WS_PROTOCOLS

    return "websockets-sansio" if "websockets-sansio" in WS_PROTOCOLS else "auto"


def release_free_memory() -> None:
    """Return freed heap pages to the operating system (glibc only; a no-op elsewhere).

    A run allocates and frees a lot (frames, markdown, encodings); glibc keeps freed pages
    in its arenas, so a server's resident memory would only ever grow.
    """
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):
        pass


class HostGuard:
    """Refuses every request, on every route, whose Host header does not name this server.

    A page on another site can make a browser resolve its own name to 127.0.0.1 (DNS
    rebinding) and then read this server's answers as same-origin: only the Host header
    still tells, so it is checked before any route runs.
    """

    def __init__(self, app: ASGIApp, config: Config) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = Headers(scope=scope).get("host", "")
            if not self.config.host_allowed(host):
                log.warning("refused a request for host %r on %s", host, scope.get("path"))
                if scope["type"] == "http":
                    await PlainTextResponse("Invalid host header", 403)(scope, receive, send)
                else:
                    await send({"type": "websocket.close", "code": CLOSE_FORBIDDEN})
                return
        await self.app(scope, receive, send)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def create_app(
    script_path: str,
    config: Config | None = None,
    *,
    routes: Sequence[BaseRoute] = (),
    middleware: Sequence[Middleware] = (),
    exception_handlers: Mapping[Any, Callable[..., Any]] | None = None,
    lifespan: Callable[[Starlette], AbstractAsyncContextManager[Any]] | None = None,
    debug: bool = False,
) -> Starlette:
    """Build the ASGI app that serves ``script_path``.

    Parameters:
        script_path: The app's script.
        config: Server settings; defaults suit a local app on 127.0.0.1.
        routes: More routes, tried before rillet's (``st.App`` refuses rillet's paths).
        middleware: Middleware wrapped around rillet's own.
        exception_handlers: Starlette's, for errors in routes.
        lifespan: Run inside rillet's lifespan: entered at startup, left before shutdown.
        debug: Starlette's debug mode (tracebacks in error responses).
    """
    config = config or Config()
    script_dir = os.path.dirname(os.path.abspath(script_path))
    OPTION_STORE.ensure_loaded(script_dir)
    secrets.configure(script_dir)
    if config.streamlit_compat:
        from rillet import compat

        compat.install()  # before the preload starts: it must find the alias, not Streamlit
    server = RilletServer(script_path, config)
    filestore.set_max_upload_size(server.config.max_upload_size)

    @contextlib.asynccontextmanager
    async def combined_lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            if lifespan is None:
                yield
            else:
                async with lifespan(app):
                    yield
        finally:
            await server.shutdown()

    app = Starlette(
        debug=debug,
        routes=[
            *routes,
            Route("/", server.page),
            Route("/_rillet/health", server.health),
            WebSocketRoute("/_rillet/ws", server.websocket),
            component_route(),
            upload_route(server.manager, server.config),
            media_route(server.manager, server.config),
            data_export_route(server.manager, server.config),
            Mount("/static", server.static, name="static"),
            # Last: every other path is a page of a multipage app (runtime/pages.py).
            Route("/{page:str}", server.page),
        ],
        middleware=[*middleware, Middleware(HostGuard, config=server.config)],
        exception_handlers=dict(exception_handlers or {}),
        lifespan=combined_lifespan,
    )
    app.state.rillet = server
    base = config.base_path()
    if base:
        inner = app
        app = Starlette(
            routes=[
                Route("/", RedirectResponse(base + "/", 307)),
                Mount(base, app=inner),
            ],
            lifespan=combined_lifespan,
        )
        app.state.rillet = server
    return app
