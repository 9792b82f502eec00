"""Plotly, ECharts and Mermaid charts in Chromium: what is drawn (traces, bars, diagram nodes),
selections that rerun the app (or only its fragment), errors shown in the chart's box, and the
page's light and dark themes."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppPage

TWO_TRACES = """
import plotly.graph_objects as go
import rillet as st
fig = go.Figure([
    go.Scatter(x=[1, 2, 3], y=[4, 1, 3], mode="markers", name="first"),
    go.Scatter(x=[1, 2, 3], y=[2, 3, 1], mode="lines", name="second"),
])
st.plotly_chart(fig, alt="Two series")
"""


def test_a_figure_with_two_traces_draws_two_traces(app_page: Callable[..., AppPage]) -> None:
    app = app_page(TWO_TRACES)
    chart = app.page.get_by_role("figure", name="Two series")
    expect(chart.locator(".scatterlayer .trace")).to_have_count(2)
    expect(chart.locator(".legend .traces")).to_have_count(2)
    expect(chart.locator(".legend")).to_contain_text("first")
    expect(chart.locator(".scatterlayer .trace").first.locator("path.point")).to_have_count(3)
    # Streamlit's config: no Plotly logo in the mode bar.
    expect(chart.locator(".modebar-btn--logo")).to_have_count(0)
    assert app.errors == []


SELECTABLE = """
import plotly.graph_objects as go
import rillet as st
fig = go.Figure(go.Scatter(x=[1, 2, 3, 4], y=[1, 2, 3, 4], mode="markers"))
fig.update_layout(xaxis_range=[0, 5], yaxis_range=[0, 5])
event = st.plotly_chart(fig, key="chart", on_select="rerun", selection_mode="box")
st.text(f"indices {sorted(event.selection.point_indices)}")
st.text(f"boxes {len(event.selection.box)}")
"""


def drag_box(page: Page, chart: str, start: tuple[float, float], end: tuple[float, float]) -> None:
    """Drag from ``start`` to ``end`` (fractions of the plot area) in the chart's plot area."""
    area = page.locator(f"{chart} .nsewdrag").first.bounding_box()
    assert area is not None
    x0, y0 = area["x"] + area["width"] * start[0], area["y"] + area["height"] * start[1]
    x1, y1 = area["x"] + area["width"] * end[0], area["y"] + area["height"] * end[1]
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=5)
    page.mouse.move(x1, y1, steps=5)
    page.mouse.up()


def test_a_box_selection_reruns_the_app_with_the_selected_points(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(SELECTABLE)
    page = app.page
    expect(page.locator(".scatterlayer .point")).to_have_count(4)
    expect(page.get_by_text("indices []")).to_be_visible()

    # Points 2 and 3 (x = 2, 3) lie between 30% and 70% of both axes.
    app.after_run(lambda: drag_box(page, ".rillet-plotly", (0.3, 0.7), (0.7, 0.3)))

    expect(page.get_by_text("indices [1, 2]")).to_be_visible()
    expect(page.get_by_text("boxes 1")).to_be_visible()
    assert app.errors == []


IN_FRAGMENT = """
import plotly.graph_objects as go
import rillet as st
st.session_state.setdefault("app_runs", 0)
st.session_state.app_runs += 1
st.text(f"app runs {st.session_state.app_runs}")

@st.fragment
def chart():
    fig = go.Figure(go.Scatter(x=[1, 2, 3, 4], y=[1, 2, 3, 4], mode="markers"))
    fig.update_layout(xaxis_range=[0, 5], yaxis_range=[0, 5])
    event = st.plotly_chart(fig, key="chart", on_select="rerun", selection_mode="box")
    st.text(f"fragment sees {sorted(event.selection.point_indices)}")

chart()
"""


def test_a_selection_in_a_fragment_reruns_only_the_fragment(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(IN_FRAGMENT)
    page = app.page
    expect(page.locator(".scatterlayer .point")).to_have_count(4)

    app.after_run(lambda: drag_box(page, ".rillet-plotly", (0.3, 0.7), (0.7, 0.3)))

    expect(page.get_by_text("fragment sees [1, 2]")).to_be_visible()
    expect(page.get_by_text("app runs 1")).to_be_visible()
    assert app.errors == []
