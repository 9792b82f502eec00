"""Multipage apps: ``st.navigation``, ``st.Page``, ``st.page_link`` and ``st.switch_page``.

As in Streamlit, the main script runs on every rerun of every page: it calls `navigation`
with the pages, which picks the page the tab's address names (or the default one, with a
notice for an address that names none) and returns it; the script then calls ``.run()``. The
menu goes to the browser as a `Navigation` message; the address bar follows the session's
page and query through `Location` messages (runtime/pages.py).

An app that never calls `navigation` but has a ``pages/`` folder beside its script gets a menu
of the script and those files (Streamlit's first multipage convention).
"""

from __future__ import annotations

import os
import re
import threading
import types
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

from rillet.elements.base import Container, command, emit
from rillet.elements.files import safe_link
from rillet.elements.query_params import query_dict
from rillet.protocol.messages import Navigation, NavPage, Notice, PageConfig
from rillet.runtime import context
from rillet.runtime.context import RunContext
from rillet.runtime.errors import RerunRequested, RilletAPIException
from rillet.runtime.options import STORE
from rillet.runtime.pages import (
    ACTIVE_PAGE,
    encode_query,
    page_icon_and_name,
    pages_folder_files,
)
from rillet.runtime.runner import SCRIPT_GLOBALS, SCRIPT_WRAPPER
from rillet.runtime.script import ScriptSource

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_SOURCES: dict[tuple[str, bool], ScriptSource] = {}
_SOURCES_LOCK = threading.Lock()


def _main_dir(ctx: RunContext | None) -> str:
    if ctx is None:
        return os.getcwd()
    return os.path.dirname(os.path.abspath(ctx.session.script.path))


def _sanitize_url_path(title: str) -> str:
    path = re.sub(r"\s+", "_", title.lower())
    path = re.sub(r"[&#?/\\:*\"<>|']", "", path).strip("_")
    return re.sub(r"_+", "_", path)


def _check_url_path(url_path: str) -> None:
    if "/" in url_path:
        raise RilletAPIException(
            f"The `url_path` `{url_path}` cannot include `/`. Streamlit does not support "
            "nested URL pathnames yet, so use a single path segment (e.g. `foo_bar`)."
        )


def page_not_found(page: str, directory: str, uses_pages_folder: bool) -> RilletAPIException:
    """Streamlit's error for a page that is not one of the app's pages."""
    if uses_pages_folder:
        return RilletAPIException(
            f"Could not find page: `{page}`. You must provide a file path relative to the "
            f"entrypoint file (from the directory `{os.path.basename(directory)}`). Only the "
            "entrypoint file and files in the `pages/` directory are supported."
        )
    return RilletAPIException(
        f"Could not find page: `{page}`. You must provide a `Page` object or file path "
        "relative to the entrypoint file. Only pages previously defined by `st.Page` and "
        "passed to `st.navigation` are allowed."
    )


