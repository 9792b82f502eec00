"""The asset dir of a v2 component, served at /_rillet/component/v2/<name>/<path>: its files,
and nothing outside it (the same traversal probes as the v1 route), while v1 keeps working."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rillet.elements.components import declare_component
from rillet.elements.components_v2_assets import REGISTRY, Definition
from rillet.server.components import NOT_FOUND_BODY
from tests.conftest import LiveServer, write_script
from tests.server.test_component_routes import ESCAPES, get, layout  # noqa: F401  (fixture)

NAME = "rl-route-test.clicker"


@pytest.fixture(scope="module")
def server(layout: Path) -> Iterator[LiveServer]:  # noqa: F811
    REGISTRY.register(
        Definition(NAME, None, None, None, None, "app.js", str((layout / "comp").resolve()))
    )
    REGISTRY.register(Definition("inline-only", "<p>x</p>", None, None, None, None, None))
    live = LiveServer(write_script("import rillet as st\nst.text('x')\n")).start()
    try:
        yield live
    finally:
        live.stop()


@pytest.mark.parametrize(
    ("file", "content_type", "body"),
    [
        ("app.js", "text/javascript; charset=utf-8", b"console.log('app')"),
        ("style.css", "text/css; charset=utf-8", b"p { color: red }"),
        ("sub/inner.html", "text/html; charset=utf-8", b"<p>inner</p>"),
    ],
)
def test_asset_dir_files_are_served_with_their_type(
    server: LiveServer, file: str, content_type: str, body: bytes
) -> None:
    response = get(server, f"/_rillet/component/v2/{NAME}/{file}")
    assert response.status == 200
    assert response.body == body
    assert response.headers["content-type"] == content_type
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", [*ESCAPES, ""])
def test_anything_outside_the_asset_dir_is_the_same_404(server: LiveServer, path: str) -> None:
    response = get(server, f"/_rillet/component/v2/{NAME}/{path}")
    assert response.status == 404
    assert response.body == NOT_FOUND_BODY.encode()


@pytest.mark.parametrize(
    "path",
    [
        "/_rillet/component/v2/nobody/app.js",
        "/_rillet/component/v2/inline-only/app.js",
        f"/_rillet/component/v2/{NAME}",
        "/_rillet/component/v2/..%2f..%2fsecret.txt",
        f"/_rillet/component/v2/{NAME}%2f..%2f..%2fsecret.txt",
    ],
)
def test_unknown_and_inline_components_have_no_files(server: LiveServer, path: str) -> None:
    response = get(server, path)
    assert response.status == 404 and response.body == NOT_FOUND_BODY.encode()


def test_v1_components_are_still_served_beside_v2(server: LiveServer, layout: Path) -> None:  # noqa: F811
    name = declare_component("routes_v1", path=str(layout / "comp")).name
    response = get(server, f"/_rillet/component/{name}/app.js")
    assert response.status == 200 and response.body == b"console.log('app')"
