"""Options of the choice widgets: any collection in, a list out, and lookups by value.

The browser only ever sees an option's label (``format_func`` applied here, as text) and answers
with its index, so option objects of any type never travel and never need to be JSON. These
helpers turn what a user passes as ``options`` into that list, as Streamlit does, and find the
index of a value again. pandas, numpy, polars and pyarrow are imported by nobody here: their
objects are recognised by their module and asked for a plain list.
"""

from __future__ import annotations

import array
import math
from collections import UserList, deque
from collections.abc import Callable, ItemsView, Iterable, KeysView, Mapping, Sequence, ValuesView
from enum import Enum, EnumMeta
from typing import Any

from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

_FLOAT_EPSILON = 0.000000000005
_LIST_LIKE = (
    list,
    tuple,
    set,
    frozenset,
    range,
    deque,
    UserList,
    array.array,
    KeysView,
    ValuesView,
    ItemsView,
    map,
    enumerate,
    filter,
    zip,
)


def option_list(options: object) -> list[Any]:
    """``options`` as a list: sequences and sets as they are, a mapping's keys, an Enum's
    members (the values of string members), a pandas/polars/pyarrow frame's first column, a
    Series, Index or 1-D array's items; a lone str, number or bool is a list of one."""
    if options is None:
        return []
    if isinstance(options, str | bytes | int | float | bool):
        return [options]
    if isinstance(options, EnumMeta):
        members: list[Any] = list(options)
        return [m.value if isinstance(m, Enum) and isinstance(m, str) else m for m in members]
    if isinstance(options, Mapping):
        return list(options.keys())
    if isinstance(options, _LIST_LIKE):
        return list(options)
    module = type(options).__module__.split(".")[0]
    if module in ("pandas", "numpy", "polars", "pyarrow"):
        return _column_items(options, module)
    if isinstance(options, Iterable):
        return list(options)
    return [options]


def _column_items(data: Any, module: str) -> list[Any]:
    """The first column (or the only one) of a table-like value, as plain Python values."""
    if module == "pandas":
        if hasattr(data, "iloc") and getattr(data, "ndim", 1) == 2:
            return [] if data.shape[1] == 0 else data.iloc[:, 0].tolist()
        return list(data.tolist()) if hasattr(data, "tolist") else list(data)
    if module == "numpy":
        ndim = getattr(data, "ndim", 1)
        if ndim == 0:
            return [data.item()]
        if ndim >= 2:
            return [] if data.shape[1] == 0 else data[:, 0].tolist()
        return list(data.tolist())
    if module == "polars":
        if hasattr(data, "get_column"):  # a DataFrame
            return [] if data.width == 0 else data.to_series(0).to_list()
        return list(data.to_list())
    if hasattr(data, "column") and hasattr(data, "num_columns"):  # a pyarrow Table
        return [] if data.num_columns == 0 else data.column(0).to_pylist()
    return list(data.to_pylist()) if hasattr(data, "to_pylist") else list(data)


def check_comparable(options: Sequence[Any]) -> None:
    """Options must compare with ``==`` to a bool (numpy arrays and Series do not)."""
    if not options:
        return
    try:
        bool(options[0] == options[0])
    except ValueError:
        raise RilletAPIException(
            "Invalid option type provided. Options must be comparable, returning a "
            f"boolean when used with *==*. \n\nGot **{type(options[0]).__name__}**, "
            "which cannot be compared. Refactor your code to use elements of "
            "comparable types as options, e.g. use indices instead."
        ) from None


def labels_of(options: Sequence[Any], format_func: Callable[[Any], Any]) -> list[str]:
    """What the browser shows for each option: ``format_func``'s result, as text."""
    return [str(format_func(option)) for option in options]


def _equal(a: Any, b: Any) -> bool:
    try:
        if bool(a == b):
            return True
    except Exception:
        return False
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=0.0, abs_tol=_FLOAT_EPSILON)
    return False


def index_of(
    options: Sequence[Any],
    value: Any,
    labels: Sequence[str] | None = None,
    format_func: Callable[[Any], Any] | None = None,
) -> int:
    """The index of ``value`` among ``options``; raises ValueError when it is not one of them.

    Equality first. Then, since each run defines a script's classes anew, an Enum member (or
    any object) kept from an earlier run matches the option of the same class name and member
    name, or else the one option whose label it formats to.
    """
    for i, option in enumerate(options):
        if _equal(value, option):
            return i
    if isinstance(value, Enum):
        for i, option in enumerate(options):
            if (
                isinstance(option, Enum)
                and type(option).__qualname__ == type(value).__qualname__
                and option.name == value.name
            ):
                return i
    if labels is not None and format_func is not None and not _is_plain(value):
        try:
            label = str(format_func(value))
        except Exception:
            label = None
        if label is not None and labels.count(label) == 1:
            return labels.index(label)
    raise ValueError(f"{value} is not in iterable")


def _is_plain(value: Any) -> bool:
    """Plain values match by equality only: 1 must not pick the option "1"."""
    return value is None or isinstance(value, str | bytes | int | float | bool)


def index_from_browser(wire: Any, count: int) -> int:
    """Check an option index sent by the browser."""
    if isinstance(wire, bool) or not isinstance(wire, int):
        raise InvalidWidgetValue(f"expected an option index, got {wire!r}")
    if not 0 <= wire < count:
        raise InvalidWidgetValue(f"option index {wire} is outside 0..{count - 1}")
    return wire


def match_label(text: str, labels: Sequence[str]) -> int | None:
    """The option whose label equals ``text`` ignoring case, if any: a typed new option that
    names an existing one selects it (as Streamlit does)."""
    folded = text.casefold()
    for i, label in enumerate(labels):
        if label.casefold() == folded:
            return i
    return None


def new_option_from_browser(wire: Any) -> str:
    """Check a new option typed by the user (``accept_new_options``)."""
    if not isinstance(wire, str) or not wire.strip():
        raise InvalidWidgetValue(f"expected an option index or new option text, got {wire!r}")
    return wire
