"""The component route: files of a declared component, and nothing outside its folder.

Requests go over a real socket with `http.client`, which sends the path byte for byte (httpx
would normalise `..` away before the server ever saw it).
"""

from __future__ import annotations

import http.client
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from rillet.elements.components import declare_component
from rillet.server.components import NOT_FOUND_BODY, resolve_inside
from tests.conftest import LiveServer, write_script


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """base/comp (the component), base/comp-evil (a same-prefix sibling), base/secret.txt."""
    base = tmp_path_factory.mktemp("components")
    root = base / "comp"
    (root / "sub").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><p>index</p>")
    (root / "app.js").write_text("console.log('app')")
    (root / "style.css").write_text("p { color: red }")
    (root / "data.json").write_text('{"a": 1}')
    (root / "font.woff2").write_bytes(b"wOF2fake")
    (root / "blob.unknownext").write_bytes(b"\x00\x01")
    (root / "sub" / "inner.html").write_text("<p>inner</p>")
    (base / "comp-evil").mkdir()
    (base / "comp-evil" / "secret.txt").write_text("sibling secret")
    (base / "secret.txt").write_text("outside secret")
    os.symlink(base / "secret.txt", root / "link-out.txt")
    os.symlink(base / "comp-evil", root / "dir-out")
    os.symlink(root / "app.js", root / "alias.js")
    return base


@pytest.fixture(scope="module")
def server(layout: Path) -> Iterator[LiveServer]:
    live = LiveServer(write_script("import rillet as st\nst.text('x')\n")).start()
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture(scope="module")
def name(layout: Path) -> str:
    return declare_component("routes", path=str(layout / "comp")).name


def get(server: LiveServer, path: str, method: str = "GET", **headers: str) -> Response:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, path, headers=headers)
        raw = conn.getresponse()
        return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read())
    finally:
        conn.close()


class Response:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body


@pytest.mark.parametrize(
    ("file", "content_type", "body"),
    [
        ("index.html", "text/html; charset=utf-8", b"<!doctype html><p>index</p>"),
        ("app.js", "text/javascript; charset=utf-8", b"console.log('app')"),
        ("style.css", "text/css; charset=utf-8", b"p { color: red }"),
        ("data.json", "application/json; charset=utf-8", b'{"a": 1}'),
        ("font.woff2", "font/woff2", b"wOF2fake"),
        ("blob.unknownext", "application/octet-stream", b"\x00\x01"),
        ("sub/inner.html", "text/html; charset=utf-8", b"<p>inner</p>"),
        ("alias.js", "text/javascript; charset=utf-8", b"console.log('app')"),
        ("", "text/html; charset=utf-8", b"<!doctype html><p>index</p>"),
    ],
)
def test_files_inside_the_root_are_served_with_their_type(
    server: LiveServer, name: str, file: str, content_type: str, body: bytes
) -> None:
    response = get(server, f"/_rillet/component/{name}/{file}")
    assert response.status == 200
    assert response.body == body
    assert response.headers["content-type"] == content_type
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-cache"


def test_revalidation_answers_not_modified(server: LiveServer, name: str) -> None:
    first = get(server, f"/_rillet/component/{name}/app.js")
    etag = first.headers["etag"]
    again = get(server, f"/_rillet/component/{name}/app.js", **{"If-None-Match": etag})
    assert again.status == 304 and again.body == b""


def test_head_answers_without_a_body(server: LiveServer, name: str) -> None:
    response = get(server, f"/_rillet/component/{name}/app.js", method="HEAD")
    assert response.status == 200 and response.body == b""


def test_fonts_load_in_an_opaque_origin_frame(server: LiveServer, name: str) -> None:
    # Sandboxed frames fetch fonts and module scripts with CORS from origin "null".
    response = get(server, f"/_rillet/component/{name}/font.woff2", Origin="null")
    assert response.headers["access-control-allow-origin"] == "*"


ESCAPES = [
    "../secret.txt",
    "sub/../../secret.txt",
    "%2e%2e/secret.txt",
    "%2e%2e%2fsecret.txt",
    "..%2fsecret.txt",
    "..%2Fsecret.txt",
    "%252e%252e/secret.txt",
    "..%5csecret.txt",
    "/etc/passwd",
    "%2fetc%2fpasswd",
    "%2Fetc/passwd",
    "link-out.txt",
    "dir-out/secret.txt",
    "../comp-evil/secret.txt",
    "..%2fcomp-evil%2fsecret.txt",
    "sub",
    "sub/",
    "missing.js",
    "app.js%00.html",
    "./../secret.txt",
]


@pytest.mark.parametrize("path", ESCAPES)
def test_anything_outside_the_root_is_the_same_404(
    server: LiveServer, name: str, path: str
) -> None:
    response = get(server, f"/_rillet/component/{name}/{path}")
    assert response.status == 404
    assert response.body == NOT_FOUND_BODY.encode()
    assert response.headers["x-content-type-options"] == "nosniff"


def test_unknown_and_url_components_have_no_files(server: LiveServer) -> None:
    dev = declare_component("dev_server", url="http://localhost:3001").name
    for path in ["/_rillet/component/nobody/index.html", f"/_rillet/component/{dev}/index.html"]:
        response = get(server, path)
        assert response.status == 404 and response.body == NOT_FOUND_BODY.encode()


def test_resolution_refuses_same_prefix_siblings_and_absolute_paths(layout: Path) -> None:
    root = str(layout / "comp")
    assert resolve_inside(root, "app.js") == str((layout / "comp" / "app.js").resolve())
    assert resolve_inside(root, "../comp-evil/secret.txt") is None
    assert resolve_inside(root + "-evil", "secret.txt") is not None  # its own root is fine
    assert resolve_inside(root, str(layout / "secret.txt")) is None
    assert resolve_inside(root, "\\..\\secret.txt") is None
    assert resolve_inside(root, "app.js\0") is None
