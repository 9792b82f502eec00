"""Data elements: ``dataframe`` (paged), ``table`` (static) and ``metric``.

A ``dataframe`` element carries its columns, its row count, a fingerprint of its content (its
``data_id``) and its first rows; the session keeps the frame and the browser asks for the rows
it scrolls to (`runtime/datasets.py`). So a million-row frame costs one small element, and a
rerun that leaves the frame unchanged produces an equal element: nothing is sent again.
pandas, numpy, pyarrow and polars are imported only when the data is of their types.
"""

from __future__ import annotations

import decimal
import hashlib
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rillet.elements import data_buttons, data_selection
from rillet.elements.base import (
    Container,
    check_key,
    check_label_visibility,
    command,
    emit,
    widget,
)
from rillet.elements.charts import addrows
from rillet.elements.column_config import INDEX_KEY, LIST_TYPES, ColumnSettings, normalize
from rillet.elements.data_growth import DataframeGrowth, GrownTable, TableGrowth
from rillet.elements.data_search import SearchCache
from rillet.elements.fingerprints import fingerprint
from rillet.elements.frames import (
    INDEX,
    ColumnsFrame,
    Frame,
    PandasFrame,
    Selection,
    is_dataframe_like,
    module_of,
    to_frame,
    to_nested_cell,
)
from rillet.elements.metric_chart import chart_points
from rillet.elements.validate import (
    alt_text,
    check_height,
    check_icon,
    check_width,
    incompatible_error,
    type_error,
    value_error,
)
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException

__all__ = ["PAGE_ROWS", "PagedTable", "dataframe", "is_dataframe_like", "metric", "table"]

# Rows a dataframe element carries; the browser asks for the others as they scroll into view.
PAGE_ROWS = 100
_COLUMN_WIDTHS = {"small": 75, "medium": 200, "large": 400}


@dataclass(frozen=True)
class ShownColumn:
    """A column as the browser shows it: where its cells come from, and how it looks."""

    source: int  # a frame column, or INDEX
    label: str
    kind: str
    settings: ColumnSettings

    def meta(self) -> dict[str, Any]:
        """What the browser needs to know of the column (defaults left out)."""
        meta: dict[str, Any] = {"label": self.label, "kind": self.kind}
        if self.source == INDEX:
            meta["index"] = True
        s = self.settings
        if s.width is not None:
            meta["width"] = _COLUMN_WIDTHS.get(str(s.width), s.width)
        if s.help is not None:
            meta["help"] = s.help
        shown_format = s.format or s.options.get("format")
        if shown_format is not None:
            meta["format"] = shown_format
        if s.alignment is not None:
            meta["align"] = s.alignment
        if s.type is not None:
            meta["type"] = s.type
            options = {k: v for k, v in s.options.items() if k != "format"}
            if options:
                meta["config"] = options
        if s.pinned is not None:
            meta["pinned"] = s.pinned
        return meta

    @property
    def nested(self) -> bool:
        """Whether the column's cells are lists or JSON (sent as such, not as text)."""
        return self.settings.type in (*LIST_TYPES, "json", "button")


