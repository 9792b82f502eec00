"""The AppTest API itself: building, running, finding elements and acting on widgets."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from rillet.protocol.messages import Delta, RunFinished, RunStarted
from rillet.testing import AppTest
from rillet.testing.apptest import Block


def write_app(directory: Path, source: str, name: str = "app.py") -> Path:
    path = directory / name
    path.write_text(source)
    return path


# --- building ------------------------------------------------------------------------------


def test_from_file_runs_the_script_at_an_absolute_path(tmp_path: Path) -> None:
    path = write_app(tmp_path, "import rillet as st\nst.title('From a file')\n")

    at = AppTest.from_file(str(path)).run()

    assert at.title[0].value == "From a file"


def test_from_file_resolves_relative_paths_from_the_calling_file(tmp_path: Path) -> None:
    path = write_app(tmp_path, "import rillet as st\nst.text('relative')\n")
    relative = os.path.relpath(path, os.path.dirname(os.path.abspath(__file__)))
    assert not os.path.isabs(relative)

    at = AppTest.from_file(relative).run()

    assert at.text.values == ["relative"]


def test_from_file_runs_the_script_as_it_stands_at_each_run(tmp_path: Path) -> None:
    path = write_app(tmp_path, "import rillet as st\nst.text('first version')\n")
    at = AppTest.from_file(str(path)).run()

    path.write_text("import rillet as st\nst.text('second, longer version')\n")
    at.run()

    assert at.text.values == ["second, longer version"]


def test_from_file_sees_the_scripts_own_file_name(tmp_path: Path) -> None:
    path = write_app(tmp_path, "import rillet as st\nst.text(__file__)\n", name="dash.py")

    at = AppTest.from_file(str(path)).run()

    assert at.text.values == [str(path)]


def test_from_file_with_a_missing_script_raises_as_streamlit(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="AppTest script not found at"):
        AppTest.from_file(str(tmp_path / "missing.py"))


def test_from_string_dedents_the_script() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        if True:
            st.text("indented source")
        """
    ).run()

    assert at.text.values == ["indented source"]


def test_from_function_runs_the_body_with_args_and_kwargs() -> None:
    def greeting_app(name, greeting="Hello", punctuation="."):
        import rillet as st

        st.text(f"{greeting}, {name}{punctuation}")

    at = AppTest.from_function(greeting_app, args=("Ada",), kwargs={"punctuation": "!"}).run()

    assert at.text.values == ["Hello, Ada!"]


def test_from_function_without_arguments() -> None:
    def plain_app():
        import rillet as st

        st.header("no arguments")

    at = AppTest.from_function(plain_app).run()

    assert at.header[0].value == "no arguments"


def test_from_function_arguments_are_passed_again_on_every_run() -> None:
    calls: list[int] = []

    def counting_app(calls):
        import rillet as st

        calls.append(1)
        st.button("again")
        st.text(f"calls {len(calls)}")

    at = AppTest.from_function(counting_app, kwargs={"calls": calls}).run()
    at.button[0].click().run()

    assert at.text.values == ["calls 2"]
    assert len(calls) == 2


def test_nothing_is_shown_before_the_first_run() -> None:
    at = AppTest.from_string("import rillet as st\nst.text('x')\n")

    assert len(at.text) == 0
    assert len(at.main) == 0
    assert at.messages == []


# --- running -------------------------------------------------------------------------------


def test_run_returns_the_apptest_for_chaining() -> None:
    at = AppTest.from_string("import rillet as st\nst.text('x')\n")

    assert at.run() is at
    assert at.rerun() is at


def test_run_timeout_raises_on_a_script_that_sleeps_too_long() -> None:
    at = AppTest.from_string(
        """
        import time
        import rillet as st
        time.sleep(0.5)
        st.text("finally")
        """
    )

    began = time.monotonic()
    with pytest.raises(RuntimeError, match=r"AppTest script run timed out after 0\.1\(s\)"):
        at.run(timeout=0.1)
    assert time.monotonic() - began < 0.45

    assert at._session.wait_idle(3)
    at.run(timeout=3)
    assert at.text.values == ["finally"]


