"""Every message that crosses the websocket, as msgspec Structs.

This module is the contract between Python and the browser: `frontend/protocol.js` mirrors it
field for field, and nothing else in either language invents message shapes.

Messages are tagged by a ``type`` field. The server sends a JSON *array* of outbound messages
per websocket frame (a batch); the browser sends one inbound message per frame.

Paths address an element in the tree: the first index picks the root block (see `Root`), the
following ones index into child blocks. ``[0, 3, 1]`` is the second child of the fourth element
of the main area.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Annotated, Any, Literal

import msgspec

PROTOCOL_VERSION = 1


class Root(IntEnum):
    """The root blocks of a page; a path's first index is one of these."""

    MAIN = 0
    SIDEBAR = 1
    EVENT = 2
    BOTTOM = 3


class Element(msgspec.Struct, frozen=True, omit_defaults=True):
    """One node of the element tree as the browser renders it.

    ``kind`` selects the renderer (``"markdown"``, ``"button"``, ``"block"`` ...); ``props`` are
    the renderer's inputs. Widgets carry their ``id``, which the browser echoes back with values.
    A ``kind == "block"`` element is a container: its children are addressed by longer paths.

    ``rows`` is the part of an element that can grow (a chart's data): when a rerun writes the
    same element with rows appended, only the new rows travel, as an `Extend`. It is the last
    field, so an element's wire JSON ends with its rows and the tree can tell an append from a
    change by comparing strings.
    """

    kind: str
    props: dict[str, Any] = {}
    id: str | None = None
    rows: list[Any] | None = None


# --- browser -> server -------------------------------------------------------------------


class Hello(msgspec.Struct, tag="hello", tag_field="type", forbid_unknown_fields=True):
    """First message on a socket: protocol version and the session to resume, if any."""

    version: int
    session_id: str | None = None
    # The query string of the page, so scripts see st.query_params on the first run.
    query: str = ""
    # The page path of the address ("charts" for /charts; "" for the app's root).
    page: str = ""
    # What st.context reports about the tab: its full address, language, time zone (IANA
    # name and minutes *behind* UTC, as JavaScript's getTimezoneOffset) and colour scheme.
    url: str = ""
    locale: str = ""
    timezone: str = ""
    timezone_offset: int | None = None
    theme: str = ""


class WidgetValue(msgspec.Struct, forbid_unknown_fields=True):
    """A widget's new value as the browser holds it (the wire form, validated server-side)."""

    id: str
    value: Any


class RerunRequest(msgspec.Struct, tag="rerun", tag_field="type", forbid_unknown_fields=True):
    """Ask for a rerun with new widget values; ``fragment_id`` limits it to one fragment."""

    values: list[WidgetValue] = []
    fragment_id: str | None = None


class Ping(msgspec.Struct, tag="ping", tag_field="type", forbid_unknown_fields=True):
    """Keep-alive from the browser; answered with `Pong`."""


class RowsRequest(msgspec.Struct, tag="rows", tag_field="type", forbid_unknown_fields=True):
    """Rows ``start`` to ``end`` (exclusive) of the paged table ``data_id``, in the order of
    ``sort`` ([shown column, "asc"|"desc"]) or as given, of the rows matching ``search`` when
    given. Answered with `RowsPage`; the server caps a range at 1,000 rows and ignores ids
    and ranges it does not know."""

    data_id: Annotated[str, msgspec.Meta(max_length=64)]
    start: Annotated[int, msgspec.Meta(ge=0)]
    end: Annotated[int, msgspec.Meta(ge=0)]
    sort: tuple[Annotated[int, msgspec.Meta(ge=0)], Literal["asc", "desc"]] | None = None
    # Only the rows with a cell containing this text (case-insensitive), counted anew.
    search: Annotated[str, msgspec.Meta(max_length=200)] | None = None


class Stop(msgspec.Struct, tag="stop", tag_field="type", forbid_unknown_fields=True):
    """The user pressed Stop: end the running script (pure-Python loops included) and drop
    pending reruns; what it wrote so far stays."""


class Navigate(msgspec.Struct, tag="navigate", tag_field="type", forbid_unknown_fields=True):
    """The user opened another page in this tab (menu, page link, back/forward): the browser
    already shows its address; run the app for ``page`` with ``query``."""

    page: str
    query: str = ""


class ClearCaches(msgspec.Struct, tag="clear_caches", tag_field="type", forbid_unknown_fields=True):
    """The user confirmed "Clear caches" in the app's menu: empty every ``cache_data`` and
    ``cache_resource`` cache of the process (as their ``.clear()``); answered with a `Notice`."""


