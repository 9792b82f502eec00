"""Every example on docs/elements/charts.md draws its charts in Chromium, and its picture is
taken here.

The docs show what these examples draw: with ``RILLET_UPDATE_PICTURES=1`` this test writes
each section's screenshot to ``docs/images/charts-<section>.png``, so the pictures are always
of the code beside them. Without it the test only checks that every chart drew (marks in an SVG
or a canvas, or an image that loaded) and that none shows an error.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import AppPage

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "elements" / "charts.md"
PICTURES = ROOT / "docs" / "images"

# A chart has drawn once its box holds a drawing: marks in an SVG, a canvas with a size, or an
# image that loaded.
DRAWN_JS = """
() => [...document.querySelectorAll('.rillet-chart')].every((box) => {
  if (box.dataset.loading === 'true') return false;
  if (box.querySelector('.rillet-chart-error')) return true;  // reported below
  const svg = box.querySelector('svg path, svg rect, svg circle, svg text');
  const canvas = [...box.querySelectorAll('canvas')].some((c) => c.width > 0 && c.height > 0);
  const img = [...box.querySelectorAll('img')].some((i) => i.complete && i.naturalWidth > 0);
  return Boolean(svg) || canvas || img;
})
"""


def _slug(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


def _examples() -> list[tuple[str, str]]:
    """The first runnable example of each section, by the section's slug."""
    found: dict[str, str] = {}
    section = "intro"
    for part in re.split(r"^## (.+)$", PAGE.read_text(), flags=re.M):
        if "\n" not in part.strip():
            section = _slug(part)
            continue
        for block in re.findall(r"```python\n(.*?)```", part, re.S):
            if "import rillet as st" in block and "run_every" not in block:
                found.setdefault(section, block)
    return sorted(found.items())


@pytest.mark.parametrize(("section", "source"), _examples(), ids=[s for s, _ in _examples()])
def test_charts_page_example_draws(
    section: str, source: str, app_page: Callable[..., AppPage]
) -> None:
    app = app_page(source)
    page = app.page
    page.set_viewport_size({"width": 900, "height": 900})
    assert page.locator(".rillet-chart").count() > 0, "the example shows no chart"
    page.wait_for_function(DRAWN_JS, timeout=30_000)
    expect(page.locator(".rillet-chart-error")).to_have_count(0)
    assert app.errors == []
    if os.environ.get("RILLET_UPDATE_PICTURES") == "1":
        page.wait_for_timeout(300)  # let transitions (Plotly, ECharts) settle for the picture
        page.locator("#rillet-main").screenshot(path=PICTURES / f"charts-{section}.png")
