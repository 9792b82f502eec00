"""Material icons in labels and ``icon=`` parameters in Chromium: a tab label's, a button's,
an expander's, a popover's, a menu button's and a chat avatar's ``:material/name:`` are drawn
as one glyph of the icon font (not the name as text) and stay out of the accessible name."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from tests.e2e.conftest import AppPage

ICONS = """
import rillet as st
home, other = st.tabs([":material/home: Home", "Other"])
with home:
    st.button("Go", icon=":material/rocket_launch:")
st.expander("More", icon=":material/expand_circle_down:")
st.popover("Tools", icon=":material/build:")
st.menu_button("Export", ["CSV"], icon=":material/download:")
with st.chat_message("bot", avatar=":material/smart_toy:"):
    st.write("hello")
"""


def assert_glyph(icon: Locator) -> None:
    expect(icon).to_be_visible()
    box = icon.evaluate(
        "e => { const r = e.getBoundingClientRect(); return {width: r.width, "
        "size: parseFloat(getComputedStyle(e).fontSize), "
        "font: getComputedStyle(e).fontFamily} }"
    )
    assert "Material Symbols Rounded" in box["font"], box
    # The ligature is one square glyph; a name like "rocket_launch" as text is ~6 em wide.
    assert box["width"] <= box["size"] * 1.3, box
    assert icon.get_attribute("aria-hidden") == "true"


def test_material_icons_in_tabs_buttons_panels_and_avatars_are_glyphs(app_page) -> None:
    app: AppPage = app_page(ICONS)
    page = app.page
    tab = page.get_by_role("tab", name="Home")
    expect(tab).to_have_accessible_name("Home")
    page.wait_for_function("document.fonts.status === 'loaded'")

    assert_glyph(tab.locator(".rl-icon"))
    assert_glyph(page.get_by_role("button", name="Go").locator(".rl-icon"))
    assert_glyph(page.get_by_role("button", name="More").locator(".rl-icon"))
    assert_glyph(page.get_by_role("button", name="Tools").locator(".rl-icon"))
    assert_glyph(page.get_by_role("button", name="Export").locator(".rl-icon"))
    assert_glyph(page.locator(".rillet-chat-avatar .rl-icon"))
    expect(page.get_by_text(":material/")).to_have_count(0)