class PagedTable:
    """A frame and the columns shown of it: the `Pageable` a session keeps for a dataframe.

    The last sort asked for is kept, so scrolling a sorted table sorts once.
    """

    def __init__(self, frame: Frame, shown: list[ShownColumn], positions: bool = False) -> None:
        self.frame = frame
        self.shown = shown
        # Selectable and editable tables end each row with its position in the data, so the
        # browser can name rows whatever order it shows them in.
        self.positions = positions
        self._sources = [c.source for c in shown]
        self._nested = any(c.nested for c in shown)
        self._lock = threading.Lock()
        self._sorted: tuple[tuple[int, bool], Sequence[int]] | None = None
        self._first: list[list[Any]] | None = None
        self._search = SearchCache()

    @property
    def total(self) -> int:
        """The number of rows."""
        return self.frame.nrows

    @property
    def width(self) -> int:
        """The number of shown columns."""
        return len(self.shown)

    @property
    def labels(self) -> list[str]:
        """The shown columns' labels (the CSV export's header)."""
        return [c.label for c in self.shown]

    def page(
        self, start: int, end: int, sort: tuple[int, bool] | None, search: str | None = None
    ) -> list[list[Any]]:
        """Rows ``start`` to ``end`` of the shown columns, sorted by (column, descending), of
        the rows matching ``search`` when given."""
        rows: Selection
        if search:
            found = self.matches(search)
            rows = (found if sort is None else self._search.in_order(
                search, sort, found, self._order(*sort)))[start:end]
        elif sort is None:
            rows = slice(start, end)
        else:
            rows = self._order(*sort)[start:end]
        page = self._rows(rows)
        if self.positions:
            at: Sequence[int] = range(start, start + len(page)) if isinstance(rows, slice) else rows
            for row, position in zip(page, at, strict=True):
                row.append(int(position))
        return page

    def _rows(self, rows: Selection) -> list[list[Any]]:
        if not self._nested:
            return self.frame.rows(rows, self._sources)
        columns = [
            [to_nested_cell(v) for v in self.frame.raw(c.source, rows)]
            if c.nested
            else self.frame.cells(c.source, rows)
            for c in self.shown
        ]
        return [list(r) for r in zip(*columns, strict=True)]

    def matches(self, search: str) -> list[int]:
        """The positions of the rows with a shown cell containing ``search`` (any case)."""
        return self._search.rows(search, lambda a, b: self._rows(slice(a, b)), self.total)

    def count(self, search: str) -> int:
        """The number of rows matching ``search``."""
        return len(self.matches(search))

    def first_rows(self, count: int) -> list[list[Any]]:
        """The rows the element carries, computed once: a rerun showing the same frame
        builds its element again, and must find it equal."""
        first = self._first
        if first is None or len(first) != count:
            first = self._first = self.page(0, count, None)
        return first

    def _order(self, column: int, descending: bool) -> Sequence[int]:
        key = (column, descending)
        cached = self._sorted
        if cached is not None and cached[0] == key:
            return cached[1]
        order = self.frame.order(self.shown[column].source, descending)
        with self._lock:
            self._sorted = (key, order)
        return order

    def to_pandas(self) -> Any:
        """The whole frame as pandas (AppTest's ``at.dataframe[0].value``)."""
        return self.frame.to_pandas()


def _shown_columns(
    frame: Frame,
    settings: dict[str | int, ColumnSettings],
    hide_index: bool | None,
    column_order: Iterable[str] | None,
) -> list[ShownColumn]:
    shown = []
    index_settings = settings.get(INDEX_KEY, ColumnSettings())
    hidden = not frame.shows_index or index_settings.hidden
    if hide_index is not None:
        hidden = bool(hide_index)
    if not hidden:
        label = index_settings.label or frame.index_name or ""
        shown.append(ShownColumn(INDEX, label, frame.index_kind, index_settings))
    if column_order is None:
        positions = list(range(len(frame.names)))
    else:
        wanted = [column_order] if isinstance(column_order, str) else list(column_order)
        positions = [i for name in wanted for i, n in enumerate(frame.names) if n == str(name)]
    for i in positions:
        name = frame.names[i]
        s = settings.get(name) or settings.get(i) or ColumnSettings()
        if not s.hidden:
            label = s.label if s.label is not None else name
            shown.append(ShownColumn(i, label, frame.kinds[i], s))
    # Pinned columns come first (the index is pinned unless unpinned), as in Streamlit.
    return sorted(shown, key=lambda c: not _pinned(c))


def shown_names(frame: Frame, shown: list[ShownColumn]) -> list[tuple[int, str] | None]:
    """Each shown column's (position, name) in the data; None for the index."""
    return [None if c.source == INDEX else (c.source, frame.names[c.source]) for c in shown]


def _pinned(column: ShownColumn) -> bool:
    pinned = column.settings.pinned
    return pinned is True or (column.source == INDEX and pinned is not False)


