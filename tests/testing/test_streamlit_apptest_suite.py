"""AppTest tests written as a Streamlit user writes them, run unchanged against rillet.

The apps say ``import streamlit as st`` and the tests use Streamlit's AppTest names only; the
one line that differs is the import below. ``APPTEST_TARGET=streamlit`` runs the same file
against Streamlit itself, which keeps the suite honest (bench/.venv has Streamlit 1.67):

    APPTEST_TARGET=streamlit bench/.venv/bin/python -m pytest -q -c /dev/null --noconftest \
        tests/testing/test_streamlit_apptest_suite.py
"""

from __future__ import annotations

import datetime
import os

import pytest

if os.environ.get("APPTEST_TARGET") == "streamlit":
    from streamlit.testing.v1 import AppTest, AppTestError
else:
    from rillet.testing import AppTest, AppTestError


# --- the docs' first example: secrets, a text input found by key, alerts ----------------------


WORD_APP = """
import streamlit as st

word_of_the_day = st.text_input("What's the word of the day?", key="word")
if word_of_the_day == st.secrets["WORD"]:
    st.success("That's right!")
elif word_of_the_day and word_of_the_day != st.secrets["WORD"]:
    st.warning("Try again.")
"""


def test_secrets_and_text_input_by_key() -> None:
    at = AppTest.from_string(WORD_APP)
    at.secrets["WORD"] = "Foobar"
    at.run()
    assert not at.exception

    at.text_input("word").input("Bazbat").run()
    assert at.warning[0].value == "Try again."

    at.text_input(key="word").input("Foobar").run()
    assert at.success[0].value == "That's right!"
    assert len(at.warning) == 0


# --- the docs' login page example: callbacks, session_state, st.stop -------------------------


def test_login_no_interaction() -> None:
    at = AppTest.from_file("apps/login_app.py")
    at.secrets["password"] = "sesame-2024"
    at.run()
    assert at.session_state["status"] == "unverified"
    assert len(at.text_input) == 1
    assert len(at.warning) == 0
    assert len(at.success) == 0
    assert len(at.button) == 0
    assert at.text_input[0].value == ""


def test_login_incorrect_password() -> None:
    at = AppTest.from_file("apps/login_app.py")
    at.secrets["password"] = "sesame-2024"
    at.run()
    at.text_input[0].input("balloon").run()
    assert at.session_state["status"] == "incorrect"
    assert len(at.text_input) == 1
    assert len(at.warning) == 1
    assert "Incorrect password" in at.warning[0].value
    assert at.text_input[0].value == ""


def test_login_correct_password_then_log_out() -> None:
    at = AppTest.from_file("apps/login_app.py")
    at.secrets["password"] = "sesame-2024"
    at.run()
    at.text_input[0].input("sesame-2024").run()
    assert at.session_state["status"] == "verified"
    assert len(at.text_input) == 0
    assert "Login successful" in at.success[0].value
    assert at.button[0].label == "Log out"

    at.button[0].click().run()
    assert at.session_state.status == "unverified"
    assert len(at.text_input) == 1


def test_login_preset_session_state() -> None:
    at = AppTest.from_file("apps/login_app.py")
    at.secrets["password"] = "sesame-2024"
    at.session_state["status"] = "verified"
    at.run()
    assert len(at.success) == 1
    assert len(at.text_input) == 0


# --- the cheat sheet: text elements ------------------------------------------------------------


def test_cheat_sheet_text_elements() -> None:
    at = AppTest.from_file("apps/cheatsheet_app.py").run()
    assert "My app" in at.title[0].value
    assert "New topic" in at.header[0].value
    assert "Interesting sub-topic" in at.subheader[0].value
    assert len(at.divider) == 1
    assert "Hello, world!" in at.markdown[0].value
    assert "import streamlit as st" in at.code[0].value
    assert "A cool diagram" in at.caption[0].value
    assert "Hello again, world!" in at.text[0].value
    assert r"\int a x^2 \,dx" in at.latex[0].value


# --- the cheat sheet: every input widget's action --------------------------------------------


def test_cheat_sheet_button() -> None:
    at = AppTest.from_file("apps/cheatsheet_app.py").run()
    assert at.button[0].value is False
    at.button[0].click().run()
    assert at.button[0].value is True
    assert at.success[0].value == "Clicked!"
    at.run()
    assert at.button[0].value is False
    assert len(at.success) == 0


