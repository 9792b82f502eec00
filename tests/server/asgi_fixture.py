"""A served ``st.App`` for the tests: a script plus a launcher module run by uvicorn in a
subprocess, as a user would (``uvicorn launcher:app``)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.conftest import free_port

SCRIPT = """
import rillet as st

st.title("Served by st.App")
st.write(f"greeting: {st.secrets['greeting']}")
st.write(f"from file: {st.secrets['file_only']}")
if st.button("Fail"):
    raise ValueError("boom")
"""

LAUNCHER = """
from contextlib import asynccontextmanager

import rillet as st
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route


class Stamp(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        response.headers["x-stamp"] = "launcher"
        return response


@asynccontextmanager
async def lifespan(app):
    yield {"model": "loaded"}
    print("lifespan left", flush=True)


async def info(request):
    return JSONResponse({"state": app.state, "script": app.script_path.name})


def on_error(exc):
    st.error(f"handled: {exc}")
    return True


app = st.App(
    "main.py",
    secrets={"greeting": "hello from code"},
    lifespan=lifespan,
    routes=[Route("/api/info", info)],
    middleware=[Middleware(Stamp)],
    on_script_error=on_error,
)
"""


@contextmanager
def served_asgi_app(tmp_path: Path) -> Iterator[str]:
    """Serve the launcher with uvicorn; yields its URL, stops it (SIGINT) on exit."""
    (tmp_path / "main.py").write_text(textwrap.dedent(SCRIPT))
    (tmp_path / "launcher.py").write_text(textwrap.dedent(LAUNCHER))
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        'greeting = "from the file"\nfile_only = "kept"\n'
    )
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "launcher:app", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/_rillet/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start: {proc.communicate()[0]}")
            time.sleep(0.1)  # polling a starting process; there is nothing to wait on
        yield url
    finally:
        proc.send_signal(2)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
