"""``st.skeleton``: a shimmering placeholder that holds a place while its content loads.

Standalone, it is an ``st.empty`` slot showing the shimmer until something is written into it.
Used with ``with``, it works like ``st.spinner``: the shimmer shows while the block runs (the
browser shows it only after half a second, so quick work never flashes), the block's own
output goes to the surrounding container, and the slot empties when the block ends, however
it ends.
"""

from __future__ import annotations

from typing import Any

from rillet.elements.base import Container, command, emit
from rillet.elements.validate import check_height, check_width
from rillet.protocol.messages import Element
from rillet.runtime import context

# What the browser waits before showing the shimmer of a ``with`` block (Streamlit's 0.5 s).
DELAY_MS = 500


class SkeletonPlaceholder(Container):
    """The slot ``skeleton`` returns: write into it to replace the shimmer, or use it with
    ``with`` to show the shimmer only while the block runs."""

    __slots__ = ("_props",)

    def __init__(self, written: Container, props: dict[str, Any]) -> None:
        super().__init__(written.path, written.slot, written.form_id)
        self._props = props

    def __getattr__(self, name: str) -> Any:
        # ``placeholder.x(...)`` writes into the slot, replacing the shimmer (the ``with``
        # form below writes around it instead).
        return getattr(Container(self.path, self.slot, self.form_id), name)

    def __enter__(self) -> SkeletonPlaceholder:
        # Not pushed as the target: what the block writes goes to the surrounding container.
        ctx = context.current()
        if ctx is not None and self.path is not None:
            ctx.checkpoint()
            ctx.writer.put(self.path, Element("skeleton", {**self._props, "delay": DELAY_MS}))
        return self

    def __exit__(self, *exc: object) -> None:
        ctx = context.current()
        if ctx is None or self.path is None:
            return
        node = ctx.writer.tree.node(self.path)
        if node is None or node.element.kind != "skeleton":
            return  # the block wrote into the slot itself: what it wrote stays
        # Written directly (no checkpoint), so the shimmer also goes when the run is interrupted.
        ctx.writer.put(self.path, Element("empty", {}))


@command
def skeleton(
    height: str | int | None = None, *, width: str | int = "stretch"
) -> SkeletonPlaceholder:
    """Show a loading placeholder: a shimmering box that reserves room for content to come.

    Calling a command on the returned placeholder (``placeholder.dataframe(df)``) replaces the
    shimmer, as with ``st.empty``. ``with st.skeleton():`` shows it while the block runs and
    clears it after, as ``st.spinner`` does.

    Parameters:
        height: None (default: the height of an input widget), "stretch" (the parent
            container's height, which must be bounded), or pixels.
        width: "stretch" (default: the parent's width) or pixels.
    """
    if height is not None:
        check_height(height)
    check_width(width)
    props: dict[str, Any] = {}
    if height is not None:
        props["height"] = height
    if width != "stretch":
        props["width"] = width
    return SkeletonPlaceholder(emit("skeleton", props), props)
