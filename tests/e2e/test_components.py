"""Custom components as a person meets them in Chromium: HTML in a sandboxed frame, a
hand-written component talking to Python both ways, components inside fragments, and the PyPI
packages streamlit-option-menu and streamlit-aggrid under `--streamlit-compat`."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import FrameLocator, Page, WebSocket, expect

from rillet import compat
from tests.e2e.conftest import AppPage

SANDBOX = "allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads"

# A component written by hand: plain HTML and JS, no npm, no component library.
GREETER = """<!doctype html>
<html>
<head><meta charset="utf-8"><title>Greeter</title></head>
<body style="margin: 0">
  <p id="greeting">waiting for render</p>
  <button type="button" id="send">Send</button>
  <button type="button" id="grow">Grow</button>
  <p id="probe"></p>
  <script>
    const post = (type, data) =>
      window.parent.postMessage({ isStreamlitMessage: true, type, ...data }, "*");
    let clicks = 0;
    let renders = 0;
    window.addEventListener("message", (event) => {
      if (event.data.type !== "streamlit:render") return;
      renders += 1;
      const { args, theme } = event.data;
      document.getElementById("greeting").textContent =
        `Hello, ${args.name}! renders=${renders} theme=${theme.base}`;
      post("streamlit:setFrameHeight", { height: 120 });
    });
    document.getElementById("send").addEventListener("click", () => {
      clicks += 1;
      post("streamlit:setComponentValue", { value: { clicks }, dataType: "json" });
    });
    document.getElementById("grow").addEventListener("click", () => {
      post("streamlit:setFrameHeight", { height: 321 });
    });
    try {
      document.getElementById("probe").textContent = parent.document.title ? "reached" : "?";
    } catch {
      document.getElementById("probe").textContent = "isolated";
    }
    post("streamlit:componentReady", { apiVersion: 1 });
  </script>
</body>
</html>
"""


@pytest.fixture
def greeter_root(tmp_path: Path) -> str:
    (tmp_path / "index.html").write_text(GREETER)
    return str(tmp_path)


def greeter_app(root: str, body: str) -> str:
    return (
        "import rillet as st\n"
        "import rillet.components.v1 as components\n"
        f"greeter = components.declare_component('greeter', path={root!r})\n" + body
    )


def component_frame(page: Page, index: int = 0) -> FrameLocator:
    return page.locator("[data-kind=component] iframe").nth(index).content_frame


def rerun_values_sent(page: Page) -> list[Any]:
    """Collect (fragment id, values) of every rerun request the page sends from now on."""
    sent: list[Any] = []

    def on_frame(payload: str | bytes) -> None:
        message = json.loads(payload)
        if message.get("type") == "rerun" and message.get("values"):
            sent.append((message.get("fragment_id"), message["values"]))

    def on_socket(ws: WebSocket) -> None:
        ws.on("framesent", on_frame)

    page.on("websocket", on_socket)
    return sent


def test_html_content_is_visible_in_an_isolated_frame(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        """
import rillet as st
import rillet.components.v1 as components
components.html(
    "<h1>Inside the frame</h1><p id='probe'></p><script>"
    "try { parent.document.body; probe.textContent = 'reached'; }"
    " catch (e) { probe.textContent = 'isolated'; }</script>",
    height=120,
)
"""
    )
    page = app.page
    frame_element = page.locator("[data-kind=iframe] iframe")
    frame = frame_element.content_frame
    expect(frame.get_by_role("heading", name="Inside the frame")).to_be_visible()
    expect(frame.get_by_text("isolated")).to_be_visible()
    expect(frame_element).to_have_attribute("sandbox", SANDBOX)
    box = frame_element.bounding_box()
    assert box is not None and box["height"] == 120
    assert app.errors == []


def test_iframe_shows_pages_but_never_runs_javascript_urls(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import rillet as st
import rillet.components.v1 as components
components.iframe("data:text/html,<p>a data page</p>", height=60)
components.iframe("javascript:parent.document.title='owned'", height=60)
"""
    )
    frames = app.page.locator("[data-kind=iframe] iframe")
    expect(frames.nth(0).content_frame.get_by_text("a data page")).to_be_visible()
    expect(frames.nth(1)).to_have_attribute("src", "about:blank")
    assert app.page.title() != "owned"


def test_handwritten_component_round_trip_and_height(
    app_page: Callable[..., AppPage], greeter_root: str
) -> None:
    app = app_page(
        greeter_app(
            greeter_root,
            """
name = st.text_input("Name", "Ada")
value = greeter(name=name, key="greeter", default={"clicks": 0})
st.text(f"clicks={value['clicks']}")
""",
        )
    )
    page = app.page
    frame = component_frame(page)
    frame_element = page.locator("[data-kind=component] iframe")
    expect(frame.get_by_text("Hello, Ada! renders=1 theme=light")).to_be_visible()
    expect(frame.get_by_text("isolated")).to_be_visible()
    expect(frame_element).to_have_attribute("sandbox", SANDBOX)
    expect(page.get_by_text("clicks=0")).to_be_visible()
    # The height the component asks for is the frame's height.
    expect(frame_element).to_have_attribute("height", "120")
    app.after_run(lambda: frame.get_by_role("button", name="Send").click())
    expect(page.get_by_text("clicks=1")).to_be_visible()
    frame.get_by_role("button", name="Grow").click()
    expect(frame_element).to_have_attribute("height", "321")
    box = frame_element.bounding_box()
    assert box is not None and box["height"] == 321
    # New args reach the same frame (keyed: not reloaded) as a second render.
    name = page.get_by_role("textbox", name="Name")
    name.fill("Grace")
    app.after_run(lambda: name.press("Enter"))
    expect(frame.get_by_text("Hello, Grace! renders=2 theme=light")).to_be_visible()
    expect(page.get_by_text("clicks=1")).to_be_visible()
    assert app.errors == []


