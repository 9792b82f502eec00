"""Vega-Lite charts in Chromium (the built-in charts, st.altair_chart): marks and legends drawn
as SVG, tooltips, the page's dark theme, selections that rerun the app (or only its fragment),
charts that grow in place while a zoom stays, and charts that are embedded again when their
spec changes."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import ElementHandle, Page, expect

from tests.e2e.conftest import AppPage

# For what no command sends yet (a notice): emit the element in the commands' props contract.
HEAD = """
import rillet as st
from rillet.elements.charts.selection import emit_chart

def chart(kind, spec, columns, rows, **props):
    props = {"spec": spec, "columns": columns, "theme": "streamlit", "width": "stretch",
             "height": "content", "alt": None, **props}
    return emit_chart(kind, props, rows=rows)
"""

LINES = """
import pandas as pd
import rillet as st
df = pd.DataFrame({name: [k * v % 7 for v in range(20)] for name, k in zip("abc", (1, 2, 3))})
st.line_chart(df, alt="Three series")
"""

BARS = """
import pandas as pd
import rillet as st
df = pd.DataFrame({"key": [f"k{i}" for i in range(7)], "value": [i + 1 for i in range(7)]})
st.bar_chart(df, x="key", y="value")
"""


def svg_of(page: Page) -> ElementHandle:
    """The SVG the (only) Vega chart draws in, once drawn."""
    page.locator(".rillet-vega svg.marks").wait_for()
    handle = page.locator(".rillet-vega svg.marks").element_handle()
    assert handle is not None
    return handle


def test_a_line_chart_of_three_series_draws_three_lines_and_a_legend(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    app = app_page(LINES)
    chart = page.get_by_role("img", name="Three series")
    expect(chart).to_be_visible()
    expect(chart.locator("g.mark-line.role-mark path")).to_have_count(3)
    labels = chart.locator("g.role-legend-label text")
    expect(labels).to_have_text(["a", "b", "c"])
    assert app.errors == []


def test_a_bar_chart_draws_a_bar_per_row_and_shows_tooltips_on_hover(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    app = app_page(BARS)
    bars = page.locator(".rillet-vega g.mark-rect.role-mark path")
    expect(bars).to_have_count(7)
    bars.nth(3).hover()
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("k3")
    expect(tooltip).to_contain_text("4")
    assert app.errors == []


def axis_label_fill(page: Page) -> str:
    return str(
        page.locator(".rillet-vega g.role-axis-label text").first.get_attribute("fill") or ""
    )


def test_the_streamlit_theme_follows_the_page_into_dark(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    page.emulate_media(color_scheme="light")
    app = app_page(BARS)
    svg_of(page)
    light = axis_label_fill(page)
    page.emulate_media(color_scheme="dark")
    expect(page.locator(".rillet-vega g.role-axis-label text").first).not_to_have_attribute(
        "fill", light
    )
    dark = axis_label_fill(page)
    # The dark page's labels are light: each channel well above the light page's.
    assert int(dark[1:3], 16) > 0xA0 and int(light[1:3], 16) < 0x80, (light, dark)
    expect(page.locator(".rillet-vega g.mark-rect.role-mark path")).to_have_count(7)
    assert app.errors == []


POINTS = """
import altair as alt
import pandas as pd
import rillet as st
st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
st.text(f"app runs {st.session_state.runs}")
df = pd.DataFrame({"x": range(12), "y": [(i * 3) % 10 for i in range(12)],
                   "kind": ["abc"[i % 3] for i in range(12)]})
pick = alt.selection_point(name="pick", fields=["x", "kind"])
anything = alt.selection_point(name="any")
spec = (alt.Chart(df).mark_circle(size=400).encode(x="x", y="y", color="kind")
        .add_params(pick, anything))

@st.fragment
def part():
    state = st.altair_chart(spec, on_select="rerun", key="scatter")
    st.text(f"selection {dict(state.selection)}")

part()
"""


def test_clicking_a_point_reruns_only_the_fragment_with_the_selection(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    app = app_page(POINTS)
    expect(page.get_by_text("selection {'any': {}, 'pick': {}}")).to_be_visible()
    points = page.locator(".rillet-vega g.mark-symbol.role-mark path")
    expect(points).to_have_count(12)
    app.after_run(lambda: points.nth(4).click())
    # Every param in one value; one without fields selects on the encoded fields.
    expect(
        page.get_by_text(
            "selection {'any': [{'kind': 'b', 'x': 4, 'y': 2}], 'pick': [{'x': 4, 'kind': 'b'}]}"
        )
    ).to_be_visible()
    expect(page.get_by_text("app runs 1")).to_be_visible()
    assert app.errors == []


INTERVAL = """
import altair as alt
import pandas as pd
import rillet as st
df = pd.DataFrame({"x": range(21), "y": [(i * 7) % 10 for i in range(21)]})
span = alt.selection_interval(name="span", encodings=["x"])
state = st.altair_chart(alt.Chart(df).mark_point().encode(x="x", y="y").add_params(span),
                        on_select="rerun")
