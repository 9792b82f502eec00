"""st.grid through AppTest: cells in source order, grid.cell() spans, props, Streamlit's errors."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest


def app(body: str) -> AppTest:
    return AppTest.from_string("import rillet as st\n" + body).run()


def test_each_element_written_into_a_grid_is_a_cell_in_source_order() -> None:
    at = app(
        """
grid = st.grid(3, key="cards")
for i in range(4):
    grid.metric(f"M{i}", i)
with grid:
    st.markdown("inside")
st.markdown("outside")
"""
    )
    grid = at.grid[0]
    assert len(grid.children) == 5
    assert [m.label for m in grid.metric] == ["M0", "M1", "M2", "M3"]
    assert grid.markdown[0].value == "inside"
    assert at.main[1].value == "outside"
    assert grid.column_count == 3
    assert grid.props["key"] == "cards"


def test_defaults_send_only_the_gaps() -> None:
    at = app("st.grid()\n")

    assert at.grid[0].props == {"type": "grid", "row_gap": "small", "column_gap": "small"}
    grid = at.grid[0]
    assert (grid.column_count, grid.min_column_width, grid.wrap) == ("auto", "auto", True)
    assert (grid.gap, grid.row_height, grid.vertical_alignment) == ("small", "content", "top")
    assert (grid.border, grid.dense, grid.width, grid.height) == (
        False,
        False,
        "stretch",
        "content",
    )


def test_every_option_reaches_the_browser() -> None:
    at = app(
        'st.grid(4, min_column_width=150, wrap=False, gap=("large", 8), vertical_alignment='
        '"center", border=True, row_height=120, width=600, height=400, dense=True)\n'
    )
    grid = at.grid[0]
    assert (grid.column_count, grid.min_column_width, grid.wrap) == (4, 150, False)
    assert grid.gap == ("large", 8)
    assert (grid.vertical_alignment, grid.border, grid.row_height) == ("center", True, 120)
    assert (grid.width, grid.height, grid.dense) == (600, 400, True)


def test_cells_group_elements_and_carry_their_spans() -> None:
    at = app(
        """
grid = st.grid(3)
with grid.cell(column_span=2, row_span=2):
    st.metric("Revenue", 1)
    st.caption("30 days")
grid.cell(column_span="all").markdown("Featured")
grid.markdown("plain")
"""
    )
    cells = at.grid[0].children
    assert cells[0].props == {"type": "grid_cell", "column_span": 2, "row_span": 2}
    assert [type(c).__name__ for c in cells[0].children] == ["Metric", "Markdown"]
    assert cells[1].props == {"type": "grid_cell", "column_span": "all"}
    assert cells[2].value == "plain"


def test_empty_in_a_grid_reserves_a_cell_that_later_writes_fill() -> None:
    at = app(
        """
grid = st.grid(2)
slot = grid.empty()
grid.markdown("second")
slot.markdown("first")
"""
    )
    assert [c.value for c in at.grid[0].children] == ["first", "second"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "st.grid(25)",
            "The `columns` parameter, set to 25, is outside the required range [1, 24].",
        ),
        (
            'st.grid("x")',
            'Invalid `columns` value. Supported values: "auto", an integer from 1 to 24. '
            "Got 'x'.",
        ),
        (
            "st.grid(2.5)",
            'Invalid `columns` type. Expected one of: int, "auto". Provided type: float.',
        ),
        (
            "st.grid(wrap=False)",
            '`columns="auto"` and `wrap=False` cannot be used together. `wrap=False` requires an '
            "explicit column count. Pass an integer, such as `st.grid(3, wrap=False)`.",
        ),
        (
            "st.grid(3, gap=(1, 2, 3))",
            "Invalid `gap` value. Supported values: a gap size, a 2-tuple or 2-list of (row_gap, "
            "column_gap). Got a sequence with 3 elements.",
        ),
        (
            'st.grid(3, vertical_alignment="middle")',
            "Invalid `vertical_alignment` value. Supported values: 'top', 'center', 'bottom'. "
            "Got 'middle'.",
        ),
        (
            "st.grid(3, row_height=0)",
            'Invalid `row_height` value. Supported values: "content", a positive integer. Got 0.',
        ),
        (
            'st.grid(3, min_column_width="wide")',
            'Invalid `min_column_width` value. Supported values: "auto", a positive integer. '
            "Got 'wide'.",
        ),
        (
            "st.grid(3).cell(column_span=4)",
            "The `column_span` parameter, set to 4, is outside the required range [1, 3].",
        ),
        (
            "st.grid(3).cell(row_span=0)",
            "Invalid `row_span` value. Supported values: a positive integer. Got 0.",
        ),
        (
            'st.grid(3).cell(column_span="x")',
            "Invalid `column_span` value. Supported values: \"all\", a positive integer. Got 'x'.",
        ),
        (
            'st.grid(3, border="yes")',
            "Invalid `border` type. Expected one of: bool. Provided type: str.",
        ),
    ],
)
def test_bad_arguments_get_streamlits_errors(call: str, message: str) -> None:
    at = app(call + "\n")

    assert at.exception[0].message == message