def test_default_timeout_applies_when_run_has_none() -> None:
    at = AppTest.from_string("import time\ntime.sleep(0.5)\n", default_timeout=0.1)

    with pytest.raises(RuntimeError, match=r"timed out after 0\.1\(s\)"):
        at.run()
    at._session.wait_idle(3)


def test_messages_are_those_of_the_last_run_only() -> None:
    at = AppTest.from_string("import rillet as st\nst.text('x')\n").run()
    assert any(isinstance(m, Delta) for m in at.messages)

    at.run()

    assert isinstance(at.messages[0], RunStarted)
    assert at.messages[0].run_id == 2
    assert not any(isinstance(m, Delta) for m in at.messages)
    assert isinstance(at.messages[-1], RunFinished)


def test_session_state_can_be_read_and_written_from_the_test() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.session_state.setdefault("n", 0)
        st.session_state.n += 1
        st.text(st.session_state.n)
        """
    )
    at.session_state["n"] = 10

    at.run()

    assert at.session_state["n"] == 11
    assert at.text.values == ["11"]


# --- finding elements ----------------------------------------------------------------------


def test_elements_are_listed_under_streamlits_apptest_names() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.title("t")
        st.header("h")
        st.subheader("s")
        st.markdown("m")
        st.caption("c")
        st.divider()
        st.text("x")
        st.code("c")
        st.json([1])
        st.success("ok")
        st.info("i")
        st.warning("w")
        st.error("e")
        st.exception(ValueError("v"))
        st.metric("m", 1)
        st.dataframe({"a": [1]})
        st.table({"a": [1]})
        st.button("b")
        st.checkbox("c")
        st.slider("s")
        st.text_input("t")
        st.columns(2)
        """
    ).run()

    names = (
        "title header subheader markdown caption divider text code json success info warning "
        "error exception metric dataframe table button checkbox slider text_input"
    ).split()
    assert {name: len(at.get(name)) for name in names} == dict.fromkeys(names, 1)
    assert len(at.columns) == 2
    assert len(at.main) == 22


def test_element_lookup_by_key() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.slider("first", key="a")
        st.slider("second", key="b")
        st.slider("unkeyed")
        """
    ).run()

    assert at.slider(key="b").label == "second"
    assert at.slider(key="a").key == "a"
    assert at.slider[2].key is None
    with pytest.raises(KeyError):
        at.slider(key="missing")


def test_main_and_sidebar_scope_lookups() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.sidebar.text("side")
        st.text("main 1")
        with st.container():
            st.text("main 2")
        st.sidebar.button("side button")
        """
    ).run()

    assert at.main.text.values == ["main 1", "main 2"]
    assert at.sidebar.text.values == ["side"]
    assert len(at.main.button) == 0
    assert at.sidebar.button[0].label == "side button"
    assert at.text.values == ["main 1", "main 2", "side"]


def test_blocks_can_be_indexed_iterated_and_searched() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text("a")
        with st.container():
            st.text("b")
            st.checkbox("c")
        """
    ).run()

    box = at.main[1]
    assert isinstance(box, Block)
    assert len(box) == 2
    assert [n.element.kind for n in box] == ["text", "checkbox"]
    assert box[0].value == "b"
    assert box.text.values == ["b"]
    assert box.checkbox[0].label == "c"


def test_element_lists_support_len_slicing_iteration_and_values() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        for word in ["one", "two", "three"]:
            st.text(word)
        """
    ).run()

    assert len(at.text) == 3
    assert at.text[1:].values == ["two", "three"]
    assert [t.value for t in at.text] == ["one", "two", "three"]
    assert at.text[-1].value == "three"


def test_container_lookup_lists_only_containers_the_app_created() -> None:
    at = AppTest.from_string("import rillet as st\nst.container()\n").run()

    assert len(at.container) == 1
    assert at.container[0].path == (0, 0)


# --- acting on widgets ---------------------------------------------------------------------


