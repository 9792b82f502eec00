"""Chart data as a Vega-Lite chart receives it: named columns of JSON cells, each with the
Vega-Lite type Streamlit would infer for it.

Streamlit turns every chart's data into pandas and asks pandas' ``infer_dtype`` what each
column holds; rillet does the same for pandas data and answers the same question from the
dtype (numpy, Arrow, polars) or the values (lists, dicts) otherwise, so pandas is imported
only when the data is pandas.

Cells are JSON scalars. Times follow what Streamlit shows: a naive datetime (or a date) is a
wall-clock time, shown as written whatever the viewer's time zone, so it travels as ISO text
without an offset (``"2024-01-01T09:30:00.000"``), which the browser reads as local time; an
aware datetime is an instant, shown in the viewer's zone, so it travels as epoch milliseconds.
Vega-Lite parses both for fields typed temporal. Durations travel as milliseconds.
"""

from __future__ import annotations

import datetime
import decimal
import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rillet.elements.frames import ArrowFrame, ColumnsFrame, PandasFrame, module_of, to_frame
from rillet.runtime.errors import RilletAPIException

Cell = str | int | float | bool | None

QUANTITATIVE, NOMINAL, ORDINAL, TEMPORAL = "quantitative", "nominal", "ordinal", "temporal"
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass
class Column:
    """One column: its name, cells, Vega-Lite type, and the facts the built-in charts ask.

    ``integer`` is pandas' ``is_integer_dtype`` (integer axes get whole-number ticks);
    ``first`` is the first value as the data holds it (colour columns are recognised by it).
    """

    name: str
    cells: list[Cell]
    vtype: str
    integer: bool = False
    first: Any = None
    is_date: bool = False
    # The values as the data holds them, for object columns (colour tuples need them).
    raw: list[Any] | None = None


@dataclass
class Table:
    """Columns of equal length, and the index (the row position when the data has none)."""

    columns: list[Column]
    index: Column
    nrows: int
    # A positional index (0, 1, 2 ...): add_rows numbers appended rows on from the last.
    positional_index: bool = True
    by_name: dict[str, Column] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for column in self.columns:
            self.by_name.setdefault(column.name, column)

    @property
    def names(self) -> list[str]:
        """The column names, in order."""
        return [c.name for c in self.columns]


# --- cells --------------------------------------------------------------------------------------


def _ms(seconds: float) -> int | float:
    value = seconds * 1000
    return int(value) if value == int(value) else value


