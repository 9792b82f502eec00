"""Layout: containers, columns, the sidebar, `empty` slots, and the page config."""

from __future__ import annotations

import pytest

from rillet.protocol.messages import PageConfig
from rillet.testing import AppTest
from rillet.testing.apptest import Block


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


def texts(block: Block) -> list[str]:
    return [str(v) for v in block.get("text").values]


# --- container -----------------------------------------------------------------------------


def test_container_holds_elements_written_with_with_and_with_methods() -> None:
    at = app(
        """
box = st.container()
box.text("by method")
with box:
    st.text("by with")
st.text("after the box")
"""
    )

    box = at.main[0]
    assert isinstance(box, Block)
    assert box.props["type"] == "vertical"
    assert texts(box) == ["by method", "by with"]
    assert at.main[1].value == "after the box"
    assert len(at.main.container) == 1


def test_container_written_into_later_keeps_its_place_on_the_page() -> None:
    at = app(
        """
summary = st.container()
st.text("details")
summary.text("summary, written last")
"""
    )

    assert at.text.values == ["summary, written last", "details"]
    assert at.text[0].path == (0, 0, 0)


def test_containers_nest() -> None:
    at = app(
        """
with st.container():
    st.text("outer")
    with st.container():
        st.text("inner")
    st.text("outer again")
"""
    )

    outer = at.main[0]
    assert isinstance(outer, Block)
    assert [n.element.kind for n in outer] == ["text", "block", "text"]
    assert at.get("text")[1].path == (0, 0, 1, 0)
    assert texts(outer) == ["outer", "inner", "outer again"]


def test_container_border_and_height() -> None:
    at = app(
        """
st.container()
st.container(border=True)
st.container(height=300)
st.container(height=300, border=False)
"""
    )

    assert [(c.props["border"], c.props["height"]) for c in at.main.container] == [
        (False, None),
        (True, None),
        (True, 300),
        (False, 300),
    ]


def test_container_is_a_public_container_object() -> None:
    at = app(
        """
box = st.container()
st.text(isinstance(box, st.Container))
"""
    )

    assert at.text.values == ["True"]


def test_unknown_command_on_a_container_is_an_attribute_error() -> None:
    at = app("st.container().no_such_command()\n")

    assert at.exception[0].exception_type == "AttributeError"
    assert "no_such_command" in at.exception[0].message


# --- columns -------------------------------------------------------------------------------


def test_columns_from_a_count_are_equal_and_side_by_side() -> None:
    at = app(
        """
cols = st.columns(3)
st.text(len(cols))
"""
    )

    row = at.main[0]
    assert isinstance(row, Block)
    assert row.props["type"] == "horizontal"
    assert len(at.columns) == 3
    assert all(c.path[:2] == (0, 0) for c in at.columns)
    assert [c.props["weight"] for c in at.columns] == pytest.approx([1 / 3] * 3)
    assert at.text.values == ["3"]


def test_columns_from_a_spec_get_relative_widths() -> None:
    at = app("st.columns([3, 1])\nst.columns((1, 1, 2))\n")

    weights = [c.props["weight"] for c in at.columns]
    assert weights == pytest.approx([0.75, 0.25, 0.25, 0.25, 0.5])


def test_columns_take_elements_by_method_and_by_with() -> None:
    at = app(
        """
left, right = st.columns(2)
left.text("left by method")
with right:
    st.text("right by with")
    st.button("right button")
left.checkbox("left box")
"""
    )

    left, right = at.columns
    assert texts(left) == ["left by method"]
    assert [w.label for w in left.checkbox] == ["left box"]
    assert texts(right) == ["right by with"]
    assert right.button[0].label == "right button"


def test_columns_gap_alignment_and_border() -> None:
    at = app('st.columns(2, gap="large", vertical_alignment="center", border=True)\n')

    row = at.main[0]
    assert (row.props["gap"], row.props["vertical_alignment"]) == ("large", "center")
    assert all(c.props["border"] is True for c in at.columns)


@pytest.mark.parametrize("spec", ["0", "-1", "[]", "[1, 0]", "[1, -2]", "'two'", "[1, 'a']"])
def test_invalid_column_spec_is_an_error(spec: str) -> None:
    at = app(f"st.columns({spec})\n")

    assert at.exception[0].exception_type == "RilletAPIException"
    assert len(at.columns) == 0


def test_invalid_columns_gap_is_an_error() -> None:
    at = app('st.columns(2, gap="huge")\n')

    assert at.exception[0].message == (
        "Invalid `gap` value. Supported values: 'xxsmall', 'xsmall', 'small', 'medium', "
        "'large', 'xlarge', 'xxlarge', None, a non-negative integer (pixels). Got 'huge'."
    )


def test_invalid_columns_vertical_alignment_is_an_error() -> None:
    at = app('st.columns(2, vertical_alignment="middle")\n')

    assert at.exception[0].message == (
        "Invalid `vertical_alignment` value. Supported values: 'top', 'center', 'bottom'. "
        "Got 'middle'."
    )


# --- sidebar -------------------------------------------------------------------------------