st.text(f"span {dict(state.selection['span'])}")
st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
st.text(f"app runs {st.session_state.runs}")
st.button("Again")
"""


def test_dragging_an_interval_is_one_rerun_that_sees_the_range(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    app = app_page(INTERVAL)
    expect(page.get_by_text("span {}")).to_be_visible()
    box = page.locator(".rillet-vega svg.marks").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(box["x"] + box["width"] * (0.3 + 0.03 * step), y)
        if step == 5:
            page.wait_for_timeout(400)  # the user holds still mid-drag: nothing is sent yet
    page.mouse.up()
    # The range where the drag ended (x near 11), not where it paused (near 8).
    final = page.get_by_text(re.compile(r"^span \{'x': \[[\d.]+, 1\d\.\d+\]\}$"))
    expect(final).to_be_visible()
    text = final.text_content() or ""
    low, high = (float(v) for v in text.split("[")[1].rstrip("]}").split(","))
    assert 3 < low < 6 < 10 < high < 14, text
    # The whole drag was one rerun: the next rerun is the button's.
    app.after_run(lambda: page.get_by_role("button", name="Again").click())
    expect(page.get_by_text("app runs 3")).to_be_visible()
    expect(page.get_by_text(text)).to_be_visible()
    assert app.errors == []


LIVE = """
import rillet as st
st.session_state.setdefault("values", [(i * 37) % 11 for i in range(30)])

@st.fragment(run_every=0.1)
def live():
    values = st.session_state["values"]
    values.append((len(values) * 37) % 11)
    st.line_chart(values)  # the built-in chart zooms and pans (scale-bound x and y)
    st.text(f"points {len(values)}")

live()
"""


def wait_points(page: Page, at_least: int) -> int:
    """Wait until the live chart has at least ``at_least`` points; returns how many."""
    page.wait_for_function(
        "(n) => [...document.querySelectorAll('.rillet-element[data-kind=\"text\"]')]"
        ".some((e) => /^points \\d+$/.test(e.textContent.trim())"
        " && Number(e.textContent.trim().slice(7)) >= n)",
        arg=at_least,
    )
    text = page.get_by_text(re.compile(r"^points \d+$")).text_content() or "0"
    return int(text.split()[1])


def x_axis(page: Page) -> str:
    """The x axis's accessible description, which states its domain."""
    axis = page.locator('.rillet-vega g.role-axis[aria-label^="X-axis"]')
    return str(axis.get_attribute("aria-label"))


