"""The grid's toolbar on the server: a search runs over every row of a paged table, and
"Download as CSV" streams every row to the browser that opened the session, and to no one else."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from rillet.config import Config
from rillet.protocol.messages import RowsRequest
from rillet.runtime.session import AppSession
from rillet.server import create_app
from rillet.server.data_export import csv_cell, export_name
from rillet.server.websocket import BROWSER_KEY_COOKIE
from tests.conftest import run_async, write_script

SCRIPT = """
import pandas as pd
import rillet as st
n = 3000
st.dataframe(pd.DataFrame({
    "name": [f"item {i}" for i in range(n)],
    "price": [i * 0.5 for i in range(n)],
    "note": ['say "hi", then go' if i == 7 else None for i in range(n)],
}))
"""


class Served:
    """An app with one live session, and the browser key of the browser that opened it."""

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self.key = secrets.token_urlsafe(32)
        manager = app.state.rillet.manager
        self.session: AppSession
        self.session, _ = manager.connect(None, lambda urgent: None, browser_key=self.key)
        assert self.session.wait_idle(5)
        element = self.session.tree.roots[0].children[0].element
        self.data_id = str(element.props["data_id"])

    def get(
        self, path: str, *, session: str | None = None, key: str | None = None
    ) -> httpx.Response:
        cookies = {BROWSER_KEY_COOKIE: self.key if key is None else key}
        headers = {"X-Rillet-Session": self.session.id if session is None else session}

        async def go() -> httpx.Response:
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=self.app),
                base_url="http://127.0.0.1",
                cookies=cookies,
            ) as client:
                return await client.get(path, headers=headers)

        return run_async(go())

    def rows(self, start: int, end: int, sort: Any = None, search: str | None = None) -> Any:
        request = RowsRequest(self.data_id, start, end, sort, search)
        return self.session.answer_rows(request)


@pytest.fixture
def served() -> Iterator[Served]:
    app = create_app(write_script(SCRIPT), Config(watch=False, preload_imports=False))
    yield Served(app)
    app.state.rillet.manager.close_all()


def test_a_search_finds_rows_beyond_the_first_page_and_counts_them(served: Served) -> None:
    page = served.rows(0, 50, search="ITEM 299")

    assert page.total == 11  # item 299, item 2990..2999
    assert [row[1] for row in page.rows] == ["item 299"] + [f"item {i}" for i in range(2990, 3000)]
    assert page.search == "ITEM 299"


def test_a_search_keeps_the_sort_asked_for(served: Served) -> None:
    page = served.rows(0, 3, sort=(2, "desc"), search="item 10")

    assert [row[1] for row in page.rows] == ["item 1099", "item 1098", "item 1097"]


def test_a_search_matches_numbers_as_the_page_shows_them(served: Served) -> None:
    page = served.rows(0, 10, search="1499.5")

    assert [row[1] for row in page.rows] == ["item 2999"]


def test_a_search_that_finds_nothing_answers_an_empty_page(served: Served) -> None:
    page = served.rows(0, 50, search="no such thing")

    assert page.total == 0 and page.rows == []


def test_download_streams_every_row_in_streamlits_csv_format(served: Served) -> None:
    response = served.get(f"/_rillet/data/{served.data_id}")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "_export.csv" in response.headers["content-disposition"]
    assert response.content.startswith("\ufeff".encode())
    lines = response.content.decode("utf-8-sig").split("\n")
    assert lines[0] == ",name,price,note"
    assert lines[1] == "0,item 0,0.0,"
    assert lines[8] == '7,item 7,3.5,"say ""hi"", then go"'
    assert lines[3000] == "2999,item 2999,1499.5,"
    assert lines[3001] == ""


def test_download_leaves_out_hidden_columns(served: Served) -> None:
    response = served.get(f"/_rillet/data/{served.data_id}?columns=1,2")

    assert response.content.decode("utf-8-sig").split("\n")[:2] == ["name,price", "item 0,0.0"]


@pytest.mark.parametrize("columns", ["9", "1;2", "x"])
def test_download_refuses_columns_the_table_does_not_have(served: Served, columns: str) -> None:
    assert served.get(f"/_rillet/data/{served.data_id}?columns={columns}").status_code == 400


def test_only_the_browser_that_opened_the_session_may_download(served: Served) -> None:
    path = f"/_rillet/data/{served.data_id}"

    assert served.get(path, key="someone-else-entirely-0123456789abcdef").status_code == 404
    assert served.get(path, session="0" * 32).status_code == 404
    assert served.get(path, session="").status_code == 404
    assert served.get("/_rillet/data/" + "ab" * 16).status_code == 404
    assert served.get("/_rillet/data/..%2F..%2Fetc").status_code == 404


def test_csv_cells_and_file_name_follow_streamlit() -> None:
    assert [csv_cell(v) for v in (None, True, False, 2, 1.5, "a", [1, "b"])] == [
        "",
        "true",
        "false",
        "2",
        "1.5",
        "a",
        '[1, "b"]',
    ]
    from datetime import UTC, datetime

    assert export_name(datetime(2026, 1, 2, 3, 4, tzinfo=UTC)) == "2026-01-02T03-04_export.csv"


GROWN = """
import rillet as st
table = st.dataframe({"name": ["apple", "pear"]})
table.add_rows({"name": ["pineapple", "plum"]})
"""


def test_a_search_and_the_csv_include_rows_add_rows_appended() -> None:
    app = create_app(write_script(GROWN), Config(watch=False, preload_imports=False))
    try:
        served = Served(app)
        page = served.rows(0, 10, search="APPLE")
        assert page.total == 2
        assert [row[-1] for row in page.rows] == ["apple", "pineapple"]
        lines = served.get(f"/_rillet/data/{served.data_id}").content.decode("utf-8-sig")
        assert lines.split("\n")[1:5] == ["apple", "pear", "pineapple", "plum"]
    finally:
        app.state.rillet.manager.close_all()
