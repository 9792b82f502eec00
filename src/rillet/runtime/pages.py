"""Where a session is in a multipage app: the page asked for, the query string, the page menu.

A tab's address bar is the truth the user sees, so the session keeps what it shows
(`NavState.browser_page` / ``browser_query``) and tells the browser with a `Location` message
whenever a run changes either: ``st.query_params`` writes replace the entry in the browser's
history (no reload, no rerun), ``st.switch_page`` pushes a new one. Navigating in the browser
(menu, page link, back/forward) pushes there first and then sends a `Navigate`.

Also here: the query string's parsing and limits, the ``pages/`` folder convention's file
names, and the page whose widgets are being created (their ids include it, as Streamlit's do,
so equal widgets on two pages keep separate state).
"""

from __future__ import annotations

import logging
import os
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from rillet.protocol.messages import Location, Navigation, NavPage

log = logging.getLogger("rillet.pages")

# Streamlit's limits on a query string from the browser: past them it is ignored as a whole.
QUERY_MAX_LENGTH = 512 * 1024
QUERY_MAX_FIELDS = 1000
# A page path longer than this cannot be a page: it is treated as unknown.
PAGE_MAX_LENGTH = 1024

# The internal id of the page whose body is running (None in the main script's own code).
ACTIVE_PAGE: ContextVar[str | None] = ContextVar("rillet_active_page", default=None)

QueryDict = dict[str, "list[str] | str"]


def parse_query(query: str) -> tuple[QueryDict, str | None]:
    """The query string as ``{key: value or [values]}``, and a problem to tell the user (the
    string is ignored as a whole when it breaks a limit, as Streamlit does)."""
    query = query.lstrip("?")
    if not query:
        return {}, None
    if len(query) > QUERY_MAX_LENGTH:
        return {}, (
            f"The address's query string ({len(query):,} characters) is longer than "
            f"{QUERY_MAX_LENGTH:,}; st.query_params ignores it."
        )
    if query.count("&") + 1 > QUERY_MAX_FIELDS:
        return {}, (
            f"The address's query string has more than {QUERY_MAX_FIELDS:,} parameters; "
            "st.query_params ignores it."
        )
    parsed = parse_qs(query, keep_blank_values=True, errors="replace")
    return {k: v[0] if len(v) == 1 else v for k, v in parsed.items()}, None


def encode_query(values: QueryDict) -> str:
    """``{key: value or [values]}`` as a query string (repeated keys for lists)."""
    return urlencode(values, doseq=True)


def clean_page_path(page: str) -> str:
    """A page path from the browser, without slashes around it; "" for the default page."""
    page = page.strip().strip("/")
    return page if len(page) <= PAGE_MAX_LENGTH else "\x00too-long"


@dataclass
class NavState:
    """One session's page, query parameters and page menu."""

    # The page path the browser asked for ("" for the default page).
    requested: str = ""
    query: QueryDict = field(default_factory=dict)
    # What the tab's address bar shows now.
    browser_page: str = ""
    browser_query: str = ""
    # The url path of the page the latest run showed.
    current: str = ""
    # Set by switch_page: the next Location adds a history entry instead of replacing one.
    push_next: bool = False
    # The menu the last `navigation` call sent (resent to a reconnecting tab).
    menu: Navigation | None = None
    # True once the app called st.navigation (the pages/ folder is then ignored).
    uses_navigation: bool = False
    # The pages of the latest menu: url path -> (title, icon, help, external url), and each
    # page file's absolute path -> its url path (page_link and switch_page take either).
    entries: dict[str, NavPage] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)

    def open(self, page: str, query: str) -> str | None:
        """The browser is at ``page?query`` (a new tab, back/forward, a link); returns a
        problem with the query to show, if any."""
        self.requested = clean_page_path(page)
        self.browser_page = self.requested
        self.query, problem = parse_query(query)
        self.browser_query = query.lstrip("?")
        return problem

    def location(self) -> Location | None:
        """The `Location` to send when the address bar no longer matches the session (by
        meaning: "a=1&b" and "a=1&b=" are the same parameters)."""
        query = encode_query(self.query)
        same_query = parse_query(self.browser_query)[0] == self.query
        if self.current == self.browser_page and same_query:
            return None
        push = self.push_next and self.current != self.browser_page
        self.push_next = False
        self.browser_page, self.browser_query = self.current, query
        return Location(page=self.current, query=query, push=push)


# --- the pages/ folder convention --------------------------------------------------------

_PAGE_FILE = re.compile(r"([0-9]*)[_ -]*(.*)\.py")


def page_sort_key(path: str) -> tuple[float, str]:
    """Files in ``pages/`` sort by their number prefix, then by name."""
    match = _PAGE_FILE.fullmatch(os.path.basename(path))
    if match is None:
        return (float("inf"), os.path.basename(path).lower())
    number, label = match.groups()
    return (float(number) if number else float("inf"), label.lower())


def page_icon_and_name(path: str) -> tuple[str, str]:
    """A page file's icon (a leading emoji) and name: ``1_📈_Plots.py`` -> ("📈", "Plots")."""
    match = _PAGE_FILE.fullmatch(os.path.basename(path))
    if match is None:
        return "", ""
    name = re.sub(r"[_ ]+", "_", match.group(2)).strip() or match.group(1)
    if name.isascii():
        return "", name
    # A leading run of non-word characters that are not ASCII is the icon (an emoji with its
    # modifiers and joiners), then an optional separator.
    lead = re.match(r"([^\w\s]|[\u200d\ufe0f\U0001f3fb-\U0001f3ff])+", name)
    if lead is None or lead.group(0).isascii():
        return "", name
    icon = lead.group(0)
    return icon, name[len(icon) :].lstrip("_ -")


def pages_folder_files(main_script: str) -> list[str] | None:
    """The scripts of the ``pages/`` folder beside the main script, in menu order, or None
    when there is no such folder."""
    folder = os.path.join(os.path.dirname(os.path.abspath(main_script)), "pages")
    if not os.path.isdir(folder):
        return None
    names = [
        n
        for n in os.listdir(folder)
        if n.endswith(".py") and not n.startswith(".") and n != "__init__.py"
    ]
    return [os.path.join(folder, n) for n in sorted(names, key=page_sort_key)]