def test_cheat_sheet_choice_widgets() -> None:
    at = AppTest.from_file("apps/cheatsheet_app.py").run()

    assert at.checkbox[0].value is False
    at.checkbox[0].check().run()
    assert at.checkbox[0].value is True
    at.checkbox[0].uncheck().run()
    assert at.checkbox[0].value is False

    assert at.color_picker[0].value == "#FFFFFF"
    at.color_picker[0].pick("#000000").run()
    assert at.color_picker[0].value == "#000000"

    assert at.multiselect[0].value == ["foo", "bar"]
    at.multiselect[0].select("baz").unselect("foo").run()
    assert at.multiselect[0].value == ["bar", "baz"]

    assert at.radio[0].value == "Paris"
    at.radio[0].set_value("New York").run()
    assert at.radio[0].value == "New York"

    assert at.select_slider[0].value == ("A", "B")
    at.select_slider[0].set_range("A", "D").run()
    assert at.select_slider[0].value == ("A", "D")

    assert at.selectbox[0].value == "apple"
    at.selectbox[0].select("pear").run()
    assert at.selectbox[0].value == "pear"
    at.selectbox[0].select_index(0).run()
    assert at.selectbox[0].value == "apple"

    assert at.toggle[0].value is False
    at.toggle[0].set_value(True).run()
    assert at.toggle[0].value is True


def test_cheat_sheet_value_widgets() -> None:
    at = AppTest.from_file("apps/cheatsheet_app.py").run()

    assert at.date_input[0].value == datetime.date(2019, 7, 6)
    at.date_input[0].set_value(datetime.date(2022, 12, 21)).run()
    assert at.date_input[0].value == datetime.date(2022, 12, 21)

    assert at.number_input[0].value == 5
    at.number_input[0].increment().run()
    assert at.number_input[0].value == 6
    at.number_input[0].decrement().decrement().run()
    assert at.number_input[0].value == 4

    assert at.slider[0].value == (2, 5)
    at.slider[0].set_range(3, 7).run()
    assert at.slider[0].value == (3, 7)

    at.text_area[0].input("Streamlit is awesome!").run()
    assert at.text_area[0].value == "Streamlit is awesome!"

    at.text_input[0].input("Streamlit").run()
    assert at.text_input[0].value == "Streamlit"

    assert at.time_input[0].value == datetime.time(8, 45)
    at.time_input[0].increment().run()
    assert at.time_input[0].value == datetime.time(9, 0)
    at.time_input[0].set_value(datetime.time(12, 30)).run()
    assert at.time_input[0].value == datetime.time(12, 30)


def test_a_set_value_shows_before_the_run() -> None:
    at = AppTest.from_file("apps/cheatsheet_app.py").run()
    at.text_input[0].set_value("queued")
    assert at.text_input[0].value == "queued"
    at.run()
    assert at.text_input[0].value == "queued"


# --- element lists ------------------------------------------------------------------------


def test_element_lists_index_len_values_and_keys() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
st.text_input("First", key="a")
st.text_input("Second", "two", key="b")
st.markdown("one")
st.markdown("two")
"""
    ).run()
    assert len(at.text_input) == 2
    assert at.text_input.values == ["", "two"]
    assert at.text_input(key="b").label == "Second"
    assert at.text_input("a").key == "a"
    assert at.text_input[1].key == "b"
    assert [m.value for m in at.markdown[0:2]] == ["one", "two"]
    assert at.markdown.values == ["one", "two"]
    assert at.text_input.len == 2
    with pytest.raises(KeyError):
        at.text_input(key="missing")


def test_get_by_key_across_types() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
st.slider("Level", 0, 10, 3, key="level")
st.checkbox("On", key="on")
with st.container(key="box"):
    st.write("inside")
"""
    ).run()
    assert at.get_by_key("level").value == 3
    assert at.get_by_key("on").value is False
    assert at.get_by_key("box").markdown[0].value == "inside"
    with pytest.raises(KeyError):
        at.get_by_key("nothing")


def test_elements_a_user_cannot_change_refuse_actions() -> None:
    at = AppTest.from_string('import streamlit as st\nst.markdown("fixed")\n').run()
    with pytest.raises(AppTestError):
        at.markdown[0].set_value("other")
    with pytest.raises(AppTestError):
        at.markdown[0].click()


