"""The data a session keeps for its paged tables: kept by id, pruned with the tree, answered
within limits."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from rillet.protocol.messages import Element, RowsPage, RowsRequest
from rillet.runtime.datasets import MAX_ROWS_PER_REQUEST, Datasets, referenced_ids
from rillet.runtime.tree import Tree, TreeWriter


class Numbers:
    """A table of ``total`` rows: row i is [i, -i]; sorting by column 1 reverses it."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.width = 2
        self.pages: list[tuple[int, int, Any]] = []

    def page(self, start: int, end: int, sort: tuple[int, bool] | None) -> list[list[Any]]:
        self.pages.append((start, end, sort))
        order = range(self.total)
        if sort is not None and (sort[0] == 1) != sort[1]:
            order = range(self.total - 1, -1, -1)
        return [[i, -i] for i in order[start:end]]


def request(data_id: str, start: int, end: int, sort: Any = None) -> RowsRequest:
    return RowsRequest(data_id=data_id, start=start, end=end, sort=sort)


def test_a_kept_table_answers_a_range() -> None:
    kept = Datasets()
    kept.keep("abc", Numbers(10))

    page = kept.answer(request("abc", 2, 5))

    assert page == RowsPage("abc", 2, [[2, -2], [3, -3], [4, -4]], 10, None)


def test_the_answer_names_the_sort_it_answers() -> None:
    kept = Datasets()
    table = Numbers(5)
    kept.keep("abc", table)

    page = kept.answer(request("abc", 0, 2, (1, "asc")))

    assert page is not None and page.sort == (1, "asc")
    assert page.rows == [[4, -4], [3, -3]]
    assert table.pages == [(0, 2, (1, False))]


def test_a_range_past_the_end_is_cut_to_the_table() -> None:
    kept = Datasets()
    kept.keep("abc", Numbers(3))

    page = kept.answer(request("abc", 1, 100))

    assert page is not None and [r[0] for r in page.rows] == [1, 2]
    assert page.total == 3


def test_a_large_range_is_capped() -> None:
    kept = Datasets()
    table = Numbers(1_000_000)
    kept.keep("abc", table)

    page = kept.answer(request("abc", 10, 500_000))

    assert page is not None and len(page.rows) == MAX_ROWS_PER_REQUEST
    assert table.pages == [(10, 10 + MAX_ROWS_PER_REQUEST, None)]


@pytest.mark.parametrize(
    ("start", "end", "sort"),
    [(10, 12, None), (5, 2, None), (0, 2, (2, "asc")), (0, 2, (7, "desc"))],
    ids=["start past the end", "end before start", "sort column past the last", "far column"],
)
def test_an_impossible_request_is_logged_and_not_answered(
    start: int, end: int, sort: Any, caplog: pytest.LogCaptureFixture
) -> None:
    kept = Datasets()
    table = Numbers(10)
    kept.keep("abc", table)

    with caplog.at_level(logging.WARNING, "rillet.datasets"):
        assert kept.answer(request("abc", start, end, sort)) is None

    assert caplog.records, "the refusal is logged"
    assert table.pages == []


def test_an_unknown_id_is_logged_and_not_answered(caplog: pytest.LogCaptureFixture) -> None:
    kept = Datasets()

    with caplog.at_level(logging.WARNING, "rillet.datasets"):
        assert kept.answer(request("nope", 0, 10)) is None

    assert "unknown table" in caplog.text


def test_an_empty_table_answers_an_empty_page() -> None:
    kept = Datasets()
    kept.keep("abc", Numbers(0))

    assert kept.answer(request("abc", 0, 10)) == RowsPage("abc", 0, [], 0, None)


def test_keeping_an_id_again_keeps_the_first_table() -> None:
    kept = Datasets()
    first, second = Numbers(3), Numbers(3)
    kept.keep("abc", first)
    kept.keep("abc", second)

    assert kept.get("abc") is first


def test_retain_drops_everything_else_and_clear_drops_all() -> None:
    kept = Datasets()
    for name in ("a", "b", "c"):
        kept.keep(name, Numbers(1))

    kept.retain(["b", "z"])
    assert "b" in kept and len(kept) == 1

    kept.clear()
    assert len(kept) == 0


def _tree_with(*elements: Element) -> Tree:
    tree = Tree()
    writer = TreeWriter(tree, lambda message: None)
    for element in elements:
        writer.append((0,), element)
    return tree


def test_prune_keeps_what_the_tree_shows() -> None:
    tree = _tree_with(
        Element("markdown", {"body": '"data_id":"aaaa" is only text here'}),
        Element("dataframe", {"data_id": "bbbb", "rows": [], "total": 0}),
        Element("block", {"type": "vertical"}),
    )
    TreeWriter(tree, lambda m: None).append((0, 2), Element("dataframe", {"data_id": "cccc"}))
    kept = Datasets()
    for name in ("aaaa", "bbbb", "cccc", "dddd"):
        kept.keep(name, Numbers(1))

    kept.prune(tree)

    assert referenced_ids(tree) == {"bbbb", "cccc"}
    assert sorted(d for d in ("aaaa", "bbbb", "cccc", "dddd") if d in kept) == ["bbbb", "cccc"]


def test_prune_without_kept_tables_does_not_walk_the_tree() -> None:
    class Untouchable(Tree):
        def walk(self, path: Any = ()) -> Any:
            raise AssertionError("walked")

    Datasets().prune(Untouchable())
