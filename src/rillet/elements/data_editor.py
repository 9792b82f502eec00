"""``st.data_editor``: a dataframe the user edits; the script gets the edited data back, in
the type it passed in, and the edits in Streamlit's shape in ``session_state``::

    {"edited_rows": {0: {"price": 3.5}}, "added_rows": [{"name": "x"}], "deleted_rows": [2]}

The editor is the paged grid: the browser holds only the rows in view, and an edit sends only
that cell (``{"set": [[row, column, value]]}``), or the rows added or deleted. Every edited
value is checked here against its column (type, min/max, options, max_chars, validate,
required, disabled); a refused one is left out of the state and sent back as ``invalid`` so
the page marks the cell, and the rest of the message still applies.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rillet.elements.base import check_key, command, target, widget
from rillet.elements.column_config import READ_ONLY_TYPES, normalize
from rillet.elements.data import (
    PAGE_ROWS,
    PagedTable,
    ShownColumn,
    _data_id,
    _shown_columns,
    shown_names,
)
from rillet.elements.data_buttons import button_columns, register_buttons
from rillet.elements.data_editor_checks import ColumnCheck, check_cell
from rillet.elements.frames import INDEX, PandasFrame, module_of, to_frame
from rillet.elements.validate import alt_text, check_height, check_width
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue, widget_id

log = logging.getLogger("rillet.data_editor")

_NUM_ROWS = ("fixed", "dynamic", "add", "delete")
# Where AppTest finds what each editor returned (session extras, by widget id).
RESULTS_KEY = "rillet.data_editor.results"
# The most cells one message may set (a paste); larger blocks are refused whole.
MAX_CELLS_PER_EDIT = 10_000


class EditorState(dict[str, Any]):
    """The editing state: ``state["edited_rows"]`` or ``state.edited_rows``. ``invalid``
    holds the edits the last message proposed and the server refused (not part of the
    dict, so the app never sees them)."""

    invalid: list[list[Any]]

    def __init__(self, *args: Any, invalid: list[list[Any]] | None = None) -> None:
        super().__init__(*args)
        self.invalid = invalid or []

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def equals(self, other: object) -> bool:
        """Equal states with the same refusals (a refusal alone must reach the page)."""
        return dict(self) == other and self.invalid == getattr(other, "invalid", None)


def empty_state() -> EditorState:
    return EditorState({"edited_rows": {}, "added_rows": [], "deleted_rows": []})


def encode_state(state: Any) -> dict[str, Any]:
    """The state as JSON carries it (row keys as text)."""
    return {
        "edited_rows": {str(k): dict(v) for k, v in state.get("edited_rows", {}).items()},
        "added_rows": [dict(r) for r in state.get("added_rows", [])],
        "deleted_rows": list(state.get("deleted_rows", [])),
    }


def _decoder(
    checks: dict[str, ColumnCheck], nrows: int, num_rows: str, current: Callable[[], Any]
) -> Callable[[Any], EditorState]:
    can_add = num_rows in ("dynamic", "add")
    can_delete = num_rows in ("dynamic", "delete")

    def full(wire: dict[str, Any]) -> EditorState:
        state = empty_state()
        invalid: list[list[Any]] = []
        edits = [[int(r), n, v] for r, row in (wire.get("edited_rows") or {}).items()
                 for n, v in dict(row).items()]
        apply(state, {"set": edits, "add": wire.get("added_rows") or [],
                      "delete": wire.get("deleted_rows") or []}, invalid)
        state.invalid = invalid
        return state

    def apply(state: EditorState, wire: dict[str, Any], invalid: list[list[Any]]) -> None:
        sets, adds, deletes = wire.get("set") or [], wire.get("add") or [], wire.get("delete") or []
        if not all(isinstance(part, list) for part in (sets, adds, deletes)):
            raise InvalidWidgetValue("malformed edit")
        if len(sets) > MAX_CELLS_PER_EDIT:
            raise InvalidWidgetValue(f"more than {MAX_CELLS_PER_EDIT} cells in one edit")
        if adds and not can_add:
            raise InvalidWidgetValue("this editor does not add rows")
        if deletes and not can_delete:
            raise InvalidWidgetValue("this editor does not delete rows")
        for added in adds:
            if not isinstance(added, dict):
                raise InvalidWidgetValue("an added row must be an object")
            row: dict[str, Any] = {}
            for name, value in added.items():
                try:
                    row[name] = check_cell(checks, name, value)
                except InvalidWidgetValue as exc:
                    invalid.append([nrows + len(state["added_rows"]), name, str(exc)])
            state["added_rows"].append(row)
        for item in sets:
            if not isinstance(item, list) or len(item) != 3 or not isinstance(item[0], int):
                raise InvalidWidgetValue(f"malformed cell edit {item!r}")
            position, name, value = item
            total = nrows + len(state["added_rows"])
            if not 0 <= position < total or position in state["deleted_rows"]:
                invalid.append([position, name, "no such row"])
                continue
            try:
                checked = check_cell(checks, name, value)
            except InvalidWidgetValue as exc:
                invalid.append([position, name, str(exc)])
                continue
            if position < nrows:
                state["edited_rows"].setdefault(position, {})[name] = checked
            else:
                state["added_rows"][position - nrows][name] = checked
        for position in deletes:
            total = nrows + len(state["added_rows"])
            if not isinstance(position, int) or not 0 <= position < total:
                raise InvalidWidgetValue(f"no row {position!r} to delete")
        # Added rows go from the end, so earlier positions stay valid while deleting.
        for position in sorted(set(deletes), reverse=True):
            if position >= nrows:
                del state["added_rows"][position - nrows]
            elif position not in state["deleted_rows"]:
                state["deleted_rows"].append(position)
                state["edited_rows"].pop(position, None)
        state["deleted_rows"].sort()

    def decode(wire: Any) -> EditorState:
        if not isinstance(wire, dict):
            raise InvalidWidgetValue(f"expected an edit, got {wire!r}")
        if set(wire) <= {"edited_rows", "added_rows", "deleted_rows"}:
            return full(wire)
        if not set(wire) <= {"set", "add", "delete"}:
            raise InvalidWidgetValue(f"unknown edit fields {sorted(set(wire))}")
        old = current()
        state = EditorState({
            "edited_rows": {k: dict(v) for k, v in (old or {}).get("edited_rows", {}).items()},
            "added_rows": [dict(r) for r in (old or {}).get("added_rows", [])],
            "deleted_rows": list((old or {}).get("deleted_rows", [])),
        })
        invalid: list[list[Any]] = []
        apply(state, wire, invalid)
        for position, name, reason in invalid:
            log.warning("refused an edit of row %s, column %r: %s", position, name, reason)
        state.invalid = _still_invalid(getattr(old, "invalid", []), wire, nrows) + invalid
        return state

    return decode


def _still_invalid(marks: list[list[Any]], wire: dict[str, Any], nrows: int) -> list[list[Any]]:
    """The refusals of earlier edits that ``wire`` leaves standing: a refused cell stays
    marked until the user edits it again or deletes its row (added rows move up when one
    of them is deleted, so their marks go then)."""
    touched = {(item[0], item[1]) for item in wire.get("set") or [] if isinstance(item, list)
               and len(item) == 3}
    deletes = [d for d in wire.get("delete") or [] if isinstance(d, int)]
    return [
        mark for mark in marks
        if (mark[0], mark[1]) not in touched and mark[0] not in deletes
        and not (mark[0] >= nrows and any(d >= nrows for d in deletes))
    ]


def _kind(df: Any, source: int, kinds: list[str]) -> str:
    """The frame's kind of a column, "int" for integer columns (edits must be whole)."""
    return "int" if getattr(df.dtypes.iloc[source], "kind", "") in ("i", "u") else kinds[source]