Inbound = Hello | RerunRequest | Ping | RowsRequest | Stop | Navigate | ClearCaches


# --- server -> browser -------------------------------------------------------------------


class Welcome(msgspec.Struct, tag="welcome", tag_field="type"):
    """Answer to `Hello`: the session id to keep, and whether the session is new.

    ``resumed`` is false when the browser asked for a session the server no longer has (for
    example after a server restart): the page says so and starts from a fresh tree.
    """

    version: int
    session_id: str
    resumed: bool


class RunStarted(msgspec.Struct, tag="run_started", tag_field="type", omit_defaults=True):
    """A run began. ``fragment_ids`` is empty for a full run; elements in scope turn stale."""

    run_id: int
    fragment_ids: list[str] = []


class Delta(msgspec.Struct, tag="delta", tag_field="type"):
    """Put ``element`` at ``path``, replacing what is there (a block keeps its children)."""

    path: list[int]
    element: Element


class Keep(msgspec.Struct, tag="keep", tag_field="type"):
    """Children ``start`` to ``end`` (exclusive) of the block at ``path`` are confirmed as is."""

    path: list[int]
    start: int
    end: int


class Extend(msgspec.Struct, tag="extend", tag_field="type"):
    """Append ``rows`` to the ``rows`` of the element at ``path``; its props are unchanged.

    Sent instead of a `Delta` when a run writes an element equal to the one the browser has but
    for rows added at the end, so a streaming chart costs what it adds. ``rows`` is already
    encoded JSON (cut from the element's own encoding), not decoded and encoded again.
    """

    path: list[int]
    rows: msgspec.Raw


class Truncate(msgspec.Struct, tag="truncate", tag_field="type"):
    """The block at ``path`` keeps only its first ``length`` children."""

    path: list[int]
    length: int


class RunFinished(msgspec.Struct, tag="run_finished", tag_field="type"):
    """A run ended: ``status`` is "ok", "error", "stopped" or "interrupted"."""

    run_id: int
    status: str


class PageConfig(msgspec.Struct, tag="page_config", tag_field="type", omit_defaults=True):
    """Page title, icon, layout ("centered"|"wide") and sidebar state from set_page_config."""

    title: str | None = None
    icon: str | None = None
    layout: str | None = None
    sidebar_state: str | None = None


class Reset(msgspec.Struct, tag="reset", tag_field="type"):
    """Forget the whole tree: what follows rebuilds it (sent on reconnect)."""


class Notice(msgspec.Struct, tag="notice", tag_field="type"):
    """A message for the page chrome rather than the app (protocol warnings, script changes)."""

    level: str
    text: str


class Pong(msgspec.Struct, tag="pong", tag_field="type"):
    """Answer to `Ping`."""


class RowsPage(msgspec.Struct, tag="rows_page", tag_field="type"):
    """The answer to `RowsRequest`: ``rows`` from position ``start`` of a table of ``total``
    rows (cells in the order of the element's columns), in the order ``sort`` the request
    named, so an answer that crossed a newer sort is recognised and dropped."""

    data_id: str
    start: int
    rows: list[list[Any]]
    total: int
    sort: tuple[int, str] | None = None
    search: str | None = None  # the request's search: ``total`` counts its matching rows


class NavPage(msgspec.Struct, omit_defaults=True):
    """One entry of the page menu."""

    title: str
    url_path: str
    icon: str = ""
    section: str = ""
    default: bool = False
    hidden: bool = False
    help: str = ""
    external_url: str | None = None


class Navigation(msgspec.Struct, tag="navigation", tag_field="type"):
    """The page menu of a multipage app: where it goes ("sidebar"|"top"|"hidden"), how many
    entries show before "View more" (``visible_items``, 0: all when expanded), the pages and
    the url path of the page shown."""

    position: str
    expanded: bool
    visible_items: int
    pages: list[NavPage]
    current: str


class Location(msgspec.Struct, tag="location", tag_field="type"):
    """Make the address bar show ``page`` and ``query``: a new history entry when ``push``
    (st.switch_page), else a replaced one (st.query_params, an unknown page's fallback)."""

    page: str
    query: str
    push: bool = False


Outbound = (
    Welcome
    | RunStarted
    | Delta
    | Extend
    | Keep
    | Truncate
    | RunFinished
    | PageConfig
    | Reset
    | Notice
    | Pong
    | RowsPage
    | Navigation
    | Location
)
