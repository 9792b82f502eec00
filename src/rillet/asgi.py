"""``st.App``: a script served as an ASGI application with the app's own routes, middleware,
lifespan and error hooks (Streamlit 1.67's ``st.App``).

``uvicorn main:app`` serves it. This module stays light: ``import rillet`` must not import
Starlette, so the server is built on the first request (or by `lifespan`), not here.
"""

from __future__ import annotations

import contextlib
import copy
import os
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import BaseRoute
    from starlette.types import Receive, Scope, Send

    from rillet.config import Config

# Paths rillet serves itself; an app's route may not take them.
RESERVED_ROUTE_PREFIXES = ("/_rillet/", "/static/")

_SCALARS = (str, int, float, bool)


def check_secrets_value(value: Any, path: str = "") -> None:
    """Raise Streamlit's TypeError for a secrets value TOML could not have held."""
    if isinstance(value, dict):
        for key, nested in value.items():
            if not isinstance(key, str):
                where = f"in '{path}'" if path else "at top level"
                raise TypeError(
                    f"Dictionary keys in secrets must be strings, got {type(key).__name__!r} "
                    f"{where}."
                )
            check_secrets_value(nested, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, nested in enumerate(value):
            check_secrets_value(nested, f"{path}[{index}]" if path else f"[{index}]")
    elif type(value) not in _SCALARS:
        where = f" at '{path}'" if path else ""
        raise TypeError(
            f"Unsupported type '{type(value).__name__}'{where} in secrets. "
            "Allowed types are: str, int, float, bool, lists, and nested dicts."
        )


class App:
    """An ASGI application serving a rillet script beside the app's own routes.

    Parameters:
        script_path: The script to serve; a relative path is taken from the current
            directory (where uvicorn was started).
        secrets: Values for ``st.secrets``, merged over ``secrets.toml`` at the top level
            (these win). Values may be str, int, float, bool, lists and nested dicts; others
            raise TypeError here.
        lifespan: ``lifespan(app)``, an async context manager entered at startup and left at
            shutdown; a dict it yields is readable as ``app.state``.
        routes: Starlette routes served beside the app's page. A route under rillet's own
            paths (``/_rillet/``, ``/static/``) raises ValueError.
        middleware: Starlette middleware wrapped around every request, outside rillet's.
        on_script_error: ``on_script_error(exc)``, called (inside the run, so it may write
            to the page) with each exception the script or a widget callback did not catch;
            returning True hides the default exception display. Not called for
            ``st.stop``/``st.rerun`` or syntax errors.
        exception_handlers: Starlette's exception handlers for the HTTP routes
            (status code or exception class -> ``handler(request, exc)``).
        debug: Starlette's debug mode.
    """

    def __init__(
        self,
        script_path: str | Path,
        *,
        secrets: Mapping[str, Any] | None = None,
        lifespan: Callable[[App], AbstractAsyncContextManager[dict[str, Any] | None]] | None = None,
        routes: Sequence[BaseRoute] | None = None,
        middleware: Sequence[Middleware] | None = None,
        on_script_error: Callable[[Exception], bool | None] | None = None,
        exception_handlers: Mapping[Any, Callable[[Any, Any], Any]] | None = None,
        debug: bool = False,
    ) -> None:
        if secrets is not None:
            if not isinstance(secrets, Mapping):
                raise TypeError(
                    f"secrets must be a mapping (dict), got {type(secrets).__name__!r}."
                )
            check_secrets_value(dict(secrets))
        self._secrets = copy.deepcopy(dict(secrets)) if secrets is not None else None
        self._script_path = Path(os.path.abspath(script_path))
        self._user_lifespan = lifespan
        self._routes = list(routes or [])
        self._middleware = list(middleware or [])
        self._on_script_error = on_script_error
        self._exception_handlers = dict(exception_handlers or {})
        self._debug = debug
        self._state: dict[str, Any] = {}
        self._app: Starlette | None = None
        for route in self._routes:
            path = getattr(route, "path", None)
            if not path:
                continue
            for reserved in RESERVED_ROUTE_PREFIXES:
                if path.startswith(reserved) or path == reserved.rstrip("/"):
                    raise ValueError(
                        f"Route '{path}' conflicts with reserved rillet route prefix "
                        f"'{reserved}'. Use a different path like '/api/...'."
                    )

    @property
    def script_path(self) -> Path:
        """The served script, as an absolute path."""
        return self._script_path

    @property
    def state(self) -> dict[str, Any]:
        """What the lifespan yielded (empty before startup or without a lifespan)."""
        return self._state

    def lifespan(self) -> Callable[[Any], AbstractAsyncContextManager[None]]:
        """The lifespan to give a parent ASGI app this one is mounted in (a mounted app gets
        no lifespan events of its own): ``FastAPI(lifespan=app.lifespan())``."""
        starlette_app = self._build()

        @contextlib.asynccontextmanager
        async def parent_lifespan(_parent: Any) -> AsyncIterator[None]:
            async with starlette_app.router.lifespan_context(starlette_app):
                yield

        return parent_lifespan

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._build()(scope, receive, send)

    def run(self, *, config: Mapping[str, Any] | None = None) -> None:
        """Serve this app with uvicorn until Ctrl-C (``python main.py``).

        Parameters:
            config: Option overrides by dotted name, e.g. ``{"server.port": 8502}``.
        """
        import uvicorn

        from rillet.runtime.options import STORE

        STORE.load(str(self._script_path.parent), dict(config or {}))
        uvicorn.run(self, host=STORE.get("server.address"), port=STORE.get("server.port"))

    def _build(self) -> Starlette:
        if self._app is not None:
            return self._app
        from rillet.runtime.runner import SCRIPT_ERROR_HANDLER
        from rillet.runtime.secrets import secrets
        from rillet.server import create_app

        if self._secrets is not None:
            secrets.programmatic = self._secrets
        if self._on_script_error is not None:
            SCRIPT_ERROR_HANDLER[:] = [self._on_script_error]
        self._app = create_app(
            str(self._script_path),
            self._config(),
            routes=self._routes,
            middleware=self._middleware,
            exception_handlers=self._exception_handlers,
            lifespan=self._lifespan_for_starlette if self._user_lifespan else None,
            debug=self._debug,
        )
        return self._app

    @contextlib.asynccontextmanager
    async def _lifespan_for_starlette(self, _app: Any) -> AsyncIterator[None]:
        assert self._user_lifespan is not None
        async with self._user_lifespan(self) as state:
            if state:
                self._state.update(state)
            yield

    def _config(self) -> Config:
        """The server settings from the script's config files and the environment, as
        ``rillet run`` reads them; uvicorn, not rillet, decides where it listens."""
        from rillet.config import Config
        from rillet.runtime.options import STORE

        STORE.ensure_loaded(str(self._script_path.parent))
        return Config(
            host=STORE.get("server.address"),
            headless=True,
            watch=STORE.get("server.runOnSave"),
            max_upload_size=STORE.get("server.maxUploadSize"),
            magic=STORE.get("runner.magicEnabled"),
            base_url_path=STORE.get("server.baseUrlPath"),
            websocket_compression=STORE.get("server.enableWebsocketCompression"),
        )
