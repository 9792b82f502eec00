"""Metric sparklines and stretched dataframes in Chromium: what a user sees."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from tests.e2e.conftest import AppPage

SPARKLINES = """
import rillet as st
data = [3, 5, 2, 8, 6, 9, 4, 7]
st.metric("Line", 10, 2, chart_data=data)
st.metric("Area", 10, -2, chart_data=data, chart_type="area")
st.metric("Bars", 10, chart_data=data, chart_type="bar")
st.metric("Gap", 1, chart_data=[1, float("nan"), 3, 4])
"""

STRETCHED = """
import rillet as st
with st.container(height=600, key="box"):
    st.dataframe({"a": list(range(50))}, height="stretch")
st.dataframe({"a": list(range(50))}, height="stretch", key="main")
st.dataframe({"a": list(range(50))})
"""


def test_sparklines_draw_every_point_in_the_delta_colour(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(SPARKLINES)
    charts = app.page.get_by_role("img", name="chart of")
    expect(charts).to_have_count(4)
    line = app.page.get_by_role("img", name="Line chart of 8 values, rising from 3 to 7")
    expect(line).to_be_visible()
    d = line.locator("path").get_attribute("d") or ""
    assert d.startswith("M") and d.count("L") == 7  # eight points
    # The delta is up and delta_color "normal": the line is green like the delta.
    colours = app.page.evaluate(
        """() => [...document.querySelectorAll('.rillet-metric')].map((m) => [
            getComputedStyle(m.querySelector('.rillet-sparkline-line, .rillet-sparkline-bar'))
              .stroke,
            m.querySelector('.rillet-metric-delta')
              ? getComputedStyle(m.querySelector('.rillet-metric-delta')).color : null])"""
    )
    assert colours[0][0] == colours[0][1]  # green, as the delta
    assert colours[1][0] == colours[1][1]  # red, as the delta
    assert colours[0][0] != colours[1][0]
    area = app.page.get_by_role("img", name="Area chart")
    expect(area.locator(".rillet-sparkline-area")).to_have_count(1)
    bars = app.page.get_by_role("img", name="Bar chart of 8 values")
    expect(bars.locator(".rillet-sparkline-bar")).to_have_count(8)
    # A NaN is a gap: the line is two runs, one of a point and one of two.
    gap = app.page.get_by_role("img", name="Line chart of 3 values").locator("path")
    assert (gap.get_attribute("d") or "").count("M") == 2
    box = line.bounding_box()
    assert box is not None and round(box["height"]) == 56
    assert not app.errors


def test_a_stretched_grid_fills_its_fixed_height_container(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(STRETCHED)
    expect(app.page.get_by_role("grid")).to_have_count(3)
    sizes = app.page.evaluate(
        """() => {
          const box = document.querySelector('.st-key-box');
          const cs = getComputedStyle(box);
          const inner = box.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
          const grids = [...document.querySelectorAll('.rillet-dataframe')];
          return {inner, heights: grids.map((g) => g.getBoundingClientRect().height)};
        }"""
    )
    assert abs(sizes["heights"][0] - sizes["inner"]) < 1
    # Outside a fixed-height container "stretch" is the "auto" height (ten rows).
    assert abs(sizes["heights"][1] - sizes["heights"][2]) < 1
    assert sizes["heights"][0] > sizes["heights"][2]  # it grew past ten rows to fill
    assert not app.errors


def test_a_named_delta_colour_colours_the_delta_and_its_chart_whatever_the_sign(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        'import rillet as st\n'
        'st.metric("Down", 10, -2, delta_color="violet", chart_data=[3, 1])\n'
        'st.metric("Up", 10, 2, delta_color="violet")\n'
    )
    expect(app.page.get_by_role("img", name="Line chart of 2 values")).to_be_visible()
    violet = app.page.evaluate(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--rl-violet').trim()"
    )
    colours = app.page.evaluate(
        """() => [...document.querySelectorAll('.rillet-metric-delta')].map(
            (d) => getComputedStyle(d).color)"""
    )
    stroke = app.page.evaluate(
        "() => getComputedStyle(document.querySelector('.rillet-sparkline-line')).stroke"
    )
    # One colour for both signs, and it is the theme's violet (#7c4ddb = rgb(124, 77, 219)).
    assert violet == "#7c4ddb"
    assert colours == ["rgb(124, 77, 219)", "rgb(124, 77, 219)"]
    assert stroke == "rgb(124, 77, 219)"
    assert not app.errors