class Page:
    """A page of a multipage app: a script file or a function, with a title, icon and path.

    Parameters:
        page: The page's script, as a path relative to the main script (str or Path), a
            function that draws the page, or an external http(s) URL (then ``title`` is
            required and the menu links out).
        title: The menu label and browser tab title (default: from the file or function
            name; ``1_📈_Plots.py`` becomes "Plots").
        icon: An emoji or ``:material/name:`` shown beside the title (default: a leading
            emoji of the file name).
        url_path: The page's path in the address (default: from the file or function name).
            The default page is served at the app's root.
        default: Whether this is the page shown at the app's root (default: the first page).
        visibility: "visible", or "hidden" to leave it out of the menu (it still opens by
            its address, a page link or switch_page).
        help: A tooltip for the page's menu entry.
    """

    def __init__(
        self,
        page: str | Path | Callable[[], Any],
        *,
        title: str | None = None,
        icon: str | None = None,
        url_path: str | None = None,
        default: bool = False,
        visibility: str = "visible",
        help: str | None = None,
    ) -> None:
        if visibility not in ("visible", "hidden"):
            raise RilletAPIException(
                "Invalid `visibility` value. Valid values are: visible, hidden."
            )
        self._default = default
        self._visibility = visibility
        self._help = (help or "").strip()
        self._external_url: str | None = None
        self._file: str | None = None
        self._func: Callable[[], Any] | None = None
        self._can_be_called = False
        if isinstance(page, str) and _URL.match(page):
            if not title or not title.strip():
                raise RilletAPIException(
                    "`title` is required: External URL pages require a non-empty title. "
                    f"Please provide a title for the URL: {page}"
                )
            if default:
                raise RilletAPIException(
                    "`page=<external URL>` and `default=True` cannot be used together: "
                    "External URL pages cannot be set as the default page."
                )
            self._external_url = safe_link(page)
            self._title, self._icon = title, icon or ""
            self._url_path = (_sanitize_url_path(title) if url_path is None else url_path).strip()
            self._url_path = self._url_path.strip("/")
            _check_url_path(self._url_path)
            return
        inferred_icon, inferred_name = "", ""
        if isinstance(page, str | Path):
            text = str(page)
            if "\x00" in text:
                raise RilletAPIException(
                    "Unable to create Page. Page paths must not contain null bytes."
                )
            path = os.path.realpath(os.path.join(_main_dir(context.current()), text))
            if not os.path.isfile(path):
                raise RilletAPIException(
                    f"Unable to create Page. The file `{os.path.basename(path)}` could not "
                    "be found."
                )
            self._file = path
            inferred_icon, inferred_name = page_icon_and_name(path)
        elif callable(page):
            self._func = page
            inferred_name = str(getattr(page, "__name__", ""))
            if not inferred_name and title is None:
                raise RilletAPIException(
                    "`title` is required: rillet cannot infer a title from this callable."
                )
        else:
            raise RilletAPIException(
                "The `page` argument must be a str, Path or callable (or an st.Page), not "
                f"{type(page).__name__}."
            )
        self._title = title or inferred_name.replace("_", " ")
        self._icon = icon if icon is not None else inferred_icon
        if not self._title.strip():
            raise RilletAPIException(
                "`title` is required: It cannot be empty or consist of underscores/spaces only."
            )
        self._url_path = inferred_name
        if url_path is not None:
            stripped = url_path.strip().strip("/")
            if not stripped and not default:
                raise RilletAPIException(
                    "`url_path` is required: It can only be empty for the default page."
                )
            _check_url_path(stripped)
            self._url_path = stripped

    @property
    def title(self) -> str:
        """The page's title."""
        return self._title

    @property
    def icon(self) -> str:
        """The page's icon ("" for none)."""
        return self._icon

    @property
    def url_path(self) -> str:
        """The page's path in the address ("" for the default page)."""
        return "" if self._default else self._url_path

    @property
    def help(self) -> str:
        """The menu entry's tooltip."""
        return self._help

    @property
    def visibility(self) -> str:
        """ "visible" or "hidden"."""
        return self._visibility

    @property
    def is_external(self) -> bool:
        """True for a page that links to another site."""
        return self._external_url is not None

    @property
    def external_url(self) -> str | None:
        """The external page's URL."""
        return self._external_url

    @property
    def _key(self) -> str:
        """The page's identity within the app (its own url path, even as the default)."""
        return self._url_path

    def __repr__(self) -> str:
        return f"Page(title={self._title!r}, url_path={self.url_path!r})"

    def run(self) -> None:
        """Run the page: call its function or execute its script, in place."""
        if not self._can_be_called:
            raise RilletAPIException(
                "This page cannot be called directly. Only the page returned from "
                "st.navigation can be called once."
            )
        self._can_be_called = False
        ctx = context.current()
        if ctx is None or self.is_external:
            return
        token = ACTIVE_PAGE.set(self._key)
        try:
            if self._file is not None:
                _run_file(ctx, self._file)
            elif self._func is not None:
                self._func()
        finally:
            ACTIVE_PAGE.reset(token)


