"""``bind="query-params"`` in Chromium: the address bar follows a bound text input and slider,
and opening that address again restores both."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppPage, LiveServer

BOUND = """
import rillet as st
name = st.text_input("Name", key="name", bind="query-params")
level = st.slider("Level", 0, 10, 5, key="level", bind="query-params")
st.text(f"name={name!r} level={level!r}")
"""


def test_the_address_follows_bound_widgets_and_a_reload_restores_them(
    page: Page, live_app: Callable[..., LiveServer]
) -> None:
    server = live_app(BOUND)
    app = AppPage(page, server).open()
    expect(page.get_by_text("name='' level=5")).to_be_visible()

    name = page.get_by_role("textbox", name="Name")
    name.fill("Ada Lovelace")
    app.after_run(lambda: name.press("Enter"))
    expect(page.get_by_text("name='Ada Lovelace' level=5")).to_be_visible()
    page.wait_for_url("**?name=Ada+Lovelace")

    page.get_by_role("slider", name="Level").focus()
    app.after_run(lambda: page.keyboard.press("ArrowRight"))
    expect(page.get_by_text("name='Ada Lovelace' level=6")).to_be_visible()
    page.wait_for_url("**?name=Ada+Lovelace&level=6")

    page.goto(page.url)  # a reload, or the address shared with someone else
    expect(page.get_by_text("name='Ada Lovelace' level=6")).to_be_visible()
    expect(page.get_by_role("textbox", name="Name")).to_have_value("Ada Lovelace")
    expect(page.get_by_role("slider", name="Level")).to_have_value("6")

    page.get_by_role("slider", name="Level").focus()
    app.after_run(lambda: page.keyboard.press("ArrowLeft"))
    page.wait_for_function("!location.search.includes('level')")  # the default leaves it
    assert app.errors == []
