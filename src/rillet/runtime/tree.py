"""The element tree the browser holds, and the diff a run makes against it.

The session keeps a copy of exactly what the browser shows. A run writes elements at paths;
one equal to what is already there is confirmed with a cheap `Keep` instead of being sent
again, and at the end every block the run owned is truncated to what it produced. That is how
a rerun that changes one text sends one small delta, not the page.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import msgspec

from rillet.protocol.messages import Delta, Element, Extend, Keep, Outbound, Root, Truncate

Path = tuple[int, ...]

BLOCK = "block"
_ROOT_TYPES = {
    Root.MAIN: "main",
    Root.SIDEBAR: "sidebar",
    Root.EVENT: "event",
    Root.BOTTOM: "bottom",
}


_encoder = msgspec.json.Encoder()
_decode = msgspec.json.Decoder(Element).decode
_ROWS_FIELD = ',"rows":'


def _encode(element: Element) -> str:
    """The element's wire JSON, interned: sessions showing the same element share one string.

    Most sessions of an app show largely the same page, so a process holds each distinct
    element once rather than once per session; an interned string is freed with its last user.
    """
    return sys.intern(_encoder.encode(element).decode())


def _rows_start(element: Element) -> int:
    """Where the rows' JSON begins in the element's encoding (``rows`` is its last field), or
    -1 for an element without rows. Encoding the head alone costs what the props cost."""
    if element.rows is None:
        return -1
    head = _encoder.encode(Element(element.kind, element.props, element.id))
    return len(head) - 1 + len(_ROWS_FIELD)


def appended_rows(old: str, new: str, start: int) -> str | None:
    """The JSON array of the rows ``new`` adds at the end of ``old``'s, when the two encoded
    elements are otherwise equal (same kind, props and id); else None.

    ``start`` is where the rows begin in ``new``. A prefix of the old rows' JSON (less its
    closing bracket) followed by a comma in the new JSON means every old row is there, whole
    and unchanged: the prefix ends where the last old row's value ends, and only a new row can
    follow it with a comma.
    """
    if start < 0 or len(old) <= start or old[:start] != new[:start]:
        return None
    old_rows, new_rows = old[start:-1], new[start:-1]
    if old_rows == "[]":
        return new_rows if new_rows != "[]" else None
    stem = old_rows[:-1]
    if len(new_rows) <= len(old_rows) or not new_rows.startswith(stem):
        return None
    if new_rows[len(stem)] != ",":
        return None
    return "[" + new_rows[len(stem) + 1 :]


class Node:
    """One element in the tree; blocks have a children list, leaves have None.

    The element is kept encoded, exactly as it went on the wire: every session holds its
    whole page, and compact bytes cost a fraction of the objects (a 1,000-row table is one
    string, not thousands of cells). Equality is a bytes comparison.
    """

    __slots__ = ("children", "data", "owner")

    def __init__(self, element: Element, owner: str | None = None, data: str | None = None):
        self.data = _encode(element) if data is None else data
        self.children: list[Node] | None = [] if element.kind == BLOCK else None
        # The fragment id (or None for the app) whose run wrote this element.
        self.owner = owner

    @property
    def element(self) -> Element:
        """The element, decoded (for snapshots, tests and the rare in-place edits)."""
        return _decode(self.data)

    @element.setter
    def element(self, element: Element) -> None:
        self.data = _encode(element)


class Tree:
    """The page as the browser has it: four root blocks and everything below them."""

    def __init__(self) -> None:
        self.roots = [Node(Element(BLOCK, {"type": _ROOT_TYPES[r]})) for r in Root]
        # Widget id -> node, so a value the browser already shows can be folded into the tree.
        self.widgets: dict[str, Node] = {}

    def node(self, path: Path) -> Node | None:
        """The node at ``path``, or None when the path leads nowhere."""
        node = self.roots[path[0]]
        for index in path[1:]:
            if node.children is None or index >= len(node.children):
                return None
            node = node.children[index]
        return node

    def block(self, path: Path) -> Node:
        """The block at ``path``; callers only ask for blocks they created."""
        node = self.node(path)
        if node is None or node.children is None:
            raise LookupError(f"no block at {list(path)}")
        return node

    def walk(self, path: Path = ()) -> Iterator[tuple[Path, Node]]:
        """Every node below ``path`` (all roots when empty), parents before children."""
        starts = [(p, self.node(p)) for p in ([path] if path else [(int(r),) for r in Root])]
        stack = [(p, n) for p, n in reversed(starts) if n is not None]
        while stack:
            p, n = stack.pop()
            yield p, n
            if n.children:
                stack.extend(((*p, i), c) for i, c in reversed(list(enumerate(n.children))))

    def snapshot(self) -> list[Outbound]:
        """Deltas that rebuild the whole tree in an empty browser (used on reconnect)."""
        return [Delta(list(p), n.element) for p, n in self.walk() if len(p) > 1]

    def fold_browser_value(self, widget_id: str, wire_value: object) -> None:
        """Record that the browser already shows ``wire_value`` for a widget it changed."""
        node = self.widgets.get(widget_id)
        if node is None:
            return
        element = node.element
        if "value" in element.props:
            props = {**element.props, "value": wire_value}
            node.element = Element(element.kind, props, element.id, element.rows)



class TreeWriter:
    """Writes one run's elements into the tree and emits the messages that bring the browser
    to the same state: `Delta` for what changed, `Keep` for what did not, `Truncate` at the end.
    """

    def __init__(
        self,
        tree: Tree,
        emit: Callable[[Outbound], None],
        owner: str | None = None,
        lock: AbstractContextManager[Any] | None = None,
    ) -> None:
        self.tree = tree
        self._emit = emit
        # Held while the tree and the outbox change together, so a reconnect's snapshot
        # never sees one without the other.
        self._lock = lock if lock is not None else nullcontext()
        self.owner = owner
        # Children produced so far by this run, per block it owns.
        self.lengths: dict[Path, int] = {}

    def emit_keep(self, block_path: Path, start: int, end: int) -> None:
        """Confirm children ``start``..``end`` of a block as the browser has them."""
        self._emit(Keep(list(block_path), start, end))

    def own(self, block_path: Path) -> None:
        """Claim a block: it is truncated to what this run writes into it."""
        self.lengths.setdefault(block_path, 0)

    def append(self, block_path: Path, element: Element) -> Path:
        """Write ``element`` as the next child of the block at ``block_path``."""
        with self._lock:  # threads the script started may append to the same block
            index = self.lengths.get(block_path, 0)
            self.lengths[block_path] = index + 1
            path = (*block_path, index)
            self._put(path, element)
        return path

    def put(self, path: Path, element: Element) -> None:
        """Write ``element`` at ``path`` (an existing slot or the next free index)."""
        with self._lock:
            self._put(path, element)

    def _put(self, path: Path, element: Element) -> None:
        parent = self.tree.block(path[:-1])
        siblings = parent.children
        assert siblings is not None
        index = path[-1]
        old = siblings[index] if index < len(siblings) else None
        data = _encode(element)
        if old is not None and old.data is data:  # interned: equal content is the same object
            old.owner = self.owner
            self._emit(Keep(list(path[:-1]), index, index + 1))
        elif (
            element.rows is not None
            and old is not None
            and old.children is None
            and self._extend(old, path, element, data)
        ):
            pass
        else:
            if old is not None and old.children is not None and element.kind == BLOCK:
                old.data = data  # a block replacing a block keeps its children
                old.owner = self.owner
                node = old
            else:
                node = Node(element, self.owner, data)
                if old is not None:
                    self._forget_widgets(old)
                if index < len(siblings):
                    siblings[index] = node
                else:
                    siblings.append(node)
            if element.id is not None:
                self.tree.widgets[element.id] = node
            self._emit(Delta(list(path), element))
        if element.kind == BLOCK:
            self.own(path)

    def _extend(self, old: Node, path: Path, element: Element, data: str) -> bool:
        """Update ``old`` to ``element`` with an `Extend` when only rows were appended."""
        added = appended_rows(old.data, data, _rows_start(element))
        if added is None:
            return False
        old.data = data
        old.owner = self.owner
        self._emit(Extend(list(path), msgspec.Raw(added.encode())))
        return True

    def finish(self) -> None:
        """Truncate every block this run owned to what it produced."""
        with self._lock:
            self._truncate()

    def _truncate(self) -> None:
        for block_path, length in self.lengths.items():
            node = self.tree.node(block_path)
            if node is None or node.children is None or len(node.children) <= length:
                continue
            for dropped in node.children[length:]:
                self._forget_widgets(dropped)
            del node.children[length:]
            self._emit(Truncate(list(block_path), length))

    def _forget_widgets(self, node: Node) -> None:
        stack = [node]
        while stack:
            n = stack.pop()
            if n.element.id is not None and self.tree.widgets.get(n.element.id) is n:
                del self.tree.widgets[n.element.id]
            if n.children:
                stack.extend(n.children)