def _data_id(frame: Frame, shown: list[ShownColumn], positions: bool) -> str:
    h = hashlib.blake2b(fingerprint(frame), digest_size=16)
    h.update(repr([(c.source, c.label, c.settings) for c in shown]).encode())
    h.update(b"positions" if positions else b"")
    return h.hexdigest()


@command
def dataframe(
    data: object = None,
    width: int | str | None = "stretch",
    height: int | str | None = "auto",
    *,
    use_container_width: bool | None = None,
    hide_index: bool | None = None,
    column_order: Iterable[str] | None = None,
    column_config: dict[str | int, Any] | None = None,
    key: str | int | None = None,
    on_select: str | Any = "ignore",
    selection_mode: str | Iterable[str] = "multi-row",
    selection_default: Mapping[str, Any] | None = None,
    row_height: int | None = None,
    placeholder: str | None = None,
    lazy: bool | None = None,
    alt: str | None = None,
) -> Container | data_selection.DataframeState:
    """Show data as an interactive table: scroll through any number of rows, sort by clicking
    a column header.

    The table is paged: the browser receives the first rows and asks for the others as they
    come into view, so a million rows show at once and an unchanged frame is not sent again.

    Parameters:
        data: pandas DataFrame/Series/Index/Styler (its data), polars DataFrame/Series/
            LazyFrame, pyarrow Table/Array, numpy array, a dict of columns, a list of rows
            (dicts or sequences), or None for an empty table.
        width: "stretch" (default, the container's width), "content", or pixels.
        height: "auto" (up to ten rows, then it scrolls), "content" (every row, at most
            10,000 pixels), "stretch" (fills a fixed-height container, keeping three rows
            when the container has room for them; elsewhere the "auto" height), or pixels.
        use_container_width: Deprecated: True is ``width="stretch"``, False ``"content"``.
        hide_index: Hide the index column; None shows it for pandas data only.
        column_order: The columns to show, in this order (others are hidden).
        column_config: Per column (by name, position, or "_index"): a label, None to hide
            it, or a dict / `rillet.column_config` object with label, width, help, hidden,
            and a number format.
        key: A name for the table's selection in ``session_state`` (with ``on_select``).
        on_select: "ignore" (default): a plain table. "rerun" or a callable: the user can
            select, each selection reruns the app (or the fragment the table is in) and the
            command returns the selection (``event.selection.rows``, ``.columns``,
            ``.cells``); a callable runs first, as a widget's ``on_change``.
        selection_mode: What can be selected: "multi-row" (default), "single-row",
            "single-column", "multi-column", "single-cell", "multi-cell", or several of
            them (one of each kind).
        selection_default: The selection shown at first, in the value's shape
            (``{"selection": {"rows": [0, 2]}}``), while the table has no selection of its
            own yet; it never replaces what the user selects. Rows, columns and cells the
            table or ``selection_mode`` lacks are dropped; needs ``on_select``.
        row_height: The height of a row in pixels.
        placeholder: The text shown in empty cells (default "None").
        lazy: None (default) or True: the page receives the first rows and asks for the
            others as they scroll into view. False: every row travels with the table, so
            scrolling, sorting and searching need no trip to the server (for tables small
            enough to send whole).
        alt: A short name for the table, for screen readers (the grid's accessible name);
            blank text is None.
    """
    modes = data_selection.selection_modes(on_select, selection_mode)
    if selection_default is not None and modes is None:
        raise incompatible_error(
            "selection_default",
            "on_select='ignore'",
            explanation="Set `on_select` to `'rerun'` or a callback to use `selection_default`.",
        )
    if lazy is not None and not isinstance(lazy, bool):
        raise type_error("lazy", lazy, ["bool", "None"])
    check_key(key)
    if use_container_width is not None:
        width = "stretch" if use_container_width else "content"
    shown_width = check_width("stretch" if width is None else width, allow_content=True)
    shown_height = "auto" if height is None else height
    if shown_height != "auto":
        shown_height = check_height(shown_height, allow_content=True)
    if row_height is not None and (
        not isinstance(row_height, int) or isinstance(row_height, bool) or row_height <= 0
    ):
        raise RilletAPIException(f"row_height must be a positive integer, not {row_height!r}.")
    frame = to_frame(data)
    shown = _shown_columns(frame, normalize(column_config), hide_index, column_order)
    buttons = data_buttons.button_columns(column_config)
    # A button click names its row by position, whatever order the page shows.
    positions = modes is not None or bool(buttons)
    data_id = _data_id(frame, shown, positions=positions)
    ctx = context.current()
    kept = ctx.session.datasets.get(data_id) if ctx is not None else None
    if isinstance(kept, GrownTable) and ctx is not None:
        # Written afresh: the rows an earlier add_rows appended are gone.
        kept = kept.base
        ctx.session.datasets.replace(data_id, kept)
    paged = (
        kept if isinstance(kept, PagedTable) else PagedTable(frame, shown, positions)
    )
    # Inside a cached function the element is replayed later, maybe in a session that never
    # saw the frame: it then carries every row.
    recording = ctx is not None and ctx.recorder is not None
    first = frame.nrows if recording or lazy is False else min(PAGE_ROWS, frame.nrows)
    props: dict[str, Any] = {
        "data_id": data_id,
        "columns": [c.meta() for c in shown],
        "rows": paged.first_rows(first),
        "total": frame.nrows,
    }
    if shown_width != "stretch":
        props["width"] = shown_width
    if shown_height != "auto":
        props["height"] = shown_height
    if row_height is not None:
        props["row_height"] = row_height
    if placeholder is not None:
        props["placeholder"] = str(placeholder)
    described = alt_text(alt)
    if described is not None:
        props["alt"] = described
    if ctx is not None:
        ctx.session.datasets.keep(data_id, paged)
    if buttons:
        props["positions"] = True
        data_buttons.register_buttons(buttons, props["columns"], shown_names(frame, shown),
                                      frame.nrows)
    if modes is not None:
        return _selectable(props, frame, shown, modes, key, on_select, selection_default)
    # An empty `rows` from the start, so that rows add_rows appends travel as an `Extend`.
    written = emit("dataframe", props, rows=[])
    addrows.register(written, "dataframe", DataframeGrowth(paged))
    return written


