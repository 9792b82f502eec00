"""Chart selections: a chart whose ``on_select`` is not "ignore" is a widget whose value is
what the user selected in it.

Vega-Lite, Plotly, ECharts and deck.gl charts share the mechanics: the checks on ``on_select``,
the widget registration (the selection lives in the browser's chart, so the element does not
carry it back), and the value handed to the script, a dict that also reads as attributes, as
Streamlit's ``VegaLiteState``/``PlotlyState``/``PydeckState`` do. Each chart module supplies the
empty selection and the decoder that checks what the browser sends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rillet.elements.base import Container, emit, widget
from rillet.elements.validate import value_error
from rillet.runtime.errors import RilletAPIException


class ChartState(dict[str, Any]):
    """A chart's selection state: ``state["selection"]`` or ``state.selection``."""

    def __getattr__(self, name: str) -> Any:
        try:
            value = self[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__!s} has no attribute {name!r}. Did you mean: "
                f"{', '.join(repr(k) for k in self)}?"
            ) from None
        return ChartState(value) if isinstance(value, dict) else value

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self[name]
        except KeyError:
            raise AttributeError(name) from None


def check_on_select(on_select: object) -> None:
    """Streamlit 1.67's check of ``on_select``: "ignore", "rerun" or a callable."""
    if callable(on_select) or (isinstance(on_select, str) and on_select in ("rerun", "ignore")):
        return
    raise value_error("on_select", ["'rerun'", "'ignore'", "a callback function"])


def selection_active(on_select: object, command: str) -> bool:
    """Whether ``on_select`` turns selections on; raises Streamlit's error for a bad value."""
    if on_select in ("ignore", False, None):
        return False
    if on_select in ("rerun", True) or callable(on_select):
        return True
    raise RilletAPIException(
        f"You have passed {on_select} to `on_select`. But only 'ignore', 'rerun', or a "
        f"callable is supported for `st.{command}`."
    )


def emit_chart(
    kind: str,
    props: dict[str, Any],
    *,
    rows: list[Any] | None = None,
    key: object = None,
    on_select: object = "ignore",
    identity: tuple[Any, ...] = (),
    empty: Callable[[], dict[str, Any]] | None = None,
    decode: Callable[[Any], dict[str, Any]] | None = None,
) -> Container | ChartState:
    """Write a chart; with selections on, register it as a widget and return its state.

    ``empty`` makes the selection of a chart nothing is selected in (Streamlit's shape, e.g.
    ``{"points": [], ...}``); ``decode`` turns the browser's wire value into that shape or
    raises `InvalidWidgetValue`. ``identity`` tells two unkeyed charts apart (their spec).
    """
    if not selection_active(on_select, kind):
        return _emit_plain(kind, props, rows)
    if empty is None or decode is None:
        raise RilletAPIException(f"st.{kind} does not support selections.")
    callback = on_select if callable(on_select) else None

    def decode_state(wire: Any) -> ChartState:
        return ChartState({"selection": decode(wire)})

    value = widget(
        kind,
        {**props, "selection_active": True},
        key=key,
        identity=identity,
        default=ChartState({"selection": empty()}),
        decode=decode_state,
        encode=lambda state: dict(state.get("selection", {})),
        on_change=callback,
        value_in_props=False,
        rows=rows,
    )
    return ChartState(value) if isinstance(value, dict) else value


def _emit_plain(kind: str, props: dict[str, Any], rows: list[Any] | None) -> Container:
    if rows is None:
        return emit(kind, props)
    return emit(kind, props, rows=rows)
