"""``streamlit.dataframe_util``: the conversions apps call (to pandas, to and from Arrow IPC
bytes, to a list of options) and the type names they annotate data with.

pandas and pyarrow are imported when a function needs them (``pip install rillet[data]``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeAlias

from rillet.elements.frames import is_dataframe_like as _is_dataframe_like

# What the data commands accept, and what option widgets accept: any of many types.
Data: TypeAlias = Any
OptionSequence: TypeAlias = Iterable[Any]


def is_dataframe_like(obj: object) -> bool:
    """True for the table types the data commands take (pandas, polars, pyarrow, numpy...)."""
    return _is_dataframe_like(obj)


def convert_anything_to_pandas_df(
    data: Any, max_unevaluated_rows: int = 10_000, ensure_copy: bool = False
) -> Any:
    """A pandas DataFrame holding ``data`` (a frame, series, Arrow table, polars frame, numpy
    array, dict, list, or anything with ``to_pandas``).

    Parameters:
        data: The data to convert.
        max_unevaluated_rows: Rows taken from lazy data (a polars LazyFrame).
        ensure_copy: Copy a pandas DataFrame instead of returning it as is.
    """
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return data.copy() if ensure_copy else data
    if isinstance(data, pd.Series | pd.Index):
        return data.to_frame() if isinstance(data, pd.Series) else pd.DataFrame(data)
    styler = getattr(data, "data", None)
    if type(data).__name__ == "Styler" and isinstance(styler, pd.DataFrame):
        return styler.copy() if ensure_copy else styler
    if type(data).__name__ == "LazyFrame" and hasattr(data, "head"):
        data = data.head(max_unevaluated_rows).collect()
    if hasattr(data, "to_pandas"):
        return data.to_pandas()
    if hasattr(data, "__dataframe__"):
        return pd.api.interchange.from_dataframe(data)
    if isinstance(data, set | frozenset):
        data = list(data)
    return pd.DataFrame(data)


def convert_arrow_table_to_arrow_bytes(table: Any) -> bytes:
    """An Arrow table as Arrow IPC stream bytes."""
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    with pa.RecordBatchStreamWriter(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue())


def convert_pandas_df_to_arrow_bytes(df: Any, *, downcast_large_types: bool = False) -> bytes:
    """A pandas DataFrame as Arrow IPC stream bytes.

    Parameters:
        df: The frame.
        downcast_large_types: Accepted for Streamlit's signature; rillet writes the types
            pyarrow picks.
    """
    import pyarrow as pa

    return convert_arrow_table_to_arrow_bytes(pa.Table.from_pandas(df))


def convert_arrow_bytes_to_pandas_df(source: bytes) -> Any:
    """A pandas DataFrame from Arrow IPC stream bytes."""
    import pyarrow as pa

    return pa.RecordBatchStreamReader(source).read_pandas()


def convert_anything_to_arrow_bytes(data: Any, max_unevaluated_rows: int = 10_000) -> bytes:
    """Any data the data commands take, as Arrow IPC stream bytes."""
    import pyarrow as pa

    if isinstance(data, pa.Table):
        return convert_arrow_table_to_arrow_bytes(data)
    df = convert_anything_to_pandas_df(data, max_unevaluated_rows)
    return convert_pandas_df_to_arrow_bytes(df)


def convert_anything_to_list(obj: Any) -> list[Any]:
    """The options an option widget shows for ``obj``: a list's items, a frame's first
    column, a dict's keys, a scalar as a one-item list."""
    if obj is None:
        return []
    if isinstance(obj, str | bytes | int | float | bool):
        return [obj]
    if is_dataframe_like(obj) and not isinstance(obj, list | tuple):
        df = convert_anything_to_pandas_df(obj)
        return [] if df.shape[1] == 0 else df.iloc[:, 0].to_list()
    return list(obj)


__all__ = [
    "Data",
    "OptionSequence",
    "convert_anything_to_arrow_bytes",
    "convert_anything_to_list",
    "convert_anything_to_pandas_df",
    "convert_arrow_bytes_to_pandas_df",
    "convert_arrow_table_to_arrow_bytes",
    "convert_pandas_df_to_arrow_bytes",
    "is_dataframe_like",
]