def _edited(df: Any, state: Any, checks: dict[str, ColumnCheck]) -> Any:
    """``df`` with the state's edits applied (a new frame)."""
    import pandas as pd

    edited = df.copy()
    # One assignment per column, not per cell: an editor with many edits reruns as fast.
    by_column: dict[str, dict[int, Any]] = {}
    for position, row in state.get("edited_rows", {}).items():
        for name, value in row.items():
            by_column.setdefault(name, {})[position] = _to_python(value, checks[name])
    for name, cells in by_column.items():
        positions, values = list(cells), list(cells.values())
        column = edited[name].copy()
        try:
            column.iloc[positions] = values
        except (TypeError, ValueError):  # a value the column's type cannot hold
            column = edited[name].astype(object)
            for position, value in cells.items():
                column.iat[position] = value
        edited.isetitem(edited.columns.get_loc(name), column)
    deleted = state.get("deleted_rows", [])
    if deleted:
        edited = edited.drop(edited.index[deleted])
    added = state.get("added_rows", [])
    if added:
        rows = pd.DataFrame(
            [{n: _to_python(r.get(n, checks[n].default if n in checks else None), checks.get(n))
              for n in df.columns} for r in added]
        )
        if isinstance(df.index, pd.RangeIndex) or pd.api.types.is_integer_dtype(df.index):
            start = (int(df.index.max()) + 1) if len(df.index) else 0
            rows.index = pd.RangeIndex(start, start + len(rows))
        edited = pd.concat([edited, rows.astype(df.dtypes.to_dict(), errors="ignore")])
    return edited


