"""`session_state`: plain values, widget values under their keys, callbacks and widget ids."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest

DOCS = "https://docs.streamlit.io/develop/concepts/architecture/session-state#initialization"


# --- plain values --------------------------------------------------------------------------


def test_item_and_attribute_access_share_one_store() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.session_state["a"] = 1
        st.session_state.b = 2
        st.text(f"{st.session_state.a} {st.session_state['b']}")
        st.text(sorted(k for k in st.session_state))
        st.text(("a" in st.session_state, "zzz" in st.session_state))
        """
    ).run()

    assert at.text.values == ["1 2", "['a', 'b']", "(True, False)"]
    assert at.session_state["a"] == 1
    assert at.session_state.b == 2


def test_values_are_kept_across_reruns() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        if "visits" not in st.session_state:
            st.session_state.visits = 0
        st.session_state.visits += 1
        st.text(f"visits {st.session_state.visits}")
        """
    ).run()

    at.run().run()

    assert at.text.values == ["visits 3"]


def test_deleting_a_key_removes_it() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.session_state.a = 1
        st.session_state.b = 2
        del st.session_state.a
        del st.session_state["b"]
        st.text(len(st.session_state))
        """
    ).run()

    assert at.text.values == ["0"]


def test_missing_key_raises_streamlits_key_error() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text("above")
        st.text(st.session_state["x"])
        """
    ).run()

    shown = at.exception[0]
    assert shown.exception_type == "KeyError"
    assert (
        f'st.session_state has no key "x". Did you forget to initialize it? More info: {DOCS}'
        in shown.message
    )
    assert at.text.values == ["above"]


def test_missing_attribute_raises_streamlits_attribute_error() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text(st.session_state.x)
        """
    ).run()

    shown = at.exception[0]
    assert shown.exception_type == "AttributeError"
    assert shown.message == (
        f'st.session_state has no attribute "x". Did you forget to initialize it? More info: {DOCS}'
    )


def test_missing_key_read_from_the_test_raises_the_same_errors() -> None:
    at = AppTest.from_string("import rillet as st\n").run()

    with pytest.raises(KeyError, match=r'st.session_state has no key "x"\. Did you forget'):
        at.session_state["x"]
    with pytest.raises(AttributeError, match=r'st.session_state has no attribute "x"\.'):
        at.session_state.x  # noqa: B018 - the read is the test


def test_value_set_by_the_test_before_the_run_is_seen_by_the_script() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text(st.session_state.get("user", "anonymous"))
        """
    )
    at.session_state["user"] = "ada"

    at.run()

    assert at.text.values == ["ada"]


# --- widget values under their keys ---------------------------------------------------------


def test_widget_key_maps_to_the_widget_value() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.slider("size", 0, 10, 4, key="size")
        st.text_input("name", "bob", key="name")
        st.text(f"{st.session_state.size} {st.session_state['name']}")
        """
    ).run()
    assert at.text.values == ["4 bob"]
    assert at.session_state["size"] == 4

    at.slider(key="size").set_value(9).run()

    assert at.text.values == ["9 bob"]
    assert at.session_state["size"] == 9
    assert at.session_state.to_dict() == {"size": 9, "name": "bob"}


def test_widget_values_are_kept_across_reruns() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.slider("size", 0, 10)
        st.text_input("name")
        st.button("other")
        """
    ).run()
    at.slider[0].set_value(7)
    at.text_input[0].input("hello").run()

    at.button[0].click().run()
    at.run()

    assert at.slider[0].value == 7
    assert at.text_input[0].value == "hello"


def test_widget_value_set_by_key_in_the_script_before_the_widget() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        if "size" not in st.session_state:
            st.session_state.size = 7
        if st.button("reset"):
            st.session_state.size = 0
        v = st.slider("size", 0, 10, key="size")
        st.text(f"size {v}")
        """
    ).run()
    assert at.text.values == ["size 7"]

    at.slider[0].set_value(3).run()
    assert at.text.values == ["size 3"]

    at.button[0].click().run()
    assert at.text.values == ["size 0"]
    assert at.slider[0].value == 0


