"""Commands that steer the run rather than draw: rerun, stop, page config, session state."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any, NoReturn

from rillet.protocol.messages import PageConfig
from rillet.runtime import context
from rillet.runtime.errors import RerunRequested, RilletAPIException, StopRun
from rillet.runtime.state import SessionState


def rerun(scope: str | list[str] | tuple[str, ...] = "app") -> NoReturn:
    """Stop this run now and start a new one.

    Parameters:
        scope: "app" reruns the whole script; "fragment" only the fragment that calls it
            (during a fragment rerun); a fragment key, or a list of keys, reruns the
            fragments registered under them.
    """
    ctx = context.current()
    if scope == "app":
        raise RerunRequested("app")
    if scope == "fragment":
        if ctx is None or ctx.fragment_id is None or not ctx.is_fragment_run:
            raise RilletAPIException(
                'scope="fragment" can only be specified from `@st.fragment`-decorated '
                "functions during fragment reruns."
            )
        raise RerunRequested("fragment", (ctx.fragment_id,))
    keys = [scope] if isinstance(scope, str) else list(scope)
    ids = [fid for k in keys for fid in (ctx.session.fragments.by_key(k) if ctx else [])]
    if not keys or not all(isinstance(k, str) for k in keys) or (ctx is not None and not ids):
        raise RilletAPIException(
            f"'{scope}' is not a valid rerun scope. Valid scopes are 'app', 'fragment', "
            "or the key of a fragment this app registered."
        )
    raise RerunRequested("fragment", tuple(ids))


def stop() -> NoReturn:
    """Stop the script here; what it wrote so far stays on the page."""
    raise StopRun()


_LAYOUTS = ("centered", "wide")
_SIDEBAR_STATES = ("auto", "expanded", "collapsed")


def set_page_config(
    page_title: str | None = None,
    page_icon: str | None = None,
    layout: str | None = None,
    initial_sidebar_state: str | None = None,
    menu_items: dict[str, Any] | None = None,
) -> None:
    """Set the browser tab's title and icon, the page layout and the sidebar's first state.

    Parameters:
        page_title: The tab title (default: the script's name).
        page_icon: An emoji or an image URL for the tab icon.
        layout: "centered" (a readable column) or "wide" (the whole width).
        initial_sidebar_state: "auto", "expanded" or "collapsed".
        menu_items: Accepted for compatibility; the app's menu does not show these items yet.
    """
    if layout is not None and layout not in _LAYOUTS:
        raise RilletAPIException(f'`layout` must be "centered" or "wide" (got "{layout}")')
    if initial_sidebar_state is not None and initial_sidebar_state not in _SIDEBAR_STATES:
        raise RilletAPIException(
            '`initial_sidebar_state` must be "auto" or "expanded" or "collapsed" '
            f'(got "{initial_sidebar_state}")'
        )
    ctx = context.current()
    if ctx is None:
        return
    if page_title is not None:
        ctx.page_config_set = True  # a multipage app's page title gives way to it
    old = ctx.session.page_config or PageConfig()
    config = PageConfig(
        title=page_title if page_title is not None else old.title,
        icon=page_icon if page_icon is not None else old.icon,
        layout=layout if layout is not None else old.layout,
        sidebar_state=initial_sidebar_state
        if initial_sidebar_state is not None
        else old.sidebar_state,
    )
    if config != ctx.session.page_config:
        ctx.session.page_config = config
        ctx.session.outbox.push(config)


_BARE_STATE = SessionState()


class SessionStateProxy(MutableMapping[str, Any]):
    """``st.session_state``: the state of the session whose run calls it."""

    @staticmethod
    def _state() -> SessionState:
        ctx = context.current(warn=True)
        return _BARE_STATE if ctx is None else ctx.session.state

    def __getitem__(self, key: str) -> Any:
        return self._state()[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._state()[key] = value

    def __delitem__(self, key: str) -> None:
        del self._state()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._state())

    def __len__(self) -> int:
        return len(self._state())

    def __contains__(self, key: object) -> bool:
        return key in self._state()

    def __getattr__(self, key: str) -> Any:
        return getattr(self._state(), key)

    def __setattr__(self, key: str, value: Any) -> None:
        setattr(self._state(), key, value)

    def __delattr__(self, key: str) -> None:
        delattr(self._state(), key)

    def __repr__(self) -> str:
        return repr(self._state())

    def to_dict(self) -> dict[str, Any]:
        """A plain copy of every key and its value."""
        return self._state().to_dict()


session_state = SessionStateProxy()
