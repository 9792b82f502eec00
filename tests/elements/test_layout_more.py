"""Layout beyond the basics: container options, tabs, expanders, popovers, space, the bottom."""

from __future__ import annotations

import pytest

from rillet.protocol.messages import Delta
from rillet.testing import AppTest
from rillet.testing.apptest import Block


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


def error_of(body: str) -> tuple[str, str]:
    at = app(body)
    assert at.exception, "expected the script to fail"
    return at.exception[0].exception_type, at.exception[0].message


def deltas(at: AppTest) -> list[Delta]:
    return [m for m in at.messages if isinstance(m, Delta)]


# --- container -----------------------------------------------------------------------------


def test_container_defaults_send_only_what_a_plain_container_needs() -> None:
    at = app("st.container()\n")

    assert at.main[0].props == {"type": "vertical", "border": False, "height": None}


def test_horizontal_container_with_alignment_gap_width_and_key() -> None:
    at = app(
        """
row = st.container(horizontal=True, horizontal_alignment="distribute",
                   vertical_alignment="center", gap="large", width=400, key="toolbar")
row.button("Left")
row.button("Right")
"""
    )

    props = at.main[0].props
    assert props["horizontal"] is True
    assert (props["horizontal_alignment"], props["vertical_alignment"]) == ("distribute", "center")
    assert (props["gap"], props["width"], props["key"]) == ("large", 400, "toolbar")
    assert [b.label for b in at.main[0].button] == ["Left", "Right"]


@pytest.mark.parametrize(
    ("gap", "sent"), [("small", None), (None, "none"), ("xxlarge", "xxlarge"), (12, 12)]
)
def test_container_gap(gap: object, sent: object) -> None:
    at = app(f"st.container(gap={gap!r})\n")

    assert at.main[0].props.get("gap") == sent


def test_container_height_stretch_and_autoscroll() -> None:
    at = app("st.container(height='stretch')\nst.container(height=200, autoscroll=True)\n")

    first, second = at.main.container
    assert (first.props["height"], first.props["border"]) == ("stretch", False)
    assert (second.props["height"], second.props["border"], second.props["autoscroll"]) == (
        200,
        True,
        True,
    )


def test_horizontal_container_that_does_not_wrap() -> None:
    at = app("st.container(horizontal=True, wrap=False)\n")

    assert at.main[0].props["wrap"] is False


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "wrap=False",
            "`wrap=False` and `horizontal=False` cannot be used together. A vertical container "
            "has no horizontal row of elements to keep in a single, scrolling row. Set "
            "`horizontal=True` to use `wrap=False`, or remove the `wrap` argument.",
        ),
        (
            "horizontal_alignment='middle'",
            "Invalid `horizontal_alignment` value. Supported values: 'left', 'center', 'right', "
            "'distribute'. Got 'middle'.",
        ),
        (
            "vertical_alignment='middle'",
            "Invalid `vertical_alignment` value. Supported values: 'top', 'center', 'bottom', "
            "'distribute'. Got 'middle'.",
        ),
        (
            "width=0",
            "Invalid width value: 0. Width must be either a positive integer (pixels), "
            "'stretch', or 'content'.",
        ),
        (
            "height='auto'",
            "Invalid height value: 'auto'. Height must be either a positive integer (pixels), "
            "'stretch', or 'content'.",
        ),
    ],
)
def test_container_rejects_bad_options_with_streamlits_words(call: str, message: str) -> None:
    assert error_of(f"st.container({call})\n") == ("RilletAPIException", message)


def test_columns_width_and_wrap() -> None:
    at = app("st.columns(2, width=500, wrap=False)\n")

    assert (at.main[0].props["width"], at.main[0].props["wrap"]) == (500, False)


def test_columns_of_the_wrong_type_name_the_types_they_take() -> None:
    assert error_of("st.columns('two')\n") == (
        "RilletAPIException",
        "Invalid `spec` type. Expected one of: int, sequence of numbers. Provided type: str.",
    )


# --- tabs ----------------------------------------------------------------------------------


TABS = """
one, two, three = st.tabs(["Sales", "Costs", "Notes"])
one.metric("Revenue", 10)
with two:
    st.button("Recompute")
three.text("nothing yet")
"""


