"""Elements written inside a cached function: recorded on a miss, replayed on a hit.

While a cached function computes, the run's `RunContext.recorder` is set and every
``Container._write`` reports to it. Each write is kept as an *op*: the element and where it
went, relative to the call — the container the call wrote into (its origin), a container an
earlier op of the same call created, or a page root (main, sidebar ...). On a hit the ops are
written again, in order, from the container the new call writes into; so the elements land in
place, inside a fragment, a column or an expander alike, and they are diffed like any others.

Writing into a container created outside the function cannot be replayed (it may not exist on
a later run) and raises Streamlit's CacheReplayClosureError; a widget raises its
CachedWidgetWarning text: a widget in a cached function would only exist on a miss.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rillet.caching.errors import CachedWidgetError, CacheReplayClosureError
from rillet.elements.base import Container
from rillet.protocol.messages import Element
from rillet.runtime.context import RunContext
from rillet.runtime.tree import Path

# Where an op writes: >= 0 the container op N returned, ORIGIN the container the call wrote
# into, ROOT - r the page root r (a plain int keeps ops small when pickled to disk or Redis).
ORIGIN = -1
ROOT = -2
Op = tuple[int, Element]


class Recording:
    """The writes of one cached call."""

    def __init__(self, kind: str, func: Callable[..., Any], origin: Container) -> None:
        self.kind = kind
        self.func = func
        self.origin_path = origin.path
        self.origin_slot = origin.slot
        self.ops: list[Op] = []
        self.created: dict[Path, int] = {}

    def where(self, container: Container) -> int:
        """The op target for a write into ``container``; raises when it cannot be replayed."""
        path = container.path
        if path == self.origin_path and container.slot == self.origin_slot:
            return ORIGIN
        made = self.created.get(path) if path is not None else None
        if made is not None:
            return made
        if path is not None and len(path) == 1:
            return ROOT - path[0]
        raise CacheReplayClosureError(self.kind, self.func)


class Recorder:
    """The recordings in progress in one run, innermost last.

    A nested cached call is recorded by every enclosing call too, so an outer hit replays
    what the inner call wrote.
    """

    def __init__(self) -> None:
        self.stack: list[Recording] = []

    def before(self, container: Container, element: Element) -> None:
        """A write is about to happen: refuse widgets and unreplayable targets, note the op."""
        if element.id is not None:
            raise CachedWidgetError()
        targets = [rec.where(container) for rec in self.stack]
        for rec, where in zip(self.stack, targets, strict=True):
            rec.ops.append((where, element))

    def after(self, written: Container) -> None:
        """The write happened: later writes into ``written`` refer to it."""
        if written.path is None:
            return
        for rec in self.stack:
            rec.created[written.path] = len(rec.ops) - 1


@contextmanager
def recording(
    ctx: RunContext, kind: str, func: Callable[..., Any], origin: Container
) -> Iterator[Recording]:
    """Record what ``func`` writes while the block runs."""
    recorder = ctx.recorder if isinstance(ctx.recorder, Recorder) else Recorder()
    rec = Recording(kind, func, origin)
    recorder.stack.append(rec)
    ctx.recorder = recorder
    try:
        yield rec
    finally:
        recorder.stack.pop()
        if not recorder.stack:
            ctx.recorder = None


def is_recording(ctx: RunContext | None) -> bool:
    """True while a cached function computes in this run (its calls are nested)."""
    return ctx is not None and ctx.recorder is not None


def replay(ops: Sequence[Op], origin: Container) -> None:
    """Write a cached call's elements again, from ``origin``."""
    made: list[Container] = []
    for where, element in ops:
        if where >= 0:
            container = made[where]
        elif where == ORIGIN:
            container = origin
        else:
            container = Container((ROOT - where,))
        made.append(container._write(element))
