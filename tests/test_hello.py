"""`rillet hello` is the gallery a new user sees first: it must run clean and respond."""

from __future__ import annotations

from pathlib import Path

import rillet
from rillet.testing import AppTest

HELLO = Path(rillet.__file__).parent / "hello" / "app.py"


def test_gallery_runs_without_errors_and_counts_clicks() -> None:
    at = AppTest.from_file(str(HELLO), default_timeout=20).run()
    assert not at.exception
    assert len(at.tabs) == 11
    at.button[0].click().run()
    assert not at.exception
    assert any("You clicked 1 times" in m.value for m in at.markdown)


def test_gallery_fragment_reruns_alone() -> None:
    at = AppTest.from_file(str(HELLO), default_timeout=20).run()
    fragment_button = next(b for b in at.button if b.label == "Add one (fragment)")
    fragment_button.click().run()
    assert at.metric[-1].value == "1"


def test_gallery_charts_tab_draws_every_builtin_chart_and_a_live_one() -> None:
    at = AppTest.from_file(str(HELLO), default_timeout=20).run()
    assert len(at.get("line_chart")) == 2  # the static one and the live fragment's
    for kind in ("area_chart", "bar_chart", "scatter_chart", "graphviz_chart", "mermaid_chart"):
        assert len(at.get(kind)) == 1, kind
    before = len(at.get("line_chart")[1].data)
    at.tick(1.0)
    assert len(at.get("line_chart")[1].data) == before + 1


def test_hello_is_a_multipage_app_whose_pages_all_run() -> None:
    at = AppTest.from_file(str(HELLO), default_timeout=20).run()
    assert len(at.tabs) == 11  # the gallery is the default page
    at.switch_page("address.py").run()
    assert not at.exception
    assert at.title[0].value == "The address bar 🔗"
    at.radio[0].set_value("blue").run()
    assert at.query_params == {"colour": "blue"}
    at.switch_page("pages_demo.py").run()
    assert not at.exception
    assert [link.page for link in at.get("page_link")] == ["address", "https://github.com"]
    next(b for b in at.button if "switch_page" in b.label).click().run()
    assert len(at.tabs) == 11
    assert at.session_state.pages_seen == ["Gallery", "The address bar", "Pages and links"]


def test_gallery_media_and_chat_tabs_work() -> None:
    at = AppTest.from_file(str(HELLO), default_timeout=20).run()
    assert len(at.get("image")) == 1 and len(at.get("audio")) == 1
    assert [m.name for m in at.chat_message] == ["assistant"]
    at.chat_input[0].set_value("hi there").run()
    assert not at.exception
    assert [m.name for m in at.chat_message] == ["assistant", "user", "assistant"]
    assert "You said: **hi there**." in at.chat_message[2][0].value


def test_gallery_data_tab_editor_returns_the_edits() -> None:
    at = AppTest.from_file(str(HELLO), default_timeout=20).run()
    assert at.data_editor[0].edited["reorder"] == [False, True, False]
    at.data_editor[0].edit(0, "reorder", True).run()
    assert not at.exception
    assert at.data_editor[0].edited["reorder"] == [True, True, False]