def _selectable(
    props: dict[str, Any],
    frame: Frame,
    shown: list[ShownColumn],
    modes: list[str],
    key: str | int | None,
    on_select: object,
    selection_default: object = None,
) -> data_selection.DataframeState:
    """Write a dataframe whose selection is a widget, and return the selection (at first
    ``selection_default``, checked)."""
    names = [frame.names[c.source] for c in shown if c.source != INDEX]
    default = data_selection.empty_selection()
    identity: tuple[Any, ...] = (props["data_id"], tuple(modes))
    if selection_default is not None:
        default = data_selection.default_selection(selection_default, modes, frame.nrows, names)
        identity += (repr(default),)  # as in Streamlit: another default, another widget
    props = {**props, "selection_mode": modes, "positions": True,
             "names": [None if c.source == INDEX else frame.names[c.source] for c in shown]}
    value = widget(
        "dataframe",
        props,
        key=key,
        identity=identity,
        default=default,
        decode=data_selection.decoder(modes, frame.nrows, names),
        encode=data_selection.encode_selection,
        on_change=on_select if callable(on_select) else None,
    )
    return data_selection.DataframeState(value)


@command
def table(
    data: object = None,
    *,
    border: bool | str = True,
    width: str | int = "stretch",
    height: str | int = "content",
    hide_index: bool | None = None,
    hide_header: bool | None = None,
    alt: str | None = None,
) -> Container:
    """Show a static table: every row, no sorting. For small summaries.

    Parameters:
        data: The data, as for `dataframe`.
        border: True (default) draws every cell border, "horizontal" only lines between
            rows, False none.
        width: "stretch" (default, the container's width), "content" (the table's own
            width, at most the container's) or a number of pixels.
        height: "content" (default, every row), "stretch" (fill the container's height,
            scrolling inside) or a number of pixels (scrolling inside, the header stays).
        hide_index: None (default) hides a default row index (pandas' RangeIndex, and data
            that has no index) and shows any other; True always hides it, False always
            shows it.
        hide_header: None (default) hides the header row of data without column names of
            its own (lists, tuples, sets, numpy arrays, key-value dicts) and shows it for
            the rest; True always hides it, False always shows it.
        alt: A description of the table for screen readers (its accessible name).
    """
    if border not in (True, False, "horizontal"):
        raise RilletAPIException(
            f"Invalid border value: {border!r}. Border must be a boolean or 'horizontal'."
        )
    frame = to_frame(data)
    show_index = not (_table_hides_index(frame) if hide_index is None else bool(hide_index))
    show_header = not (_table_hides_header(data, frame) if hide_header is None else hide_header)
    everything = slice(0, frame.nrows)
    props: dict[str, Any] = {
        "columns": list(frame.names),
        "rows": frame.rows(everything, range(len(frame.names))),
    }
    if show_index:
        props["index"] = frame.cells(INDEX, everything)
    if not show_header:
        props["hide_header"] = True
    if border is not True:
        props["border"] = border
    if width != "stretch":
        props["width"] = check_width(width, allow_content=True)
    if height != "content":
        props["height"] = check_height(height, allow_content=True)
    described = alt_text(alt)
    if described is not None:
        props["alt"] = described
    written = emit("table", props, rows=[])
    growth = TableGrowth(list(frame.names), frame.nrows, has_index=show_index)
    addrows.register(written, "table", growth)
    return written


