"""Tables of data as rillet keeps them: one `Frame` over pandas, pyarrow/polars, numpy or plain
Python data, able to hand out any rows, sorted by any column, and to fingerprint its content.

A paged ``dataframe`` keeps its frame in the session and the browser asks for the rows it
shows, so a frame must answer "rows 500,000 to 500,060, sorted by column 3" without copying
the data. Each backend uses its library's own sorting and slicing; pandas, pyarrow, polars and
numpy are imported only when the data is of their type.

Cells leave here JSON-ready: numbers, booleans, strings and None (missing values, NaN, NaT);
dates and other objects become their ``str``.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import numbers
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rillet.runtime.errors import RilletAPIException

Cell = str | int | float | bool | None
Selection = slice | Sequence[int]

# Where the index is addressed among a frame's columns.
INDEX = -1

NUMBER, BOOL, TEXT, DATETIME, OTHER = "number", "bool", "text", "datetime", "other"


def module_of(data: object) -> str:
    """The top-level package a value's type comes from ("pandas", "numpy", ...)."""
    return type(data).__module__.split(".")[0]


def is_dataframe_like(data: object) -> bool:
    """True for the table types `write` hands to `dataframe`."""
    if module_of(data) not in ("pandas", "numpy", "polars", "pyarrow"):
        return False
    return hasattr(data, "__len__") or type(data).__name__ == "Styler"


