"""st.components.v2 as a person meets it in Chromium: an inline component whose buttons set a
state value and a trigger value, its shadow root and theme variables, its cleanup when it
leaves the page, a component inside a fragment, and a package component served from the
asset dir its pyproject.toml declares."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import AppPage

JS = """
export default function ({ data, key, name, parentElement, setStateValue, setTriggerValue }) {
  let count = data.start;
  parentElement.querySelector("#add").addEventListener("click", () => {
    count += 1;
    setStateValue("count", count);
  });
  parentElement.querySelector("#ping").addEventListener("click", () => {
    setTriggerValue("pinged", "hello");
  });
  const shadow = parentElement instanceof ShadowRoot;
  parentElement.querySelector("#info").textContent =
    `${name} ${key.startsWith("st-bidi-component-")} shadow=${shadow}`;
  window.__mounted = (window.__mounted || 0) + 1;
  return () => { window.__cleaned = (window.__cleaned || 0) + 1; };
}
"""

COUNTER = f'''
import rillet as st
JS = """{JS}"""
counter = st.components.v2.component(
    "e2e_counter",
    html="<button id='add'>Add</button><button id='ping'>Ping</button><p id='info'></p>",
    css="button {{ color: rgb(1, 2, 3); }} p {{ color: var(--st-primary-color); }}",
    js=JS,
)
'''


def test_state_and_trigger_values_reach_python(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        COUNTER
        + """
st.session_state.full = st.session_state.get("full", 0) + 1
if st.checkbox("Show component", value=True):
    r = counter(key="c", data={"start": 0}, default={"count": 0},
                on_count_change=lambda: None, on_pinged_change=lambda: None)
    st.text(f"count={r.count} pinged={r.pinged}")
st.button("Rerun")
st.text(f"runs={st.session_state.full}")
"""
    )
    page = app.page
    expect(page.get_by_text("count=0 pinged=None")).to_be_visible()
    expect(page.get_by_text("e2e_counter true shadow=true")).to_be_visible()

    app.after_run(lambda: page.get_by_role("button", name="Add").click())
    expect(page.get_by_text("count=1 pinged=None")).to_be_visible()

    app.after_run(lambda: page.get_by_role("button", name="Ping").click())
    expect(page.get_by_text("count=1 pinged=hello")).to_be_visible()

    # The trigger lasts one run; the state persists.
    app.after_run(lambda: page.get_by_role("button", name="Rerun").click())
    expect(page.get_by_text("count=1 pinged=None")).to_be_visible()
    expect(page.get_by_text("runs=4")).to_be_visible()

    # The JS ran once: new state values do not remount it.
    assert page.evaluate("window.__mounted") == 1
    assert page.evaluate("window.__cleaned || 0") == 0

    # Leaving the page runs the cleanup the default export returned.
    app.after_run(lambda: page.get_by_label("Show component").uncheck())
    expect(page.get_by_role("button", name="Add")).to_have_count(0)
    page.wait_for_function("window.__cleaned === 1")
    assert app.errors == []


def test_isolated_styles_stay_in_the_shadow_root(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        COUNTER
        + """
counter(key="c", data={"start": 0})
st.button("Page button")
"""
    )
    page = app.page
    inner = page.get_by_role("button", name="Add")
    expect(inner).to_have_css("color", "rgb(1, 2, 3)")
    outer = page.get_by_role("button", name="Page button")
    expect(outer).to_be_visible()
    assert outer.evaluate("b => getComputedStyle(b).color") != "rgb(1, 2, 3)"
    in_shadow = inner.evaluate("b => b.getRootNode() instanceof ShadowRoot")
    assert in_shadow is True
    # The theme reaches the component as Streamlit's CSS variables.
    primary = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--rl-primary').trim()"
    )
    expect(page.locator("#info")).to_have_css("color", _rgb(primary))
    assert app.errors == []


def test_without_isolation_the_component_is_in_the_page(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        COUNTER.replace("js=JS,", "js=JS, isolate_styles=False,")
        + 'counter(key="c", data={"start": 0})\n'
    )
    expect(app.page.get_by_text("e2e_counter true shadow=false")).to_be_visible()
    in_page = app.page.get_by_role("button", name="Add").evaluate(
        "b => b.getRootNode() === document"
    )
    assert in_page is True


def test_a_component_in_a_fragment_reruns_only_the_fragment(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        COUNTER
        + """
