"""Browser-test helpers: open an app in Chromium and wait for runs, never for time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.conftest import LiveServer

pytestmark = pytest.mark.e2e


class AppPage:
    """A page showing a served app, with waits on what the page itself reports."""

    def __init__(self, page: Page, server: LiveServer) -> None:
        self.page = page
        self.server = server
        self.errors: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self) -> AppPage:
        self.page.goto(self.server.url)
        self.wait_runs(1)
        return self

    def runs(self) -> int:
        return int(self.page.evaluate("window.__rillet ? window.__rillet.runsFinished : 0"))

    def wait_runs(self, count: int) -> None:
        """Wait until ``count`` runs have finished since the page loaded."""
        self.page.wait_for_function(
            f"window.__rillet && window.__rillet.runsFinished >= {count} "
            "&& window.__rillet.state === 'connected'"
        )

    def after_run(self, action: Callable[[], Any]) -> None:
        """Do ``action`` and wait for the run it causes to finish."""
        before = self.runs()
        action()
        self.wait_runs(before + 1)

    def drop_connections(self) -> None:
        """Close every session's socket from the server side, as a network drop would."""
        for session in list(self.server.manager.sessions.values()):
            listener = session.outbox._listener
            conn = getattr(listener, "__self__", None)
            if conn is not None:
                conn.loop.call_soon_threadsafe(
                    lambda c=conn: asyncio.ensure_future(c.websocket.close(code=1001))
                )


@pytest.fixture
def app_page(page: Page, live_app: Callable[..., LiveServer]) -> Callable[..., AppPage]:
    """Serve a script's source and open it in Chromium."""

    def open_app(source: str, **config: Any) -> AppPage:
        return AppPage(page, live_app(source, **config)).open()

    return open_app