def _table_hides_index(frame: Frame) -> bool:
    """Streamlit's rule: a default RangeIndex is hidden, any other index shown (data without
    an index of its own gets a RangeIndex there)."""
    if isinstance(frame, PandasFrame):
        import pandas as pd

        return isinstance(frame.frame.index, pd.RangeIndex)
    return not frame.shows_index


def _table_hides_header(data: object, frame: Frame) -> bool:
    """Streamlit's rule: data without column names of its own shows no header row."""
    if isinstance(frame, ColumnsFrame) and frame.shows_index:
        return True  # a key-value mapping: its keys are the index, "value" is made up
    if isinstance(data, list | tuple | set | frozenset):
        return not (data and all(isinstance(item, Mapping) for item in data))
    module, name = module_of(data), type(data).__name__
    if module == "numpy":
        return name == "ndarray"
    if module == "pandas":
        return name not in ("DataFrame", "Series", "Index", "Styler") and "Index" not in name
    if module == "pyarrow":
        return name in ("Array", "ChunkedArray") or name.endswith("Array")
    return False


# --- metric --------------------------------------------------------------------------------


def _metric_text(value: object, what: str) -> str | None:
    """Streamlit's accepted value types: numbers, text, None (numpy scalars too)."""
    if module_of(value) == "numpy" and callable(getattr(value, "item", None)):
        value = value.item()  # type: ignore[attr-defined]
    if value is None or value == "":
        return None
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        if what == "delta":
            return f"{value:+}" if value else str(value)
        return str(value)
    if isinstance(value, str):
        return value
    raise TypeError(f"'{value!s}' is of type {type(value)!s}, which is not an accepted type.")


def _metric_number(value: object) -> float | None:
    """A metric value as a number for ``format``; None for text and None."""
    if module_of(value) == "numpy" and callable(getattr(value, "item", None)):
        value = value.item()  # type: ignore[attr-defined]
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        return float(value)
    return None


def _metric_extras(
    value: object, delta: object, icon: object, format: object, delta_description: object
) -> dict[str, Any]:
    """The props of Streamlit 1.67's ``icon``, ``format`` and ``delta_description``, left out
    when unused."""
    extras: dict[str, Any] = {}
    shown_icon = check_icon(icon)
    if shown_icon is not None:
        extras["icon"] = shown_icon
    if format is not None:
        if not isinstance(format, str):
            raise type_error("format", format, ["str", "None"])
        extras["format"] = format
        for key, number in (("value_number", _metric_number(value)),
                            ("delta_number", _metric_number(delta))):
            if number is not None:
                extras[key] = number
    if delta_description is not None:
        extras["delta_description"] = str(delta_description)
    return extras


