"""A three-page app in Chromium, tried as a new user would: the menu, a page link, back and
forward, a pasted URL; shared session_state, query params, a database; secrets stay home."""

from __future__ import annotations

import re
import sqlite3
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, WebSocket, expect

from tests.conftest import LiveServer
from tests.e2e.conftest import AppPage

pytestmark = pytest.mark.e2e

SECRET = "pw-do-not-leak-7781"

MAIN = """
import rillet as st
st.session_state.setdefault("count", 0)
pg = st.navigation([
    st.Page("home.py", title="Home", icon="🏠"),
    st.Page("shop.py", title="Shop"),
    st.Page("about.py", title="About"),
])
st.sidebar.caption("count is " + str(st.session_state.count))
pg.run()
"""
HOME = """
import rillet as st
st.title("Home")
if st.button("Add one"):
    st.session_state.count += 1
st.text(f"count={st.session_state.count}")
st.page_link("shop.py", label="Visit the shop", query_params={"fruit": "pear"})
"""
SHOP = """
import rillet as st
st.title("Shop")
conn = st.connection("shop", type="sql")
fruit = st.query_params.get("fruit", "apple")
df = conn.query("select price from fruit where name = :n", params={"n": fruit})
st.text(f"{fruit} costs {df['price'][0]}")
st.text(f"count={st.session_state.count}")
if st.button("Choose plum"):
    st.query_params["fruit"] = "plum"
    st.rerun()
"""
ABOUT = """
import rillet as st
st.title("About")
st.text(f"tz={st.context.timezone} locale={st.context.locale}")
"""


@pytest.fixture
def shop_app() -> Iterator[LiveServer]:
    folder = Path(tempfile.mkdtemp(prefix="rillet_mpa_"))
    for name, text in {"app.py": MAIN, "home.py": HOME, "shop.py": SHOP, "about.py": ABOUT}.items():
        (folder / name).write_text(textwrap.dedent(text))
    db = folder / "shop.db"
    with sqlite3.connect(db) as c:
        c.execute("create table fruit (name text, price real)")
        c.executemany("insert into fruit values (?, ?)", [("apple", 1), ("pear", 2), ("plum", 3)])
    (folder / ".streamlit").mkdir()
    (folder / ".streamlit" / "secrets.toml").write_text(
        f'[connections.shop]\nurl = "sqlite:///{db}"\npassword = "{SECRET}"\n'
    )
    server = LiveServer(str(folder / "app.py")).start()
    yield server
    server.stop()


def _open(page: Page, server: LiveServer, path: str = "") -> tuple[AppPage, list[str]]:
    frames: list[str] = []

    def watch(ws: WebSocket) -> None:
        ws.on("framereceived", lambda payload: frames.append(str(payload)))
        ws.on("framesent", lambda payload: frames.append(str(payload)))

    page.on("websocket", watch)
    app = AppPage(page, server)
    page.goto(server.url + path)
    app.wait_runs(1)
    return app, frames


def test_menu_link_back_forward_and_pasted_url(page: Page, shop_app: LiveServer) -> None:
    app, frames = _open(page, shop_app)
    menu = page.get_by_role("navigation", name="Pages")
    expect(menu.get_by_role("link")).to_have_count(3)
    expect(page.get_by_role("heading", name="Home")).to_be_visible()
    expect(menu.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")

    app.after_run(lambda: page.get_by_role("button", name="Add one").click())
    expect(page.get_by_text("count=1")).to_be_visible()

    # The menu: no reload, the address follows, session_state is shared.
    app.after_run(lambda: menu.get_by_role("link", name="About").click())
    expect(page.get_by_role("heading", name="About")).to_be_visible()
    assert page.url.endswith("/about")
    expect(page.get_by_text(re.compile(r"tz=\w\S* locale=\w\S*"))).to_be_visible()

    # Back to Home, then a page link with query params.
    app.after_run(lambda: page.go_back())
    expect(page.get_by_role("heading", name="Home")).to_be_visible()
    assert page.url == shop_app.url
    app.after_run(lambda: page.get_by_role("link", name="Visit the shop").click())
    expect(page.get_by_text("pear costs 2.0")).to_be_visible()
    expect(page.get_by_text("count=1")).to_be_visible()
    assert page.url.endswith("/shop?fruit=pear")

    # Writing st.query_params changes the address without a reload.
    app.after_run(lambda: page.get_by_role("button", name="Choose plum").click())
    expect(page.get_by_text("plum costs 3.0")).to_be_visible()
    page.wait_for_function("location.search === '?fruit=plum'")

    # Back and forward.
    app.after_run(lambda: page.go_back())
    expect(page.get_by_role("heading", name="Home")).to_be_visible()
    app.after_run(lambda: page.go_forward())
    expect(page.get_by_text(re.compile(r"(pear|plum) costs"))).to_be_visible()
    expect(page.get_by_role("heading", name="Shop")).to_be_visible()

    # Secrets never reach the page or the socket.
    assert SECRET not in page.content()
    assert frames and not any(SECRET in f for f in frames)
    assert not app.errors


def test_pasted_url_opens_its_page_and_unknown_path_falls_back(
    page: Page, shop_app: LiveServer
) -> None:
    app, _ = _open(page, shop_app, "shop?fruit=apple")
    expect(page.get_by_role("heading", name="Shop")).to_be_visible()
    expect(page.get_by_text("apple costs 1.0")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Pages").get_by_role("link", name="Shop")
    ).to_have_attribute("aria-current", "page")

    page.goto(shop_app.url + "no_such_page")
    app.wait_runs(1)
    expect(page.get_by_role("heading", name="Home")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="/no_such_page")).to_be_visible()
    page.wait_for_function(f"location.href === {shop_app.url!r}")
    assert SECRET not in page.content()


def test_switch_page_pushes_history_and_keeps_state(
    page: Page, live_app: Callable[..., LiveServer]
) -> None:
    server = live_app(
        """
        import rillet as st
        def one():
            st.title("One")
            st.session_state.note = "kept"
            if st.button("Next"):
                st.switch_page(two_page, query_params={"step": "2"})
        def two():
            st.title("Two")
            st.text(f"note={st.session_state.get('note')} step={st.query_params.get('step')}")
        two_page = st.Page(two, url_path="two")
        st.navigation([st.Page(one), two_page], position="top").run()
        """
    )
    app, _ = _open(page, server)
    expect(page.locator(".rillet-header").get_by_role("navigation", name="Pages")).to_be_visible()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("note=kept step=2")).to_be_visible()
    page.wait_for_function("location.pathname.endsWith('/two') && location.search === '?step=2'")
    app.after_run(lambda: page.go_back())
    expect(page.get_by_role("heading", name="One")).to_be_visible()
