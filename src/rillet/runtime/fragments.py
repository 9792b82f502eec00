"""Fragments: parts of a script that rerun on their own.

This module holds the per-session registry the runner consults for fragment runs, callback
scopes and where errors are shown. Until a fragment is registered every request is a full run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rillet.protocol.messages import Root

if TYPE_CHECKING:
    from rillet.runtime.context import RunContext
    from rillet.runtime.state import WidgetSpec
    from rillet.runtime.tree import Path


class FragmentRegistry:
    """The fragments one session knows, by id."""

    def __init__(self) -> None:
        self._known: dict[str, object] = {}

    def known(self, fragment_id: str) -> bool:
        """True when a full run registered this fragment id."""
        return fragment_id in self._known

    def run(self, ctx: RunContext, fragment_ids: list[str]) -> None:
        """Run the bodies of the given fragments in place (none are registered yet)."""

    def scope_filter(self, fragment_ids: list[str]) -> Callable[[WidgetSpec], bool]:
        """Which widgets a run of these fragments owns (for cleanup after the run)."""
        ids = set(fragment_ids)
        return lambda spec: spec.fragment_id in ids

    @contextmanager
    def callback_scope(self, ctx: RunContext, spec: WidgetSpec) -> Iterator[None]:
        """Where a widget's callback writes: the app's top for widgets outside fragments."""
        yield

    def error_target(self, ctx: RunContext) -> Path:
        """The block an uncaught exception of this run is shown in."""
        return (int(Root.MAIN),)