# Streamlit 1.67's delta colours: by the delta's sign (normal, inverse), none (off), or one
# colour whatever the sign.
_DELTA_COLORS = (
    "normal",
    "inverse",
    "off",
    "red",
    "orange",
    "yellow",
    "green",
    "blue",
    "violet",
    "gray",
    "grey",
    "primary",
)
_DELTA_ARROWS = ("auto", "up", "down", "off")


@command
def metric(
    label: str,
    value: object,
    delta: object = None,
    delta_color: str = "normal",
    *,
    help: str | None = None,
    icon: str | None = None,
    label_visibility: str = "visible",
    border: bool = False,
    width: int | str = "stretch",
    height: int | str = "content",
    chart_data: object = None,
    chart_type: str = "line",
    delta_arrow: str = "auto",
    format: str | None = None,
    delta_description: str | None = None,
) -> Container:
    """Show a number large, with an optional change indicator.

    Parameters:
        label: What the number is.
        value: The number (or text); None shows a dash.
        delta: The change, shown with an arrow; a leading "-" (or a negative number) is down.
        delta_color: "normal" (up is green), "inverse" (up is red), "off" (grey), or one
            colour whatever the sign: "red", "orange", "yellow", "green", "blue", "violet",
            "gray"/"grey" or "primary".
        help: A tooltip.
        icon: An emoji or ``:material/name:`` icon shown before the label.
        label_visibility: "visible", "hidden" or "collapsed".
        border: Draw a border around the metric.
        width: "stretch" (default), "content", or pixels.
        height: "content" (default), "stretch", or pixels.
        chart_data: Numbers drawn as a small chart under the value: a list, set, Series,
            a dataframe (its first column) or anything ``option_list`` reads; each value is
            cast to float. The chart takes the delta's colour (grey without a delta).
        chart_type: "line" (default), "bar" or "area", for ``chart_data``.
        delta_arrow: "auto" (by the delta's sign), "up", "down", or "off" (no arrow).
        format: How a numeric ``value`` and ``delta`` are shown: "plain", "localized",
            "percent", "dollar", "euro", "yen", "accounting", "bytes", "compact",
            "scientific", "engineering", or a printf-style format such as "%.2f" or "%,d"
            (as ``column_config.NumberColumn``). Text values are shown as they are.
        delta_description: A short text after the delta, such as "month over month".
    """
    if not isinstance(label, str):
        raise TypeError(f"'{label!s}' is of type {type(label)!s}, which is not an accepted type.")
    if delta_color not in _DELTA_COLORS:
        raise value_error("delta_color", [f"'{c}'" for c in _DELTA_COLORS])
    if delta_arrow not in _DELTA_ARROWS:
        raise value_error("delta_arrow", [f"'{a}'" for a in _DELTA_ARROWS])
    if chart_type not in ("line", "bar", "area"):
        raise RilletAPIException(
            f"'{chart_type}' is not an accepted value. chart_type only accepts: "
            "'line', 'bar', or 'area'"
        )
    points = chart_points(chart_data) if chart_data is not None else []
    shown = _metric_text(value, "value")
    props: dict[str, Any] = {
        "label": label,
        "value": "—" if shown is None else shown,
        "delta": _metric_text(delta, "delta"),
        "delta_color": "gray" if delta_color == "grey" else delta_color,
        "help": help,
        "label_visibility": check_label_visibility(label_visibility),
        "border": bool(border),
    }
    if delta_arrow != "auto":
        props["delta_arrow"] = delta_arrow
    if points:
        props["chart_data"] = points
        props["chart_type"] = chart_type
    props.update(_metric_extras(value, delta, icon, format, delta_description))
    if check_width(width, allow_content=True) != "stretch":
        props["width"] = width
    if check_height(height, allow_content=True) != "content":
        props["height"] = height
    return emit("metric", props)