def _is_null(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    return module_of(value) == "numpy" and isinstance(value, numbers.Real) and value != value


def to_cell(value: Any) -> Cell:
    """One value as JSON can carry it."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return value if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    if _is_null(value):
        return None
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item) and module_of(value) == "numpy":
        try:
            return to_cell(item())
        except (TypeError, ValueError):
            pass
    return str(value)


def to_nested_cell(value: Any, depth: int = 0) -> Any:
    """A value as JSON carries it, lists and mappings kept as such (list and JSON columns);
    JSON text stays text."""
    if depth > 20:
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): to_nested_cell(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset) or (
        module_of(value) in ("numpy", "pyarrow")
        and hasattr(value, "__len__")
        and not isinstance(value, str | bytes)
    ):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        if not isinstance(items, list):
            return to_cell(items)
        return [to_nested_cell(v, depth + 1) for v in items]
    return to_cell(value)


def _cells(values: Iterable[Any]) -> list[Cell]:
    return [to_cell(v) for v in values]


def _python_order(values: Sequence[Any], descending: bool) -> list[int]:
    """A stable order of plain values: missing ones last, mixed types grouped by type."""
    present = [i for i, v in enumerate(values) if not _is_null(v)]
    missing = [i for i, v in enumerate(values) if _is_null(v)]

    def key(i: int) -> tuple[int, Any]:
        value = values[i]
        if isinstance(value, numbers.Real):  # numpy scalars too
            return (0, value)
        if isinstance(value, datetime.datetime | datetime.date):
            return (1, str(value))
        return (2, str(value))

    try:
        present.sort(key=key, reverse=descending)
    except TypeError:
        present.sort(key=lambda i: (key(i)[0], str(values[i])), reverse=descending)
    return present + missing


class Frame:
    """A table: named columns, an index, a row count; rows by position, order by column."""

    names: list[str]
    kinds: list[str]
    index_kind: str = NUMBER
    index_name: str | None = None
    nrows: int = 0
    # Streamlit shows the index of pandas data only: other data has none worth showing.
    shows_index: bool = False

    def cells(self, column: int, rows: Selection) -> list[Cell]:
        """The cells of ``column`` (`INDEX` for the index) at ``rows``."""
        raise NotImplementedError

    def order(self, column: int, descending: bool) -> Sequence[int]:
        """Row positions sorted by ``column``, stable, missing values last."""
        raise NotImplementedError

    def raw(self, column: int, rows: Selection) -> list[Any]:
        """The values of ``column`` at ``rows`` as Python objects, unconverted (list and
        JSON columns convert them with `to_nested_cell`)."""
        raise NotImplementedError

    def fingerprint(self) -> bytes:
        """A digest of everything shown: names, types, index and cells."""
        raise NotImplementedError

    def to_pandas(self) -> Any:
        """The data as a pandas DataFrame (for tests)."""
        raise NotImplementedError

    def rows(self, rows: Selection, columns: Sequence[int]) -> list[list[Cell]]:
        """Row-major cells of ``columns`` at ``rows``."""
        cols = [self.cells(c, rows) for c in columns]
        if not cols:
            count = len(range(self.nrows)[rows]) if isinstance(rows, slice) else len(rows)
            return [[] for _ in range(count)]
        return [list(r) for r in zip(*cols, strict=True)]


def _digest(*parts: object) -> hashlib.blake2b:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(repr(part).encode())
    return h


# --- pandas ---------------------------------------------------------------------------------


def _pandas_kind(dtype: Any) -> str:
    kind = getattr(dtype, "kind", "O")
    name = str(dtype).lower()
    if name == "category":
        return TEXT
    if kind in "iuf" or name.startswith(("int", "uint", "float")):
        return NUMBER
    if kind == "b" or name == "boolean":
        return BOOL
    if kind == "M" or name.startswith("datetime"):
        return DATETIME
    if kind in "OSU" or name in ("str", "string"):
        return TEXT
    return OTHER


class PandasFrame(Frame):
    """A pandas DataFrame, kept as a shallow copy (pandas 3 copies on write) or a deep one."""

    shows_index = True

    def __init__(self, frame: Any) -> None:
        import pandas as pd

        copy_on_write = int(pd.__version__.split(".")[0]) >= 3 or bool(
            pd.options.mode.copy_on_write
        )
        # A script may change its frame after showing it; what was shown must not change.
        self.frame = frame.copy(deep=not copy_on_write)
        self.names = [str(c) for c in frame.columns]
        self.kinds = [_pandas_kind(t) for t in frame.dtypes]
        self.index_kind = _pandas_kind(frame.index.dtype)
        self.index_name = None if frame.index.name is None else str(frame.index.name)
        self.nrows = len(frame)

    def _series(self, column: int) -> Any:
        if column == INDEX:
            import pandas as pd

            return pd.Series(self.frame.index, copy=False)
        return self.frame.iloc[:, column]

    def cells(self, column: int, rows: Selection) -> list[Cell]:
        series = self._series(column)
        part = series.iloc[rows] if isinstance(rows, slice) else series.take(list(rows))
        kind = part.dtype.kind if hasattr(part.dtype, "kind") else "O"
        if kind in "iub" and type(part.dtype).__module__ == "numpy":
            return part.tolist()
        values = part.tolist()
        if kind == "f" and type(part.dtype).__module__ == "numpy":
            return [None if v != v else to_cell(v) for v in values]
        return _cells(values)

    def raw(self, column: int, rows: Selection) -> list[Any]:
        series = self._series(column)
        part = series.iloc[rows] if isinstance(rows, slice) else series.take(list(rows))
        return list(part.tolist())

    def order(self, column: int, descending: bool) -> Sequence[int]:
        series = self._series(column).reset_index(drop=True)
        try:
            ordered = series.sort_values(
                ascending=not descending, na_position="last", kind="stable"
            )
            return ordered.index.to_numpy()
        except TypeError:
            return _python_order(series.tolist(), descending)

    def fingerprint(self) -> bytes:
        frame = self.frame
        h = _digest(self.names, [str(t) for t in frame.dtypes], self.nrows, type(frame.index))
        index = frame.index
        if type(index).__name__ == "RangeIndex":
            h.update(repr((index.start, index.stop, index.step, index.name)).encode())
        else:
            _hash_pandas(h, index.to_series(index=None))
        for i in range(frame.shape[1]):
            _hash_pandas(h, frame.iloc[:, i])
        return h.digest()

    def to_pandas(self) -> Any:
        return self.frame


def _hash_pandas(h: hashlib.blake2b, series: Any) -> None:
    """Feed a column's content to ``h``: raw bytes where the layout allows, else pandas'."""
    import numpy as np
    import pandas as pd

    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iufbMm":
        h.update(np.ascontiguousarray(series.to_numpy()).tobytes())
        return
    pa = sys.modules.get("pyarrow")  # pandas' own string columns load it already
    if pa is not None:
        try:
            array = pa.array(series, from_pandas=True)
            h.update(str(array.type).encode())
            for buffer in array.buffers():
                if buffer is not None:
                    h.update(memoryview(buffer))
            return
        except Exception:  # mixed or unconvertible objects: hash them the slow way
            pass
    try:
        hashed = pd.util.hash_pandas_object(series, index=False)
    except TypeError:  # unhashable cells (lists, dicts): their text stands for them
        hashed = pd.util.hash_pandas_object(series.astype(str), index=False)
    h.update(memoryview(hashed.to_numpy()).cast("B"))


# --- pyarrow (and polars, through its Arrow export) -------------------------------------------


def _arrow_kind(type_: Any) -> str:
    import pyarrow.types as t

    if t.is_integer(type_) or t.is_floating(type_) or t.is_decimal(type_):
        return NUMBER
    if t.is_boolean(type_):
        return BOOL
    if t.is_string(type_) or t.is_large_string(type_) or t.is_dictionary(type_):
        return TEXT
    if t.is_timestamp(type_) or t.is_date(type_):
        return DATETIME
    return OTHER


class ArrowFrame(Frame):
    """A pyarrow Table (immutable, so kept as is); the index is the row position."""

    def __init__(self, table: Any) -> None:
        self.table = table
        self.names = [str(n) for n in table.column_names]
        self.kinds = [_arrow_kind(f.type) for f in table.schema]
        self.nrows = table.num_rows

    def cells(self, column: int, rows: Selection) -> list[Cell]:
        if column == INDEX:
            return list(range(self.nrows)[rows]) if isinstance(rows, slice) else list(rows)
        data = self.table.column(column)
        if isinstance(rows, slice):
            start, stop, _ = rows.indices(self.nrows)
            part = data.slice(start, max(stop - start, 0))
        else:
            import pyarrow as pa

            part = data.take(pa.array(rows, type=pa.int64()))
        return _cells(part.to_pylist())

    def raw(self, column: int, rows: Selection) -> list[Any]:
        if column == INDEX:
            return self.cells(INDEX, rows)
        data = self.table.column(column)
        if isinstance(rows, slice):
            start, stop, _ = rows.indices(self.nrows)
            return list(data.slice(start, max(stop - start, 0)).to_pylist())
        import pyarrow as pa

        return list(data.take(pa.array(rows, type=pa.int64())).to_pylist())

    def order(self, column: int, descending: bool) -> Sequence[int]:
        if column == INDEX:
            return range(self.nrows - 1, -1, -1) if descending else range(self.nrows)
        import pyarrow.compute as pc

        order = "descending" if descending else "ascending"
        try:
            indices = pc.array_sort_indices(
                self.table.column(column).combine_chunks(),
                order=order,
                null_placement="at_end",
            )
            return indices.to_numpy()
        except Exception:  # types Arrow cannot sort (structs, lists)
            return _python_order(self.table.column(column).to_pylist(), descending)

    def fingerprint(self) -> bytes:
        h = _digest(self.names, [str(f.type) for f in self.table.schema], self.nrows)
        for column in self.table.columns:
            for chunk in column.chunks:
                h.update(repr((chunk.offset, len(chunk))).encode())
                for buffer in chunk.buffers():
                    if buffer is not None:
                        h.update(memoryview(buffer))
        return h.digest()

    def to_pandas(self) -> Any:
        return self.table.to_pandas()


# --- numpy arrays and plain Python ------------------------------------------------------------


def _sequence_kind(values: Sequence[Any]) -> str:
    module = module_of(values)
    if module == "numpy":
        kind: str = values.dtype.kind  # type: ignore[attr-defined]
        return {"i": NUMBER, "u": NUMBER, "f": NUMBER, "b": BOOL, "M": DATETIME}.get(
            kind, TEXT if kind in "US" else OTHER
        )
    present = [v for v in values[:1000] if not _is_null(v)]
    if present and all(isinstance(v, bool) for v in present):
        return BOOL
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return NUMBER
    if present and all(isinstance(v, str) for v in present):
        return TEXT
    if present and all(isinstance(v, datetime.date | datetime.time) for v in present):
        return DATETIME
    return OTHER


class ColumnsFrame(Frame):
    """Columns held as Python lists or 1-D numpy arrays; the index is given or positional."""

    def __init__(
        self,
        names: list[str],
        columns: list[Any],
        index: Sequence[Any] | None = None,
        shows_index: bool = False,
    ) -> None:
        self.names = names
        self.columns = columns
        self.nrows = len(columns[0]) if columns else (len(index) if index is not None else 0)
        self.index = index
        self.kinds = [_sequence_kind(c) for c in columns]
        self.index_kind = NUMBER if index is None else _sequence_kind(index)
        self.shows_index = shows_index

    def _values(self, column: int) -> Any:
        if column == INDEX:
            return range(self.nrows) if self.index is None else self.index
        return self.columns[column]

    def cells(self, column: int, rows: Selection) -> list[Cell]:
        values = self._values(column)
        if isinstance(values, range):
            return list(values[rows]) if isinstance(rows, slice) else [values[i] for i in rows]
        if module_of(values) == "numpy":
            part = values[rows] if isinstance(rows, slice) else values[list(rows)]
            if part.dtype.kind in "iub":
                return part.tolist()
            return _cells(part.tolist())
        if isinstance(rows, slice):
            return _cells(values[rows])
        return _cells(values[i] for i in rows)

    def raw(self, column: int, rows: Selection) -> list[Any]:
        values = self._values(column)
        if isinstance(rows, slice):
            return list(values[rows])
        return [values[i] for i in rows]

    def order(self, column: int, descending: bool) -> Sequence[int]:
        values = self._values(column)
        if isinstance(values, range):
            return range(self.nrows - 1, -1, -1) if descending else range(self.nrows)
        if module_of(values) == "numpy" and values.dtype.kind in "iufbM":
            return _numpy_order(values, descending)
        return _python_order(values, descending)

    def fingerprint(self) -> bytes:
        h = _digest(self.names, self.kinds, self.nrows, self.shows_index)
        import msgspec

        for column in [*self.columns, self._values(INDEX)]:
            if module_of(column) == "numpy" and column.dtype.kind != "O":
                h.update(str(column.dtype).encode())
                h.update(memoryview(column.tobytes()))
            elif isinstance(column, range):
                h.update(repr(column).encode())
            else:
                h.update(msgspec.json.encode(self.cells_of(column)))
        return h.digest()

    @staticmethod
    def cells_of(values: Sequence[Any]) -> list[Cell]:
        """Every value of a column as cells (types included, so 1 and "1" differ)."""
        return [
            v
            if isinstance(v, bool | int | float | str) or v is None
            else f"{type(v).__name__}:{to_cell(v)}"
            for v in values
        ]

    def to_pandas(self) -> Any:
        import pandas as pd

        data = {name: list(col) for name, col in zip(self.names, self.columns, strict=True)}
        index = None if self.index is None else list(self.index)
        return pd.DataFrame(data, index=index)


def _numpy_order(values: Any, descending: bool) -> Any:
    import numpy as np

    if not descending:
        return np.argsort(values, kind="stable")  # NaN and NaT sort last
    n = len(values)
    # Stable descending: sort the reversed array ascending, then map and reverse back.
    order = (n - 1 - np.argsort(values[::-1], kind="stable"))[::-1]
    if values.dtype.kind in "fM":
        missing = np.isnan(values[order]) if values.dtype.kind == "f" else np.isnat(values[order])
        order = np.concatenate([order[~missing], order[missing]])
    return order


# --- conversion ---------------------------------------------------------------------------------


def _unsupported(data: object) -> RilletAPIException:
    return RilletAPIException(f"Unable to convert object of type {type(data).__name__} to a table.")


def _from_numpy(data: Any) -> Frame:
    import numpy as np

    array = np.array(data, copy=True)
    if array.ndim == 0:
        array = array.reshape(1)
    if array.ndim == 1:
        if array.dtype.names:  # a structured array: one column per field
            names = list(array.dtype.names)
            return ColumnsFrame(names, [array[n] for n in names])
        return ColumnsFrame(["0"], [array])
    if array.ndim == 2:
        return ColumnsFrame([str(i) for i in range(array.shape[1])], list(array.T))
    raise _unsupported(data)


def _numpy_copy(values: Any) -> Any:
    import numpy as np

    return np.array(values, copy=True)


def _from_mapping(data: Mapping[Any, Any]) -> Frame:
    values = list(data.values())

    def is_column(v: object) -> bool:
        if module_of(v) == "numpy":
            return getattr(v, "ndim", 0) == 1
        return isinstance(v, Iterable) and not isinstance(v, str | bytes | Mapping)

    if values and not any(is_column(v) for v in values):
        # A key-value mapping: one row per key, as Streamlit shows it.
        return ColumnsFrame(["value"], [values], index=[str(k) for k in data], shows_index=True)
    columns = [
        (_numpy_copy(v) if module_of(v) == "numpy" else list(v)) if is_column(v) else None
        for v in values
    ]
    height = max((len(c) for c in columns if c is not None), default=0)
    filled = [
        c
        if c is not None and len(c) == height
        else (list(c) + [None] * (height - len(c)))
        if c is not None
        else [v] * height
        for c, v in zip(columns, values, strict=True)
    ]
    return ColumnsFrame([str(k) for k in data], filled)


def _from_rows(items: list[Any]) -> Frame:
    if items and all(isinstance(r, Mapping) for r in items):
        names = list(dict.fromkeys(str(k) for r in items for k in r))
        keyed = [{str(k): v for k, v in r.items()} for r in items]
        return ColumnsFrame(names, [[r.get(n) for r in keyed] for n in names])
    rows = [
        list(r) if isinstance(r, Sequence) and not isinstance(r, str | bytes) else [r]
        for r in items
    ]
    width = max((len(r) for r in rows), default=0)
    columns = [[r[i] if i < len(r) else None for r in rows] for i in range(width)]
    return ColumnsFrame([str(i) for i in range(width)], columns)


def to_frame(data: object) -> Frame:
    """Any supported table-like value as a `Frame`; raises Streamlit's error otherwise."""
    if data is None:
        return ColumnsFrame([], [])
    module = module_of(data)
    if module == "pandas":
        import pandas as pd

        if type(data).__name__ == "Styler":
            data = data.data  # type: ignore[attr-defined]
        if isinstance(data, pd.DataFrame):
            return PandasFrame(data)
        if isinstance(data, pd.Series):
            return PandasFrame(data.to_frame(name=data.name if data.name is not None else "value"))
        if isinstance(data, pd.Index):
            frame = PandasFrame(data.to_frame(index=False))
            frame.shows_index = False
            return frame
        frame = PandasFrame(pd.DataFrame({"value": pd.Series(data)}))
        frame.shows_index = False
        return frame
    if module == "pyarrow":
        import pyarrow as pa

        if isinstance(data, pa.RecordBatch):
            data = pa.Table.from_batches([data])
        elif isinstance(data, pa.Array | pa.ChunkedArray):
            data = pa.table({"0": data})
        if isinstance(data, pa.Table):
            return ArrowFrame(data)
        raise _unsupported(data)
    if module == "polars":
        return _from_polars(data)
    if module == "numpy":
        return _from_numpy(data)
    if isinstance(data, Mapping):
        return _from_mapping(data)
    if isinstance(data, str | bytes):
        raise _unsupported(data)
    for method in ("to_pandas", "to_arrow"):
        convert = getattr(data, method, None)
        if callable(convert):
            return to_frame(convert())
    if callable(getattr(data, "__dataframe__", None)):
        # The dataframe interchange protocol (Vaex, Modin, cuDF, ...): pandas reads it.
        import pandas as pd

        return PandasFrame(pd.api.interchange.from_dataframe(data))
    if isinstance(data, Iterable):
        return _from_rows(list(data))
    raise _unsupported(data)


def _from_polars(data: Any) -> Frame:
    import polars as pl

    if isinstance(data, pl.LazyFrame):
        data = data.collect()
    if isinstance(data, pl.Series):
        data = data.to_frame()
    if not isinstance(data, pl.DataFrame):
        raise _unsupported(data)
    try:
        return ArrowFrame(data.to_arrow())
    except ModuleNotFoundError:  # polars without pyarrow: plain columns
        columns = data.to_dict(as_series=False)
        return ColumnsFrame([str(k) for k in columns], list(columns.values()))
