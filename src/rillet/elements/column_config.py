"""``st.column_config``: how `dataframe` shows a column (label, width, help, number format,
hidden), as Streamlit's factories build it: plain dicts, so the dict form works the same.

    st.dataframe(df, column_config={
        "price": st.column_config.NumberColumn("Price", format="$%.2f"),
        "notes": "Comment",          # a string is a label
        "internal_id": None,          # None hides the column
        "_index": {"label": "Row"},   # the index column
    })
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rillet.runtime.errors import RilletAPIException

INDEX_KEY = "_index"
_WIDTHS = ("small", "medium", "large")
_ALIGNMENTS = ("left", "center", "right")
# Keys that only matter for editing (st.data_editor): accepted and without effect here.
_EDITING_KEYS = ("disabled", "required", "default")
_SHOWN_TYPES = ("number", "text")


def _config(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def Column(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
) -> dict[str, Any]:
    """Configure a column of any type.

    Parameters:
        label: The header shown; the column's name when None.
        width: "small" (75 px), "medium" (200 px), "large" (400 px), pixels, or None to fit
            the content.
        help: A tooltip on the header.
        disabled: For editable tables; no effect on `dataframe`.
        required: For editable tables; no effect on `dataframe`.
        pinned: Keep the column in view while scrolling sideways (not supported yet).
    """
    return _config(
        label=label, width=width, help=help, disabled=disabled, required=required, pinned=pinned
    )


def NumberColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    default: int | float | None = None,
    format: str | None = None,
    min_value: int | float | None = None,
    max_value: int | float | None = None,
    step: int | float | None = None,
) -> dict[str, Any]:
    """Configure a number column: mostly, how its numbers are formatted.

    Parameters:
        label: The header shown; the column's name when None.
        width: "small", "medium", "large", pixels, or None to fit the content.
        help: A tooltip on the header.
        disabled: For editable tables; no effect on `dataframe`.
        required: For editable tables; no effect on `dataframe`.
        pinned: Keep the column in view while scrolling sideways (not supported yet).
        default: For editable tables; no effect on `dataframe`.
        format: A printf-style format ("%d", "%.2f", "$%.2f", "%d ⭐") or a preset: "plain",
            "localized", "percent", "dollar", "euro", "yen", "accounting", "compact",
            "scientific", "engineering".
        min_value: For editable tables; no effect on `dataframe`.
        max_value: For editable tables; no effect on `dataframe`.
        step: For editable tables; no effect on `dataframe`.
    """
    return _config(
        label=label,
        width=width,
        help=help,
        disabled=disabled,
        required=required,
        pinned=pinned,
        default=default,
        type_config=_config(
            type="number", format=format, min_value=min_value, max_value=max_value, step=step
        ),
    )


def TextColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    default: str | None = None,
    max_chars: int | None = None,
    validate: str | None = None,
) -> dict[str, Any]:
    """Configure a text column.

    Parameters:
        label: The header shown; the column's name when None.
        width: "small", "medium", "large", pixels, or None to fit the content.
        help: A tooltip on the header.
        disabled: For editable tables; no effect on `dataframe`.
        required: For editable tables; no effect on `dataframe`.
        pinned: Keep the column in view while scrolling sideways (not supported yet).
        default: For editable tables; no effect on `dataframe`.
        max_chars: For editable tables; no effect on `dataframe`.
        validate: For editable tables; no effect on `dataframe`.
    """
    return _config(
        label=label,
        width=width,
        help=help,
        disabled=disabled,
        required=required,
        pinned=pinned,
        default=default,
        type_config=_config(type="text", max_chars=max_chars, validate=validate),
    )


@dataclass(frozen=True)
class ColumnSettings:
    """One column's settings after validation: what the browser needs to show it."""

    label: str | None = None
    width: str | int | None = None
    help: str | None = None
    hidden: bool = False
    format: str | None = None
    alignment: str | None = None


def _width(column: object, width: object) -> str | int | None:
    if width is None or width in _WIDTHS:
        return width
    if isinstance(width, int) and not isinstance(width, bool) and width > 0:
        return width
    raise RilletAPIException(
        f"Invalid width for column `{column}`: {width!r}. Use 'small', 'medium', 'large', or a "
        "number of pixels."
    )


def settings_for(column: object, config: object) -> ColumnSettings:
    """Validate one entry of ``column_config`` (None, a label, or a dict)."""
    if config is None:
        return ColumnSettings(hidden=True)
    if isinstance(config, str):
        return ColumnSettings(label=config)
    if not isinstance(config, Mapping):
        raise RilletAPIException(
            f"Invalid column config for column `{column}`. "
            f"Expected `None`, `str` or `dict`, but got `{type(config)}`."
        )
    if config.get("pinned"):
        raise NotImplementedError(
            f"st.dataframe: `pinned` columns are not supported yet (column `{column}`)."
        )
    type_config = config.get("type_config") or {}
    if not isinstance(type_config, Mapping):
        type_config = {"type": str(type_config)}
    kind = type_config.get("type")
    if kind is not None and kind not in _SHOWN_TYPES:
        raise NotImplementedError(
            f"st.dataframe: column type `{kind}` (column `{column}`) is not supported yet; "
            "number and text columns are."
        )
    alignment = config.get("alignment")
    if alignment is not None and alignment not in _ALIGNMENTS:
        raise RilletAPIException(
            f"Invalid alignment for column `{column}`: {alignment!r}. Use 'left', 'center' or "
            "'right'."
        )
    label = config.get("label")
    help = config.get("help")
    return ColumnSettings(
        label=None if label is None else str(label),
        width=_width(column, config.get("width")),
        help=None if help is None else str(help),
        hidden=bool(config.get("hidden")),
        format=type_config.get("format") if kind == "number" else None,
        alignment=alignment,
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
