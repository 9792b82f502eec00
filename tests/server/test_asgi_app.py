"""``st.App`` served by a real uvicorn: the app's own route, middleware and lifespan state
beside rillet's page; bad routes and secrets are refused when the app is built."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from starlette.routing import Route

import rillet as st
from rillet.runtime import runner
from rillet.testing import AppTest
from tests.server.asgi_fixture import served_asgi_app


def test_uvicorn_serves_the_apps_route_middleware_and_lifespan_state(tmp_path: Path) -> None:
    with served_asgi_app(tmp_path) as url:
        info = httpx.get(f"{url}/api/info")
        assert info.status_code == 200
        assert info.json() == {"state": {"model": "loaded"}, "script": "main.py"}
        assert info.headers["x-stamp"] == "launcher"
        page = httpx.get(f"{url}/")
        assert page.status_code == 200
        assert "<html" in page.text.lower()
        assert page.headers["x-stamp"] == "launcher"  # the middleware wraps rillet's routes
        assert httpx.get(f"{url}/_rillet/health").text == "ok"


@pytest.mark.parametrize("path", ["/_rillet/health", "/_rillet", "/static/app.js"])
def test_a_route_under_rillets_paths_is_refused(path: str) -> None:
    async def handler(request: object) -> None:
        return None

    with pytest.raises(ValueError, match="conflicts with reserved rillet route prefix"):
        st.App("main.py", routes=[Route(path, handler)])


@pytest.mark.parametrize(
    ("secrets", "message"),
    [
        ([("a", 1)], "secrets must be a mapping"),
        ({"db": {"port": object()}}, "Unsupported type 'object' at 'db.port'"),
        ({"db": {1: "x"}}, "Dictionary keys in secrets must be strings, got 'int' in 'db'"),
    ],
)
def test_secrets_of_types_toml_cannot_hold_are_refused(secrets: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        st.App("main.py", secrets=secrets)  # type: ignore[arg-type]


def test_on_script_error_sees_the_exception_and_may_replace_the_display() -> None:
    seen: list[Exception] = []

    def handler(exc: Exception) -> bool:
        seen.append(exc)
        st.error(f"handled: {exc}")
        return True

    runner.SCRIPT_ERROR_HANDLER[:] = [handler]
    try:
        at = AppTest.from_string(
            "import rillet as st\nst.write('before')\nraise ValueError('boom')\n"
        ).run()
        stopped = AppTest.from_string("import rillet as st\nst.stop()\n").run()
    finally:
        runner.SCRIPT_ERROR_HANDLER.clear()
    assert [type(e).__name__ for e in seen] == ["ValueError"]
    assert not at.exception
    assert [e.value for e in at.error] == ["handled: boom"]
    assert not stopped.exception


def test_a_handler_returning_none_keeps_the_default_display() -> None:
    runner.SCRIPT_ERROR_HANDLER[:] = [lambda exc: None]
    try:
        at = AppTest.from_string("raise ValueError('boom')\n").run()
    finally:
        runner.SCRIPT_ERROR_HANDLER.clear()
    assert at.exception[0].message == "boom"


def test_programmatic_secrets_win_over_the_files_at_the_top_level(tmp_path: Path) -> None:
    from rillet.runtime.secrets import Secrets

    path = tmp_path / "secrets.toml"
    path.write_text('greeting = "file"\nkept = "file"\n[db]\nhost = "file"\nport = 1\n')
    secrets = Secrets()
    secrets.configure(paths=[str(path)])
    secrets.programmatic = {"greeting": "code", "db": {"host": "code"}}
    assert secrets.to_dict() == {"greeting": "code", "kept": "file", "db": {"host": "code"}}
