"""st.dataframe's ``alt``, ``selection_default`` and ``lazy=False`` in Chromium: the grid is
found by its name, the default selection shows selected and gives way to the user's, and a
table sent whole sorts without asking the server for rows."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import LiveServer
from tests.e2e.conftest import AppPage

DEFAULTED = """
import pandas as pd
import rillet as st
df = pd.DataFrame({"item": ["bolt", "nut", "gear"], "qty": [5, 9, 2]})
event = st.dataframe(df, hide_index=True, alt="Parts in stock", key="pick", on_select="rerun",
                     selection_mode="single-row", selection_default={"selection": {"rows": [1]}})
st.text(f"picked {event.selection.rows}")
st.button("Rerun")
st.data_editor(df, alt="Editable parts")
"""


def test_alt_names_the_grid_and_the_default_selection_shows_until_the_user_picks(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(DEFAULTED)
    page = app.page
    grid = page.get_by_role("grid", name="Parts in stock", exact=True)
    expect(grid).to_be_visible()
    expect(page.get_by_role("grid", name="Editable parts", exact=True)).to_be_visible()
    expect(page.get_by_text("picked [1]")).to_be_visible()
    selected = grid.locator('[role="row"][aria-selected="true"]')
    expect(selected).to_have_count(1)
    expect(selected).to_have_text("nut9")

    app.after_run(lambda: grid.get_by_role("gridcell", name="gear").click())
    expect(page.get_by_text("picked [2]")).to_be_visible()
    expect(selected).to_have_text("gear2")
    # A later run keeps the user's selection: the default was for the first render only.
    app.after_run(lambda: page.get_by_role("button", name="Rerun").click())
    expect(page.get_by_text("picked [2]")).to_be_visible()
    expect(selected).to_have_text("gear2")
    assert app.errors == []


EAGER = """
import pandas as pd
import rillet as st
df = pd.DataFrame({"n": range(400), "word": [f"w{(i * 37) % 400:03d}" for i in range(400)]})
st.dataframe(df, hide_index=True, lazy=LAZY)
"""


@pytest.mark.parametrize(("lazy", "asks"), [(False, False), (None, True)])
def test_a_table_sent_whole_scrolls_and_sorts_without_asking_for_rows(
    page: Page, live_app: Callable[..., LiveServer], lazy: bool | None, asks: bool
) -> None:
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda p: sent.append(str(p))))
    app = AppPage(page, live_app(EAGER.replace("LAZY", repr(lazy)))).open()
    grid = page.get_by_role("grid")
    expect(grid).to_have_attribute("aria-rowcount", "401")
    word = grid.get_by_role("button", name="word")
    first_word = grid.locator('[aria-rowindex="2"]').get_by_role("gridcell").nth(1)
    word.click()
    expect(first_word).to_have_text("w000")
    word.click()
    expect(first_word).to_have_text("w399")
    grid.evaluate("g => { g.scrollTop = g.scrollHeight; }")
    expect(grid.locator('[aria-rowindex="401"]').get_by_role("gridcell").nth(1)).to_have_text(
        "w000"
    )
    asked = [f for f in sent if json.loads(f).get("type") == "rows"]
    assert bool(asked) is asks, asked
    assert app.errors == []
