"""A page served by ``st.App`` under uvicorn works in Chromium: secrets from code and file,
and ``on_script_error`` replacing the exception display."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.server.asgi_fixture import served_asgi_app


def test_the_page_of_an_asgi_app_runs_with_merged_secrets_and_the_error_hook(
    page: Page, tmp_path: Path
) -> None:
    with served_asgi_app(tmp_path) as url:
        page.goto(f"{url}/")
        expect(page.get_by_role("heading", name="Served by st.App")).to_be_visible()
        expect(page.get_by_text("greeting: hello from code")).to_be_visible()
        expect(page.get_by_text("from file: kept")).to_be_visible()
        page.get_by_role("button", name="Fail").click()
        expect(page.get_by_text("handled: boom")).to_be_visible()
        expect(page.get_by_text("ValueError")).to_have_count(0)