def _run_file(ctx: RunContext, path: str) -> None:
    magic = ctx.session.script.magic
    with _SOURCES_LOCK:
        source = _SOURCES.get((path, magic))
        if source is None:
            source = _SOURCES[(path, magic)] = ScriptSource(path, magic)
    code = source.code()
    module = types.ModuleType("__main__")
    module.__dict__.update({"__file__": path, "__builtins__": __builtins__, **SCRIPT_GLOBALS})
    exec(code, module.__dict__)


PageType = str | Path | Callable[[], Any] | Page


def _as_page(page: PageType) -> Page:
    return page if isinstance(page, Page) else Page(page)


def _describe(page: Page, section: str) -> str:
    if page.is_external:
        text = f"external URL `{page.external_url}`"
    elif page._file is not None:
        text = f"`{os.path.basename(page._file)}`"
    else:
        text = f'callable titled "{page.title}"'
    notes = [f'section "{section}"'] if section else []
    if page.visibility == "hidden":
        notes.append("hidden")
    if page._default:
        notes.append("default page")
    return text + (f" ({', '.join(notes)})" if notes else "")


def navigation(
    pages: Sequence[PageType] | Mapping[str, Sequence[PageType]],
    *,
    position: str = "sidebar",
    expanded: bool | int = False,
) -> Page:
    """Declare the app's pages and return the one to show; call ``.run()`` on it.

    Parameters:
        pages: A list of pages (``st.Page``, script paths or functions), or a dict of
            section header -> list of pages for a menu in sections.
        position: "sidebar" (the menu at the top of the sidebar), "top" (in the header) or
            "hidden" (no menu: navigate with page_link and switch_page).
        expanded: Show every page in the sidebar menu (True), only some with a "View more"
            button (False; Streamlit's collapsed menu), or this many pages first (an int).
    """
    if not isinstance(position, str) or position not in ("sidebar", "hidden", "top"):
        raise RilletAPIException(
            "Invalid `position` value. Valid values are: 'sidebar', 'hidden', 'top'."
        )
    if isinstance(expanded, bool):
        visible = 0
    elif isinstance(expanded, int):
        if expanded < 0:
            raise RilletAPIException(
                "Invalid `expanded` value. Valid values are: True, False, a non-negative "
                f"integer. Provided value: {expanded!r}."
            )
        visible, expanded = expanded, False
    else:
        raise RilletAPIException(
            f"The `expanded` parameter must be a bool or an int, not {type(expanded).__name__}."
        )
    if isinstance(pages, Mapping):
        sections = {str(h): [_as_page(p) for p in ps] for h, ps in pages.items()}
    else:
        sections = {"": [_as_page(p) for p in pages]}
    listed = [(h, p) for h, ps in sections.items() for p in ps]
    if not listed:
        raise RilletAPIException("`pages` is required: Provide at least one `st.Page`.")
    defaults = [p for _, p in listed if p._default]
    if len(defaults) > 1:
        raise RilletAPIException(
            "Multiple Pages specified with `default=True`. At most one Page can be set to default."
        )
    if defaults:
        default = defaults[0]
    else:
        internal = [p for _, p in listed if not p.is_external]
        if not internal:
            raise RilletAPIException(
                "At least one non-external page is required. External URL pages cannot be "
                "the default page."
            )
        default = internal[0]
        default._default = True
    seen: dict[str, tuple[str, Page]] = {}
    for header, page in listed:
        if page._key in seen:
            first = seen[page._key]
            raise RilletAPIException(
                f"Two pages resolve to the URL pathname `/{page._key}`: "
                f"{_describe(first[1], first[0])} and {_describe(page, header)}. Each page "
                "passed to `st.navigation` needs a unique URL pathname, including pages in "
                "different sections, hidden pages, and external URL pages. rillet infers the "
                "pathname from the filename, callable name, or the title of an external URL "
                "page. Set a unique `url_path` in `st.Page` for one of these pages."
            )
        seen[page._key] = (header, page)
    ctx = context.current()
    if ctx is None:
        default._can_be_called = True
        return default
    return _select(ctx, sections, default, position, bool(expanded), visible)