def test_actions_chain_into_run() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text(f"{st.checkbox('c')} {st.slider('s', 0, 9)} {st.text_input('t')!r}")
        """
    ).run()

    at.checkbox[0].check().run()
    at.slider[0].set_value(4).run()
    at.text_input[0].input("hi").run()

    assert at.text.values == ["True 4 'hi'"]


def test_several_actions_apply_together_in_one_run() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.session_state.runs = st.session_state.get("runs", 0) + 1
        c = st.checkbox("c")
        s = st.slider("s", 0, 9)
        st.text(f"{c} {s} runs={st.session_state.runs}")
        """
    ).run()

    at.checkbox[0].check()
    at.slider[0].set_value(7)
    at.run()

    assert at.text.values == ["True 7 runs=2"]


def test_widget_value_shows_a_queued_action_before_the_run() -> None:
    at = AppTest.from_string("import rillet as st\nst.slider('s', 0, 9)\n").run()

    at.slider[0].set_value(5)

    assert at.slider[0].value == 5
    assert at.slider[0].props["value"] == 0


def test_widget_run_is_a_shortcut_for_apptest_run() -> None:
    at = AppTest.from_string("import rillet as st\nst.text(st.checkbox('c'))\n").run()

    result = at.checkbox[0].check()
    assert result is at.checkbox[0] or result.id == at.checkbox[0].id  # the widget, to chain
    at.checkbox[0].run()

    assert at.text.values == ["True"]


def test_range_slider_set_range() -> None:
    at = AppTest.from_string("import rillet as st\nst.text(st.slider('r', 0, 9, (1, 2)))\n").run()

    at.slider[0].set_range(3, 6).run()

    assert at.text.values == ["(3, 6)"]


def test_widget_properties() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text_input("Name", key="n", help="your name", max_chars=8, placeholder="ada",
                      disabled=True)
        st.slider("Size", 2, 8)
        """
    ).run()

    box = at.text_input[0]
    assert (box.label, box.key, box.help) == ("Name", "n", "your name")
    assert (box.max_chars, box.placeholder, box.disabled) == (8, "ada", True)
    assert (at.slider[0].min, at.slider[0].max) == (2, 8)
    assert box.id.startswith("text_input-")


# --- exceptions ----------------------------------------------------------------------------


def test_exception_lists_uncaught_errors_with_type_message_and_trace() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text("ok so far")
        1 / 0
        """
    ).run()

    assert len(at.exception) == 1
    error = at.exception[0]
    assert error.exception_type == "ZeroDivisionError"
    assert error.value == error.message == "division by zero"
    assert any("1 / 0" in line for line in error.stack_trace)


def test_exception_list_is_empty_when_the_script_succeeds() -> None:
    at = AppTest.from_string("import rillet as st\nst.text('fine')\n").run()

    assert len(at.exception) == 0


def test_button_group_lists_pills_and_segmented_controls_as_streamlit() -> None:
    at = AppTest.from_string(
        "import rillet as st\n"
        "st.pills('P', ['a', 'b'])\n"
        "st.segmented_control('S', ['x', 'y'])\n"
        "st.feedback('thumbs')\n"
    ).run()
    assert [w.label for w in at.button_group] == ["P", "S"]
    assert [w.type for w in at.button_group] == ["button_group", "button_group"]
    assert at.feedback[0].type == "feedback"


def test_import_streamlit_gives_rillet_during_runs_only() -> None:
    import sys

    from rillet import compat

    before = sys.modules.get("streamlit")
    at = AppTest.from_string("import streamlit as st\nst.text(st.__name__)\n").run()

    assert at.text.values == ["rillet"]
    assert not compat.installed()
    assert sys.modules.get("streamlit") is before


def test_secrets_of_a_test_do_not_outlive_its_runs() -> None:
    from rillet.runtime.secrets import secrets

    at = AppTest.from_string("import rillet as st\nst.text(st.secrets['token'])\n")
    at.secrets["token"] = "abc-123"
    at.run()

    assert at.text.values == ["abc-123"]
    assert secrets.overrides == {}