def test_tabs_give_one_container_per_label_in_order() -> None:
    at = app(TABS)

    assert [t.label for t in at.tabs] == ["Sales", "Costs", "Notes"]
    assert at.tabs[1].button[0].label == "Recompute"
    assert at.tabs[2].text[0].value == "nothing yet"
    assert len(at.tabs[0].metric) == 1
    group = at.main[0]
    assert isinstance(group, Block) and group.props["labels"] == ["Sales", "Costs", "Notes"]
    assert all(t.path[:2] == (0, 0) for t in at.tabs)


def test_tabs_default_selects_a_tab_by_label() -> None:
    at = app('st.tabs(["A", "B", "B"], default="B")\n')

    assert at.get("tab_container")[0].props["default"] == 1


def test_tabs_are_a_block_for_each_command_and_take_height_width_and_key() -> None:
    at = app('st.sidebar.tabs(["x"], height=300, width=200, key="side")\n')

    props = at.sidebar[0].props
    assert (props["height"], props["width"], props["key"]) == (300, 200, "side")


def test_an_unchanged_rerun_sends_no_tab_again() -> None:
    at = app(TABS)

    at.run()

    assert deltas(at) == []


def test_a_changed_label_updates_only_the_tab_group() -> None:
    at = AppTest.from_string(
        """
import rillet as st
suffix = "!" if st.session_state.get("shout") else ""
a, b = st.tabs(["One" + suffix, "Two"])
a.text("first")
st.session_state.shout = True
"""
    ).run()

    at.run()

    assert [d.path for d in deltas(at)] == [[0, 0], [0, 0, 0]]
    assert at.tabs[0].label == "One!"
    assert at.tabs[0].text[0].value == "first"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("[]", "The `tabs` parameter is required. Provide at least one tab label."),
        (
            '["a", 1]',
            "Invalid `tabs` type. Expected one of: a string for each tab label. "
            "Provided type: int.",
        ),
        (
            '["a"], default="b"',
            "Invalid `default` value. Supported values: a tab label from `tabs`. "
            "`b` is not in the list of tabs.",
        ),
        (
            '["a"], bind="url"',
            "Invalid `bind` value. Supported values: 'query-params', None.",
        ),
        (
            '["a"], on_change="sometimes"',
            "Invalid `on_change` value. Supported values: 'rerun', 'ignore', a callback function.",
        ),
    ],
)
def test_tabs_reject_bad_arguments_with_streamlits_words(call: str, message: str) -> None:
    assert error_of(f"st.tabs({call})\n") == ("RilletAPIException", message)


# --- expander ------------------------------------------------------------------------------


def test_expander_holds_elements_and_reports_label_icon_and_expanded() -> None:
    at = app(
        """
with st.expander("Details", icon="🔍"):
    st.text("inside")
st.expander("Open", expanded=True).text("shown")
"""
    )

    first, second = at.expander
    assert (first.label, first.icon, first.expanded) == ("Details", "🔍", False)
    assert (second.label, second.icon, second.expanded) == ("Open", "", True)
    assert first.text[0].value == "inside"
    assert second.text[0].path == (0, 1, 0)


@pytest.mark.parametrize("kind", ["compact", "step"])
def test_expander_types(kind: str) -> None:
    at = app(f'st.expander("x", type="{kind}")\n')

    assert at.expander[0].props["variant"] == kind


def test_expanders_nest_in_columns_tabs_and_the_sidebar() -> None:
    at = app(
        """
(col,) = st.columns(1)
col.expander("in column").text("a")
st.tabs(["t"])[0].expander("in tab").text("b")
st.sidebar.expander("in sidebar").text("c")
"""
    )

    assert [e.label for e in at.expander] == ["in column", "in tab", "in sidebar"]
    assert [e.text[0].value for e in at.expander] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("None", "The `label` parameter is required."),
        (
            '"x", type="fancy"',
            "Invalid `type` value. Supported values: 'default', 'compact', 'step'.",
        ),
        (
            '"x", icon=":smile:"',
            'The value ":smile:" is not a valid icon. Emoji shortcodes are not supported. '
            "Please use a single emoji or a Material icon shortcode like "
            "`:material\u200b/thumb_up:`.",
        ),
        (
            '"x", width="content"',
            "Invalid width value: 'content'. Width must be either a "
            "positive integer (pixels) or 'stretch'.",
        ),
    ],
)
def test_expander_rejects_bad_arguments(call: str, message: str) -> None:
    assert error_of(f"st.expander({call})\n") == ("RilletAPIException", message)


