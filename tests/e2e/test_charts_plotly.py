"""Plotly, ECharts and Mermaid charts in Chromium: what is drawn (traces, bars, diagram nodes),
selections that rerun the app (or only its fragment), errors shown in the chart's box, and the
page's light and dark themes."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.conftest import LiveServer
from tests.e2e.conftest import AppPage

# The first chart of a page loads its library (plotly.js is 4.6 MB): on a busy machine that
# takes longer than Playwright's default wait.
LIBRARY_LOAD = 30_000

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
    expect(chart.locator(".scatterlayer .trace")).to_have_count(2, timeout=LIBRARY_LOAD)
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
    expect(page.locator(".scatterlayer .point")).to_have_count(4, timeout=LIBRARY_LOAD)
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
    expect(page.locator(".scatterlayer .point")).to_have_count(4, timeout=LIBRARY_LOAD)

    app.after_run(lambda: drag_box(page, ".rillet-plotly", (0.3, 0.7), (0.7, 0.3)))

    expect(page.get_by_text("fragment sees [1, 2]")).to_be_visible()
    expect(page.get_by_text("app runs 1")).to_be_visible()
    assert app.errors == []


BARS = """
import rillet as st
st.echarts_chart(
    {
        "xAxis": {"type": "category", "data": ["A", "B", "C", "D", "E"]},
        "yAxis": {"type": "value"},
        "series": [{"type": "bar", "data": [5, 20, 36, 10, 10], "animation": False}],
    },
    renderer="svg",
    alt="Five bars",
)
"""


def bar_heights(page: Page) -> list[float]:
    """The heights of the bars ECharts drew as SVG paths in the page's first palette colour."""
    return page.evaluate(
        """() => {
        const colour = getComputedStyle(document.documentElement)
            .getPropertyValue("--rl-chart-1").trim().toLowerCase();
        const svg = document.querySelector(".rillet-echarts svg");
        return [...svg.querySelectorAll("path")]
            .filter((p) => (p.getAttribute("fill") || "").toLowerCase() === colour)
            .map((p) => p.getBBox())
            .sort((a, b) => a.x - b.x)
            .map((box) => Math.round(box.height));
    }"""
    )


def test_an_echarts_bar_chart_draws_its_bars(app_page: Callable[..., AppPage]) -> None:
    app = app_page(BARS)
    chart = app.page.get_by_role("figure", name="Five bars")
    expect(chart.locator("svg")).to_have_count(1, timeout=LIBRARY_LOAD)
    app.page.wait_for_function("document.querySelectorAll('.rillet-echarts svg path').length >= 5")
    heights = bar_heights(app.page)
    assert len(heights) == 5
    # 5, 20, 36, 10, 10: the tallest is C, B is four times A.
    assert heights.index(max(heights)) == 2
    assert abs(heights[1] / heights[0] - 4) < 0.2
    expect(chart.locator("svg text", has_text="C")).to_have_count(1)
    assert app.errors == []


def test_a_mermaid_flowchart_draws_an_svg_with_its_node_labels(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        '''
import rillet as st
st.mermaid_chart("""
graph LR
    A[Start] --> B{Decision}
    B -->|Yes| C[Done]
""", alt="Decision flow")
'''
    )
    diagram = app.page.get_by_role("img", name="Decision flow")
    svg = diagram.locator("svg")
    expect(svg).to_have_count(1, timeout=LIBRARY_LOAD)
    for label in ("Start", "Decision", "Done", "Yes"):
        expect(svg.locator("text", has_text=label).first).to_be_visible()
    # Strict security and no HTML labels: nothing but SVG inside the diagram.
    assert svg.locator("foreignObject").count() == 0
    assert app.errors == []