def _to_python(value: Any, check: ColumnCheck | None) -> Any:
    if value is None or check is None:
        return value
    if check.type in ("date", "time", "datetime") and isinstance(value, str):
        import pandas as pd

        moment = pd.Timestamp(value) if check.type != "time" else None
        if check.type == "date" and moment is not None:
            return moment if check.kind == "datetime" else moment.date()
        if check.type == "time":
            return datetime.time.fromisoformat(value)
        return moment
    return value


def _as_input_type(edited: Any, data: object) -> Any:
    """The edited frame in the type the script passed in."""
    module = module_of(data)
    if module == "pandas":
        import pandas as pd

        if isinstance(data, pd.Series):
            return edited.iloc[:, 0]
        return edited
    if module == "pyarrow":
        import pyarrow as pa

        return pa.Table.from_pandas(edited, preserve_index=False)
    if module == "polars":
        import polars as pl

        return pl.from_pandas(edited.reset_index(drop=True))
    if module == "numpy":
        return edited.to_numpy()
    if isinstance(data, dict):
        return {k: list(v) for k, v in edited.to_dict(orient="list").items()}
    if isinstance(data, list | tuple | set):
        records = edited.to_dict(orient="records")
        if data and all(isinstance(r, dict) for r in data):
            return records
        return edited.values.tolist()
    return edited


