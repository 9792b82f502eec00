"""Overhead of a cache hit: rillet's ``cache_data`` against Streamlit's, in one process.

Run with ``bench/.venv/bin/python bench/cache_hit.py`` (after ``bench/setup.sh``). Two cached
functions, each called with one int argument: one returns a 10 MiB pandas DataFrame
(262,144 rows x 5 float64 columns), one a small dict. After one miss, hits are timed with
``time.perf_counter_ns``; rounds alternate between the frameworks so drift hits both alike.
Streamlit runs in bare mode (no server: its ``cache_data`` works outside a script run, as
rillet's does). A third row times rillet's hits inside a running app (AppTest), where a hit
also looks for elements to replay. Measured and reported, never asserted.

Prints a markdown table; writes (or replaces) the "## Cache hits" section at the end of
bench/RESULTS.md unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "RESULTS.md"
HEADING = "## Cache hits"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=7, help="alternating rounds (7)")
    p.add_argument("--frame-hits", type=int, default=30, help="frame hits per round (30)")
    p.add_argument("--dict-hits", type=int, default=3000, help="dict hits per round (3000)")
    p.add_argument("--no-write", action="store_true", help="print only")
    return p


def make_frame() -> Any:
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    return pd.DataFrame(rng.random((262_144, 5)), columns=list("abcde"))


SMALL = {"name": "sensor-7", "values": [1, 2, 3, 4], "meta": {"unit": "C", "scale": 0.5}}


def time_calls(call: Callable[[], Any], count: int) -> list[float]:
    """Microseconds of each of ``count`` calls."""
    samples = []
    clock = time.perf_counter_ns
    for _ in range(count):
        t0 = clock()
        call()
        samples.append((clock() - t0) / 1000)
    return samples


def bare_functions(frame: Any) -> dict[str, dict[str, Callable[[int], Any]]]:
    """The two cached functions for each framework, outside any app run."""
    import streamlit as streamlit_st

    import rillet as rillet_st

    made: dict[str, dict[str, Callable[[int], Any]]] = {}
    for name, st in (("rillet", rillet_st), ("streamlit", streamlit_st)):

        def load_frame(n: int) -> Any:
            return frame

        def load_dict(n: int) -> dict[str, Any]:
            return SMALL

        made[name] = {
            "frame": st.cache_data(load_frame),
            "dict": st.cache_data(load_dict),
        }
    return made


IN_APP = """
import rillet as st

@st.cache_data
def load_frame(n):
    return frame

@st.cache_data
def load_dict(n):
    return small

load_frame(1)
load_dict(1)
out["frame"] = time_calls(lambda: load_frame(1), frame_hits)
out["dict"] = time_calls(lambda: load_dict(1), dict_hits)
"""


def in_app_samples(frame: Any, frame_hits: int, dict_hits: int) -> dict[str, list[float]]:
    from rillet.testing import AppTest

    out: dict[str, list[float]] = {}
    at = AppTest.from_string(IN_APP, default_timeout=600)
    at._session.script_globals.update(
        frame=frame,
        small=SMALL,
        out=out,
        time_calls=time_calls,
        frame_hits=frame_hits,
        dict_hits=dict_hits,
    )
    at.run()
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return out


def fmt(us: float) -> str:
    return f"{us / 1000:.2f} ms" if us >= 1000 else f"{us:.1f} µs"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    warnings.filterwarnings("ignore")
    logging.disable(logging.CRITICAL)  # Streamlit's "No runtime found" warnings in bare mode
    frame = make_frame()
    functions = bare_functions(frame)
    samples: dict[tuple[str, str], list[float]] = {}
    for fw in functions.values():  # the misses: not measured
        fw["frame"](1)
        fw["dict"](1)
    import pickle

    data = pickle.dumps(frame, protocol=5)
    for _ in range(args.rounds):
        samples.setdefault(("pickle.loads", "frame"), []).extend(
            time_calls(lambda: pickle.loads(data), args.frame_hits)
        )
        for name, fw in functions.items():
            samples.setdefault((name, "frame"), []).extend(
                time_calls(lambda fw=fw: fw["frame"](1), args.frame_hits)
            )
            samples.setdefault((name, "dict"), []).extend(
                time_calls(lambda fw=fw: fw["dict"](1), args.dict_hits)
            )
        in_app = in_app_samples(frame, args.frame_hits, args.dict_hits)
        for what, values in in_app.items():
            samples.setdefault(("rillet-app", what), []).extend(values)
    median = {k: statistics.median(v) for k, v in samples.items()}
    frame_mib = frame.memory_usage(index=True).sum() / 2**20
    floor = median[("pickle.loads", "frame")]

    rows = [
        "| returns | rillet (bare) | rillet (in a running app) | Streamlit (bare) "
        "| ratio rillet/Streamlit |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for what, label in (("frame", f"{frame_mib:.0f} MiB DataFrame"), ("dict", "small dict")):
        r, a = median[("rillet", what)], median[("rillet-app", what)]
        s = median[("streamlit", what)]
        rows.append(f"| {label} | {fmt(r)} | {fmt(a)} | {fmt(s)} | {r / s:.3g} |")
    table = "\n".join(rows)
    counts = {k: len(v) for k, v in samples.items()}
    lines = [
        HEADING,
        "",
        "Median time of one cache hit (`cache_data`, one int argument); lower is better. "
        "Generated by bench/cache_hit.py; rerun it rather than editing this section.",
        "",
        "- Command (from the repository root): `bench/.venv/bin/python bench/cache_hit.py`",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"{os.cpu_count()} CPUs; Python {platform.python_version()}; rillet {version('rillet')}, "
        f"streamlit {version('streamlit')}, pandas {version('pandas')}",
        f"- Samples per cell: {counts[('rillet', 'frame')]} frame hits, "
        f"{counts[('rillet', 'dict')]} dict hits, in {args.rounds} alternating rounds",
        "",
        table,
        "",
        "Both return a copy made by unpickling the stored bytes. `pickle.loads` of the frame "
        f"alone, timed in the same rounds, takes {fmt(floor)}: the floor for any cache that "
        "returns a copy, so on the frame both frameworks are at that floor and the ratio is "
        "noise. On the small dict the copy is negligible and the ratio is the hit's own "
        "overhead: hashing the argument, finding the entry, and (in a running app) checking "
        "for elements to replay.",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if not args.no_write:
        text = RESULTS.read_text() if RESULTS.exists() else ""
        cut = text.find("\n" + HEADING + "\n")
        body = text[: cut + 1] if cut >= 0 else text
        RESULTS.write_text(body.rstrip("\n") + "\n\n" + section)
        print(f"wrote the section to {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
