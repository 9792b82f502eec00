"""``persist_state`` on every widget: a keyed widget's value kept while runs do not draw it,
for the session or while the session stays on the widget's page (Streamlit 1.67's rules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rillet.testing import AppTest

HIDING = """
import rillet as st
if st.checkbox("show", value=True):
    st.text_input("name", key="name"{extra})
st.text(repr(st.session_state.get("name")))
"""


def _hiding(extra: str) -> AppTest:
    at = AppTest.from_string(HIDING.format(extra=extra)).run()
    at.text_input(key="name").input("Ada").run()
    at.checkbox[0].uncheck().run()
    return at.run()  # the run that hid it still read the value: cleanup follows a run


def test_without_persist_state_a_hidden_widget_loses_its_value() -> None:
    at = _hiding("")

    assert at.text[0].value == "None"
    at.checkbox[0].check().run()
    assert at.text_input(key="name").value == ""


@pytest.mark.parametrize("scope", ["page", "session"])
def test_a_hidden_widget_keeps_its_value_under_its_key(scope: str) -> None:
    at = _hiding(f", persist_state={scope!r}")

    assert at.text[0].value == "'Ada'"
    at.checkbox[0].check().run()
    assert at.text_input(key="name").value == "Ada"


def test_a_kept_value_can_be_changed_through_the_key_while_hidden() -> None:
    at = _hiding(', persist_state="session"')
    at.session_state["name"] = "Grace"
    at.run()
    at.checkbox[0].check().run()

    assert at.text_input(key="name").value == "Grace"


def test_persist_state_needs_a_key_and_a_known_scope() -> None:
    at = AppTest.from_string('import rillet as st\nst.toggle("t", persist_state="page")\n').run()
    assert "When using persist_state, the widget must have a unique 'key'" in (
        at.exception[0].value
    )

    at = AppTest.from_string(
        'import rillet as st\nst.toggle("t", key="t", persist_state="app")\n'
    ).run()
    assert at.exception[0].value == (
        "Invalid `persist_state` value. Supported values: 'page', 'session', None."
    )


def _pages(tmp_path: Path, scope: str, on_b: bool) -> AppTest:
    (tmp_path / "app.py").write_text(
        "import rillet as st\nst.navigation(['a.py', 'b.py']).run()\n"
    )
    widget = f'st.slider("level", 0, 10, key="level", persist_state={scope!r})\n'
    (tmp_path / "a.py").write_text("import rillet as st\n" + widget)
    (tmp_path / "b.py").write_text(
        "import rillet as st\n"
        + (widget if on_b else "")
        + 'st.text(repr(st.session_state.get("level")))\n'
    )
    at = AppTest.from_file(str(tmp_path / "app.py")).run()
    at.slider(key="level").set_value(7).run()
    return at


def test_session_scope_keeps_the_value_across_pages(tmp_path: Path) -> None:
    at = _pages(tmp_path, "session", on_b=False)

    at.switch_page("b.py").run()
    assert at.text[0].value == "7"
    at.switch_page("a.py").run()
    assert at.slider(key="level").value == 7


def test_session_scope_hands_the_value_to_the_same_key_on_another_page(tmp_path: Path) -> None:
    at = _pages(tmp_path, "session", on_b=True)

    at.switch_page("b.py").run()
    assert at.slider(key="level").value == 7


def test_page_scope_drops_the_value_on_a_page_switch(tmp_path: Path) -> None:
    at = _pages(tmp_path, "page", on_b=False)

    at.switch_page("b.py").run().run()
    assert at.text[0].value == "None"
    at.switch_page("a.py").run()
    assert at.slider(key="level").value == 0


def test_page_scope_does_not_leak_to_the_same_key_on_another_page(tmp_path: Path) -> None:
    at = _pages(tmp_path, "page", on_b=True)

    at.switch_page("b.py").run()
    assert at.slider(key="level").value == 0
