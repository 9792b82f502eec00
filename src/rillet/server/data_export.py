"""``GET /_rillet/data/{data_id}``: a paged table's every row as CSV (the grid's "Download as CSV").

The rows of a large ``dataframe`` stay on the server and only those in view travel, so the
download is made here, streamed a block at a time, in the file format Streamlit's button
writes (UTF-8 with a byte-order mark, comma-separated, a header row of the column labels,
empty cells for missing values). Only the browser that opened a session may read its tables:
the request names the session in a header, as an upload does, and must carry the session key
cookie; the table must be one that session keeps. Anything else gets the same fixed 404.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from rillet.server.media import content_disposition
from rillet.server.request_session import session_for

if TYPE_CHECKING:
    from rillet.config import Config
    from rillet.runtime.datasets import Pageable
    from rillet.runtime.session import SessionManager

log = logging.getLogger("rillet.server")

_DATA_ID = re.compile(r"^[0-9a-f]{16,64}$")
_COLUMNS = re.compile(r"^\d{1,4}(,\d{1,4}){0,999}$")
_BLOCK = 5_000
_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Content-Security-Policy": "sandbox; default-src 'none'",
}


def csv_cell(value: Any) -> str:
    """A cell as Streamlit's export writes it: missing values empty, booleans in lowercase,
    lists and objects as JSON."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def csv_lines(data: Pageable, labels: list[str], columns: list[int]) -> Iterator[bytes]:
    """The CSV file of ``data``'s shown ``columns``, in blocks of encoded lines."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    out.write("\ufeff")
    writer.writerow([labels[c] for c in columns])
    for start in range(0, data.total, _BLOCK):
        for row in data.page(start, min(data.total, start + _BLOCK), None):
            writer.writerow([csv_cell(row[c]) for c in columns])
        yield out.getvalue().encode("utf-8")
        out.seek(0)
        out.truncate()
    if out.tell():
        yield out.getvalue().encode("utf-8")


def export_name(now: datetime | None = None) -> str:
    """Streamlit's file name for an export: the UTC minute, then ``_export.csv``."""
    moment = now or datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H-%M") + "_export.csv"


def _not_found() -> Response:
    return PlainTextResponse("Not Found", status_code=404, headers=dict(_HEADERS))


def data_export_route(manager: SessionManager, config: Config) -> Route:
    """The route that serves the kept tables of the sessions of ``manager`` as CSV."""

    async def export_csv(request: Request) -> Response:
        if not config.host_allowed(request.headers.get("host", "")):
            return _not_found()
        data_id = request.path_params["data_id"]
        session = session_for(manager, request)
        if not _DATA_ID.match(data_id) or session is None:
            return _not_found()
        data = session.datasets.get(data_id) if data_id in session.datasets else None
        labels = getattr(data, "labels", None)
        if data is None or not isinstance(labels, list):
            return _not_found()
        wanted = request.query_params.get("columns")
        if wanted is None:
            columns = list(range(len(labels)))
        elif wanted == "" or _COLUMNS.match(wanted):
            columns = [int(c) for c in wanted.split(",") if c]
        else:
            return PlainTextResponse("Bad columns", status_code=400, headers=dict(_HEADERS))
        if any(c >= len(labels) for c in columns):
            log.warning("a CSV export asked for a column its table does not have")
            return PlainTextResponse("Bad columns", status_code=400, headers=dict(_HEADERS))
        headers = {**_HEADERS, "Content-Disposition": content_disposition(export_name())}
        # A sync iterator: Starlette reads it in a worker thread, off the event loop.
        return StreamingResponse(
            csv_lines(data, labels, columns), media_type="text/csv; charset=utf-8", headers=headers
        )

    return Route("/_rillet/data/{data_id}", export_csv, methods=["GET"])
