"""Vega-Lite charts in Chromium: marks and legends drawn as SVG, tooltips, the page's dark
theme, selections that rerun the app (or only its fragment), charts that grow in place while
a zoom stays, and charts that are embedded again when their spec changes."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import ElementHandle, Page, expect

from tests.e2e.conftest import AppPage

# Apps emit chart elements directly, in the props contract the chart commands follow.
HEAD = """
import rillet as st
from rillet.elements.charts.selection import emit_chart

def chart(kind, spec, columns, rows, **props):
    props = {"spec": spec, "columns": columns, "theme": "streamlit", "width": "stretch",
             "height": "content", "alt": None, **props}
    return emit_chart(kind, props, rows=rows, **props.pop("select", {}))

def select(**kwargs):
    return {"select": {"empty": lambda: {n: {} for n in kwargs["modes"]},
                       "decode": lambda wire: wire, "on_select": "rerun", "key": kwargs.get("key")}}
"""

LINES = (
    HEAD
    + """
rows = [[x, name, (x * k) % 7] for name, k in (("a", 1), ("b", 2), ("c", 3)) for x in range(20)]
spec = {"data": {"name": "data"}, "mark": "line",
        "encoding": {"x": {"field": "x", "type": "quantitative"},
                     "y": {"field": "y", "type": "quantitative"},
                     "color": {"field": "series", "type": "nominal"}}}
chart("line_chart", spec, ["x", "series", "y"], rows, alt="Three series")
"""
)

BARS = (
    HEAD
    + """
rows = [[f"k{i}", i + 1] for i in range(7)]
spec = {"data": {"name": "data"}, "mark": "bar",
        "encoding": {"x": {"field": "key", "type": "nominal"},
                     "y": {"field": "value", "type": "quantitative"},
                     "tooltip": [{"field": "key"}, {"field": "value"}]}}
chart("bar_chart", spec, ["key", "value"], rows)
"""
)


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