def test_widget_value_set_from_the_test_before_the_first_run() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        v = st.slider("size", 0, 10, key="size")
        st.text(f"size {v}")
        """
    )
    at.session_state["size"] = 6

    at.run()

    assert at.text.values == ["size 6"]
    assert at.slider[0].value == 6


def test_widget_value_set_from_the_test_between_runs() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        v = st.slider("size", 0, 10, key="size")
        st.text(f"size {v}")
        """
    ).run()

    at.session_state["size"] = 8
    at.run()

    assert at.text.values == ["size 8"]


def test_setting_a_widget_value_after_the_widget_raises_streamlits_error() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text("above")
        st.slider("size", 0, 10, key="k")
        st.session_state.k = 3
        st.text("below")
        """
    ).run()

    shown = at.exception[0]
    assert shown.message == (
        "`st.session_state.k` cannot be modified after the widget with key `k` is instantiated."
    )
    assert at.text.values == ["above"]
    assert at.slider[0].value == 0


def test_item_assignment_after_the_widget_raises_the_same_error() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.checkbox("agree", key="agree")
        st.session_state["agree"] = True
        """
    ).run()

    assert at.exception[0].message == (
        "`st.session_state.agree` cannot be modified after the widget with key `agree` is "
        "instantiated."
    )


def test_widget_not_rendered_in_a_run_loses_its_state() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        if st.checkbox("show details", key="show"):
            st.text_input("note", key="note")
        """
    ).run()
    at.checkbox[0].check().run()
    at.text_input(key="note").input("remember me").run()
    assert at.session_state["note"] == "remember me"

    at.checkbox[0].uncheck().run()

    assert "note" not in at.session_state
    assert "show" in at.session_state
    at.checkbox[0].check().run()
    assert at.text_input(key="note").value == ""
    assert at.session_state["note"] == ""


def test_button_key_maps_to_whether_it_was_clicked() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.button("go", key="go")
        st.text(repr(st.session_state.get("go", "missing")))
        """
    ).run()
    assert at.text.values == ["False"]

    at.button[0].click().run()

    assert at.text.values == ["True"]


# --- callbacks -----------------------------------------------------------------------------


CALLBACK_APP = """
import rillet as st

def record(source, amount=1):
    st.session_state.log = st.session_state.get("log", []) + [(source, amount)]
    st.text(f"callback from {source}")

st.text("script starts")
st.checkbox("tick", on_change=record, args=("checkbox",), kwargs={"amount": 2})
st.button("press", on_click=record, args=["button"], kwargs={"amount": 5})
st.text(f"log {st.session_state.get('log', [])}")
"""


def test_on_change_runs_with_args_and_kwargs_before_the_script_body() -> None:
    at = AppTest.from_string(CALLBACK_APP).run()
    assert at.text.values == ["script starts", "log []"]

    at.checkbox[0].check().run()

    assert at.text.values == [
        "callback from checkbox",
        "script starts",
        "log [('checkbox', 2)]",
    ]
    assert at.main[0].element.kind == "text"
    assert at.main[0].value == "callback from checkbox"


def test_on_click_runs_with_args_and_kwargs_before_the_script_body() -> None:
    at = AppTest.from_string(CALLBACK_APP).run()

    at.button[0].click().run()
    assert at.text.values == ["callback from button", "script starts", "log [('button', 5)]"]

    at.button[0].click().run()
    assert at.text.values[-1] == "log [('button', 5), ('button', 5)]"


def test_callback_output_disappears_on_the_next_run_without_it() -> None:
    at = AppTest.from_string(CALLBACK_APP).run()
    at.button[0].click().run()

    at.run()

    assert at.text.values == ["script starts", "log [('button', 5)]"]


def test_on_change_is_not_called_when_the_value_did_not_change() -> None:
    at = AppTest.from_string(CALLBACK_APP).run()

    at.checkbox[0].set_value(False).run()

    assert at.text.values == ["script starts", "log []"]