@command
def data_editor(
    data: Any,
    *,
    width: int | str = "stretch",
    height: int | str = "auto",
    use_container_width: bool | None = None,
    hide_index: bool | None = None,
    column_order: Iterable[str] | None = None,
    column_config: dict[str | int, Any] | None = None,
    num_rows: str = "fixed",
    disabled: bool | Iterable[str | int] = False,
    key: str | int | None = None,
    on_change: Callable[..., Any] | str | None = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    row_height: int | None = None,
    placeholder: str | None = None,
    alt: str | None = None,
) -> Any:
    """Show data the user can edit, and return it edited, in the type it came in.

    Edits live in the widget's state (``session_state[key]``, Streamlit's ``edited_rows``,
    ``added_rows``, ``deleted_rows``); the data you pass stays as it is.

    Parameters:
        data: pandas DataFrame/Series, pyarrow Table, polars DataFrame, numpy array, a dict
            of columns or a list of rows.
        width: "stretch" (default), "content", or pixels.
        height: "auto" (up to ten rows, then it scrolls), "content" (every row, at most
            10,000 pixels), "stretch" (fills a fixed-height container, keeping three rows
            when the container has room for them; elsewhere the "auto" height), or pixels.
        use_container_width: Deprecated: True is ``width="stretch"``.
        hide_index: Hide the index column (hidden by default when rows can be added).
        column_order: The columns to show, in this order.
        column_config: Per column: a label, None to hide it, or a `column_config` column
            (types, formats, min/max, options, required, default, disabled, pinned ...).
        num_rows: "fixed" (default), "dynamic" (add and delete rows), "add" or "delete".
        disabled: True to make every column read-only, or the names of read-only columns.
        key: The name of the editing state in ``session_state``.
        on_change: "rerun" (default), "ignore" (the page holds the edits and sends them
            with the next rerun something else asks for), or a callable run before the
            script after each edit.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        row_height: The height of a row in pixels.
        placeholder: The text shown in empty cells (default "None").
        alt: A short name for the table, for screen readers (the grid's accessible name);
            blank text is None.
    """
    if num_rows not in _NUM_ROWS:
        raise RilletAPIException(
            f"num_rows must be one of 'fixed', 'dynamic', 'add' or 'delete', not {num_rows!r}."
        )
    if on_change not in ("rerun", "ignore", None) and not callable(on_change):
        raise RilletAPIException(
            f"You have passed {on_change!r} to `on_change`. But only 'rerun', 'ignore', or a "
            "callable is supported."
        )
    ukey = check_key(key)
    if use_container_width is not None:
        width = "stretch" if use_container_width else "content"
    shown_width = check_width(width, allow_content=True)
    if height != "auto":
        height = check_height(height, allow_content=True)
    frame = to_frame(data)
    if not isinstance(frame, PandasFrame):
        frame = PandasFrame(frame.to_pandas())
        frame.shows_index = module_of(data) == "pandas"
    df = frame.frame
    names = list(frame.names)
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise RilletAPIException(
            "All column names are required to be unique for usage with data editor. The "
            f"following column names are duplicated: {duplicated}. Please rename the "
            "duplicated columns in the provided data."
        )
    if "_index" in names:
        raise RilletAPIException(
            "The column name '_index' is reserved for the index column and can't be used for "
            "data columns. Please rename the column in the provided data."
        )
    settings = normalize(column_config)
    if hide_index is None and num_rows in ("dynamic", "add"):
        hide_index = True
    shown = _shown_columns(frame, settings, hide_index, column_order)
    read_only = set() if isinstance(disabled, bool) else {str(d) for d in disabled}
    checks: dict[str, ColumnCheck] = {}
    editable: list[bool] = []
    for column in shown:
        name = None if column.source == INDEX else names[column.source]
        can_edit = (
            name is not None and disabled is not True and name not in read_only
            and not column.settings.disabled and column.settings.type not in READ_ONLY_TYPES
            and column.kind != "other"
        )
        editable.append(can_edit)
        if name is not None:
            checks[name] = ColumnCheck(column, name, _kind(df, column.source, frame.kinds),
                                       can_edit)
    # Columns not shown can still be filled in by added rows' defaults.
    for i, name in enumerate(names):
        if name not in checks:
            s = settings.get(name) or settings.get(i)
            if s is not None:
                checks[name] = ColumnCheck(ShownColumn(i, name, frame.kinds[i], s), name,
                                           frame.kinds[i], False)
    data_id = _data_id(frame, shown, positions=True)
    ctx = context.current()
    kept = ctx.session.datasets.get(data_id) if ctx is not None else None
    paged = kept if isinstance(kept, PagedTable) else PagedTable(frame, shown, True)
    props: dict[str, Any] = {
        "data_id": data_id,
        "columns": [
            {**c.meta(), **({"editable": True} if e else {}),
             **({"required": True} if c.settings.required else {}),
             **({"default": c.settings.default} if c.settings.default is not None else {})}
            for c, e in zip(shown, editable, strict=True)
        ],
        "rows": paged.first_rows(min(PAGE_ROWS, frame.nrows)),
        "total": frame.nrows,
        "positions": True,
        "names": [None if c.source == INDEX else names[c.source] for c in shown],
        "num_rows": num_rows,
        "editor": True,
    }
    if shown_width != "stretch":
        props["width"] = shown_width
    if height != "auto":
        props["height"] = height
    if row_height is not None:
        props["row_height"] = int(row_height)
    if placeholder is not None:
        props["placeholder"] = str(placeholder)
    described = alt_text(alt)
    if described is not None:
        props["alt"] = described
    if disabled is True:
        props["disabled"] = True  # the page offers no editing, no adding or deleting rows
    if on_change == "ignore":
        # As in Streamlit: the page holds the edits and sends them with the next rerun that
        # something else asks for.
        props["on_change"] = "ignore"
    if ctx is not None:
        ctx.session.datasets.keep(data_id, paged)
    buttons = button_columns(column_config)
    if buttons and disabled is not True:  # as in Streamlit: a disabled editor has no clicks
        register_buttons(buttons, props["columns"], shown_names(frame, shown), frame.nrows)
    identity = (data_id, num_rows, repr(sorted(read_only)), disabled is True)
    wid = widget_id("data_editor", ukey, identity, target().form_id)
    session = ctx.session if ctx is not None else None

    def current() -> Any:
        return session.state._values.get(wid) if session is not None else None

    # The browser's latest edit is decoded before the run: its refusals go to the page.
    pending = current()
    if isinstance(pending, EditorState) and pending.invalid:
        props["invalid"] = pending.invalid
    state = widget(
        "data_editor",
        props,
        key=key,
        identity=identity,
        default=empty_state(),
        decode=_decoder(checks, frame.nrows, num_rows, current),
        encode=encode_state,
        on_change=on_change if callable(on_change) else None,
        args=args,
        kwargs=kwargs,
        disabled=disabled is True,
        deltas=True,
    )
    result = _as_input_type(_edited(df, state, checks), data)
    if session is not None:
        session.extras.setdefault(RESULTS_KEY, {})[wid] = result
    return result