def cell(value: Any) -> Cell:
    """One value as a chart's data carries it (see the module's note on times)."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, datetime.datetime):
        if _is_null(value):
            return None
        if value.tzinfo is not None and value.utcoffset() is not None:
            return _ms((value - _EPOCH).total_seconds())
        return value.isoformat(sep="T", timespec="milliseconds")
    if isinstance(value, datetime.date):
        return f"{value.isoformat()}T00:00:00.000"
    if isinstance(value, datetime.timedelta):
        return None if _is_null(value) else _ms(value.total_seconds())
    if isinstance(value, datetime.time):
        return value.isoformat()
    if _is_null(value):
        return None
    if module_of(value) == "numpy":
        item = getattr(value, "item", None)
        if type(value).__name__ == "datetime64":
            return _numpy_datetime_cells([value])[0]
        if type(value).__name__ == "timedelta64":
            return _ms(float(value / _numpy_ms()) / 1000)
        if callable(item):
            return cell(item())
    if isinstance(value, decimal.Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, numbers.Real):
        return cell(float(value))
    return str(value)


def _numpy_ms() -> Any:
    import numpy as np

    return np.timedelta64(1, "ms")


def _is_null(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType") or (
        module_of(value) == "numpy" and isinstance(value, numbers.Real) and value != value
    )


def _numpy_datetime_cells(values: Any) -> list[Cell]:
    """Naive numpy datetimes as ISO text (vectorised: a million values in a blink)."""
    import numpy as np

    array = np.asarray(values).astype("datetime64[ms]")
    text = np.datetime_as_string(array, unit="ms").tolist()
    return [None if t == "NaT" else t for t in text]


def _float_cells(values: list[Any]) -> list[Cell]:
    return [v if v == v and v not in (math.inf, -math.inf) else None for v in values]


def _numpy_cells(array: Any) -> tuple[list[Cell], str, bool]:
    """Cells, Vega-Lite type and integer-ness of a 1-D numpy array."""
    kind = array.dtype.kind
    if kind in "iu":
        return array.tolist(), QUANTITATIVE, True
    if kind == "f":
        return _float_cells(array.tolist()), QUANTITATIVE, False
    if kind == "b":
        return array.tolist(), NOMINAL, False
    if kind == "M":
        return _numpy_datetime_cells(array), TEMPORAL, False
    if kind == "m":
        ms = array.astype("timedelta64[ms]").astype("float64")
        return (
            _float_cells([_ms(v / 1000) if v == v else None for v in ms.tolist()]),
            TEMPORAL,
            False,
        )
    return _python_column(array.tolist())


# --- type inference -----------------------------------------------------------------------------


def infer_python_type(values: Sequence[Any]) -> str:
    """The Vega-Lite type Streamlit infers for plain values (pandas' ``infer_dtype`` on them,
    missing values skipped, then Streamlit's mapping)."""
    present = [v for v in values if not _is_null(v)]
    if not present:
        return NOMINAL
    if all(isinstance(v, bool) for v in present):
        return NOMINAL
    is_int = [isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in present]
    if all(is_int):
        return QUANTITATIVE
    if all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in present):
        return QUANTITATIVE
    if any(is_int):
        return QUANTITATIVE  # pandas calls this "mixed-integer"
    times = (datetime.date, datetime.time, datetime.timedelta)
    if all(isinstance(v, times) for v in present) or all(
        type(v).__name__ in ("datetime64", "timedelta64", "Timestamp", "Timedelta") for v in present
    ):
        return TEMPORAL
    return NOMINAL


def _python_column(values: list[Any]) -> tuple[list[Cell], str, bool]:
    vtype = infer_python_type(values)
    integer = bool(values) and all(
        isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in values
    )
    return [cell(v) for v in values], vtype, integer


def _objects(values: list[Any]) -> list[Any] | None:
    """The values worth keeping raw: those a cell would turn into text (tuples, lists)."""
    return values if any(isinstance(v, tuple | list) for v in values[:1]) else None


def _pandas_column(series: Any) -> tuple[list[Cell], str, bool]:
    """Cells, type and integer-ness of a pandas Series, as Streamlit infers them."""
    from pandas.api.types import infer_dtype, is_integer_dtype

    dtype = series.dtype
    integer = bool(is_integer_dtype(dtype))
    kind = getattr(dtype, "kind", "O")
    module = type(dtype).__module__
    if module == "numpy" and kind in "iufbMm":
        cells, vtype, _ = _numpy_cells(series.to_numpy())
        return cells, vtype, integer
    if str(dtype).startswith("datetime64") and getattr(dtype, "tz", None) is not None:
        ns = series.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()
        ms = ns.astype("datetime64[ms]").astype("int64").tolist()
        missing = series.isna().tolist()
        return [None if m else v for v, m in zip(ms, missing, strict=True)], TEMPORAL, False
    typ = infer_dtype(series)
    if typ in ("floating", "mixed-integer-float", "integer", "mixed-integer", "complex"):
        vtype = QUANTITATIVE
    elif typ == "categorical" and series.cat.ordered:
        vtype = ORDINAL
    elif typ in ("datetime", "datetime64", "timedelta", "timedelta64", "date", "time", "period"):
        vtype = TEMPORAL
    else:
        vtype = NOMINAL
    return [cell(v) for v in series.tolist()], vtype, integer


def _arrow_column(array: Any) -> tuple[list[Cell], str, bool]:
    import pyarrow.types as t

    type_ = array.type
    if t.is_dictionary(type_):
        values = array.to_pylist()
        return [cell(v) for v in values], ORDINAL if type_.ordered else NOMINAL, False
    if t.is_timestamp(type_) or t.is_date(type_) or t.is_time(type_) or t.is_duration(type_):
        return [cell(v) for v in array.to_pylist()], TEMPORAL, False
    if t.is_integer(type_):
        # pandas turns integers with gaps into floats, which are not "integer".
        return array.to_pylist(), QUANTITATIVE, array.null_count == 0
    if t.is_floating(type_):
        return _float_cells(array.to_pylist()), QUANTITATIVE, False
    if t.is_boolean(type_) or t.is_string(type_) or t.is_large_string(type_):
        return array.to_pylist(), NOMINAL, False
    if t.is_decimal(type_):
        return [cell(v) for v in array.to_pylist()], NOMINAL, False
    return _python_column(array.to_pylist())


