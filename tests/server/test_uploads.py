"""The upload and media routes over HTTP: XSRF, limits, types, ids, names, and cleanup."""

from __future__ import annotations

import secrets
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from starlette.applications import Starlette

from rillet.config import Config
from rillet.elements import filestore
from rillet.elements.filestore import media_of, uploads_of
from rillet.runtime.session import AppSession
from rillet.server import create_app
from rillet.server.uploads import XSRF_COOKIE
from rillet.server.websocket import BROWSER_KEY_COOKIE
from tests.conftest import run_async, write_script

SCRIPT = """
import rillet as st
docs = st.file_uploader("Docs", type=["csv", "txt"], accept_multiple_files=True)
st.text(repr([(f.name, f.size, f.read()) for f in docs]))
st.file_uploader("Off", disabled=True)
st.download_button("Get", "héllo wörld", file_name="grüße.txt")
st.download_button("Later", lambda: b"made when fetched", file_name="later.bin")
"""


class Served:
    """An app, one live session of it, and an HTTP client holding the page's XSRF cookie."""

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self.manager = app.state.rillet.manager
        self.session: AppSession
        # The browser's session key, as the page's cookie gives it and the websocket presents.
        self.key = secrets.token_urlsafe(32)
        self.session, _ = self.manager.connect(None, lambda urgent: None, browser_key=self.key)
        assert self.session.wait_idle(5)
        self.token = ""

    def client(self, *, with_key: bool = True) -> httpx.AsyncClient:
        """An HTTP client of the browser that opened the session (or, without the key, of
        someone who only knows the session id)."""
        cookies = {BROWSER_KEY_COOKIE: self.key} if with_key else {}
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url="http://127.0.0.1",
            cookies=cookies,
        )

    def widget(self, label: str) -> str:
        """The id of the uploader labelled ``label``."""
        for wid in self.session.tree.widgets:
            spec = self.session.state.widget_spec(wid)
            node = self.session.tree.widgets[wid]
            if spec is not None and node.element.props.get("label") == label:
                return wid
        raise KeyError(label)

    def request(self, *calls: tuple[str, str, dict[str, Any]]) -> list[httpx.Response]:
        """Run HTTP calls in order in one client (cookies carry over), after loading the page."""

        async def go() -> list[httpx.Response]:
            async with self.client() as c:
                page = await c.get("/")
                self.token = page.cookies.get(XSRF_COOKIE) or c.cookies.get(XSRF_COOKIE) or ""
                return [await c.request(method, path, **kwargs) for method, path, kwargs in calls]

        return list(run_async(go()))

    def upload(
        self,
        name: str,
        data: Any,
        *,
        widget: str = "Docs",
        mime: str = "text/csv",
        headers: dict[str, str] | None = None,
        xsrf: str | None = None,
        with_key: bool = True,
    ) -> httpx.Response:
        """POST one file the way the page does; ``xsrf`` overrides the header token;
        ``with_key=False`` sends it from a client that knows only the session id."""

        async def go() -> httpx.Response:
            async with self.client(with_key=with_key) as c:
                page = await c.get("/")
                token = page.cookies.get(XSRF_COOKIE, "")
                sent = {
                    "X-Rillet-XSRF": token if xsrf is None else xsrf,
                    "X-Rillet-Session": self.session.id,
                    "X-Rillet-Widget": (headers or {}).get("X-Rillet-Widget")
                    or self.widget(widget),
                    "X-Rillet-File-Name": quote(name),
                    "Content-Type": mime,
                    **(headers or {}),
                }
                return await c.post("/_rillet/upload", content=data, headers=sent)

        result: httpx.Response = run_async(go())
        return result

    def rerun_with(self, label: str, ids: list[str]) -> str:
        """Send ``ids`` as the uploader's value, as the websocket would; return the app's text."""
        self.session.request_rerun([(self.widget(label), ids)])
        assert self.session.wait_idle(5)
        return str(self.session.tree.roots[0].children[1].element.props["body"])  # type: ignore[index]