def _select(
    ctx: RunContext,
    sections: dict[str, list[Page]],
    default: Page,
    position: str,
    expanded: bool,
    visible: int,
) -> Page:
    session = ctx.session
    nav = session.nav
    nav.uses_navigation = True
    ctx.extra["navigation_called"] = True
    if position == "sidebar" and STORE.get("client.showSidebarNavigation") is False:
        position = "hidden"
    entries: list[NavPage] = []
    files: dict[str, str] = {}
    for header, section_pages in sections.items():
        for page in section_pages:
            entries.append(
                NavPage(
                    title=page.title,
                    url_path=page.url_path,
                    icon=page.icon,
                    section=header,
                    default=page._default,
                    hidden=page.visibility == "hidden",
                    help=page.help,
                    external_url=page.external_url,
                )
            )
            if page._file is not None:
                files[page._file] = page.url_path
    requested = nav.requested
    chosen: Page | None = None
    for page in (p for ps in sections.values() for p in ps):
        if not page.is_external and requested in (page.url_path, page._key):
            chosen = page
            break
    if chosen is None:
        chosen = default
        if requested:
            session.outbox.push(
                Notice(
                    "warning",
                    f"Page not found: you asked for the page /{requested[:200]}, which this "
                    "app does not have. Showing the app's main page instead.",
                )
            )
        nav.requested = ""
    nav.current = chosen.url_path
    nav.entries = {e.url_path: e for e in entries}
    nav.files = files
    menu = Navigation(
        position=position,
        expanded=expanded,
        visible_items=visible,
        pages=entries,
        current=chosen.url_path,
    )
    if menu != nav.menu:
        nav.menu = menu
        session.outbox.push(menu)
    location = nav.location()
    if location is not None:
        session.outbox.push(location)
        session.query = location.query
    _page_title(ctx, chosen)
    chosen._can_be_called = True
    return chosen


def _page_title(ctx: RunContext, page: Page) -> None:
    """The tab shows the page's title and icon unless set_page_config set its own."""
    if ctx.page_config_set:
        return
    session = ctx.session
    old = session.page_config or PageConfig()
    config = PageConfig(
        title=page.title,
        icon=page.icon or old.icon,
        layout=old.layout,
        sidebar_state=old.sidebar_state,
    )
    if config != session.page_config:
        session.page_config = config
        session.outbox.push(config)


def _resolve(ctx: RunContext, page: str | Path | Page, what: str) -> NavPage:
    """The menu entry of ``page`` (an st.Page or a script path), or Streamlit's error."""
    nav = ctx.session.nav
    if isinstance(page, Page):
        entry = nav.entries.get(page.url_path)
        if entry is None or (page._file is not None and nav.files.get(page._file) is None):
            raise RilletAPIException(
                f"The page {page.title!r} is not one of the pages passed to st.navigation "
                f"in this run, so {what} cannot open it."
            )
        return entry
    text = str(page)
    if "\x00" in text:
        raise RilletAPIException("Page paths must not contain null bytes.")
    directory = _main_dir(ctx)
    path = os.path.realpath(os.path.join(directory, text))
    url_path = nav.files.get(path)
    if url_path is None or url_path not in nav.entries:
        raise page_not_found(text, directory, not nav.uses_navigation)
    return nav.entries[url_path]


def switch_page(page: str | Path | Page, *, query_params: Any = None) -> NoReturn:
    """Stop this run and show another page of the app, as if the user had opened it.

    ``st.session_state`` is kept; the widgets of the page left are dropped, as Streamlit does.
    The address bar gets a new history entry, so the browser's Back button returns.

    Parameters:
        page: The page: an ``st.Page`` passed to ``st.navigation``, or the path of a page's
            script relative to the main script (e.g. "pages/2_Charts.py" or the main script).
        query_params: The new page's query parameters (a mapping or (key, value) pairs);
            without them the query parameters are cleared, as in Streamlit.
    """
    ctx = context.current()
    if ctx is None:
        raise RilletAPIException("st.switch_page can only be called while an app runs.")
    if isinstance(page, Page) and page.is_external:
        raise RilletAPIException(
            "Cannot use st.switch_page with external URL pages. Use st.page_link instead "
            "to create a link to external pages."
        )
    entry = _resolve(ctx, page, "st.switch_page")
    new_query = query_dict(query_params) if query_params is not None else {}
    nav = ctx.session.nav
    nav.requested = entry.url_path
    nav.query = new_query
    nav.push_next = True
    raise RerunRequested("app")


