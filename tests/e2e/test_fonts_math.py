"""Type, icons and math in Chromium: the vendored fonts load and are the ones the page uses,
a ``:material/name:`` icon is drawn as one glyph (not its name as text), math is typeset by
KaTeX, and a page without math never fetches KaTeX."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppPage

FONTS_AND_ICONS = """
import rillet as st
st.title("Type", icon=":material/format_size:")
st.markdown("Body text with `code` and an icon :material/thumb_up: here.")
st.info("An alert", icon=":material/info:")
st.code("print('mono')")
"""


def requests_of(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def test_the_theme_fonts_load_as_woff2_and_the_text_uses_them(app_page) -> None:
    app: AppPage = app_page(FONTS_AND_ICONS)
    page = app.page
    expect(page.get_by_text("Body text with")).to_be_visible()
    page.wait_for_function("document.fonts.status === 'loaded'")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert {"Source Sans 3", "Source Code Pro", "Material Symbols Rounded"} <= {
        family.strip('"') for family in loaded
    }
    body = page.locator(".rillet-markdown-body p").first
    assert body.evaluate("e => getComputedStyle(e).fontFamily").startswith('"Source Sans 3"')
    code = page.locator(".rillet-code code").first
    assert code.evaluate("e => getComputedStyle(e).fontFamily").startswith('"Source Code Pro"')
    assert page.evaluate("document.fonts.check('16px \"Source Sans 3\"', 'Body')")
    assert page.evaluate("document.fonts.check('600 16px \"Source Sans 3\"', 'Body')")
    assert page.evaluate("document.fonts.check('16px \"Source Code Pro\"', 'mono')")


def test_fonts_are_served_as_woff2_and_cached_for_good(app_page) -> None:
    app: AppPage = app_page(FONTS_AND_ICONS)
    page = app.page
    # document.fonts.status can read 'loaded' before the icon font is first asked for (a
    # face loads when text using it is laid out), so wait on the requests themselves.
    fonts = (
        "performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(u => u.includes('.woff2'))"
    )
    page.wait_for_function(
        f"(() => {{ const u = {fonts}; return u.some(x => x.includes('material-symbols-rounded'))"
        " && u.some(x => x.includes('source-sans-3-latin-wght-normal')); })()"
    )
    urls = page.evaluate(fonts)
    for url in urls:
        response = page.request.get(url)
        assert response.ok
        assert response.headers["content-type"] == "font/woff2"
        assert "immutable" in response.headers["cache-control"]


def icon_box(page: Page, selector: str) -> dict[str, float]:
    box: dict[str, float] = page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect(); return {width: r.width, "
        "height: r.height, size: parseFloat(getComputedStyle(e).fontSize)} }"
    )
    return box


def test_a_material_icon_is_drawn_as_one_glyph_not_its_name(app_page) -> None:
    app: AppPage = app_page(FONTS_AND_ICONS)
    page = app.page
    page.wait_for_function("document.fonts.status === 'loaded'")
    for selector in (
        ".rillet-markdown-body .rl-icon",
        ".rillet-heading-icon.rl-icon",
        ".rillet-alert-icon.rl-icon",
    ):
        expect(page.locator(selector).first).to_be_visible()
        box = icon_box(page, selector)
        # The ligature is one square glyph; the word "thumb_up" in a text font is ~4 em wide.
        assert box["width"] <= box["size"] * 1.2, (selector, box)
    assert page.locator(".rillet-markdown-body .rl-icon").get_attribute("aria-hidden") == "true"
    expect(page.get_by_text(":material/")).to_have_count(0)


MATH = r'''
import rillet as st
st.markdown(r"Euler: $e^{i\pi} + 1 = 0$, and it costs $5 and $10.")
st.markdown(r"""
$$
\int_0^1 x^2\,dx = \frac{1}{3}
$$
""")
st.latex(r"\sum_{n=1}^\infty \frac{1}{n^2} = \frac{\pi^2}{6}")
'''


def test_math_in_markdown_and_st_latex_is_typeset_by_katex(app_page) -> None:
    app: AppPage = app_page(MATH)
    page = app.page
    inline = page.locator(".rillet-markdown-body .rl-math[data-display='inline'] .katex")
    expect(inline).to_have_count(1)
    expect(inline.locator("annotation")).to_have_text(r"e^{i\pi} + 1 = 0")
    block = page.locator(".rillet-markdown-body .rl-math[data-display='block'] .katex-display")
    expect(block).to_have_count(1)
    expect(page.locator(".rillet-latex .katex-display")).to_have_count(1)
    expect(page.locator(".rillet-latex annotation")).to_have_text(
        r"\sum_{n=1}^\infty \frac{1}{n^2} = \frac{\pi^2}{6}"
    )
    # Dollar amounts are not math.
    expect(page.get_by_text("it costs $5 and $10.")).to_be_visible()
    # KaTeX's own fonts load: the typeset text is not drawn in a fallback font.
    page.wait_for_function("document.fonts.status === 'loaded'")
    assert page.evaluate("document.fonts.check('16px KaTeX_Main', 'x')")
    assert page.evaluate(
        "[...document.fonts].some(f => f.family.includes('KaTeX_Math') && f.status === 'loaded')"
    )
    assert app.errors == []


def test_a_page_without_math_loads_no_katex(page: Page, live_app) -> None:
    seen = requests_of(page)
    app = AppPage(page, live_app(FONTS_AND_ICONS)).open()
    expect(app.page.get_by_text("Body text with")).to_be_visible()
    page.wait_for_function("document.fonts.status === 'loaded'")
    assert seen, "no request was recorded"
    assert not [url for url in seen if "katex" in url.lower() or "vendor.js" in url]
    # ...and a page with math does, once.
    math_page = page.context.new_page()
    math_seen = requests_of(math_page)
    math_app = AppPage(math_page, live_app(MATH)).open()
    expect(math_app.page.locator(".rillet-latex .katex")).to_have_count(1)
    assert [url for url in math_seen if "katex.min.js" in url]


