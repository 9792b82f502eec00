"""Clicks on a `ButtonColumn` of ``dataframe`` or ``data_editor``: each keyed button column
is a widget of its own, whose value is the click (row and label) for the one run the click
causes, as Streamlit's string trigger. Kept apart from the table commands, which only ask
which columns have buttons and attach the widget ids to their column descriptions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rillet.elements.base import _register, check_key
from rillet.elements.column_types_more import ButtonColumnResult
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

WIDGET_KIND = "dataframe_button"


class ButtonColumnClickState(dict[str, Any]):
    """A click on a button column, read-only: ``click["row"]`` or ``click.row`` (the row's
    position in the data) and ``click.label`` (the button's text)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setitem__(self, key: str, value: Any) -> None:
        raise RilletAPIException("A button column click cannot be changed.")

    def __setattr__(self, name: str, value: Any) -> None:
        raise RilletAPIException("A button column click cannot be changed.")


def button_columns(column_config: object) -> dict[str | int, ButtonColumnResult]:
    """The keyed button columns of ``column_config`` by column name or position."""
    if not isinstance(column_config, Mapping):
        return {}
    return {
        name: config for name, config in column_config.items()
        if isinstance(config, ButtonColumnResult)
    }


def _decoder(total: int) -> Any:
    def decode(wire: Any) -> ButtonColumnClickState:
        if not isinstance(wire, Mapping):
            raise InvalidWidgetValue(f"expected a click {{row, label}}, got {wire!r}")
        row, label = wire.get("row"), wire.get("label")
        if isinstance(row, bool) or not isinstance(row, int) or not isinstance(label, str):
            raise InvalidWidgetValue("Invalid button click state: expected {row: int, label: str}.")
        if not 0 <= row < total:
            raise InvalidWidgetValue(f"Invalid button click row index: {row}.")
        return ButtonColumnClickState(row=row, label=label)
    return decode


def register_buttons(
    buttons: Mapping[str | int, ButtonColumnResult],
    columns: list[dict[str, Any]],
    names: list[tuple[int, str] | None],
    total: int,
) -> None:
    """Register one click widget per keyed button column and name it in the column's
    description (``config.widget``), where the page finds where to send a click.

    ``columns`` are the shown columns' descriptions, ``names`` their (position, name) in the
    data (None for the index) and ``total`` the number of rows a click may name.
    """
    ctx = context.current(warn=True)
    if ctx is None or (ctx.attached and ctx.ended.is_set()):
        return
    for column, result in buttons.items():
        at = [
            i for i, shown in enumerate(names)
            if shown is not None and (shown[1] == str(column) or shown[0] == column)
        ]
        wid, _ = _register(
            WIDGET_KIND, key=check_key(result.key), identity=(str(column),), default=None,
            decode=_decoder(total), encode=lambda v: v, callback=result.on_click,
            args=result.args, kwargs=result.kwargs, disabled=False, trigger=True,
            deltas=False, form_id=None, spec_form_id=None,
        )
        for i in at:
            columns[i] = {**columns[i], "config": {**columns[i].get("config", {}),
                                                   "widget": wid}}