@pytest.fixture
def served() -> Iterator[Served]:
    app = create_app(write_script(SCRIPT), Config(watch=False, preload_imports=False))
    yield Served(app)
    app.state.rillet.manager.close_all()
    filestore.set_max_upload_size(filestore.DEFAULT_MAX_UPLOAD_SIZE_MB)


def test_page_sets_the_xsrf_cookie_once_and_keeps_it() -> None:
    app = create_app(
        write_script("import rillet as st\n"), Config(watch=False, preload_imports=False)
    )

    async def go() -> tuple[httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return await c.get("/"), await c.get("/")

    first, second = run_async(go())
    cookie = first.headers["set-cookie"]
    assert (
        cookie.startswith(f"{XSRF_COOKIE}=") and "SameSite=strict" in cookie and "Path=/" in cookie
    )
    assert "set-cookie" not in second.headers, "every tab shares one token"


def test_upload_then_value_gives_the_app_the_file(served: Served) -> None:
    answer = served.upload("data.csv", b"a,b\n1,2\n")

    assert answer.status_code == 200
    body = answer.json()
    assert (body["name"], body["size"], body["type"]) == ("data.csv", 8, "text/csv")
    assert served.rerun_with("Docs", [body["file_id"]]) == "[('data.csv', 8, b'a,b\\n1,2\\n')]"


def test_a_session_id_alone_cannot_add_files_to_a_session(served: Served) -> None:
    # A client with its own XSRF cookie and header, and the session's id, but not the
    # browser's session key: refused as if the session did not exist, and nothing is stored.
    answer = served.upload("data.csv", b"a,b\n", with_key=False)

    assert answer.status_code == 404
    assert len(uploads_of(served.session)) == 0


@pytest.mark.parametrize("xsrf", ["", "forged-token-forged-token-forged-token-0123"])
def test_missing_or_forged_xsrf_token_is_forbidden(served: Served, xsrf: str) -> None:
    answer = served.upload("data.csv", b"1", xsrf=xsrf)

    assert answer.status_code == 403
    assert "XSRF" in answer.json()["error"]
    assert len(uploads_of(served.session)) == 0


def test_upload_without_the_cookie_is_forbidden(served: Served) -> None:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=served.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            token = "a" * 43
            return await c.post(
                "/_rillet/upload",
                content=b"1",
                headers={
                    "X-Rillet-XSRF": token,
                    "X-Rillet-Session": served.session.id,
                    "X-Rillet-Widget": served.widget("Docs"),
                    "X-Rillet-File-Name": "a.csv",
                },
            )

    assert run_async(go()).status_code == 403


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Host": "evil.example"}])
def test_cross_origin_or_rebound_host_is_forbidden(served: Served, headers: dict[str, str]) -> None:
    assert served.upload("data.csv", b"1", headers=headers).status_code == 403


def test_oversize_upload_is_refused_with_413_and_a_clear_message() -> None:
    app = create_app(
        write_script(SCRIPT), Config(watch=False, preload_imports=False, max_upload_size=1)
    )
    served = Served(app)
    try:
        declared = served.upload("big.csv", b"x" * 1_000_001)

        async def chunks() -> AsyncIterator[bytes]:
            for _ in range(3):
                yield b"x" * 400_000

        streamed = served.upload("big.csv", chunks())
        exact = served.upload("fits.csv", b"x" * 1_000_000)
        kept = uploads_of(served.session).total_bytes()
    finally:
        app.state.rillet.manager.close_all()
        filestore.set_max_upload_size(filestore.DEFAULT_MAX_UPLOAD_SIZE_MB)

    for answer in (declared, streamed):
        assert answer.status_code == 413
        assert answer.json()["error"] == "File must be 1.0MB or smaller."
    assert exact.status_code == 200
    assert kept == 1_000_000


def test_wrong_type_is_refused_in_streamlits_words(served: Served) -> None:
    answer = served.upload("photo.png", b"\x89PNG", mime="image/png")

    assert answer.status_code == 415
    assert answer.json()["error"] == "image/png files are not allowed."


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"X-Rillet-Session": "no-such-session"}, 404),
        ({"X-Rillet-Widget": "file_uploader-0000"}, 404),
        ({"X-Rillet-File-Name": ""}, 400),
    ],
)
def test_unknown_sessions_and_uploaders_are_refused(
    served: Served, headers: dict[str, str], status: int
) -> None:
    assert served.upload("a.csv", b"1", headers=headers).status_code == status