def test_element_types_are_streamlits() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
st.title("T")
st.caption("c")
st.warning("w")
st.text_input("i")
"""
    ).run()
    assert [at.title[0].type, at.caption[0].type, at.warning[0].type] == [
        "title",
        "caption",
        "warning",
    ]
    assert at.text_input[0].type == "text_input"
    assert at.get("warning")[0].value == "w"


def test_widget_properties_come_from_the_element() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
st.slider("Level", 1, 9, 4, step=2, help="how loud")
st.text_input("Name", placeholder="your name", max_chars=10)
st.button("Go", disabled=True)
st.selectbox("Pick", ["a", "b"])
"""
    ).run()
    slider = at.slider[0]
    assert (slider.label, slider.min, slider.max, slider.step) == ("Level", 1, 9, 2)
    assert slider.help == "how loud"
    assert at.text_input[0].placeholder == "your name"
    assert at.text_input[0].max_chars == 10
    assert at.button[0].disabled is True
    assert list(at.selectbox[0].options) == ["a", "b"]
    assert at.selectbox[0].index == 0


# --- at.get and Streamlit's type names --------------------------------------------------------


def test_get_by_type_name() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
st.pills("Tags", ["x", "y"], selection_mode="multi")
st.segmented_control("Mode", ["a", "b"])
st.help(len)
st.text("plain")
st.button("b")
"""
    ).run()
    assert len(at.get("text")) == 1
    assert len(at.get("button")) == 1
    assert len(at.button_group) == 2
    assert len(at.pills) == 1
    assert len(at.segmented_control) == 1
    assert len(at.get("button_group")) == 2
    assert at.get("button_group")[0].type == "button_group"
    assert len(at.help) == 1
    assert len(at.get("help")) == 1
    assert len(at.get("help_info")) == 1
    assert at.help[0].type == "help_info"


def test_pills_and_segmented_control_select() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
tags = st.pills("Tags", ["x", "y", "z"], selection_mode="multi")
mode = st.segmented_control("Mode", ["a", "b"])
st.write(f"tags={tags} mode={mode}")
"""
    ).run()
    at.pills[0].select("x").select("z").run()
    at.segmented_control[0].set_value("b").run()
    assert at.pills[0].value == ["x", "z"]
    assert at.segmented_control[0].value == "b"
    assert at.markdown[0].value == "tags=['x', 'z'] mode=b"
    at.button_group[0].unselect("x").run()
    assert at.pills[0].value == ["z"]


# --- layout ------------------------------------------------------------------------------


def test_sidebar_columns_tabs_expander() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
st.sidebar.button("In the sidebar")
left, right = st.columns(2)
left.write("left")
right.checkbox("right box")
a, b = st.tabs(["A", "B"])
a.write("in A")
b.write("in B")
with st.expander("More"):
    st.write("hidden")
"""
    ).run()
    assert at.sidebar.button[0].label == "In the sidebar"
    assert len(at.main.button) == 0
    assert len(at.columns) == 2
    assert at.columns[0].markdown[0].value == "left"
    assert at.columns[1].checkbox[0].label == "right box"
    assert len(at.tabs) == 2
    assert at.tabs[0].label == "A"
    assert at.tabs[1].markdown[0].value == "in B"
    assert at.expander[0].label == "More"
    assert at.expander[0].markdown[0].value == "hidden"


def test_form_values_wait_for_submit() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
with st.form("f"):
    name = st.text_input("Name")
    submitted = st.form_submit_button("Send")
st.write(f"name={name!r} submitted={submitted}")
"""
    ).run()
    assert len(at.form) == 1
    assert len(at.form_submit_button) == 1
    at.text_input[0].input("Ada").run()
    assert at.markdown[0].value == "name='' submitted=False"
    at.text_input[0].input("Ada")
    at.form_submit_button[0].click().run()
    assert at.markdown[0].value == "name='Ada' submitted=True"


# --- session state, query params, pages ---------------------------------------------------


def test_session_state_item_and_attribute_access() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
st.session_state.setdefault("count", 0)
if st.button("Add"):
    st.session_state.count += 1
st.write(f"count={st.session_state.count}")
"""
    )
    at.session_state.count = 5
    at.run()
    at.button[0].click().run()
    assert at.session_state["count"] == 6
    assert at.session_state.count == 6
    assert "count" in at.session_state
    assert at.markdown[0].value == "count=6"


def test_query_params_in_and_out() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
st.write(f"page={st.query_params.get('page', 'none')}")
st.query_params["seen"] = "yes"
"""
    )
    at.query_params["page"] = "2"
    at.run()
    assert at.markdown[0].value == "page=2"
    assert at.query_params["seen"] == "yes"
    assert at.query_params["page"] == "2"