def test_a_growing_chart_changes_in_place_and_keeps_a_zoom(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    app = app_page(LIVE)
    svg = svg_of(page)
    line = page.locator(".rillet-vega g.mark-line.role-mark path")
    start = wait_points(page, 31)
    before = x_axis(page)
    shape = line.get_attribute("d")
    # Unzoomed, the chart follows the new data.
    seen = wait_points(page, start + 25)
    expect(page.locator('.rillet-vega g.role-axis[aria-label^="X-axis"]')).not_to_have_attribute(
        "aria-label", before
    )
    assert line.get_attribute("d") != shape
    # Zoom in on x (the wheel over the plot), then let the data grow: the zoom stays.
    box = svg.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    unzoomed = x_axis(page)
    page.mouse.wheel(0, -400)
    page.wait_for_function(
        "(before) => document.querySelector('.rillet-vega g.role-axis[aria-label^=\"X-axis\"]')"
        ".getAttribute('aria-label') !== before",
        arg=unzoomed,
    )
    page.mouse.move(0, 0)
    zoomed = x_axis(page)
    seen = wait_points(page, wait_points(page, seen) + 20)
    assert x_axis(page) == zoomed
    # Throughout, the same SVG node was patched: never a new one.
    assert page.evaluate(
        "(svg) => svg.isConnected && document.querySelectorAll('.rillet-vega svg').length === 1"
        " && document.querySelector('.rillet-vega svg.marks') === svg",
        svg,
    )
    assert app.errors == []


SWITCH = """
import altair as alt
import pandas as pd
import rillet as st
points = st.checkbox("Points")
df = pd.DataFrame({"x": range(10), "y": [(i * 3) % 10 for i in range(10)]})
base = alt.Chart(df).encode(x="x", y="y")
st.altair_chart(base.mark_point() if points else base.mark_line(), height=250)
"""


def test_a_chart_whose_spec_changes_is_embedded_again(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    app = app_page(SWITCH)
    svg = svg_of(page)
    assert svg.get_attribute("height") == "250"
    expect(page.locator(".rillet-vega g.mark-line.role-mark path")).to_have_count(1)
    app.after_run(lambda: page.get_by_label("Points").check())
    expect(page.locator(".rillet-vega g.mark-symbol.role-mark path")).to_have_count(10)
    assert page.evaluate("(svg) => !svg.isConnected", svg)
    assert page.locator(".rillet-vega svg").count() == 1
    assert app.errors == []


def test_a_stretched_chart_follows_its_box_without_a_new_embed(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    page.set_viewport_size({"width": 1100, "height": 800})
    app = app_page(SWITCH)
    svg = svg_of(page)
    box = page.locator(".rillet-chart")

    def widths() -> tuple[float, float]:
        return (
            float(svg.get_attribute("width") or 0),
            float(box.evaluate("(b) => b.getBoundingClientRect().width")),
        )

    wide, wide_box = widths()
    assert abs(wide - wide_box) <= 2, (wide, wide_box)
    page.set_viewport_size({"width": 600, "height": 800})
    page.wait_for_function(
        "([svg, w]) => Number(svg.getAttribute('width')) < w - 100", arg=[svg, wide]
    )
    narrow, narrow_box = widths()
    assert abs(narrow - narrow_box) <= 2, (narrow, narrow_box)
    assert page.evaluate("(svg) => svg.isConnected", svg)
    assert app.errors == []


THEMES = (
    HEAD
    + """
import altair as alt
import pandas as pd
df = pd.DataFrame({"x": list(range(5)) * 2, "y": range(10), "series": ["a"] * 5 + ["b"] * 5})
lines = alt.Chart(df).mark_line().encode(x="x", y="y", color="series")
st.altair_chart(lines, alt="Streamlit look")
st.altair_chart(lines, theme=None, alt="Vega look")
rows = [[x, "a", x] for x in range(10)]
spec = {"data": {"name": "data"}, "mark": "line",
        "encoding": {"x": {"field": "x", "type": "quantitative"},
                     "y": {"field": "y", "type": "quantitative"}}}
chart("line_chart", spec, ["x", "series", "y"], rows, notice="Showing 10 of 10 rows.")
"""
)


def test_theme_none_keeps_vegas_palette_and_a_notice_shows_under_the_chart(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    page.emulate_media(color_scheme="light")
    app = app_page(THEMES)
    themed = page.get_by_role("img", name="Streamlit look").locator("g.mark-line path")
    plain = page.get_by_role("img", name="Vega look").locator("g.mark-line path")
    expect(themed.first).to_have_attribute("stroke", "#0068c9")  # Streamlit's first colour
    expect(plain.first).to_have_attribute("stroke", "#4c78a8")  # Vega's own
    notices = page.locator(".rillet-chart-notice")  # only the chart given one
    expect(notices).to_have_count(1)
    expect(notices).to_have_text("Showing 10 of 10 rows.")
    assert app.errors == []


def test_the_actions_menu_saves_the_chart_as_svg(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    app = app_page(BARS)
    svg_of(page)
    page.get_by_label("Chart actions").click()
    save = page.get_by_role("button", name="Save as SVG")
    expect(save).to_be_visible()
    with page.expect_download() as download:
        save.click()
    assert download.value.suggested_filename == "chart.svg"
    assert "<svg" in open(download.value.path()).read()
    expect(page.get_by_role("button", name="Save as PNG")).to_be_hidden()
    assert app.errors == []


MANY = """
import pandas as pd
import rillet as st
df = pd.DataFrame({"x": range(3000), "y": [(i * 7919) % 1000 for i in range(3000)]})
st.scatter_chart(df, x="x", y="y", alt="Many points")
"""


def test_thousands_of_points_draw_on_canvas(page: Page, app_page: Callable[..., AppPage]) -> None:
    app = app_page(MANY)
    chart = page.get_by_role("img", name="Many points")
    expect(chart.locator("canvas")).to_be_visible()
    assert chart.locator("svg").count() == 0
    assert app.errors == []


TALL = (
    HEAD
    + """
values = [(i * 3) % 10 for i in range(10)]
with st.container(height=480, border=False):
    st.line_chart(values, height="stretch", alt="Fills its container")
rows = [[i, v] for i, v in enumerate(values)]
spec = {"data": {"name": "data"}, "mark": "line",
        "encoding": {"x": {"field": "x", "type": "quantitative"},
                     "y": {"field": "y", "type": "quantitative"}}}
chart("line_chart", spec, ["x", "y"], rows, height="stretch", alt="Free", notice="A caption")
"""
)


def test_a_chart_stretched_in_height_fills_a_fixed_container_and_else_keeps_its_own(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    app = app_page(TALL)
    filled = page.get_by_role("img", name="Fills its container").locator("svg")
    free = page.get_by_role("img", name="Free").locator("svg")
    expect(free).to_have_attribute("height", "350")
    page.wait_for_function(
        "(svg) => Number(svg.getAttribute('height')) > 420", arg=filled.element_handle()
    )
    # Two more frames: neither chart keeps growing after it has settled.
    page.evaluate("new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))")
    assert 420 < float(filled.get_attribute("height") or 0) <= 480
    expect(free).to_have_attribute("height", "350")
    assert app.errors == []
