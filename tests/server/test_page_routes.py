"""Every page path of a multipage app serves the page; theme options and baseUrlPath apply."""

from __future__ import annotations

from rillet.config import Config
from rillet.runtime.options import STORE
from rillet.server import create_app
from tests.conftest import write_script
from tests.server.test_routes import SCRIPT, Client


def test_a_page_path_serves_the_app_page_and_deeper_paths_do_not() -> None:
    client = Client(create_app(write_script(SCRIPT)))
    root, page = client.get("/"), client.get("/charts")
    assert page.status_code == 200 and page.text == root.text
    assert './static/main.js' in page.text
    assert client.get("/charts/deeper").status_code == 404
    assert client.get("/_rillet").status_code == 404
    assert client.get("/_rillet/health").text == "ok"


def test_base_url_path_serves_under_the_prefix() -> None:
    client = Client(create_app(write_script(SCRIPT), Config(base_url_path="/apps/sales/")))
    assert client.get("/apps/sales/").status_code == 200
    assert client.get("/apps/sales/charts").status_code == 200
    assert client.get("/apps/sales/_rillet/health").text == "ok"
    assert client.get("/apps/sales/static/main.js").status_code == 200
    redirect = client.get("/")
    assert redirect.status_code == 307 and redirect.headers["location"] == "/apps/sales/"


def test_theme_options_reach_the_page() -> None:
    STORE.load(paths=[], environ={"RILLET_THEME_PRIMARY_COLOR": "#0a7f5a"})
    try:
        text = Client(create_app(write_script(SCRIPT))).get("/").text
        assert '<style id="rillet-theme">' in text and "--rl-primary: #0a7f5a;" in text
    finally:
        STORE.load(paths=[], environ={})
