"""The newest column types in Chromium: an audio cell is a player, a video cell a play button
opening the video, markdown shows formatted (and raw HTML in it as text), and a button cell is
a real button whose click reruns the app with its row and label."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from tests.e2e.conftest import AppPage

APP = """
import pandas as pd
import rillet as st
cc = st.column_config
df = pd.DataFrame({
    "name": ["Alice", "Bob"],
    "notes": ["**bold** and `code`", "<img src=x onerror=alert(1)> _soft_"],
    "sound": ["https://example.invalid/a.mp3", None],
    "clip": ["https://example.invalid/v.mp4", None],
    "act": ["Open", "Open"],
})
st.dataframe(df, hide_index=True, column_config={
    "notes": cc.MarkdownColumn("Notes"),
    "sound": cc.AudioColumn("Sound"),
    "clip": cc.VideoColumn("Clip"),
    "act": cc.ButtonColumn("Act", type="primary", key="act"),
})
st.write(f"clicked: {st.session_state.act.row if st.session_state.act else 'none'}")
"""


def test_each_new_column_type_draws(app_page: Callable[..., AppPage]) -> None:
    app = app_page(APP)
    page = app.page
    grid = page.get_by_role("grid")
    expect(grid.locator("strong", has_text="bold")).to_be_visible()
    expect(grid.locator("code", has_text="code")).to_be_visible()
    expect(grid.locator("em", has_text="soft")).to_be_visible()
    expect(grid.get_by_text("<img src=x onerror=alert(1)>")).to_be_visible()
    assert grid.locator("img").count() == 0
    expect(grid.locator("audio[controls]")).to_have_count(1)
    expect(grid.get_by_role("button", name="Play video: Clip")).to_have_count(1)
    expect(grid.get_by_role("button", name="Open")).to_have_count(2)


def test_a_button_cell_click_reruns_with_its_row(app_page: Callable[..., AppPage]) -> None:
    app = app_page(APP)
    page = app.page
    expect(page.get_by_text("clicked: none")).to_be_visible()
    page.get_by_role("grid").get_by_role("button", name="Open").nth(1).click()
    expect(page.get_by_text("clicked: 1")).to_be_visible()
