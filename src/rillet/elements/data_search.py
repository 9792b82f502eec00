"""The rows of a kept table that a search finds: the server half of the grid's Search button.

A paged table's rows live on the server, so the browser's search runs here over every row,
not only those in view: the rows whose shown cells contain the text (case-insensitively, as
the cells read in the page) are found once per search and kept, so scrolling through the
matches, or sorting them, does not search again.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from typing import Any

# Rows read at a time while searching: bounds the memory a search of a large table takes.
_CHUNK = 50_000


def cell_text(value: Any) -> str:
    """A cell as the page shows it, for matching: Python's spelling of True/False and
    numbers, JSON for lists and objects."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def find_rows(read: Callable[[int, int], list[list[Any]]], total: int, text: str) -> list[int]:
    """Positions (in the data's own order) of the rows with a cell containing ``text``.

    ``read(start, end)`` gives the shown cells of rows ``start`` to ``end``.
    """
    needle = text.casefold()
    found: list[int] = []
    for start in range(0, total, _CHUNK):
        for offset, row in enumerate(read(start, min(total, start + _CHUNK))):
            if any(v is not None and needle in cell_text(v).casefold() for v in row):
                found.append(start + offset)
    return found


class SearchCache:
    """The last search of one table and the rows it found, in the data's order and in the
    last sorted order asked for."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._found: tuple[str, list[int]] | None = None
        self._sorted: tuple[tuple[str, tuple[int, bool]], list[int]] | None = None

    def rows(self, text: str, read: Callable[[int, int], list[list[Any]]], total: int) -> list[int]:
        """The positions of the rows matching ``text`` (searched once per text)."""
        found = self._found
        if found is not None and found[0] == text:
            return found[1]
        positions = find_rows(read, total, text)
        with self._lock:
            self._found = (text, positions)
        return positions

    def in_order(
        self, text: str, sort: tuple[int, bool], matches: list[int], order: Sequence[int]
    ) -> list[int]:
        """``matches`` in the order ``order``, the whole table sorted by ``sort``."""
        cached = self._sorted
        if cached is not None and cached[0] == (text, sort):
            return cached[1]
        wanted = set(matches)
        ordered = [int(p) for p in order if p in wanted]
        with self._lock:
            self._sorted = ((text, sort), ordered)
        return ordered