def test_callback_sees_the_new_value_through_the_widget_key() -> None:
    at = AppTest.from_string(
        """
        import rillet as st

        def remember():
            st.session_state.seen = st.session_state.name.upper()

        st.text_input("name", key="name", on_change=remember)
        st.text(st.session_state.get("seen", "-"))
        """
    ).run()

    at.text_input[0].input("ada").run()

    assert at.text.values == ["ADA"]


def test_callback_may_set_another_widgets_value_by_key() -> None:
    at = AppTest.from_string(
        """
        import rillet as st

        def reset():
            st.session_state.size = 0

        st.button("reset", on_click=reset)
        st.slider("size", 0, 10, 5, key="size")
        """
    ).run()
    at.slider[0].set_value(9).run()

    at.button[0].click().run()

    assert at.slider[0].value == 0
    assert len(at.exception) == 0


# --- widget ids ----------------------------------------------------------------------------


def test_duplicate_unkeyed_widgets_raise_streamlits_duplicate_widget_id() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text_input("name")
        st.text_input("name")
        """
    ).run()

    shown = at.exception[0]
    assert shown.exception_type == "DuplicateWidgetID"
    assert shown.message == (
        "There are multiple `text_input` elements with the same auto-generated ID. When this "
        "element is created, it is assigned an internal ID based on the element type and "
        "provided parameters. Multiple elements with the same type and parameters will cause "
        "this error.\n\nTo fix this error, please pass a unique `key` argument to the "
        "`text_input` element."
    )
    assert len(at.text_input) == 1


def test_duplicate_keys_raise_streamlits_duplicate_widget_id() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.checkbox("first", key="same")
        st.checkbox("second", key="same")
        """
    ).run()

    shown = at.exception[0]
    assert shown.exception_type == "DuplicateWidgetID"
    assert shown.message == (
        "There are multiple elements with the same `key='same'`. To fix this, please make sure "
        "that the `key` argument is unique for each element you create."
    )


def test_same_key_on_different_widget_kinds_is_a_duplicate() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.checkbox("first", key="same")
        st.text_input("second", key="same")
        """
    ).run()

    assert at.exception[0].exception_type == "DuplicateWidgetID"
    assert "`key='same'`" in at.exception[0].message


def test_same_label_with_different_keys_is_not_a_duplicate() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text_input("name", key="a")
        st.text_input("name", key="b")
        st.text_input("other")
        """
    ).run()

    assert len(at.exception) == 0
    assert len(at.text_input) == 3


def test_int_keys_name_the_widget_as_text() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.checkbox("c", key=1, value=True)
        st.text(st.session_state["1"])
        """
    ).run()

    assert at.text.values == ["True"]
    assert at.checkbox(key="1").value is True


def test_scripts_can_catch_duplicate_widget_id_by_streamlits_names() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.button("twice")
        try:
            st.button("twice")
        except st.StreamlitAPIException as exc:
            st.text(type(exc).__name__)
        try:
            st.button("twice")
        except st.DuplicateWidgetID:
            st.text("caught again")
        """
    ).run()

    assert at.text.values == ["DuplicateWidgetID", "caught again"]
    assert len(at.button) == 1
    assert len(at.exception) == 0


# --- export / restore (session snapshots) ----------------------------------------------------

CARRIED = """
import rillet as st
st.session_state.setdefault("note", "plain")
n = st.slider("n", 0, 10, key="n")
name = st.text_input("name")
pressed = st.button("go", key="go")
st.text(f"{st.session_state.note} {n} {name} {pressed}")
"""


def test_export_and_restore_carry_a_session_to_a_fresh_one_without_pressing_again() -> None:
    at = AppTest.from_string(CARRIED).run()
    at.slider[0].set_value(7)
    at.text_input[0].set_value("Ada")
    at.button[0].click().run()
    assert at.text[0].value == "plain 7 Ada True"

    exported = at._session.state.export()
    assert exported.user == {"note": "plain"}
    assert exported.keyed == {"n": 7}  # the pressed button is left out: a press is spent
    assert list(exported.widgets.values()) == ["Ada"]

    fresh = AppTest.from_string(CARRIED)
    fresh._session.state.restore({**exported.user, **exported.keyed}, exported.widgets)
    fresh.run()
    assert fresh.text[0].value == "plain 7 Ada False"