@command
def page_link(
    page: str | Path | Page,
    *,
    label: str | None = None,
    icon: str | None = None,
    icon_position: str = "left",
    help: str | None = None,
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: str | int = "content",
    query_params: Any = None,
) -> Container:
    """Show a link to another page of the app, or to an external page.

    Clicking a link to a page of the app opens that page in the same tab without reloading
    (like the menu); an external link opens in a new tab.

    Parameters:
        page: An ``st.Page``, the path of a page's script relative to the main script, or
            an external http(s) URL.
        label: The link's text (default: the page's title; required for an external URL).
        icon: An emoji or ``:material/name:`` (default: the page's icon).
        icon_position: "left" or "right" of the label.
        help: A tooltip (default: the page's help).
        disabled: Show the link greyed out and not clickable.
        use_container_width: Stretch the link to its container's width (deprecated for
            ``width="stretch"``).
        width: "content", "stretch" or a number of pixels.
        query_params: Query parameters the opened page gets (a mapping or (key, value)
            pairs).
    """
    if icon_position not in ("left", "right"):
        raise RilletAPIException("`icon_position` must be 'left' or 'right'.")
    props: dict[str, Any] = {
        "label": label,
        "icon": icon,
        "icon_position": icon_position,
        "help": help,
        "disabled": bool(disabled),
        "external": False,
        "page": "",
        "query": encode_query(query_dict(query_params)) if query_params else "",
    }
    if use_container_width:
        props["width"] = "stretch"
    elif width != "content":
        props["width"] = width
    ctx = context.current()
    if isinstance(page, Page) and page.is_external:
        props.update(
            label=label or page.title,
            icon=icon or page.icon,
            external=True,
            page=page.external_url,
            help=help or page.help,
        )
    elif isinstance(page, str) and _URL.match(page):
        if not label:
            raise RilletAPIException(
                "`label` is required: rillet cannot infer a label for an external URL."
            )
        props.update(external=True, page=safe_link(page))
    elif ctx is not None:
        entry = _resolve(ctx, page, "st.page_link")
        props.update(
            label=label if label is not None else entry.title,
            icon=icon if icon is not None else entry.icon,
            help=help if help is not None else entry.help,
            page=entry.url_path,
        )
    return emit("page_link", props)


def _run_with_pages_folder(ctx: RunContext, run_main: Callable[[], None]) -> None:
    """A full run: the main script, or, for an app with a ``pages/`` folder that has not
    called st.navigation, the page the address names (the main script being the first)."""
    nav = ctx.session.nav
    files = None if nav.uses_navigation else pages_folder_files(ctx.session.script.path)
    if files is None:
        run_main()
        if not ctx.extra.get("navigation_called"):
            _single_page(ctx)
        return
    main_path = os.path.realpath(ctx.session.script.path)
    icon, name = page_icon_and_name(main_path)
    main = Page(run_main, title=name.replace("_", " "), icon=icon, url_path=name, default=True)
    main._file = main_path
    pages = [main, *(Page(os.path.relpath(f, os.path.dirname(main_path))) for f in files)]
    position = "sidebar" if STORE.get("client.showSidebarNavigation") else "hidden"
    chosen = _select(ctx, {"": pages}, main, position, False, 0)
    nav.uses_navigation = False  # the folder stays in charge until the app calls navigation
    chosen.run()


def _single_page(ctx: RunContext) -> None:
    """A one-page app opened at a page path: say so, and show the app at its root."""
    nav = ctx.session.nav
    if nav.requested:
        ctx.session.outbox.push(
            Notice(
                "warning",
                f"Page not found: you asked for the page /{nav.requested[:200]}, which this "
                "app does not have. Showing the app's main page instead.",
            )
        )
        nav.requested = ""
    nav.current = ""
    location = nav.location()
    if location is not None:
        ctx.session.outbox.push(location)


SCRIPT_WRAPPER[:] = [_run_with_pages_folder]