def test_switch_page() -> None:
    at = AppTest.from_file("apps/multipage/app.py").run()
    assert at.title[0].value == "Home"
    at.switch_page("pages/1_Settings.py").run()
    assert at.title[0].value == "Settings"
    assert at.markdown[0].value == "visits: 1"
    at.switch_page("app.py").run()
    assert at.title[0].value == "Home"
    assert at.session_state.visits == 2


def test_switch_page_to_a_missing_page() -> None:
    at = AppTest.from_file("apps/multipage/app.py").run()
    with pytest.raises(ValueError):
        at.switch_page("pages/nothing.py")


def test_from_file_missing_script() -> None:
    with pytest.raises(FileNotFoundError):
        AppTest.from_file("apps/no_such_app.py")


# --- from_function, exceptions, timeouts ----------------------------------------------------


def test_from_function_with_args() -> None:
    def app(greeting: str, name: str = "you") -> None:
        import streamlit as st

        st.write(f"{greeting}, {name}!")

    at = AppTest.from_function(app, args=("Hello",), kwargs={"name": "Ada"}).run()
    assert at.markdown[0].value == "Hello, Ada!"


def test_an_exception_is_shown() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
st.write("before")
raise ValueError("boom")
"""
    ).run()
    assert at.exception
    assert "boom" in at.exception[0].value
    assert at.markdown[0].value == "before"


def test_run_timeout() -> None:
    at = AppTest.from_string(
        """
import time
import streamlit as st
time.sleep(2)
"""
    )
    with pytest.raises(RuntimeError, match="timed out"):
        at.run(timeout=0.2)


# --- more elements ------------------------------------------------------------------------


def test_metric_json_table_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    at = AppTest.from_string(
        """
import pandas as pd
import streamlit as st
st.metric("Temperature", "70 °F", "1.2 °F")
st.json({"a": 1})
st.table(pd.DataFrame({"x": [1, 2]}))
st.dataframe(pd.DataFrame({"y": [3, 4]}))
"""
    ).run()
    assert at.metric[0].label == "Temperature"
    assert at.metric[0].value == "70 °F"
    assert at.metric[0].delta == "1.2 °F"
    assert '"a"' in at.json[0].value
    pd.testing.assert_frame_equal(at.table[0].value, pd.DataFrame({"x": [1, 2]}))
    pd.testing.assert_frame_equal(at.dataframe[0].value, pd.DataFrame({"y": [3, 4]}))


def test_status_elements() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
st.toast("Saved", icon="✅")
st.progress(40, text="Loading")
st.error("Bad")
st.info("Note")
with st.status("Working", expanded=True):
    st.write("step 1")
"""
    ).run()
    assert at.toast[0].value == "Saved"
    assert at.toast[0].icon == "✅"
    assert at.progress[0].value == 40
    assert at.error[0].value == "Bad"
    assert at.info[0].value == "Note"
    assert at.status[0].label == "Working"
    assert at.status[0].markdown[0].value == "step 1"


def test_chat() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
st.session_state.setdefault("messages", [])
if prompt := st.chat_input("Say something"):
    st.session_state.messages.append(prompt)
for message in st.session_state.messages:
    with st.chat_message("user"):
        st.write(message)
"""
    ).run()
    assert len(at.chat_message) == 0
    at.chat_input[0].set_value("Do you know any jokes?").run()
    assert at.chat_message[0].name == "user"
    assert at.chat_message[0].markdown[0].value == "Do you know any jokes?"


# --- Streamlit 1.67's newest widgets ---------------------------------------------------------


def test_newest_widgets() -> None:
    at = AppTest.from_string(
        """
import datetime
import streamlit as st
when = st.datetime_input("When", datetime.datetime(2025, 1, 2, 3, 4))
page = st.pagination(10, key="pages")
choice = st.menu_button("Actions", options=["Copy", "Paste"])
st.write(f"when={when} page={page} choice={choice}")
"""
    ).run()
    assert at.markdown[0].value == "when=2025-01-02 03:04:00 page=1 choice=None"
    at.datetime_input[0].set_value(datetime.datetime(2026, 5, 6, 7, 8)).run()
    at.pagination[0].select(3).run()
    assert at.pagination(key="pages").value == 3
    at.menu_button[0].click("Paste").run()
    assert at.markdown[0].value == "when=2026-05-06 07:08:00 page=3 choice=Paste"
    at.run()
    assert at.markdown[0].value == "when=2026-05-06 07:08:00 page=3 choice=None"


def test_grid() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
grid = st.grid(2)
with grid.cell():
    st.write("one")
with grid.cell():
    st.write("two")
"""
    ).run()
    assert len(at.grid) == 1
    assert at.grid[0].markdown.values == ["one", "two"]