def test_an_invalid_mermaid_body_shows_an_error_and_the_page_still_works(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import rillet as st
st.mermaid_chart("graph LR\\n  A[Start --> ((")
st.mermaid_chart("graph TD\\n  X --> Y")
if st.button("Press"):
    st.text("pressed")
"""
    )
    page = app.page
    error = page.locator(".rillet-chart").first.get_by_role("alert")
    expect(error).to_contain_text("Parse error on line 2", timeout=LIBRARY_LOAD)
    # The next diagram is drawn, and the app still reruns.
    expect(page.locator(".rillet-mermaid svg")).to_have_count(1)
    app.after_run(lambda: page.get_by_role("button", name="Press").click())
    expect(page.get_by_text("pressed")).to_be_visible()
    # Mermaid's scratch elements and error diagrams do not leak into the page.
    assert page.locator("body > [id^='drillet-mermaid']").count() == 0
    assert app.errors == []


THEMED = """
import plotly.graph_objects as go
import rillet as st
st.plotly_chart(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))
"""


def tick_colour(page: Page) -> str:
    return page.evaluate(
        "getComputedStyle(document.querySelector('.rillet-plotly .xtick text')).fill"
    )


def test_charts_follow_the_page_between_light_and_dark(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(THEMED)
    page = app.page
    expect(page.locator(".rillet-plotly .xtick text")).to_have_count(2, timeout=LIBRARY_LOAD)
    light = tick_colour(page)
    bar_light = page.locator(".rillet-plotly .bars path").first.evaluate(
        "p => getComputedStyle(p).fill"
    )

    page.emulate_media(color_scheme="dark")
    page.wait_for_function(
        "c => getComputedStyle(document.querySelector('.rillet-plotly .xtick text')).fill !== c",
        arg=light,
    )
    dark = tick_colour(page)

    # Light text on a dark page: the tick labels got brighter.
    def brightness(rgb: str) -> int:
        return sum(int(v) for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])

    assert brightness(dark) > brightness(light)
    # Plotly's default blue is replaced by the page's first chart colour.
    assert bar_light != "rgb(99, 110, 250)"
    assert app.errors == []


PICKABLE = """
import rillet as st
event = st.echarts_chart(
    {
        "animation": False,
        "xAxis": {"type": "category", "data": ["A", "B", "C"]},
        "yAxis": {"type": "value"},
        "series": [{"type": "bar", "name": "Sales", "selectedMode": "multiple",
                    "data": [10, 20, 30]}],
    },
    key="bars",
    on_select="rerun",
)
st.text(f"selected {[g['data_indices'] for g in event.selection.selected]}")
"""


ECHARTS_READY = (
    "() => window.echarts && echarts.getInstanceByDom(document.querySelector('.rillet-echarts'))"
)


def click_bar(page: Page, index: int, value: float) -> None:
    """Click the middle of bar ``index`` (of height ``value``) on the ECharts canvas."""
    x, y = page.evaluate(
        """([index, value]) => {
        const view = document.querySelector(".rillet-echarts");
        return echarts.getInstanceByDom(view).convertToPixel({ seriesIndex: 0 }, [index, value]);
    }""",
        [index, value / 2],
    )
    box = page.locator(".rillet-echarts").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_clicking_echarts_bars_selects_them_and_reruns_the_app(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(PICKABLE)
    page = app.page
    expect(page.get_by_text("selected []")).to_be_visible()
    page.wait_for_function(ECHARTS_READY)

    app.after_run(lambda: click_bar(page, 2, 30))
    expect(page.get_by_text("selected [[2]]")).to_be_visible()

    app.after_run(lambda: click_bar(page, 0, 10))
    expect(page.get_by_text("selected [[0, 2]]")).to_be_visible()
    assert app.errors == []


GROWING = """
import pandas as pd
import rillet as st
n = st.session_state.setdefault("n", 3)
if st.button("Add a day"):
    n = st.session_state.n = n + 1
df = pd.DataFrame({"day": list(range(n)), "sales": [10 * (i + 1) for i in range(n)]})
st.echarts_chart({"dataset": {"source": df}, "xAxis": {"type": "category"}, "yAxis": {},
                  "series": [{"type": "line"}]})
"""


def test_rows_appended_to_an_echarts_dataset_travel_alone_and_are_drawn(
    page: Page, live_app: Callable[..., LiveServer]
) -> None:
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: frames.append(str(p))))
    app = AppPage(page, live_app(GROWING)).open()
    page.wait_for_function(ECHARTS_READY)
    count = """() => echarts.getInstanceByDom(document.querySelector('.rillet-echarts'))
        .getOption().dataset[0].source.length"""
    assert page.evaluate(count) == 3
    instance = page.evaluate_handle(
        "() => echarts.getInstanceByDom(document.querySelector('.rillet-echarts'))"
    )
    mark = len(frames)

    app.after_run(lambda: page.get_by_role("button", name="Add a day").click())

    page.wait_for_function(f"() => ({count})() === 4")
    sent = "".join(frames[mark:])
    assert '"type":"extend"' in sent
    assert '"rows":[[3,40]]' in sent
    assert '"kind":"echarts_chart"' not in sent
    # The same ECharts instance took the new row: it was not made again.
    assert page.evaluate(
        "i => i === echarts.getInstanceByDom(document.querySelector('.rillet-echarts'))", instance
    )
    assert app.errors == []
