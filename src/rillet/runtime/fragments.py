"""Fragments: parts of a script that rerun on their own.

A fragment's body lives in a block of its own. It may also write into containers created
outside it: each such write goes into a *slot*, a block the fragment owns inside that
container, so a fragment rerun replaces what it wrote there in place and never accumulates.

The registry is per session. A full run registers every fragment it calls; fragments it did
not call are dropped (and their browser timers with them). A fragment run executes the queued
bodies in place, ancestors first, and then — beyond Streamlit — reruns the fragments that read
a ``session_state`` key the interaction changed (reactive fragments), in bounded rounds.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rillet.protocol.messages import Element, Notice, Root
from rillet.runtime.tree import BLOCK, Path

if TYPE_CHECKING:
    from rillet.runtime.context import RunContext
    from rillet.runtime.state import WidgetSpec

log = logging.getLogger("rillet.fragments")

MAX_REACTIVE_ROUNDS = 10


@dataclass
class FragmentInfo:
    """One registered fragment: where it lives and how to run its body again."""

    id: str
    name: str
    block_path: Path
    # Runs the body in place; set up by the element layer (containers, arguments).
    rerun: Callable[[RunContext], None]
    parent: str | None = None
    key: str | None = None
    run_every: float | None = None
    reactive: bool = True
    # Container path -> the slot block this fragment owns inside it.
    slots: dict[Path, Path] = field(default_factory=dict)
    # session_state keys read by the last run, with fingerprints of what they held at its end.
    reads: dict[str, object] = field(default_factory=dict)
    # Extension point for caching (cached fragments) and dialogs.
    extras: dict[str, Any] = field(default_factory=dict)


def fragment_id(module: str, qualname: str, call_path: Path, key: str | None) -> str:
    """Stable id: the same function at two places is two fragments."""
    basis = repr((module, qualname, tuple(call_path), key))
    return "frag-" + hashlib.blake2b(basis.encode(), digest_size=12).hexdigest()


_MISSING = object()


def fingerprint(value: object) -> object:
    """A comparable stand-in for a value, cheap for the common small values."""
    if value is None or isinstance(value, bool | int | float | str | bytes):
        return (type(value).__name__, value)
    try:
        return hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).digest()
    except Exception:  # unpicklable: only identity can be compared
        return ("id", id(value))


class FragmentRegistry:
    """The fragments one session knows, by id."""

    def __init__(self) -> None:
        self._fragments: dict[str, FragmentInfo] = {}
        # Ids registered by the run in progress (to drop the rest when it completes).
        self._seen: set[str] = set()

    # --- registration ----------------------------------------------------------------------

    def known(self, fragment_id: str) -> bool:
        """True when the latest runs registered this fragment id."""
        return fragment_id in self._fragments

    def get(self, fragment_id: str) -> FragmentInfo | None:
        """The fragment registered under ``fragment_id``."""
        return self._fragments.get(fragment_id)

    def register(self, info: FragmentInfo) -> None:
        """A run called a fragment: (re)register it with a fresh set of slots."""
        self._fragments[info.id] = info
        self._seen.add(info.id)

    def by_key(self, key: str) -> list[str]:
        """Ids of the fragments registered under a user key."""
        return [f.id for f in self._fragments.values() if f.key == key]

    def all(self) -> list[FragmentInfo]:
        """Every registered fragment."""
        return list(self._fragments.values())

    def begin_run(self) -> None:
        """A run starts: nothing registered by it yet."""
        self._seen = set()

    def end_run(self, ctx: RunContext, completed: bool) -> None:
        """Drop fragments a completed run should have called again but did not."""
        if not completed:
            return
        if ctx.is_fragment_run:
            scope = self.descendants(list(ctx.fragment_ids)) - set(ctx.fragment_ids)
            stale = [fid for fid in scope if fid not in self._seen]
        else:
            stale = [fid for fid in self._fragments if fid not in self._seen]
        for fid in stale:
            del self._fragments[fid]

    def descendants(self, fragment_ids: list[str]) -> set[str]:
        """The given fragments and every fragment nested in them."""
        found = set(fragment_ids)
        changed = True
        while changed:
            changed = False
            for info in self._fragments.values():
                if info.parent in found and info.id not in found:
                    found.add(info.id)
                    changed = True
        return found

    def _ancestors(self, fid: str) -> list[str]:
        chain = []
        info = self._fragments.get(fid)
        while info is not None and info.parent is not None:
            chain.append(info.parent)
            info = self._fragments.get(info.parent)
        return chain

    # --- cached fragments ----------------------------------------------------------------

    def reuse(self, ctx: RunContext, previous: FragmentInfo, call_key: str) -> bool:
        """Keep a cached fragment's output instead of running it, when nothing it depends on
        changed: same arguments, same values of every state key it read, same places.

        The fragment's block was just written (confirmed) by the caller. Reusing claims its
        subtree and its slots for this run, keeps their widgets and nested fragments alive,
        and confirms every element to the browser.
        """
        if previous.extras.get("cache_key") != call_key or "cached_value" not in previous.extras:
            return False
        if any(self._current(ctx, k) != v for k, v in previous.reads.items()):
            return False
        writer = ctx.writer
        for container, slot in previous.slots.items():
            if writer.lengths.get(container) != slot[-1]:
                return False  # what comes before it moved: run it
        self.register(previous)
        self._claim(ctx, previous.block_path)
        for container, slot in previous.slots.items():
            node = writer.tree.node(slot)
            if node is None:
                return False
            writer.append(container, node.element)
            self._claim(ctx, slot)
        for info in list(self._fragments.values()):
            if info.id != previous.id and previous.id in self._ancestors(info.id):
                self._seen.add(info.id)
        return True

    def _claim(self, ctx: RunContext, block_path: Path) -> None:
        writer = ctx.writer
        for path, node in writer.tree.walk(block_path):
            if node.children is not None:
                writer.lengths[path] = len(node.children)
                if node.children:
                    writer.emit_keep(path, 0, len(node.children))
            wid = _widget_id_of(node)
            if wid is not None:
                ctx.session.state.keep_widget(wid)

    # --- where writes go -------------------------------------------------------------------

    def route(self, ctx: RunContext, block_path: Path) -> Path:
        """The block a write to ``block_path`` lands in, for the fragment that is running.

        Inside the fragment's own area it is the block itself; in a container created outside
        the fragment it is the fragment's slot there, made on first use.
        """
        fid = ctx.fragment_id
        if fid is None:
            return block_path
        info = self._fragments.get(fid)
        if info is None or _inside(block_path, info.block_path):
            return block_path
        if any(_inside(block_path, slot) for slot in info.slots.values()):
            return block_path
        existing = info.slots.get(block_path)
        return existing if existing is not None else self._make_slot(ctx, info, block_path)

    def _make_slot(self, ctx: RunContext, info: FragmentInfo, container: Path) -> Path:
        element = Element(BLOCK, {"type": "vertical", "fragment_id": info.id, "slot": True})
        writer = ctx.writer
        if container in writer.lengths:
            slot = writer.append(container, element)
        else:
            # A container this run does not own (a fragment rerun writing outside itself for
            # the first time): the slot goes after what is there, leaving it in place.
            parent = writer.tree.block(container)
            assert parent.children is not None
            slot = (*container, len(parent.children))
            writer.put(slot, element)
        info.slots[container] = slot
        return slot

    # --- running ---------------------------------------------------------------------------

    def run(self, ctx: RunContext, fragment_ids: list[str]) -> None:
        """Run the queued fragments in place, then the fragments reacting to what changed."""
        queued = [fid for fid in dict.fromkeys(fragment_ids) if fid in self._fragments]
        # Ancestors first; a fragment whose ancestor also runs is run by it, inline.
        queued.sort(key=lambda fid: len(self._ancestors(fid)))
        outer = set(queued)
        order = [f for f in queued if not any(a in outer for a in self._ancestors(f))]
        ran: list[str] = []
        for round_index in range(MAX_REACTIVE_ROUNDS + 1):
            for fid in order:
                self._run_one(ctx, fid)
                ran.append(fid)
            ctx.extra["ran_fragments"] = list(dict.fromkeys(ran))
            order = self._reactive_readers(ctx, exclude=self.descendants(order))
            if not order:
                return
            if any(fid in ran for fid in order):
                chain = [*ran, *order]
                names = " → ".join(self._fragments[f].name for f in chain if f in self._fragments)
                ctx.session.outbox.push(
                    Notice("warning", f"Reactive fragments form a cycle ({names}); stopped.")
                )
                log.warning("reactive fragments form a cycle: %s", names)
                return
            if round_index == MAX_REACTIVE_ROUNDS - 1:
                ctx.session.outbox.push(
                    Notice(
                        "warning",
                        f"Reactive fragments kept triggering each other for "
                        f"{MAX_REACTIVE_ROUNDS} rounds; stopped.",
                    )
                )
                return

    def _run_one(self, ctx: RunContext, fid: str) -> None:
        info = self._fragments[fid]
        ctx.writer.own(info.block_path)
        for slot in info.slots.values():
            ctx.writer.own(slot)
        with self.running(ctx, info):
            try:
                info.rerun(ctx)
            except Exception as exc:  # shown inside the fragment; the others still run
                self.show_error(ctx, info, exc)

    @contextmanager
    def running(self, ctx: RunContext, info: FragmentInfo) -> Iterator[None]:
        """Execute a fragment body: its id is current and its session_state reads recorded."""
        outer_fragment, outer_containers = ctx.fragment_id, ctx.containers
        ctx.fragment_id = info.id
        ctx.containers = []
        state = ctx.session.state
        reads: set[str] = set()
        outer_reads = state.record_reads(reads)
        try:
            yield
        finally:
            # A nested fragment's reads are its own: it reacts by itself, not through its parent.
            state.record_reads(outer_reads)
            info.reads = {k: self._current(ctx, k) for k in reads}
            ctx.fragment_id, ctx.containers = outer_fragment, outer_containers

    @staticmethod
    def _current(ctx: RunContext, key: str) -> object:
        state = ctx.session.state
        old = state.record_reads(None)
        try:
            return fingerprint(state[key]) if key in state else _MISSING
        finally:
            state.record_reads(old)

    def _reactive_readers(self, ctx: RunContext, exclude: set[str]) -> list[str]:
        """Fragments whose recorded reads no longer match session_state."""
        readers = []
        for info in self._fragments.values():
            if not info.reactive or info.id in exclude or not info.reads:
                continue
            if any(self._current(ctx, k) != v for k, v in info.reads.items()):
                readers.append(info.id)
        readers.sort(key=lambda fid: len(self._ancestors(fid)))
        outer = set(readers)
        return [f for f in readers if not any(a in outer for a in self._ancestors(f))]

    def show_error(self, ctx: RunContext, info: FragmentInfo, exc: BaseException) -> None:
        """Show an exception inside the fragment's block."""
        from rillet.runtime.runner import exception_element, log_uncaught

        if not getattr(exc, "_rillet_shown", False):  # an inner fragment's, logged already
            log_uncaught(exc)
        mark_shown(exc)
        try:
            ctx.writer.append(info.block_path, exception_element(exc))
        except Exception:
            log.exception("could not show a fragment's exception")

    # --- scopes ----------------------------------------------------------------------------

    def scope_filter(self, fragment_ids: list[str]) -> Callable[[WidgetSpec], bool]:
        """Which widgets a run of these fragments owns (for cleanup after the run)."""
        ids = self.descendants(fragment_ids)
        return lambda spec: spec.fragment_id in ids

    @contextmanager
    def callback_scope(self, ctx: RunContext, spec: WidgetSpec) -> Iterator[None]:
        """Where a widget's callback writes: inside its fragment during that fragment's run."""
        info = self._fragments.get(spec.fragment_id) if spec.fragment_id else None
        if info is None or not ctx.is_fragment_run:
            yield
            return
        ctx.writer.own(info.block_path)
        for slot in info.slots.values():
            ctx.writer.own(slot)
        outer_fragment, outer_containers = ctx.fragment_id, ctx.containers
        ctx.fragment_id, ctx.containers = info.id, []
        try:
            yield
        finally:
            ctx.fragment_id, ctx.containers = outer_fragment, outer_containers

    def error_target(self, ctx: RunContext) -> Path:
        """The block an uncaught exception of this run is shown in."""
        return (int(Root.MAIN),)

    def default_block(self, ctx: RunContext) -> Path | None:
        """The block writes go to when no container is entered: the running fragment's."""
        info = self._fragments.get(ctx.fragment_id) if ctx.fragment_id else None
        return info.block_path if info is not None else None


def _widget_id_of(node: Any) -> str | None:
    """The widget id of a tree node, read from its encoded element without decoding it all."""
    if '"id":' not in node.data:
        return None
    return node.element.id


def mark_shown(exc: BaseException) -> None:
    """Note that ``exc`` is already on the page, so the runner does not show it twice."""
    try:
        setattr(exc, "_rillet_shown", True)  # noqa: B010 - not every exception type allows it
    except AttributeError:
        pass


def _inside(path: Path, block: Path) -> bool:
    return path[: len(block)] == block
