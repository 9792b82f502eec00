"""Inline media over HTTP: an image a page shows is served with its type, cached for good
under its content id, revalidated with a 304, never run as a page, and shared by sessions."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from starlette.applications import Starlette

from rillet.config import Config
from rillet.elements.filestore import INLINE_MEDIA
from rillet.runtime.session import AppSession
from rillet.server import create_app
from tests.conftest import run_async, write_script

pytest.importorskip("matplotlib")

SCRIPT = """
import rillet as st
from matplotlib.figure import Figure
fig = Figure(figsize=(3, 2))
fig.subplots().bar(["a", "b"], [2, 3])
fig.suptitle("served inline")
st.pyplot(fig)
st.pyplot(fig, format="svg")
st.download_button("Get", "some text", file_name="notes.txt")
"""


@pytest.fixture
def app() -> Iterator[Starlette]:
    app = create_app(write_script(SCRIPT), Config(preload_imports=False))
    yield app
    app.state.rillet.manager.close_all()


def connect(app: Starlette) -> AppSession:
    session, _ = app.state.rillet.manager.connect(None, lambda urgent: None)
    assert session.wait_idle(10)
    return session


def urls(session: AppSession, kind: str) -> list[str]:
    found = []
    for _, node in session.tree.walk():
        element = node.element
        if element.kind == kind:
            found.append(str(element.props["url"]))
    return found


def get(app: Starlette, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.get(path, headers=headers or {})

    response: httpx.Response = run_async(go())
    return response


def test_an_image_is_served_inline_with_its_type_and_cached_for_good(app: Starlette) -> None:
    session = connect(app)
    png = urls(session, "pyplot")[0]
    assert png.startswith("./_rillet/media/")

    answer = get(app, png.removeprefix("."))

    assert answer.status_code == 200
    assert answer.content.startswith(b"\x89PNG")
    assert answer.headers["content-type"] == "image/png"
    assert answer.headers["cache-control"] == "private, max-age=31536000, immutable"
    assert answer.headers["etag"] == f'"{png.rsplit("/", 1)[-1]}"'
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "content-disposition" not in answer.headers


def test_an_svg_opened_directly_cannot_run_script(app: Starlette) -> None:
    session = connect(app)
    svg = urls(session, "pyplot")[1]

    answer = get(app, svg.removeprefix("."))

    assert answer.headers["content-type"] == "image/svg+xml"
    csp = answer.headers["content-security-policy"]
    assert csp.startswith("sandbox") and "default-src 'none'" in csp


def test_a_browser_holding_the_image_gets_a_304_without_the_bytes(app: Starlette) -> None:
    session = connect(app)
    path = urls(session, "pyplot")[0].removeprefix(".")
    etag = get(app, path).headers["etag"]

    again = get(app, path, {"If-None-Match": etag})
    other = get(app, path, {"If-None-Match": '"0123"'})

    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert again.headers["cache-control"].endswith("immutable")
    assert other.status_code == 200


def test_the_same_image_in_two_sessions_is_one_id(app: Starlette) -> None:
    first, second = connect(app), connect(app)

    assert urls(first, "pyplot") == urls(second, "pyplot")
    media_id = urls(first, "pyplot")[0].rsplit("/", 1)[-1]
    assert INLINE_MEDIA.holders(media_id) >= {first.id, second.id}


def test_unknown_ids_get_the_fixed_404(app: Starlette) -> None:
    connect(app)
    for path in ("/_rillet/media/" + "f" * 32, "/_rillet/media/..%2fsecret", "/_rillet/media/x"):
        answer = get(app, path)
        assert answer.status_code == 404 and answer.text == "Not Found"


def test_an_image_of_closed_sessions_is_gone(app: Starlette) -> None:
    session = connect(app)
    path = urls(session, "pyplot")[0].removeprefix(".")
    for other in list(app.state.rillet.manager.sessions.values()):
        other.close()

    assert get(app, path).status_code == 404


def test_downloads_stay_attachments(app: Starlette) -> None:
    session = connect(app)
    url = urls(session, "download_button")[0]

    answer = get(app, "/" + url.removeprefix("./").removeprefix("/"))

    assert answer.status_code == 200
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert answer.headers["cache-control"] == "no-store"
