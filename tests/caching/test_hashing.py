"""Cache keys: equal values hash alike, anything different does not, across processes too."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import re
import subprocess
import sys
import threading
import uuid
from collections import OrderedDict
from decimal import Decimal
from pathlib import Path

import pytest

from rillet.caching.errors import UnhashableParamError, UnhashableTypeError, UserHashError
from rillet.caching.hashing import ArgumentNames, function_key, hash_value, value_key


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Color(enum.Enum):
    RED = 1
    BLUE = 2


class Plain:
    def __init__(self, value: object) -> None:
        self.value = value


def h(value: object, **kw: object) -> str:
    return hash_value(value, **kw)  # type: ignore[arg-type]


def test_equal_values_hash_alike() -> None:
    for make in (
        lambda: 1,
        lambda: "text",
        lambda: b"bytes",
        lambda: 2.5,
        lambda: None,
        lambda: [1, [2, 3], {"a": (4, 5)}],
        lambda: {1, 2, 3},
        lambda: frozenset({"a", "b"}),
        lambda: Point(1, 2),
        lambda: Color.RED,
        lambda: datetime.datetime(2024, 1, 2, 3, 4, 5),
        lambda: datetime.timedelta(days=1, seconds=3),
        lambda: Decimal("1.10"),
        lambda: uuid.UUID(int=7),
        lambda: Path("/tmp/x"),
        lambda: re.compile("a+", re.I),
        lambda: Plain([1, 2]),
        lambda: range(3, 9, 2),
    ):
        assert h(make()) == h(make())


def test_types_are_part_of_the_key() -> None:
    keys = {h(v) for v in (1, 1.0, True, "1", b"1", (1,), [1], {1}, frozenset({1}), Decimal(1))}
    assert len(keys) == 10


def test_different_values_hash_differently() -> None:
    pairs = [
        (1, 2),
        ("a", "b"),
        ([1, 2], [2, 1]),
        ({"a": 1}, {"a": 2}),
        (Point(1, 2), Point(2, 1)),
        (Color.RED, Color.BLUE),
        (datetime.date(2024, 1, 1), datetime.date(2024, 1, 2)),
        (0.0, -0.0),
        (("ab", "c"), ("a", "bc")),  # length prefixes keep boundaries apart
        (Plain(1), Plain(2)),
    ]
    for a, b in pairs:
        assert h(a) != h(b), (a, b)


def test_sets_do_not_depend_on_order_but_lists_and_dicts_do() -> None:
    assert h({"x", "y", "z"}) == h({"z", "y", "x"})
    assert h([1, 2]) != h([2, 1])
    assert h({"a": 1, "b": 2}) != h({"b": 2, "a": 1})  # a function may depend on the order
    assert h(OrderedDict(a=1)) != h({"a": 1})


def test_set_keys_are_stable_across_processes() -> None:
    """Hash randomization changes a set's iteration order per process; its key must not change
    (disk and Redis entries are found by key from another process)."""
    code = (
        "from rillet.caching.hashing import hash_value;"
        "print(hash_value({'alpha', 'beta', 'gamma', 'delta', ('t', 1)}))"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1


def test_container_subclasses_hash_by_type_and_items() -> None:
    from collections import namedtuple

    Pair = namedtuple("Pair", "a b")
    lock = threading.Lock()
    funcs = {type(lock): lambda _: "lock"}
    # Items are hashed one by one (a namedtuple holding a lock is not pickled whole).
    assert h(Pair(1, lock), hash_funcs=funcs) == h(Pair(1, threading.Lock()), hash_funcs=funcs)
    assert h(Pair(1, 2)) != h((1, 2))
    assert h(Pair(1, 2)) != h(Pair(2, 1))


def test_cycles_are_hashed_without_recursing_forever() -> None:
    a: list[object] = [1]
    a.append(a)
    b: list[object] = [1]
    b.append(b)
    assert h(a) == h(b)
    assert h(a) != h([1, [1]])


def test_functions_hash_by_module_qualname_and_source() -> None:
    def f() -> int:
        return 1

    def g() -> int:
        return 1

    assert h(f) == h(f)
    assert h(f) != h(g)  # another qualname
    assert h(len) == h(len)
    assert h(functools.partial(f)) != h(functools.partial(g))


def test_function_key_changes_with_the_source(tmp_path: Path) -> None:
    keys = []
    for body in ("return 1", "return 2"):
        script = tmp_path / f"mod_{len(keys)}.py"
        script.write_text(f"def load():\n    {body}\n")
        namespace: dict[str, object] = {}
        exec(compile(script.read_text(), str(script), "exec"), namespace)
        load = namespace["load"]
        keys.append(function_key("data", load))  # type: ignore[arg-type]
    assert keys[0] != keys[1]


def test_numpy_arrays_hash_by_dtype_shape_and_content() -> None:
    np = pytest.importorskip("numpy")
    a = np.arange(12, dtype="int64")
    assert h(a) == h(a.copy())
    assert h(a) != h(a.astype("int32"))
    assert h(a) != h(a.reshape(3, 4))
    b = a.copy()
    b[7] = -1
    assert h(a) != h(b)
    assert h(a.reshape(3, 4).T) == h(np.ascontiguousarray(a.reshape(3, 4).T))
    assert h(np.float64(1.5)) != h(1.5)
    assert h(np.array(["a", None], dtype=object)) == h(np.array(["a", None], dtype=object))


def test_pandas_frames_hash_by_every_value() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"a": range(100_000), "b": ["x"] * 100_000})
    other = df.copy()
    other.loc[99_999, "a"] = -1  # a change far past any sample
    assert h(df) == h(df.copy())
    assert h(df) != h(other)
    strings = df.copy()
    strings.loc[54_321, "b"] = "y"
    assert h(df) != h(strings)
    assert h(df) != h(df.rename(columns={"a": "c"}))
    assert h(df) != h(df.set_index("b"))
    assert h(df["a"]) == h(df["a"].copy())
    assert h(df["a"]) != h(df["a"].rename("z"))
    assert h(pd.Series([[1], [2]])) != h(pd.Series([[1], [3]]))  # unhashable cells
    assert h(pd.Timestamp("2024-01-01")) != h(pd.Timestamp("2024-01-02"))


def test_polars_and_pyarrow_frames_hash_by_content() -> None:
    pl = pytest.importorskip("polars")
    df = pl.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    assert h(df) == h(df.clone())
    assert h(df) != h(df.with_columns(pl.col("a") * 2))
    assert h(df["a"]) != h(df["b"])
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"a": [1, 2, 3]})
    assert h(table) == h(pa.table({"a": [1, 2, 3]}))
    assert h(table) != h(pa.table({"a": [1, 2, 4]}))
    assert h(pa.array([1, 2])) != h(pa.array([1, 3]))


def test_libraries_are_imported_only_for_their_values() -> None:
    code = (
        "import sys\n"
        "from rillet.caching.hashing import hash_value\n"
        "hash_value([1, 'a', {'b': 2.0}, {3}])\n"
        "print([m for m in ('numpy', 'pandas', 'polars', 'pyarrow') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_unpicklable_objects_are_unhashable() -> None:
    with pytest.raises(UnhashableTypeError):
        h(threading.Lock())
    with pytest.raises(UnhashableTypeError):
        h(Plain(threading.Lock()))


def test_hash_funcs_by_type_and_by_qualified_name() -> None:
    lock = threading.Lock()
    by_type = {type(lock): lambda _: "one lock"}
    assert h(lock, hash_funcs=by_type) == h(threading.Lock(), hash_funcs=by_type)
    by_name = {"tests.caching.test_hashing.Plain": lambda p: p.value}
    holding_a_lock = Plain(1)
    holding_a_lock.lock = threading.Lock()  # type: ignore[attr-defined]
    assert h(Plain(1), hash_funcs=by_name) == h(holding_a_lock, hash_funcs=by_name)
    assert h(Plain(1), hash_funcs=by_name) != h(Plain(2), hash_funcs=by_name)
    # Inside containers too.
    assert h([lock], hash_funcs=by_type) == h([threading.Lock()], hash_funcs=by_type)


def test_hash_func_returning_the_same_type_does_not_recurse() -> None:
    funcs = {Plain: lambda p: Plain(str(p.value))}
    assert h(Plain(1), hash_funcs=funcs) == h(Plain(1), hash_funcs=funcs)


def test_a_failing_hash_func_says_which_one() -> None:
    def broken(_: object) -> str:
        raise ValueError("nope")

    with pytest.raises(UserHashError, match="broken"):
        h(Plain(1), hash_funcs={Plain: broken})


def _key(func: object, *args: object, **kwargs: object) -> str:
    pairs = ArgumentNames(func).pairs(args, kwargs)  # type: ignore[arg-type]
    assert pairs is not None
    return value_key("data", func, pairs)  # type: ignore[arg-type]


def test_arguments_hash_alike_however_they_are_passed() -> None:
    def f(a: int, b: int = 0, *, c: int = 0) -> None: ...

    assert _key(f, 1, 2) == _key(f, 1, b=2) == _key(f, b=2, a=1)
    assert _key(f, 1, 2, c=3) == _key(f, c=3, b=2, a=1)
    assert _key(f, 1, 2) != _key(f, 2, 1)
    assert _key(f, 1, c=3) != _key(f, 1, 3)  # another parameter


def test_underscore_parameters_are_not_hashed() -> None:
    def f(x: int, _conn: object, **options: object) -> None: ...

    lock = threading.Lock()
    assert _key(f, 1, lock) == _key(f, 1, threading.Lock())
    assert _key(f, 1, None, _skip=lock) == _key(f, 1, None)
    assert _key(f, 1, None, mode="a") != _key(f, 1, None, mode="b")


def test_unhashable_argument_error_names_the_parameter_and_the_function() -> None:
    def load_rows(conn: object, n: int) -> None: ...

    with pytest.raises(UnhashableParamError) as info:
        _key(load_rows, threading.Lock(), 3)
    message = str(info.value)
    assert message.startswith(
        "Cannot hash argument 'conn' (of type `_thread.lock`) in 'load_rows'."
    )
    assert "adding a\nleading underscore to the argument's name" in message
    assert "@st.cache_data\ndef load_rows(_conn, ...):" in message