# --- tables -------------------------------------------------------------------------------------


def _column(
    name: str, cells: list[Cell], vtype: str, integer: bool, first: Any, raw: Any = None
) -> Column:
    is_date = isinstance(first, datetime.date) or type(first).__name__ in (
        "Timestamp",
        "datetime64",
    )
    kept = _objects(raw) if isinstance(raw, list) else None
    return Column(name, cells, vtype, integer, first, is_date, kept)


def _first(values: Any) -> Any:
    try:
        return values[0] if len(values) else None
    except (KeyError, IndexError, TypeError):
        return None


def _from_pandas(frame: Any) -> Table:
    columns = []
    for i, name in enumerate(frame.columns):
        series = frame.iloc[:, i]
        cells, vtype, integer = _pandas_column(series)
        raw = series.tolist() if series.dtype.kind == "O" else None
        columns.append(_column(str(name), cells, vtype, integer, _first(series.array), raw))
    import pandas as pd

    index = frame.index
    index_series = pd.Series(index, copy=False)
    cells, vtype, integer = _pandas_column(index_series)
    index_name = "" if index.name is None else str(index.name)
    positional = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
    return Table(
        columns,
        _column(index_name, cells, vtype, integer, _first(index_series.array)),
        len(frame),
        positional_index=positional,
    )


def _positional_index(nrows: int) -> Column:
    return Column("", list(range(nrows)), QUANTITATIVE, True, 0 if nrows else None)


def to_table(data: object) -> Table:
    """Any data a chart takes as a `Table`; raises Streamlit's error for what it cannot take."""
    if module_of(data) == "pandas":
        frame = to_frame(data)
        assert isinstance(frame, PandasFrame)
        table = _from_pandas(frame.frame)
        if not frame.shows_index:  # a pandas Index or array: its positions are the index
            table.index = _positional_index(table.nrows)
            table.positional_index = True
        return table
    try:
        frame = to_frame(data)
    except RilletAPIException:
        raise RilletAPIException(
            f"Unable to convert object of type `{type(data)}` to `pandas.DataFrame`. "
            "Offending object:\n```py\n" + _short_repr(data) + "\n```"
        ) from None
    columns = []
    if isinstance(frame, ArrowFrame):
        for name, chunked in zip(frame.names, frame.table.columns, strict=True):
            array = chunked.combine_chunks() if chunked.num_chunks != 1 else chunked.chunk(0)
            cells, vtype, integer = _arrow_column(array)
            first = array[0].as_py() if len(array) else None
            columns.append(_column(name, cells, vtype, integer, first))
        return Table(columns, _positional_index(frame.nrows), frame.nrows)
    assert isinstance(frame, ColumnsFrame)
    for name, values in zip(frame.names, frame.columns, strict=True):
        if module_of(values) == "numpy":
            cells, vtype, integer = _numpy_cells(values)
        else:
            cells, vtype, integer = _python_column(list(values))
        raw = values if isinstance(values, list) else None
        columns.append(_column(name, cells, vtype, integer, _first(values), raw))
    if frame.index is not None:
        index_values = list(frame.index)
        cells, vtype, integer = _python_column(index_values)
        index = _column("", cells, vtype, integer, _first(index_values))
        return Table(columns, index, frame.nrows, positional_index=False)
    return Table(columns, _positional_index(frame.nrows), frame.nrows)


def _short_repr(data: object) -> str:
    text = repr(data)
    return text if len(text) < 200 else text[:200] + "..."


def rows_of(columns: Sequence[Sequence[Cell]]) -> list[list[Cell]]:
    """Row-major rows from column-major cells."""
    if not columns:
        return []
    return [list(r) for r in zip(*columns, strict=True)]
