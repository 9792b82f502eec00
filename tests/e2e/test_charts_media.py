"""pyplot, Graphviz, map and pydeck charts in Chromium: a figure's image loads and is cached,
a digraph draws its labels, a bad DOT shows its error, a map draws its points without any
base map, and a click on a pydeck object reruns the app with the selection."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import rillet.server.media as media_route
from tests.e2e.conftest import AppPage

PYPLOT = """
import rillet as st
from matplotlib.figure import Figure
fig = Figure(figsize=(4, 3))
fig.subplots().plot([1, 2, 3], [3, 1, 2])
st.pyplot(fig, alt="Three points, down then up")
"""


def test_a_figure_shows_as_an_image_that_loads_and_is_cached(
    app_page: Callable[..., AppPage], monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[int] = []
    original = media_route.serve_inline

    def counted(media: Any, request: Any) -> Any:
        response = original(media, request)
        served.append(response.status_code)
        return response

    monkeypatch.setattr(media_route, "serve_inline", counted)
    app = app_page(PYPLOT)
    image = app.page.get_by_role("img", name="Three points, down then up")
    expect(image).to_be_visible()
    app.page.wait_for_function(
        "() => { const i = document.querySelector('img.rillet-pyplot');"
        " return i && i.complete && i.naturalWidth > 0 }"
    )
    assert image.evaluate("i => i.naturalWidth") > 600
    assert served == [200]

    app.page.reload()
    # A reload may resume the session (its tree is sent again, without a run): wait for the
    # image itself.
    app.page.wait_for_function(
        "() => { const i = document.querySelector('img.rillet-pyplot');"
        " return i && i.complete && i.naturalWidth > 0 }"
    )
    assert served.count(200) == 1, f"the image was sent again on reload: {served}"
    # immutable: the browser does not even revalidate it (no 304 either).
    assert served == [200]
    assert app.errors == []


DIGRAPH = """
import graphviz
import rillet as st
graph = graphviz.Digraph()
graph.edge("run", "intr")
graph.edge("intr", "kernel")
st.graphviz_chart(graph, alt="Run to kernel")
"""


def test_a_digraph_draws_its_node_labels_as_svg_text(app_page: Callable[..., AppPage]) -> None:
    app = app_page(DIGRAPH)
    graph = app.page.get_by_role("img", name="Run to kernel")

    expect(graph.locator("g.node text")).to_have_text(["run", "intr", "kernel"])
    expect(graph.locator("g.edge")).to_have_count(2)
    assert app.errors == []


def test_graph_text_follows_the_dark_theme(page: Page, app_page: Callable[..., AppPage]) -> None:
    page.emulate_media(color_scheme="dark")
    app = app_page(DIGRAPH)
    label = app.page.locator("g.node text").first
    expect(label).to_have_text("run")

    fill = label.get_attribute("fill")
    text = app.page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--rl-text').trim()"
    )
    assert fill == text and fill not in ("black", "#000000")


def test_a_dot_syntax_error_is_shown_in_the_chart_box(app_page: Callable[..., AppPage]) -> None:
    app = app_page('import rillet as st\nst.graphviz_chart("digraph { a -> }")\nst.text("after")')

    expect(app.page.get_by_role("alert")).to_contain_text("could not be drawn")
    expect(app.page.get_by_text("after")).to_be_visible()


MAP = """
import pandas as pd
import rillet as st
st.map(pd.DataFrame({"lat": [48.85, 48.86, 48.87], "lon": [2.33, 2.35, 2.34]}),
       size=200, alt="Three places in Paris")
"""


def coloured_pixels(png: bytes) -> int:
    """Pixels of the theme's red primary colour (the points) in a screenshot."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    raw = image.tobytes()
    pixels = zip(raw[0::3], raw[1::3], raw[2::3], strict=True)
    return sum(1 for r, g, b in pixels if r - g > 60 and r - b > 60)


def test_a_map_draws_its_points_on_a_canvas_without_a_base_map(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(MAP)
    box = app.page.locator(".rillet-chart[aria-label='Three places in Paris']")
    expect(box.locator("canvas")).to_have_count(1)
    expect(box).to_have_attribute("data-objects", "3")

    assert coloured_pixels(box.screenshot()) > 20
    assert app.errors == []


PICK = """
import pydeck as pdk
import rillet as st
layer = pdk.Layer("ScatterplotLayer", data=[{"name": "here", "lat": 10.0, "lon": 20.0}],
                  id="spots", get_position="[lon, lat]", get_radius=1, radius_min_pixels=25,
                  get_fill_color=[200, 30, 30])
deck = pdk.Deck(layers=[layer], initial_view_state=pdk.ViewState(latitude=10, longitude=20,
                zoom=5), tooltip={"text": "{name}"})
event = st.pydeck_chart(deck, on_select="rerun", height=300, key="deck")
st.text(f"picked {event.selection.objects}")
"""


def test_clicking_an_object_selects_it_and_reruns(app_page: Callable[..., AppPage]) -> None:
    app = app_page(PICK)
    canvas = app.page.locator(".rillet-chart canvas").first
    expect(app.page.locator(".rillet-chart")).to_have_attribute("data-objects", "1")
    expect(app.page.get_by_text("picked {}")).to_be_visible()
    size = canvas.bounding_box()
    assert size is not None

    app.after_run(lambda: canvas.click(position={"x": size["width"] / 2, "y": size["height"] / 2}))

    expect(
        app.page.get_by_text(re.compile(r"picked \{'spots': \[\{.*'name': 'here'"))
    ).to_be_visible()
    app.after_run(lambda: canvas.click(position={"x": 5, "y": 5}))
    expect(app.page.get_by_text("picked {}")).to_be_visible()
    assert app.errors == []


GROWING = """
import rillet as st
n = st.number_input("Points", value=2)
st.map({"lat": [10.0 + i / 100 for i in range(n)], "lon": [20.0] * n}, zoom=9)
"""


def test_a_map_given_more_points_adds_them_to_the_same_canvas(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(GROWING)
    box = app.page.locator(".rillet-chart[data-kind='map']")
    expect(box).to_have_attribute("data-objects", "2")
    box.locator("canvas").evaluate("c => { c.dataset.first = 'yes' }")

    field = app.page.get_by_role("spinbutton", name="Points")
    field.fill("5")
    app.after_run(lambda: field.press("Enter"))

    expect(box).to_have_attribute("data-objects", "5")
    expect(box.locator("canvas[data-first='yes']")).to_have_count(1)
    assert app.errors == []