st.session_state.full = st.session_state.get("full", 0) + 1
st.text(f"full runs={st.session_state.full}")

@st.fragment
def panel():
    st.session_state.inner = st.session_state.get("inner", 0) + 1
    r = counter(key="c", data={"start": 0}, on_pinged_change=lambda: None)
    st.text(f"pinged={r.pinged} fragment runs={st.session_state.inner}")

panel()
"""
    )
    page = app.page
    app.after_run(lambda: page.get_by_role("button", name="Ping").click())
    expect(page.get_by_text("pinged=hello fragment runs=2")).to_be_visible()
    expect(page.get_by_text("full runs=1")).to_be_visible()
    assert app.errors == []


def test_a_package_component_runs_from_its_asset_dir(
    app_page: Callable[..., AppPage], tmp_path: Path
) -> None:
    package = tmp_path / "rl_e2e_widgets"
    (package / "web").mkdir(parents=True)
    (package / "__init__.py").write_text(
        textwrap.dedent(
            """
            import rillet as st
            clicker = st.components.v2.component(
                "rl-e2e-widgets.clicker", html="<button>Press</button>",
                css="*.css", js="main-*.js",
            )
            """
        )
    )
    (package / "pyproject.toml").write_text(
        '[project]\nname = "rl-e2e-widgets"\n\n'
        '[[tool.streamlit.component.components]]\nname = "clicker"\nasset_dir = "web"\n'
    )
    (package / "web" / "main-1a2b.js").write_text(
        "import { label } from './label.js';\n"
        "export default function ({ parentElement, setTriggerValue }) {\n"
        "  const button = parentElement.querySelector('button');\n"
        "  button.textContent = label;\n"
        "  button.onclick = () => setTriggerValue('pressed', true);\n"
        "}\n"
    )
    (package / "web" / "label.js").write_text("export const label = 'Press me';\n")
    (package / "web" / "look.css").write_text("button { color: rgb(4, 5, 6); }\n")
    app = app_page(
        f"""
import sys
sys.path.insert(0, {str(tmp_path)!r})
import rillet as st
from rl_e2e_widgets import clicker
r = clicker(key="k", on_pressed_change=lambda: None)
st.text(f"pressed={{r.pressed}}")
"""
    )
    page = app.page
    button = page.get_by_role("button", name="Press me")  # the label came from label.js
    expect(button).to_have_css("color", "rgb(4, 5, 6)")
    app.after_run(button.click)
    expect(page.get_by_text("pressed=True")).to_be_visible()
    assert app.errors == []


def _rgb(hex_color: str) -> str:
    value = hex_color.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({red}, {green}, {blue})"


def test_the_documented_example_works_in_the_browser(app_page: Callable[..., AppPage]) -> None:
    docs = (Path(__file__).parents[2] / "docs" / "components.md").read_text()
    section = docs.split("## Components v2", 1)[1]
    source = section.split("```python\n", 1)[1].split("```", 1)[0]
    app = app_page(source)
    page = app.page
    expect(page.get_by_text("Count: 0")).to_be_visible()
    app.after_run(lambda: page.get_by_role("button", name="+").click())
    app.after_run(lambda: page.get_by_role("button", name="+").click())
    expect(page.get_by_text("Count: 2")).to_be_visible()
    expect(page.locator("output")).to_have_text("2")
    app.after_run(lambda: page.get_by_role("button", name="Say hi").click())
    expect(page.get_by_text("The component says hi")).to_be_visible()
    app.after_run(lambda: page.get_by_role("button", name="-").click())
    expect(page.get_by_text("Count: 1")).to_be_visible()
    expect(page.get_by_text("The component says hi")).to_have_count(0)
    assert app.errors == []
