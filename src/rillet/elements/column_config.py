"""``st.column_config``: how `dataframe` and `data_editor` show and edit a column.

The factories (`rillet.elements.column_types`) build plain dicts, as Streamlit's do, so the
dict form works the same; this module validates them into `ColumnSettings`:

    st.dataframe(df, column_config={
        "price": st.column_config.NumberColumn("Price", format="$%.2f", min_value=0),
        "notes": "Comment",          # a string is a label
        "internal_id": None,          # None hides the column
        "_index": {"label": "Row"},   # the index column
    })
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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
from rillet.elements.column_types_more import (
    AudioColumn,
    ButtonColumn,
    ButtonColumnResult,
    MarkdownColumn,
    VideoColumn,
)
from rillet.runtime.errors import RilletAPIException

__all__ = [
    "INDEX_KEY",
    "AreaChartColumn",
    "AudioColumn",
    "BarChartColumn",
    "ButtonColumn",
    "ButtonColumnResult",
    "CheckboxColumn",
    "Column",
    "ColumnSettings",
    "DateColumn",
    "DatetimeColumn",
    "ImageColumn",
    "JsonColumn",
    "LineChartColumn",
    "LinkColumn",
    "ListColumn",
    "MarkdownColumn",
    "MultiselectColumn",
    "NumberColumn",
    "ProgressColumn",
    "SelectboxColumn",
    "TextColumn",
    "TimeColumn",
    "VideoColumn",
    "normalize",
    "settings_for",
]

INDEX_KEY = "_index"
_WIDTHS = ("small", "medium", "large")
_ALIGNMENTS = ("left", "center", "right")
# Every column type, with the options its type_config may carry.
TYPES: dict[str, tuple[str, ...]] = {
    "number": ("format", "min_value", "max_value", "step"),
    "text": ("max_chars", "validate"),
    "link": ("max_chars", "validate", "display_text"),
    "checkbox": (),
    "selectbox": ("options",),
    "multiselect": ("options", "accept_new_options", "color"),
    "list": (),
    "date": ("format", "min_value", "max_value", "step"),
    "time": ("format", "min_value", "max_value", "step"),
    "datetime": ("format", "min_value", "max_value", "step", "timezone"),
    "progress": ("format", "min_value", "max_value", "step", "color"),
    "line_chart": ("y_min", "y_max", "color"),
    "bar_chart": ("y_min", "y_max", "color"),
    "area_chart": ("y_min", "y_max", "color"),
    "image": (),
    "json": (),
    "audio": (),
    "video": (),
    "markdown": (),
    "button": ("button_type",),
}
# Types whose cells are lists: their values travel as JSON arrays.
LIST_TYPES = ("multiselect", "list", "line_chart", "bar_chart", "area_chart")
# Types that only show: data_editor never edits them.
READ_ONLY_TYPES = ("progress", "line_chart", "bar_chart", "area_chart", "image", "json",
                   "audio", "video", "button")


@dataclass(frozen=True)
class ColumnSettings:
    """One column's settings after validation: what the browser needs to show and edit it."""

    label: str | None = None
    width: str | int | None = None
    help: str | None = None
    hidden: bool = False
    format: str | None = None
    alignment: str | None = None
    type: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    pinned: bool | None = None
    disabled: bool | None = None
    required: bool | None = None
    default: Any = None

    def with_changes(self, **changes: Any) -> ColumnSettings:
        """A copy with ``changes`` (data_editor marks columns disabled or required)."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values.update(changes)
        return ColumnSettings(**values)


def _width(column: object, width: object) -> str | int | None:
    if width is None or width in _WIDTHS:
        return width
    if isinstance(width, int) and not isinstance(width, bool) and width > 0:
        return width
    raise RilletAPIException(
        f"Invalid width for column `{column}`: {width!r}. Use 'small', 'medium', 'large', or a "
        "number of pixels."
    )


def _type_options(column: object, kind: str, type_config: Mapping[str, Any]) -> dict[str, Any]:
    allowed = TYPES[kind]
    options = {k: v for k, v in type_config.items() if k != "type" and v is not None}
    unknown = [k for k in options if k not in allowed]
    if unknown:
        raise RilletAPIException(
            f"Column `{column}` of type `{kind}` got unknown options: {', '.join(unknown)}."
        )
    low, high = options.get("min_value"), options.get("max_value")
    if low is not None and high is not None and low > high:
        raise RilletAPIException(
            f"Column `{column}`: min_value ({low!r}) is larger than max_value ({high!r})."
        )
    pattern = options.get("validate")
    if pattern is not None:
        try:
            re.compile(str(pattern))
        except re.error as exc:
            raise RilletAPIException(
                f"Column `{column}`: `validate` is not a valid regular expression: {exc}."
            ) from None
    if "options" in options:
        options["options"] = [
            o if isinstance(o, Mapping) else {"value": o, "label": str(o)}
            for o in options["options"]
        ]
    return options


def settings_for(column: object, config: object) -> ColumnSettings:
    """Validate one entry of ``column_config`` (None, a label, or a dict)."""
    if config is None:
        return ColumnSettings(hidden=True)
    if isinstance(config, ButtonColumnResult):
        config = config.config
    if isinstance(config, str):
        return ColumnSettings(label=config)
    if not isinstance(config, Mapping):
        raise RilletAPIException(
            f"Invalid column config for column `{column}`. "
            f"Expected `None`, `str` or `dict`, but got `{type(config)}`."
        )
    type_config = config.get("type_config") or {}
    if not isinstance(type_config, Mapping):
        type_config = {"type": str(type_config)}
    kind = type_config.get("type")
    if kind is not None and kind not in TYPES:
        raise RilletAPIException(
            f"Column `{column}` has an unknown type `{kind}`. Known types: "
            f"{', '.join(TYPES)}."
        )
    alignment = config.get("alignment")
    if alignment is not None and alignment not in _ALIGNMENTS:
        raise RilletAPIException(
            f"Invalid alignment for column `{column}`: {alignment!r}. Use 'left', 'center' or "
            "'right'."
        )
    options = _type_options(column, kind, type_config) if kind is not None else {}
    label = config.get("label")
    help = config.get("help")
    pinned, disabled, required = (config.get(k) for k in ("pinned", "disabled", "required"))
    return ColumnSettings(
        label=None if label is None else str(label),
        width=_width(column, config.get("width")),
        help=None if help is None else str(help),
        hidden=bool(config.get("hidden")),
        format=options.get("format") if kind in ("number", "progress") else None,
        alignment=alignment,
        type=kind,
        options=options,
        pinned=None if pinned is None else bool(pinned),
        disabled=None if disabled is None else bool(disabled),
        required=None if required is None else bool(required),
        default=config.get("default"),
    )


def normalize(column_config: object) -> dict[str | int, ColumnSettings]:
    """``column_config`` as validated settings by column name, position, or `INDEX_KEY`."""
    if column_config is None:
        return {}
    if not isinstance(column_config, Mapping):
        raise RilletAPIException(
            f"column_config must be a dict, not {type(column_config).__name__}."
        )
    return {
        (key if isinstance(key, int) and not isinstance(key, bool) else str(key)): settings_for(
            key, config
        )
        for key, config in column_config.items()
    }
