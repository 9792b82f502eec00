"""Cache keys: a function's identity and its arguments, hashed by value.

Every value is written into a BLAKE2b hash as a canonical, type-tagged byte stream, so two
arguments get the same key only when they are equal values of the same type (``1``, ``1.0``
and ``True`` are three keys). Sets and frozensets are ordered by the digests of their items,
so their keys do not depend on hash randomization and stay the same across processes — which
disk and Redis storage need. Dicts keep their insertion order: a function may depend on it.

numpy, pandas, polars and pyarrow are imported only when a value is of one of their types.
Objects of other types are hashed by their pickle; a value that neither rule covers raises
`UnhashableTypeError`, which the caller turns into Streamlit's UnhashableParamError.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import fractions
import functools
import hashlib
import inspect
import io
import pathlib
import pickle
import re
import struct
import types
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rillet.caching.errors import (
    UnhashableParamError,
    UnhashableTypeError,
    UserHashError,
    type_name,
)

# Types (or their fully qualified names, "datetime.datetime") mapped to a function whose
# result is hashed in place of the value.
HashFuncs = Mapping[type | str, Callable[[Any], Any]]

DIGEST_SIZE = 32  # 256 bits: collisions are out of reach, not merely unlikely
_NONE: dict[Any, Any] = {}  # no hash_funcs (shared, never written)
_pack_len = struct.Struct("<Q").pack
_pack_float = struct.Struct("<d").pack


def hash_value(value: object, hash_funcs: HashFuncs | None = None) -> str:
    """The hex digest of one value, as it enters a cache key."""
    hasher = Hasher(hash_funcs)
    hasher.update(value)
    return hasher.hexdigest()


def function_key(kind: str, func: Callable[..., Any]) -> str:
    """A cached function's identity: module, qualified name and source.

    Editing the function's body changes its source, so its old entries are never returned
    again (they age out of memory, or out of disk and Redis by their own limits).
    """
    hasher = Hasher()
    hasher.update(("rillet.caching", 1, kind))
    hasher.update(_function_identity(func))
    return hasher.hexdigest()


class ArgumentNames:
    """Names a cached function's parameters, so arguments hash the same however passed.

    ``f(1, 2)``, ``f(1, b=2)`` and ``f(b=2, a=1)`` bind to the same names in the same
    order. Defaults that were not passed are not hashed: they are part of the source.
    """

    def __init__(self, func: Callable[..., Any]) -> None:
        try:
            self.signature: inspect.Signature | None = inspect.signature(func)
        except (TypeError, ValueError):  # some builtins have none
            self.signature = None
        params = list(self.signature.parameters.values()) if self.signature else []
        positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        self.positional = [p.name for p in params if p.kind in positional]
        self.var_keyword = next(
            (p.name for p in params if p.kind is inspect.Parameter.VAR_KEYWORD), None
        )

    def pairs(
        self, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> list[tuple[str | None, Any]] | None:
        """(name, value) for every argument given, or None when they do not fit the function
        (the call itself will raise Python's TypeError)."""
        if not kwargs and len(args) <= len(self.positional):
            return list(zip(self.positional, args, strict=False))
        if self.signature is None:
            return [(None, a) for a in args] + list(kwargs.items())
        try:
            bound = self.signature.bind(*args, **kwargs)
        except TypeError:
            return None
        pairs: list[tuple[str | None, Any]] = []
        for name, value in bound.arguments.items():
            if name == self.var_keyword:
                pairs.extend(value.items())
            else:
                pairs.append((name, value))
        return pairs


def value_key(
    kind: str,
    func: Callable[..., Any],
    pairs: Iterable[tuple[str | None, Any]],
    hash_funcs: HashFuncs | None = None,
) -> str:
    """The key of one call's result: every argument whose name does not start with ``_``.

    Raises UnhashableParamError naming the parameter and the function.
    """
    hasher = Hasher(hash_funcs)
    for name, value in pairs:
        if name is not None and name.startswith("_"):
            continue
        hasher.write_name(name)
        try:
            hasher.update(value)
        except UnhashableTypeError:
            raise UnhashableParamError(kind, func, name, value) from None
    return hasher.hexdigest()


class Hasher:
    """Feeds values into one BLAKE2b hash, each as a tag byte and its canonical bytes."""

    __slots__ = ("_by_name", "_by_type", "_h", "_stack", "_write")

    def __init__(self, hash_funcs: HashFuncs | None = None) -> None:
        self._h = hashlib.blake2b(digest_size=DIGEST_SIZE)
        self._write = self._h.update
        self._by_type: dict[type, Callable[[Any], Any]] = _NONE
        self._by_name: dict[str, Callable[[Any], Any]] = _NONE
        if hash_funcs:
            self._by_type, self._by_name = {}, {}
            for key, func in hash_funcs.items():
                if isinstance(key, str):
                    self._by_name[key] = func
                else:
                    self._by_type[key] = func
        # Containers being hashed (id -> depth), so a cycle is written as a back-reference.
        self._stack: dict[int, int] = {}

    def hexdigest(self) -> str:
        return self._h.hexdigest()

    def digest(self) -> bytes:
        return self._h.digest()

    def write_name(self, name: str | None) -> None:
        self._blob(b"n", b"" if name is None else name.encode("utf-8", "surrogatepass"))

    def _blob(self, tag: bytes, data: bytes | bytearray | memoryview) -> None:
        if len(data) < 4096 and not isinstance(data, memoryview):
            self._write(tag + _pack_len(len(data)) + data)  # one call: most values are small
        else:
            self._write(tag + _pack_len(len(data)))
            self._write(data)

    def _text(self, tag: bytes, text: str) -> None:
        self._blob(tag, text.encode("utf-8", "surrogatepass"))

    def _sub_digest(self, value: object) -> bytes:
        """The digest of ``value`` alone (for items whose order must not matter)."""
        sub = Hasher()
        sub._by_type, sub._by_name = self._by_type, self._by_name
        sub._stack = self._stack
        sub.update(value)
        return sub.digest()

    # --- the dispatch ----------------------------------------------------------------------

    def update(self, obj: object) -> None:
        """Add ``obj`` to the hash; raises UnhashableTypeError when it cannot be hashed."""
        cls = type(obj)
        if self._by_type or self._by_name:
            custom = self._by_type.get(cls)
            if custom is None and self._by_name:
                custom = self._by_name.get(f"{cls.__module__}.{cls.__qualname__}")
            if custom is not None:
                self._custom(custom, obj)
                return
        simple = _SIMPLE.get(cls)
        if simple is not None:
            simple(self, obj)
            return
        key = id(obj)
        if key in self._stack:
            self._write(b"@" + _pack_len(len(self._stack) - self._stack[key]))
            return
        self._stack[key] = len(self._stack)
        try:
            self._update_compound(cls, obj)
        except RecursionError:
            raise UnhashableTypeError(f"{type_name(obj)} is nested too deeply") from None
        finally:
            del self._stack[key]

    def _custom(self, func: Callable[[Any], Any], obj: object) -> None:
        try:
            out = func(obj)
        except Exception as exc:
            raise UserHashError(func, obj, exc) from exc
        self._text(b"h", type_name(obj))
        if type(out) is type(obj):
            # The function returned the same type: hash it without the function again.
            by_type, by_name = self._by_type, self._by_name
            self._by_type, self._by_name = {}, {}
            try:
                self.update(out)
            finally:
                self._by_type, self._by_name = by_type, by_name
        else:
            self.update(out)

    def _update_compound(self, cls: type, obj: Any) -> None:
        if cls is tuple or cls is list:
            self._write((b"(" if cls is tuple else b"[") + _pack_len(len(obj)))
            for item in obj:
                self.update(item)
        elif cls is dict:
            self._items(b"{", obj)
        elif cls is set or cls is frozenset:
            self._unordered(b"<" if cls is set else b">", obj)
        elif isinstance(obj, enum.Enum):
            self._text(b"E", type_name(obj))
            self._text(b"e", obj.name)
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            self._text(b"D", type_name(obj))
            for f in dataclasses.fields(obj):
                self.write_name(f.name)
                self.update(getattr(obj, f.name))
        elif isinstance(obj, tuple | list | dict | set | frozenset):
            # Subclasses (namedtuples, OrderedDict, defaultdict ...): their type, then items.
            self._text(b"S", type_name(obj))
            if isinstance(obj, dict):
                self._items(b"{", obj)
            elif isinstance(obj, set | frozenset):
                self._unordered(b"<", obj)
            else:
                self._write(b"(" + _pack_len(len(obj)))
                for item in obj:
                    self.update(item)
        else:
            module = cls.__module__.partition(".")[0]
            handler = _LIBRARIES.get(module)
            if handler is None or not handler(self, obj):
                self._other(obj)

    def _items(self, tag: bytes, mapping: Mapping[Any, Any]) -> None:
        self._write(tag + _pack_len(len(mapping)))
        for k, v in mapping.items():
            self.update(k)
            self.update(v)

    def _unordered(self, tag: bytes, items: Iterable[Any]) -> None:
        digests = sorted(self._sub_digest(item) for item in items)
        self._write(tag + _pack_len(len(digests)))
        for d in digests:
            self._write(d)

    def _other(self, obj: Any) -> None:
        """Standard-library types by value, functions by identity, the rest by pickle."""
        if isinstance(obj, datetime.date | datetime.time):
            self._text(b"t", type_name(obj))
            self._text(b"v", obj.isoformat())
        elif isinstance(obj, datetime.timedelta):
            self._text(b"t", type_name(obj))
            self._write(struct.pack("<qqq", obj.days, obj.seconds, obj.microseconds))
        elif isinstance(obj, decimal.Decimal | fractions.Fraction | pathlib.PurePath | uuid.UUID):
            self._text(b"r", type_name(obj))
            self._text(b"v", str(obj))
        elif isinstance(obj, range | slice):
            self._text(b"r", type_name(obj))
            self.update((obj.start, obj.stop, obj.step))
        elif isinstance(obj, re.Pattern):
            self._text(b"R", type_name(obj))
            self.update((obj.pattern, obj.flags))
        elif isinstance(obj, io.BytesIO | io.StringIO):
            self._text(b"I", type_name(obj))
            self.update(obj.getvalue())
        elif isinstance(obj, functools.partial):
            self._text(b"p", type_name(obj))
            self.update((obj.func, obj.args, obj.keywords))
        elif isinstance(obj, types.FunctionType | types.BuiltinFunctionType):
            self._text(b"F", "function")
            self.update(_function_identity(obj))
        elif isinstance(obj, types.MethodType):
            self._text(b"M", "method")
            self.update((obj.__func__, obj.__self__))
        elif isinstance(obj, type):
            self._text(b"C", f"{obj.__module__}.{obj.__qualname__}")
        elif isinstance(obj, types.ModuleType):
            self._text(b"m", obj.__name__)
        else:
            self._pickled(obj)

    def _pickled(self, obj: object) -> None:
        try:
            data = pickle.dumps(obj, protocol=5)
        except Exception as exc:
            raise UnhashableTypeError(f"cannot pickle {type_name(obj)}: {exc}") from None
        self._text(b"P", type_name(obj))
        self._blob(b"v", data)


def _write_str(h: Hasher, obj: str) -> None:
    h._text(b"s", obj)


def _write_bytes(h: Hasher, obj: bytes | bytearray | memoryview) -> None:
    h._blob(b"b" if type(obj) is bytes else b"B", bytes(obj) if type(obj) is memoryview else obj)


def _write_int(h: Hasher, obj: int) -> None:
    h._text(b"i", str(obj))


def _write_float(h: Hasher, obj: float) -> None:
    h._write(b"f" + _pack_float(obj))


def _write_complex(h: Hasher, obj: complex) -> None:
    h._write(b"c" + _pack_float(obj.real) + _pack_float(obj.imag))


_SIMPLE: dict[type, Callable[[Hasher, Any], None]] = {
    str: _write_str,
    bytes: _write_bytes,
    bytearray: _write_bytes,
    memoryview: _write_bytes,
    int: _write_int,
    float: _write_float,
    complex: _write_complex,
    bool: lambda h, obj: h._write(b"T" if obj else b"F"),
    type(None): lambda h, obj: h._write(b"N"),
    type(Ellipsis): lambda h, obj: h._write(b"."),
}


@functools.lru_cache(maxsize=512)
def _source(code: types.CodeType) -> str | bytes:
    try:
        return inspect.getsource(code)
    except (OSError, TypeError):
        # No source (a REPL, a frozen app): the compiled code stands in for it.
        return code.co_code + repr(code.co_consts).encode()


def _function_identity(func: Callable[..., Any]) -> tuple[str, str, str | bytes]:
    target = inspect.unwrap(func)
    module = getattr(target, "__module__", None) or ""
    qualname = getattr(target, "__qualname__", None) or type(target).__qualname__
    code = getattr(target, "__code__", None)
    return (module, qualname, _source(code) if isinstance(code, types.CodeType) else b"")


# --- libraries: imported only when a value is of their type ------------------------------
# Each returns False when it does not handle the value (it is then pickled).


def _numpy(h: Hasher, obj: Any) -> bool:
    import numpy as np

    if isinstance(obj, np.ndarray):
        _write_array(h, obj)
        return True
    if isinstance(obj, np.generic):
        h._text(b"a", obj.dtype.str)
        h._blob(b"v", obj.tobytes())
        return True
    return False


def _write_array(h: Hasher, arr: Any) -> None:

    dtype = arr.dtype
    h._text(b"A", dtype.str + (repr(dtype.descr) if dtype.fields else ""))
    h.update(tuple(arr.shape))
    if dtype.hasobject:
        for item in arr.ravel(order="C").tolist():
            h.update(item)
    else:
        h._blob(b"v", _raw(arr))


def _raw(arr: Any) -> memoryview:
    """An array's bytes, C order, without copying when it is contiguous already (a byte view
    also works for dtypes the buffer protocol refuses, such as datetime64)."""
    import numpy as np

    data: memoryview = np.ascontiguousarray(arr).reshape(-1).view(np.uint8).data
    return data


def _pandas(h: Hasher, obj: Any) -> bool:
    import pandas as pd

    if isinstance(obj, pd.DataFrame):
        h._text(b"d", "pandas.DataFrame")
        h.update(tuple(obj.shape))
        _write_index(h, obj.columns)
        _write_index(h, obj.index)
        for i in range(obj.shape[1]):
            _write_values(h, obj.iloc[:, i])
        return True
    if isinstance(obj, pd.Series):
        h._text(b"d", "pandas.Series")
        h.update(obj.name)
        _write_index(h, obj.index)
        _write_values(h, obj)
        return True
    if isinstance(obj, pd.Index):
        _write_index(h, obj)
        return True
    return False


def _write_index(h: Hasher, index: Any) -> None:
    import pandas as pd

    h._text(b"x", type(index).__qualname__)
    h.update(list(index.names))
    if isinstance(index, pd.RangeIndex):
        h.update((index.start, index.stop, index.step))
    else:
        _write_values(h, index)


def _write_values(h: Hasher, values: Any) -> None:
    """A pandas Series' or Index's values: numeric data as its bytes, the rest through
    pandas' own per-value hash (64-bit per value), or value by value as a last resort."""
    import numpy as np
    import pandas as pd

    dtype = values.dtype
    h._text(b"y", str(dtype))
    h.update(len(values))
    if isinstance(dtype, np.dtype) and dtype.kind in "biufcmM":
        h._blob(b"v", _raw(values.to_numpy()))
        return
    try:
        hashed = pd.util.hash_pandas_object(values, index=False, categorize=True)
    except TypeError:  # unhashable cells (lists, dicts ...)
        h.update(values.tolist())
        return
    h._blob(b"v", _raw(hashed.to_numpy()))


def _polars(h: Hasher, obj: Any) -> bool:
    import polars as pl

    if isinstance(obj, pl.Series):
        h._text(b"d", "polars.Series")
        obj = obj.to_frame()
    elif isinstance(obj, pl.DataFrame):
        h._text(b"d", "polars.DataFrame")
    else:
        return False
    buffer = io.BytesIO()
    obj.rechunk().write_ipc(buffer, compression="uncompressed")
    h._blob(b"v", buffer.getbuffer())
    return True


def _pyarrow(h: Hasher, obj: Any) -> bool:
    import pyarrow as pa

    if isinstance(obj, pa.Array | pa.ChunkedArray):
        h._text(b"d", type_name(obj))
        obj = pa.table({"_": obj})
    elif isinstance(obj, pa.Table | pa.RecordBatch):
        h._text(b"d", type_name(obj))
    else:
        return False
    if isinstance(obj, pa.Table):
        obj = obj.combine_chunks()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, obj.schema) as writer:
        writer.write(obj)
    h._blob(b"v", memoryview(sink.getvalue()))
    return True


_LIBRARIES: dict[str, Callable[[Hasher, Any], bool]] = {
    "numpy": _numpy,
    "pandas": _pandas,
    "polars": _polars,
    "pyarrow": _pyarrow,
}