def test_sidebar_takes_elements_by_method_and_by_with() -> None:
    at = app(
        """
st.sidebar.title("Filters")
with st.sidebar:
    st.checkbox("only active")
st.text("main content")
"""
    )

    assert at.sidebar.title[0].value == "Filters"
    assert at.sidebar.checkbox[0].label == "only active"
    assert [n.element.kind for n in at.main] == ["text"]
    assert at.sidebar.title[0].path == (1, 0)


def test_sidebar_from_inside_a_column_still_writes_to_the_sidebar() -> None:
    at = app(
        """
(col,) = st.columns(1)
with col:
    st.sidebar.text("side")
    st.text("in column")
"""
    )

    assert texts(at.sidebar) == ["side"]
    assert texts(at.columns[0]) == ["in column"]


def test_sidebar_holds_containers_and_columns() -> None:
    at = app(
        """
box = st.sidebar.container()
box.text("in sidebar box")
a, b = st.sidebar.columns(2)
b.text("in sidebar column")
"""
    )

    assert at.sidebar.get("text")[0].path == (1, 0, 0)
    assert at.sidebar.get("text")[1].path == (1, 1, 1, 0)
    assert len(at.main) == 0


# --- empty ---------------------------------------------------------------------------------


def test_empty_shows_nothing_until_written() -> None:
    at = app("st.empty()\nst.text('after')\n")

    assert at.main[0].element.kind == "empty"
    assert at.text[0].path == (0, 1)


def test_each_command_on_an_empty_slot_replaces_what_it_shows() -> None:
    at = app(
        """
slot = st.empty()
slot.text("loading")
slot.markdown("**ready**")
st.text("after")
"""
    )

    assert [n.element.kind for n in at.main] == ["markdown", "text"]
    assert at.markdown[0].value == "**ready**"
    assert at.text.values == ["after"]


def test_empty_slot_can_hold_a_container_of_several_elements() -> None:
    at = app(
        """
slot = st.empty()
with slot.container():
    st.text("one")
    st.text("two")
st.text("after")
"""
    )

    assert texts(at.main[0]) == ["one", "two"]
    assert at.text[2].path == (0, 1)


def test_empty_slot_can_be_cleared_with_a_new_empty() -> None:
    at = app(
        """
slot = st.empty()
slot.text("temporary")
slot.empty()
"""
    )

    assert len(at.text) == 0
    assert at.main[0].element.kind == "empty"


# --- layout commands are container methods too ---------------------------------------------


@pytest.mark.parametrize(
    ("call", "name"),
    [("container()", "container"), ("columns(2)[1]", "columns"), ("empty()", "empty")],
)
def test_layout_command_works_in_main_a_container_and_the_sidebar(call: str, name: str) -> None:
    # Each layout element is created, then written into: the text lands inside it (one level
    # deeper for blocks, in place for an empty slot).
    at = app(
        f"""
st.{call}.text("main")
box = st.container()
box.{call}.text("box")
with st.container():
    st.{call}.text("with")
st.sidebar.{call}.text("side")
"""
    )

    assert at.text.values == ["main", "box", "with", "side"]
    roots = [t.path[0] for t in at.text]
    assert roots == [0, 0, 0, 1]
    assert [len(t.path) for t in at.text] == [
        len(at.text[0].path),
        len(at.text[0].path) + 1,
        len(at.text[0].path) + 1,
        len(at.text[0].path),
    ]
    if name != "empty":
        assert len(at.main.get(name)) + len(at.sidebar.get(name)) >= 4
    assert len(at.exception) == 0


# --- page config ---------------------------------------------------------------------------


def test_set_page_config_sends_title_icon_layout_and_sidebar_state_once() -> None:
    at = app(
        """
st.set_page_config(page_title="Sales", page_icon="📈", layout="wide",
                   initial_sidebar_state="collapsed")
st.text("body")
"""
    )

    configs = [m for m in at.messages if isinstance(m, PageConfig)]
    assert configs == [
        PageConfig(title="Sales", icon="📈", layout="wide", sidebar_state="collapsed")
    ]

    at.run()

    assert not [m for m in at.messages if isinstance(m, PageConfig)], "unchanged: not resent"


def test_set_page_config_change_is_sent_and_merges_with_the_previous_one() -> None:
    at = app(
        """
wide = st.checkbox("wide")
st.set_page_config(page_title="Sales")
st.set_page_config(layout="wide" if wide else "centered")
"""
    )

    at.checkbox[0].check().run()

    assert [m for m in at.messages if isinstance(m, PageConfig)] == [
        PageConfig(title="Sales", layout="wide")
    ]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('layout="huge"', '`layout` must be "centered" or "wide" (got "huge")'),
        (
            'initial_sidebar_state="open"',
            '`initial_sidebar_state` must be "auto" or "expanded" or "collapsed" (got "open")',
        ),
    ],
)
def test_set_page_config_rejects_unknown_values(call: str, message: str) -> None:
    at = app(f"st.set_page_config({call})\n")

    assert at.exception[0].message == message
    assert not [m for m in at.messages if isinstance(m, PageConfig)]
