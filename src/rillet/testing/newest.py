"""AppTest views of Streamlit 1.67's newest commands, named and acting as in Streamlit's AppTest.

``at.datetime_input[0].set_value(datetime(...))``, ``at.pagination[0].select(3)``,
``at.menu_button[0].click("Copy")`` (or ``click_index(1)``), ``at.grid[0].column_count``,
``at.skeleton`` and ``at.iframe`` (the frames of ``st.iframe`` and of ``components``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Self

from rillet.elements.menu_button import LAST_KEY
from rillet.testing.apptest import BLOCKS, GROUPS, Block
from rillet.testing.elements import LEAVES, WIDGETS, AppTestError, Node, Widget


class DateTimeInput(Widget):
    """``st.datetime_input`` (``at.datetime_input``): ``set_value(datetime | None)``."""

    type = "date_time_input"  # Streamlit's node type

    @property
    def format(self) -> str:
        """How the date part shows, such as "YYYY/MM/DD"."""
        return str(self.props.get("format"))

    @property
    def min(self) -> str:
        """The earliest value, as the wire has it ("YYYY-MM-DDTHH:MM")."""
        return str(self.props.get("min"))

    @property
    def max(self) -> str:
        """The latest value, as the wire has it ("YYYY-MM-DDTHH:MM")."""
        return str(self.props.get("max"))

    @property
    def step(self) -> int:
        """The spacing of the offered times, in seconds."""
        return int(self.props["step"])

    def set_value(self, value: Any) -> Self:
        """Set ``value``: a datetime (seconds dropped), a date (at 00:00), or None."""
        if isinstance(value, date) and not isinstance(value, datetime):
            value = datetime.combine(value, datetime.min.time())
        return super().set_value(value)


class Pagination(Widget):
    """``st.pagination`` (``at.pagination``): ``.value`` is the page (from 1)."""

    type = "pagination"

    @property
    def num_pages(self) -> int:
        """How many pages there are."""
        return int(self.props["num_pages"])

    @property
    def default(self) -> int:
        """The page chosen at first."""
        spec = self._at._session.state.widget_spec(self.id)
        return int(spec.default) if spec is not None else 1

    def set_value(self, value: Any) -> Self:
        """Choose page ``value``; raises AppTestError for a disabled widget or a page that
        does not exist, as Streamlit's AppTest does."""
        if self.disabled:
            key_part = f" (key={self.key!r})" if self.key else ""
            raise AppTestError(
                f"Cannot update a disabled pagination widget{key_part}. "
                "A browser user cannot interact with a disabled widget."
            )
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not 1 <= value <= self.num_pages
        ):
            key = self.key
            key_part = f" (key={key!r})" if key else ""
            raise AppTestError(
                f"Cannot set pagination{key_part} to {value!r}. "
                f"Page must be an int between 1 and {self.num_pages}."
            )
        return super().set_value(value)

    def select(self, page: int) -> Self:
        """Choose ``page`` as a click on its button does."""
        return self.set_value(page)


class MenuButton(Widget):
    """``st.menu_button`` (``at.menu_button``): ``click(option)`` or ``click_index(i)``;
    ``.value`` is the option the latest run returned (None but in the run after a click)."""

    type = "menu_button"

    @property
    def options(self) -> list[str]:
        """The texts of the menu's entries."""
        return list(self.props.get("options") or [])

    @property
    def value(self) -> Any:
        if self.id in self._at._pending:
            return super().value
        return self._at._session.extras.get(LAST_KEY, {}).get(self.id)

    def click(self, option: Any) -> Self:
        """Click ``option`` in the menu; the next run returns it."""
        return self.set_value(option)

    def click_index(self, index: int) -> Self:
        """Click the menu's entry at ``index``."""
        self._at._pending[self.id] = index
        return self


class Grid(Block):
    """An ``st.grid`` (``at.grid``); its direct children are its cells."""

    type = "grid_container"  # Streamlit's node type

    @property
    def column_count(self) -> int | str:
        """The number of columns asked for, or "auto"."""
        return self.props.get("columns") or "auto"

    @property
    def min_column_width(self) -> int | str:
        return self.props.get("min_column_width") or "auto"

    @property
    def wrap(self) -> bool:
        return self.props.get("wrap", True) is not False

    @property
    def border(self) -> bool:
        return bool(self.props.get("cell_border"))

    @property
    def dense(self) -> bool:
        return bool(self.props.get("dense"))

    @property
    def row_height(self) -> int | str:
        return self.props.get("row_height") or "content"

    @property
    def vertical_alignment(self) -> str:
        return str(self.props.get("cell_alignment") or "top")

    @property
    def gap(self) -> Any:
        """The gap between cells, or (row gap, column gap) when they differ."""
        row, column = (
            None if g == "none" else g
            for g in (self.props.get("row_gap"), self.props.get("column_gap"))
        )
        return row if row == column else (row, column)

    @property
    def width(self) -> str | int:
        return self.props.get("width") or "stretch"

    @property
    def height(self) -> str | int:
        return self.props.get("height") or "content"


class Skeleton(Node):
    """An ``st.skeleton`` placeholder (``at.skeleton``)."""

    type = "skeleton"

    @property
    def height(self) -> str | int | None:
        return self.props.get("height")

    @property
    def width(self) -> str | int:
        return self.props.get("width") or "stretch"


WIDGETS.update(
    {"datetime_input": DateTimeInput, "pagination": Pagination, "menu_button": MenuButton}
)
LEAVES.update({"skeleton": Skeleton})
BLOCKS.update({"grid": Grid})
# Streamlit's AppTest also finds them by their node type names: at.get("date_time_input").
GROUPS.update({"date_time_input": ("datetime_input",), "grid_container": ("grid",)})

__all__ = ["AppTestError", "DateTimeInput", "Grid", "MenuButton", "Pagination", "Skeleton"]