def test_material_icons_are_accepted_so_streamlit_scripts_run() -> None:
    at = app('st.expander("x", icon=":material/thumb_up:")\n')

    assert at.expander[0].icon == ":material/thumb_up:"


# --- popover -------------------------------------------------------------------------------


def test_popover_holds_widgets_and_reports_its_button() -> None:
    at = app(
        """
with st.popover("Filters", help="Narrow the list", icon="⚙️", type="primary"):
    st.checkbox("Only open")
"""
    )

    pop = at.popover[0]
    assert (pop.label, pop.help, pop.icon, pop.disabled) == (
        "Filters",
        "Narrow the list",
        "⚙️",
        False,
    )
    assert pop.props["variant"] == "primary"
    assert pop.checkbox[0].label == "Only open"


def test_popover_widgets_work_from_a_test() -> None:
    at = app(
        """
with st.popover("Settings"):
    on = st.checkbox("Dark")
st.text(f"dark: {on}")
"""
    )

    at.popover[0].checkbox[0].check().run()

    assert at.text.values == ["dark: True"]


@pytest.mark.parametrize(
    ("call", "width"),
    [
        ("", "content"),
        ("width='stretch'", "stretch"),
        ("width=250", 250),
        ("use_container_width=True", "stretch"),
        ("use_container_width=False, width='stretch'", "content"),
    ],
)
def test_popover_width(call: str, width: object) -> None:
    at = app(f'st.popover("p", {call})\n')

    assert at.popover[0].props["width"] == width


def test_popover_disabled_and_wrap() -> None:
    at = app('st.popover("p", disabled=True, wrap=False)\n')

    assert at.popover[0].disabled is True
    assert at.popover[0].props["wrap"] is False


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("None", "The `label` parameter is required."),
        (
            '"p", type="danger"',
            "Invalid `type` value. Supported values: 'primary', 'secondary', 'tertiary'.",
        ),
        ('"p", wrap="yes"', "Invalid `wrap` value. Supported values: True, False."),
    ],
)
def test_popover_rejects_bad_arguments(call: str, message: str) -> None:
    assert error_of(f"st.popover({call})\n") == ("RilletAPIException", message)


# --- space ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ["small", "medium", "large", "xxsmall", "stretch", 40])
def test_space_sizes(size: object) -> None:
    at = app(f"st.space({size!r})\n")

    assert at.space[0].value == size


def test_space_in_a_horizontal_container_pushes_elements_apart() -> None:
    at = app(
        """
with st.container(horizontal=True):
    st.button("Left")
    st.space("stretch")
    st.button("Right")
"""
    )

    assert [n.element.kind for n in at.main[0]] == ["button", "space", "button"]


@pytest.mark.parametrize("size", ["huge", 0, -5, True])
def test_space_rejects_bad_sizes(size: object) -> None:
    assert error_of(f"st.space({size!r})\n") == (
        "RilletAPIException",
        "Invalid `size` value. Supported values: 'stretch', 'xxsmall', 'xsmall', 'small', "
        f"'medium', 'large', 'xlarge', 'xxlarge', a positive integer. Got {size!r}.",
    )


# --- bottom --------------------------------------------------------------------------------


def test_bottom_takes_elements_by_method_and_by_with() -> None:
    at = app(
        """
st.bottom.text("pinned")
with st.bottom:
    st.button("Send")
st.text("page")
"""
    )

    bottom = at._tree().children[3]
    assert [n.element.kind for n in bottom] == ["text", "button"]
    assert at.text.values == ["page", "pinned"]
    assert at.text[1].path == (3, 0)


def test_private_bottom_is_the_same_area() -> None:
    at = app("st._bottom.text('old name')\n")

    assert at.text[0].path == (3, 0)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("with st.sidebar:\n    st.bottom.text('x')\n", "inside `st.sidebar`"),
        (
            "@st.dialog('D')\ndef d():\n    st.bottom.text('x')\nd()\n",
            "inside a dialog",
        ),
    ],
)
def test_bottom_is_refused_outside_the_main_area(body: str, where: str) -> None:
    at = app(body)

    assert at.exception[0].message == (
        f"`st.bottom` cannot be used {where}. "
        "The bottom container is only available in the main app area."
    )
