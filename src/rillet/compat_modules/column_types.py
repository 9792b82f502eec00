"""``streamlit.elements.lib.column_types``: the column factories and the types apps annotate
``column_config`` dicts with (``ColumnConfig``, ``ColumnType``, ``ColumnWidth``)."""

from __future__ import annotations

from typing import Any, Literal, TypeAlias, TypedDict

from rillet.elements.column_types import (
    AreaChartColumn,
    BarChartColumn,
    CheckboxColumn,
    Column,
    DateColumn,
    DatetimeColumn,
    ImageColumn,
    JsonColumn,
    LineChartColumn,
    LinkColumn,
    ListColumn,
    MultiselectColumn,
    NumberColumn,
    ProgressColumn,
    SelectboxColumn,
    TextColumn,
    TimeColumn,
)

ColumnWidth: TypeAlias = Literal["small", "medium", "large"] | int

ColumnType: TypeAlias = Literal[
    "object", "text", "number", "checkbox", "selectbox", "list", "datetime", "date", "time",
    "link", "button", "line_chart", "bar_chart", "area_chart", "image", "audio", "video",
    "progress", "multiselect", "json", "markdown",
]


class ColumnConfig(TypedDict, total=False):
    """One column's settings, the dict every ``st.column_config`` factory returns."""

    label: str | None
    width: ColumnWidth | None
    help: str | None
    hidden: bool | None
    disabled: bool | None
    required: bool | None
    pinned: bool | None
    default: Any
    alignment: Literal["left", "center", "right"] | None
    type_config: dict[str, Any] | None


__all__ = [
    "AreaChartColumn",
    "BarChartColumn",
    "CheckboxColumn",
    "Column",
    "ColumnConfig",
    "ColumnType",
    "ColumnWidth",
    "DateColumn",
    "DatetimeColumn",
    "ImageColumn",
    "JsonColumn",
    "LineChartColumn",
    "LinkColumn",
    "ListColumn",
    "MultiselectColumn",
    "NumberColumn",
    "ProgressColumn",
    "SelectboxColumn",
    "TextColumn",
    "TimeColumn",
]
