"""Fingerprints of the frames paged tables show, remembered between reruns.

A ``dataframe`` or ``data_editor`` names its data by a digest of every cell (its ``data_id``).
Each rerun hands it a frame again, usually an equal one that is a new object (a fresh copy from
``cache_data``, or the frame built again), and hashing 100,000 rows costs milliseconds per
rerun: most of what an edit in a big editor cost the server. Comparing the frame with the one
fingerprinted before is an order of magnitude cheaper (a byte comparison, no digest), so an
equal frame takes the remembered fingerprint and only a changed one is hashed.

Only pandas frames under copy-on-write (pandas 3) whose columns hold immutable values
(numbers, booleans, dates, strings) are remembered: the remembered frame is a lazy copy that
a later change to the script's frame cannot reach, so an equal comparison means equal content.
A frame is remembered only while something else keeps it (a session's paged table), so
nothing is held here for tables no session shows any more.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import Any

from rillet.elements.frames import Frame, PandasFrame

# Frames remembered, most recently used last; each holds a lazy copy of its data.
MAX_REMEMBERED = 4
# Smaller frames hash fast enough: not worth remembering.
MIN_CELLS = 10_000

_remembered: OrderedDict[tuple[Any, ...], tuple[weakref.ref[PandasFrame], bytes]] = OrderedDict()
_lock = threading.Lock()
# How many frames were hashed (read by tests: an unchanged input is not hashed again).
hashed = 0


def fingerprint(frame: Frame) -> bytes:
    """``frame.fingerprint()``, taken from an equal frame fingerprinted before when there is
    one."""
    global hashed
    shape = _shape(frame)
    if shape is None:
        hashed += 1
        return frame.fingerprint()
    assert isinstance(frame, PandasFrame)
    with _lock:
        found = _remembered.get(shape)
    before = found[0]() if found is not None else None
    if found is not None and before is not None and _equal(before.frame, frame.frame):
        with _lock:
            if shape in _remembered:
                _remembered.move_to_end(shape)
        return found[1]
    hashed += 1
    digest = frame.fingerprint()
    with _lock:
        # PandasFrame keeps a lazy copy already: the script's later changes do not reach it.
        _remembered[shape] = (weakref.ref(frame), digest)
        _remembered.move_to_end(shape)
        while len(_remembered) > MAX_REMEMBERED:
            _remembered.popitem(last=False)
    return digest


def forget() -> None:
    """Forget every remembered frame (tests)."""
    with _lock:
        _remembered.clear()


def _shape(frame: Frame) -> tuple[Any, ...] | None:
    """What two equal frames share (names, types, size, index), or None for a frame not
    remembered."""
    if not isinstance(frame, PandasFrame) or frame.nrows * max(len(frame.names), 1) < MIN_CELLS:
        return None
    import pandas as pd

    if int(pd.__version__.split(".")[0]) < 3:
        return None  # without copy-on-write, the kept frame may change with the script's
    df = frame.frame
    dtypes = [df.index.dtype, *df.dtypes]
    if not all(_immutable(t) for t in dtypes):
        return None
    return (
        tuple((type(c), repr(c)) for c in df.columns),
        tuple(str(t) for t in dtypes),
        df.shape,
        type(df.index),
        repr(df.index.name),
    )


def _immutable(dtype: Any) -> bool:
    """Whether cells of ``dtype`` cannot change without pandas knowing (no object cells)."""
    import numpy as np

    if isinstance(dtype, np.dtype):
        return dtype.kind in "iufbMm"
    return str(dtype) in ("str", "string") or type(dtype).__name__ in ("ArrowDtype",)


def _equal(a: Any, b: Any) -> bool:
    """Whether frames ``a`` and ``b`` (of one shape) hold the same bytes."""
    import pandas as pd

    if isinstance(a.index, pd.RangeIndex):
        if not isinstance(b.index, pd.RangeIndex) or (
            (a.index.start, a.index.stop, a.index.step) != (b.index.start, b.index.stop,
                                                            b.index.step)
        ):
            return False
    elif not _same_values(a.index.to_series(index=None), b.index.to_series(index=None)):
        return False
    return all(_same_values(a.iloc[:, i], b.iloc[:, i]) for i in range(a.shape[1]))


def _same_values(x: Any, y: Any) -> bool:
    import numpy as np

    if isinstance(x.dtype, np.dtype):
        u = np.ascontiguousarray(x.to_numpy())
        v = np.ascontiguousarray(y.to_numpy())
        return bool(np.array_equal(u.view(np.uint8), v.view(np.uint8)))
    return bool(x.array.equals(y.array))