def test_messages_from_other_windows_are_ignored(
    page: Page, app_page: Callable[..., AppPage], greeter_root: str
) -> None:
    sent = rerun_values_sent(page)
    app = app_page(
        greeter_app(
            greeter_root,
            """
value = greeter(name="Ada", key="greeter", default={"clicks": 0})
st.text(f"clicks={value['clicks']}")
components.html(
    "<button onclick=\\"parent.postMessage({isStreamlitMessage: true,"
    " type: 'streamlit:setComponentValue', value: {clicks: 99}, dataType: 'json'}, '*')\\">"
    "Forge</button>"
)
""",
        )
    )
    page = app.page
    frame = component_frame(page)
    expect(frame.get_by_text("Hello, Ada!", exact=False)).to_be_visible()
    # From another frame, and from the page itself: neither is the component's window.
    page.locator("[data-kind=iframe] iframe").content_frame.get_by_role(
        "button", name="Forge"
    ).click()
    page.evaluate(
        """() => window.postMessage({isStreamlitMessage: true,
            type: "streamlit:setComponentValue", value: {clicks: 98}, dataType: "json"}, "*")"""
    )
    app.after_run(lambda: frame.get_by_role("button", name="Send").click())
    expect(page.get_by_text("clicks=1")).to_be_visible()
    values = [v["value"] for _, values in sent for v in values]
    assert values == [{"dataType": "json", "value": {"clicks": 1}}]


def test_component_in_a_fragment_reruns_only_the_fragment(
    page: Page, app_page: Callable[..., AppPage], greeter_root: str
) -> None:
    sent = rerun_values_sent(page)
    app = app_page(
        greeter_app(
            greeter_root,
            """
st.session_state.full = st.session_state.get("full", 0) + 1
st.text(f"full runs: {st.session_state.full}")

@st.fragment
def panel():
    value = greeter(name="fragment", key="greeter", default={"clicks": 0})
    st.text(f"fragment clicks={value['clicks']}")

panel()
""",
        )
    )
    page = app.page
    frame = component_frame(page)
    expect(frame.get_by_text("Hello, fragment!", exact=False)).to_be_visible()
    app.after_run(lambda: frame.get_by_role("button", name="Send").click())
    expect(page.get_by_text("fragment clicks=1")).to_be_visible()
    expect(page.get_by_text("full runs: 1")).to_be_visible()
    assert len(sent) == 1 and sent[0][0]  # the request named the fragment


# --- existing packages, unchanged, under --streamlit-compat ----------------------------------


@pytest.fixture
def compat_mode() -> Iterator[None]:
    yield
    compat.uninstall()


def needs(*modules: str) -> pytest.MarkDecorator:
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    return pytest.mark.skipif(
        bool(missing), reason=f"not installed (scripts/test.sh installs them): {missing}"
    )


@needs("streamlit_option_menu")
def test_option_menu_selection_returns_to_python(
    app_page: Callable[..., AppPage], compat_mode: None
) -> None:
    app = app_page(
        """
import streamlit as st
from streamlit_option_menu import option_menu

selected = option_menu(
    "Main menu", ["Home", "Upload", "Tasks"], icons=["house", "cloud-upload", "list-task"],
    key="menu",
)
st.text(f"selected={selected}")
""",
        streamlit_compat=True,
    )
    page = app.page
    frame = component_frame(page)
    expect(frame.get_by_text("Main menu")).to_be_visible()
    expect(page.get_by_text("selected=Home")).to_be_visible()
    app.after_run(lambda: frame.get_by_text("Upload").click())
    expect(page.get_by_text("selected=Upload")).to_be_visible()
    # The frame sized itself to its menu.
    box = page.locator("[data-kind=component] iframe").bounding_box()
    assert box is not None and box["height"] > 100


@needs("st_aggrid", "decouple", "pyarrow")
@pytest.mark.filterwarnings("ignore:The inplace keyword")  # st_aggrid's own use of pandas
def test_aggrid_renders_a_grid_and_returns_the_selected_row(
    app_page: Callable[..., AppPage], compat_mode: None
) -> None:
    app = app_page(
        """
import pandas as pd
import streamlit as st
from st_aggrid import AgGrid, GridOptionsBuilder

people = pd.DataFrame({"name": ["Ada", "Grace", "Linus"], "year": [1815, 1906, 1969]})
options = GridOptionsBuilder.from_dataframe(people)
options.configure_selection("single")
grid = AgGrid(people, gridOptions=options.build(), key="grid", height=220)
rows = grid.selected_rows
st.text(f"selected={None if rows is None else rows['name'].tolist()}")
""",
        streamlit_compat=True,
    )
    page = app.page
    frame = component_frame(page)
    expect(frame.get_by_role("gridcell", name="Linus")).to_be_visible()
    expect(frame.get_by_role("gridcell", name="1906")).to_be_visible()
    expect(page.get_by_text("selected=None")).to_be_visible()
    app.after_run(lambda: frame.get_by_role("gridcell", name="Grace").click())
    expect(page.get_by_text("selected=['Grace']")).to_be_visible()