def test_disabled_uploader_is_refused(served: Served) -> None:
    assert served.upload("a.csv", b"1", widget="Off").status_code == 403


def test_only_posts_reach_the_upload_route(served: Served) -> None:
    (answer,) = served.request(("GET", "/_rillet/upload", {}))

    assert answer.status_code == 405


def test_ids_unknown_to_the_session_are_rejected_as_values(served: Served) -> None:
    other = Served(served.app)
    theirs = other.upload("theirs.csv", b"secret").json()["file_id"]
    mine = served.upload("mine.csv", b"1").json()["file_id"]

    assert served.rerun_with("Docs", ["forged-id"]) == "[]"
    assert served.rerun_with("Docs", [theirs]) == "[]"
    assert served.rerun_with("Docs", [mine, theirs]) == "[]", "one bad id rejects the value"
    assert served.rerun_with("Docs", [mine]) == "[('mine.csv', 1, b'1')]"


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("../../../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\boot.ini.txt", "boot.ini.txt"),
        ("%2e%2e%2fsecret.csv", "%2e%2e%2fsecret.csv"),
        ("a\r\nX-Evil: 1.csv", "aX-Evil: 1.csv"),
    ],
)
def test_traversal_looking_names_are_only_names(served: Served, name: str, kept: str) -> None:
    answer = served.upload(name, b"data")

    assert answer.status_code == 200
    assert answer.json()["name"] == kept
    assert served.rerun_with("Docs", [answer.json()["file_id"]]) == repr([(kept, 4, b"data")])


def test_closing_the_session_frees_its_uploads_and_refuses_more(served: Served) -> None:
    served.upload("a.csv", b"x" * 500)
    uploader = served.widget("Docs")
    store = uploads_of(served.session)
    assert store.total_bytes() == 500

    served.manager.reap(now=time.monotonic() + 10**6)  # not disconnected: nothing reaped
    assert store.total_bytes() == 500
    served.manager.disconnect(served.session)
    served.manager.reap(now=time.monotonic() + 10**6)

    assert store.total_bytes() == 0
    assert served.session.closed
    assert served.upload("b.csv", b"1", headers={"X-Rillet-Widget": uploader}).status_code == 404


# --- media ---------------------------------------------------------------------------------


def media_path(served: Served, label: str) -> str:
    node = served.session.tree.widgets[served.widget(label)]
    return "/" + str(node.element.props["url"])


def test_download_is_served_as_an_attachment_with_safe_headers(served: Served) -> None:
    (answer,) = served.request(("GET", media_path(served, "Get"), {}))

    assert answer.status_code == 200
    assert answer.content == "héllo wörld".encode()
    assert answer.headers["content-type"] == "text/plain; charset=utf-8"
    assert answer.headers["content-disposition"] == (
        "attachment; filename=\"gr__e.txt\"; filename*=UTF-8''gr%C3%BC%C3%9Fe.txt"
    )
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["content-security-policy"].startswith("sandbox")


def test_callable_data_is_made_when_fetched(served: Served) -> None:
    (answer,) = served.request(("GET", media_path(served, "Later"), {}))

    assert answer.content == b"made when fetched"
    assert answer.headers["content-type"] == "application/octet-stream"


@pytest.mark.parametrize(
    "path",
    [
        "/_rillet/media/" + "0" * 32,
        "/_rillet/media/..%2f..%2fetc%2fpasswd",
        "/_rillet/media/not-an-id",
    ],
)
def test_unknown_media_ids_get_a_fixed_404(served: Served, path: str) -> None:
    (answer,) = served.request(("GET", path, {}))

    assert answer.status_code == 404 and answer.text == "Not Found"


def test_media_ends_with_its_session(served: Served) -> None:
    path = media_path(served, "Get")
    assert len(media_of(served.session)) == 2

    served.session.close()
    served.manager.sessions.pop(served.session.id, None)
    (answer,) = served.request(("GET", path, {}))

    assert answer.status_code == 404
    assert len(media_of(served.session)) == 0
