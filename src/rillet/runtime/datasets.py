"""The data a session keeps for its paged tables, and the answers to the browser's row requests.

A ``dataframe`` element carries its columns, its row count and its first rows; the frame stays
here, under the element's ``data_id``, and the browser asks for the rows it scrolls to. The
answer comes from the kept data without running the script. Data is kept while an element
in the session's tree refers to it and is dropped after the first run that leaves none (and
with the session). No IO here: the element layer puts data in, the server asks for rows.
"""

from __future__ import annotations

import logging
import re
import threading
import weakref
from collections.abc import Iterable
from typing import Any, Protocol

from rillet.protocol.messages import RowsPage, RowsRequest
from rillet.runtime.tree import Tree

log = logging.getLogger("rillet.datasets")

# The most rows one request may ask for; a larger range is cut to this.
MAX_ROWS_PER_REQUEST = 1000

_DATA_ID = re.compile(r'"data_id":"([0-9a-f]+)"')
# The kinds of element that show a paged table (an editor pages as a dataframe does).
_PAGED_KINDS = ('"kind":"dataframe"', '"kind":"data_editor"')


class Pageable(Protocol):
    """What a kept table offers: its size, and rows in display order, optionally sorted."""

    @property
    def total(self) -> int: ...

    @property
    def width(self) -> int: ...

    def page(
        self, start: int, end: int, sort: tuple[int, bool] | None, search: str | None = None
    ) -> list[list[Any]]:
        """Rows ``start`` to ``end`` (exclusive); ``sort`` is (column, descending); only the
        rows with a shown cell containing ``search`` (any case) when given."""
        ...

    def count(self, search: str) -> int:
        """The number of rows ``search`` finds."""
        ...


# Every kept table of the process by content id, held only while some session keeps it:
# most sessions of an app show the same tables, and a big frame should exist once.
_SHARED: weakref.WeakValueDictionary[str, Pageable] = weakref.WeakValueDictionary()
_SHARED_LOCK = threading.Lock()


class Datasets:
    """The tables one session keeps, by data id. Safe to use from the runner thread (which
    keeps and prunes) and the server's worker threads (which read)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[str, Pageable] = {}

    def __len__(self) -> int:
        return len(self._kept)

    def __contains__(self, data_id: object) -> bool:
        return data_id in self._kept

    def keep(self, data_id: str, data: Pageable) -> None:
        """Keep ``data`` under ``data_id`` (ids are content hashes: a kept id is kept as is,
        with whatever it has cached). Sessions showing the same table share one copy."""
        with self._lock:
            if data_id not in self._kept:
                with _SHARED_LOCK:
                    shared = _SHARED.get(data_id)
                    if shared is None:
                        _SHARED[data_id] = shared = data
                self._kept[data_id] = shared

    def replace(self, data_id: str, data: Pageable) -> None:
        """Keep ``data`` under ``data_id`` for this session only (a table grown by
        ``add_rows``: other sessions showing the same frame keep theirs)."""
        with self._lock:
            self._kept[data_id] = data

    def get(self, data_id: str) -> Pageable | None:
        """The data kept under ``data_id`` by this session, or by any session."""
        found = self._kept.get(data_id)
        if found is None:
            with _SHARED_LOCK:
                found = _SHARED.get(data_id)
        return found

    def retain(self, data_ids: Iterable[str]) -> None:
        """Drop everything but ``data_ids``."""
        wanted = set(data_ids)
        with self._lock:
            for data_id in [d for d in self._kept if d not in wanted]:
                del self._kept[data_id]

    def prune(self, tree: Tree) -> None:
        """Drop the data no element of ``tree`` refers to (after a run)."""
        if not self._kept:
            return  # the common page: no paged tables, no walk
        self.retain(referenced_ids(tree))

    def clear(self) -> None:
        """Drop everything (the session closed)."""
        with self._lock:
            self._kept.clear()

    def answer(self, request: RowsRequest) -> RowsPage | None:
        """The rows the browser asked for, or None (logged) for a request that cannot be
        answered: an unknown id, or a range or sort column outside the table."""
        data = self._kept.get(request.data_id)
        if data is None:
            # The browser may still ask for a table a newer run replaced.
            log.warning("rows requested for an unknown table %.16s", request.data_id)
            return None
        # A search runs over every row: the answer counts the rows it found.
        total = data.count(request.search) if request.search else data.total
        start, end = request.start, min(request.end, total)
        if start < 0 or end < start or (start >= total and total > 0):
            log.warning(
                "rows %d..%d requested from a table of %d rows", request.start, request.end, total
            )
            return None
        end = min(end, start + MAX_ROWS_PER_REQUEST)
        sort: tuple[int, bool] | None = None
        if request.sort is not None:
            column, direction = request.sort
            if not 0 <= column < data.width:
                log.warning("a sort by an unknown column was requested: %r", request.sort)
                return None
            sort = (column, direction == "desc")
        rows: list[list[Any]] = []
        if end > start:
            # Asked as before when there is no search: a table need not know of searches.
            rows = (data.page(start, end, sort, request.search) if request.search
                    else data.page(start, end, sort))
        return RowsPage(request.data_id, start, rows, total, request.sort, request.search)


def referenced_ids(tree: Tree) -> set[str]:
    """The data ids of every paged table in ``tree`` (found in the encoded elements, so no
    element is decoded)."""
    found: set[str] = set()
    for _, node in tree.walk():
        if node.children is not None:
            continue
        data: str | bytes = node.data
        if isinstance(data, bytes):  # the tree may keep elements as bytes or as str
            if not any(kind.encode() in data for kind in _PAGED_KINDS):
                continue
            data = data.decode()
        if any(kind in data for kind in _PAGED_KINDS):
            found.update(_DATA_ID.findall(data))
    return found
