"""Browser libraries in Chromium: a page without charts fetches none of them, and
`loadLibrary` loads each one (checked against its SRI hash) into an object with its API."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Request, Response, Route

from tests.e2e.conftest import AppPage

NO_CHARTS = """
import rillet as st
st.title("No charts here")
st.write("Some text")
st.button("Press")
st.dataframe({"a": [1, 2, 3]})
"""

# The library's API, checked where the chart modules will use it.
API = {
    "vega": "typeof lib.vega.View === 'function' && typeof lib.vegaLite.compile === 'function'"
    " && typeof lib.vegaEmbed === 'function'",
    "plotly": "typeof lib.newPlot === 'function' && typeof lib.react === 'function'",
    "echarts": "typeof lib.init === 'function'",
    "mermaid": "typeof lib.render === 'function' && typeof lib.initialize === 'function'",
    "deck": "typeof lib.Deck === 'function' && typeof lib.JSONConverter === 'function'"
    " && typeof lib.ScatterplotLayer === 'function'",
    "graphviz": "typeof lib.instance === 'function'",
}


def load(page: Page, name: str) -> bool:
    """Whether ``loadLibrary(name)`` resolves in the page to an object with its API."""
    return bool(
        page.evaluate(
            f"import('./static/vendor.js').then(m => m.loadLibrary({name!r}))"
            f".then(lib => {API[name]})"
        )
    )


def test_a_page_without_charts_requests_no_library_or_chart_module(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    app = app_page(NO_CHARTS)
    page.get_by_role("grid").wait_for()
    page.wait_for_load_state("networkidle")
    static = [u for u in requested if "/static/" in u]
    assert any(u.endswith("/static/main.js") for u in static), "the page's own modules load"
    # The theme's fonts live under vendor/ too (from their npm packages); they are no library.
    fonts = [u for u in static if u.split("?")[0].endswith(".woff2")]
    lazy = [
        u
        for u in static
        if ("/static/vendor" in u or "/static/elements/charts/" in u) and u not in fonts
    ]
    assert lazy == []
    assert app.errors == []


@pytest.mark.parametrize("name", sorted(API))
def test_load_library_resolves_to_the_library_api(
    page: Page, app_page: Callable[..., AppPage], name: str
) -> None:
    responses: list[Response] = []
    page.on("response", lambda r: responses.append(r))
    app = app_page(NO_CHARTS)
    assert load(page, name)
    vendored = [
        r
        for r in responses
        if "/static/vendor/" in r.url
        and "manifest" not in r.url
        and not r.url.split("?")[0].endswith(".woff2")  # the theme's fonts: compressed already
    ]
    assert vendored
    for response in vendored:  # the exact version, gzipped, kept by the browser for good
        assert response.status == 200 and "?v=" in response.url
        assert response.headers["content-encoding"] == "gzip"
        assert "immutable" in response.headers["cache-control"]
    assert app.errors == []


def test_a_library_loads_once_per_page(page: Page, app_page: Callable[..., AppPage]) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    app_page(NO_CHARTS)
    same = page.evaluate(
        "import('./static/vendor.js').then(async m => "
        "(await m.loadLibrary('echarts')) === (await m.loadLibrary('echarts')))"
    )
    assert same is True
    assert len([u for u in requests if "echarts.min.js" in u]) == 1


def test_a_failed_load_names_the_library_and_can_be_retried(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    app_page(NO_CHARTS)
    fail = True

    def route(request_route: Route) -> None:
        if fail:
            request_route.abort()
        else:
            request_route.continue_()

    page.route("**/vendor/echarts/**", route)
    message = page.evaluate(
        "import('./static/vendor.js').then(m => m.loadLibrary('echarts'))"
        ".then(() => 'loaded', err => err.message)"
    )
    assert '"echarts"' in message and "echarts/echarts.min.js" in message
    fail = False
    assert load(page, "echarts")


def test_a_tampered_file_is_refused_by_its_integrity_hash(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    app_page(NO_CHARTS)
    tampered: list[Request] = []

    def route(request_route: Route) -> None:
        tampered.append(request_route.request)
        request_route.fulfill(
            status=200, content_type="text/javascript", body="window.Viz = {instance() {}};"
        )

    page.route("**/vendor/@viz-js/viz/**", route)
    message = page.evaluate(
        "import('./static/vendor.js').then(m => m.loadLibrary('graphviz'))"
        ".then(() => 'loaded', err => err.message)"
    )
    assert tampered and "integrity" in message
    assert page.evaluate("typeof window.Viz") == "undefined"
