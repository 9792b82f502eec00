"""st.components.v2 through AppTest: what a mounted instance emits, state values that persist,
trigger values that last one run, callbacks, fragments, data of every kind, package components
with an asset dir, and bad input (Streamlit's errors, forged and malformed browser values)."""

from __future__ import annotations

import logging
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rillet import compat
from rillet.components import v2
from rillet.elements.components_v2_assets import REGISTRY
from rillet.runtime.errors import RilletAPIException
from rillet.testing import AppTest
from rillet.testing.components_v2 import BidiComponent

HEADER = """
import rillet as st
counter = st.components.v2.component(
    "counter",
    html="<button>+1</button><a href='#'>hi</a>",
    css="button { color: var(--st-primary-color); }",
    js="export default function(c) {}",
)
"""


def app(body: str) -> AppTest:
    return AppTest.from_string(HEADER + textwrap.dedent(body)).run()


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def instance(at: AppTest) -> BidiComponent:
    found = at.bidi_component
    assert len(found) == 1
    return found[0]


def test_mounting_emits_the_component_with_its_content_and_data() -> None:
    at = app('counter(key="c", data={"start": 3}, height=120, width="content")')

    c = instance(at)
    assert c.name == "counter"
    assert c.props["html"] == "<button>+1</button><a href='#'>hi</a>"
    assert c.props["css"].startswith("button")
    assert c.props["js"] == "export default function(c) {}"
    assert c.props["isolate_styles"] is True
    assert (c.props["width"], c.props["height"]) == ("content", 120)
    assert c.data == {"start": 3}
    assert c.props["trigger_id"].startswith("bidi_component_events-")
    assert c.key == "c"
    assert len(at.exception) == 0


def test_result_holds_defaults_and_no_trigger_before_any_interaction() -> None:
    at = app(
        """
r = counter(key="c", default={"count": 5}, on_count_change=lambda: None,
            on_clicked_change=lambda: None)
st.text(f"{r.count} {r.clicked} {r['count']} {sorted(r)}")
"""
    )
    assert texts(at) == ["5 None 5 ['clicked', 'count']"]
    assert instance(at).props["value"] == {"count": 5}


def test_state_value_persists_across_reruns_and_lives_in_session_state() -> None:
    at = app(
        """
r = counter(key="c", on_count_change=lambda: None)
st.text(f"count={r.get('count')} state={dict(st.session_state['c'])}")
st.button("other")
"""
    )
    instance(at).set_state_value("count", 1).run()
    assert texts(at) == ["count=1 state={'count': 1}"]

    at.button[0].click().run()  # an unrelated rerun keeps the state
    assert texts(at) == ["count=1 state={'count': 1}"]
    assert at.session_state["c"].count == 1


def test_trigger_value_lasts_one_run() -> None:
    at = app(
        """
r = counter(key="c", on_clicked_change=lambda: None)
st.text(f"clicked={r.clicked}")
st.button("other")
"""
    )
    instance(at).set_trigger_value("clicked", "link_1").run()
    assert texts(at) == ["clicked=link_1"]

    at.button[0].click().run()
    assert texts(at) == ["clicked=None"]


def test_callbacks_run_before_the_script_for_the_values_that_changed() -> None:
    at = app(
        """
log = st.session_state.setdefault("log", [])
r = counter(key="c", on_count_change=lambda: log.append("count"),
            on_clicked_change=lambda: log.append("clicked"),
            on_other_change=lambda: log.append("other"))
st.text(",".join(log))
"""
    )
    instance(at).set_state_value("count", 1).run()
    assert texts(at) == ["count"]
    instance(at).set_state_value("count", 1).run()  # unchanged: no callback
    assert texts(at) == ["count"]
    instance(at).set_trigger_value("clicked", True).run()
    assert texts(at) == ["count,clicked"]


def test_triggers_without_a_callback_stay_out_of_the_result() -> None:
    at = app(
        """
r = counter(key="c")
st.text(str(dict(r)))
"""
    )
    instance(at).set_trigger_value("clicked", 1).run()
    assert texts(at) == ["{}"]


def test_a_component_in_a_fragment_reruns_only_the_fragment() -> None:
    at = app(
        """
st.session_state.full = st.session_state.get("full", 0) + 1
st.text(f"full={st.session_state.full}")

@st.fragment
def panel():
    r = counter(key="c", on_clicked_change=lambda: None, on_count_change=lambda: None)
    st.text(f"clicked={r.clicked} count={r.get('count')}")

panel()
"""
    )
    assert texts(at) == ["full=1", "clicked=None count=None"]
    instance(at).set_trigger_value("clicked", "x").run()
    assert texts(at) == ["full=1", "clicked=x count=None"]
    instance(at).set_state_value("count", 2).run()
    assert texts(at) == ["full=1", "clicked=None count=2"]


def test_session_state_set_before_mounting_is_the_initial_state() -> None:
    at = app(
        """
if "c" not in st.session_state:
    st.session_state.c = {"count": 7}
r = counter(key="c", on_count_change=lambda: None)
st.text(f"count={r.count}")
"""
    )
    assert texts(at) == ["count=7"]


def test_unkeyed_instances_take_their_identity_from_their_data() -> None:
    at = app('counter(data=st.session_state.get("d", 1))')
    first = instance(at).id
    at.session_state["d"] = 2
    at.run()
    assert instance(at).id != first


def test_two_unkeyed_identical_instances_need_a_key() -> None:
    at = app("counter()\ncounter()")
    assert "multiple `bidi_component` elements" in at.exception[0].message


# --- data -----------------------------------------------------------------------------------


def test_bytes_and_frames_travel_as_arrow_and_bytes() -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    at = app(
        """
import pandas as pd
frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
counter(key="bytes", data=b"\\x00\\x01")
counter(key="frame", data=frame)
counter(key="mixed", data={"rows": frame, "title": "t"})
"""
    )
    by_key = {c.key: c for c in at.bidi_component}
    assert by_key["bytes"].data == b"\x00\x01"
    assert "arrow" in by_key["frame"].props["data"]
    expected = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    pd.testing.assert_frame_equal(by_key["frame"].data, expected)
    mixed = by_key["mixed"]
    assert mixed.data["title"] == "t"
    pd.testing.assert_frame_equal(mixed.data["rows"], expected)
    assert '"__streamlit_arrow_ref__"' in mixed.props["data"]["json"]


@pytest.mark.parametrize("data", ["object()", "{'when': object()}", "float('nan')"])
def test_data_that_cannot_be_serialised_is_refused_with_streamlits_error(data: str) -> None:
    at = app(f"counter(data={data})\nst.text('after')")
    assert "could not be serialized" in at.exception[0].message
    assert texts(at) == []


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("counter(on__change=lambda: None)", "The callback name `'on__change'` is not allowed"),
        ("counter(on_click=lambda: None)", "`on_click` is not a parameter"),
        ("counter(on_click_change=1)", "The `on_click_change` callback must be callable"),
        (
            "counter(default={'count': 1})",
            "Key `'count'` in `default` is not a valid state name",
        ),
        ("counter(width='wide')", "Invalid width value"),
        ("counter(key=[1])", "A widget key must be a string"),
    ],
)
def test_bad_mount_arguments_raise_clear_errors(call: str, message: str) -> None:
    at = app(call)
    assert message in at.exception[0].message


@pytest.mark.parametrize("param", ["css", "js", "html"])
def test_non_string_content_raises_streamlits_type_error(param: str) -> None:
    kwargs: dict[str, Any] = {param: b"x"}
    with pytest.raises(RilletAPIException, match=f"Invalid `{param}` type"):
        v2.component("bad", **kwargs)


def test_a_forged_value_for_a_component_not_on_the_page_is_dropped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    at = app(
        """
r = counter(key="c", on_count_change=lambda: None)
st.text(f"count={r.get('count')}")
"""
    )
    instance(at).set_state_value("count", 1).run()
    at._pending["bidi_component-0123456789abcdef01234567"] = {"count": 99}
    at._pending["bidi_component_events-0123456789abcdef01234567"] = [{"event": "x"}]
    with caplog.at_level(logging.WARNING, logger="rillet.state"):
        at.run()
    assert texts(at) == ["count=1"]
    assert caplog.text.count("unknown widget id") == 2


@pytest.mark.parametrize(
    "wire",
    [[1, 2], "clicked", [], [{"event": ""}], [{"event": "a", "extra": 1}], [{"value": 1}]],
)
def test_malformed_trigger_values_are_rejected(wire: object) -> None:
    at = app(
        """
r = counter(key="c", on_a_change=lambda: None)
st.text(f"a={r.a}")
"""
    )
    at._pending[instance(at).props["trigger_id"]] = wire
    at.run()
    assert texts(at) == ["a=None"]


@pytest.mark.parametrize("wire", [[1], "count", 3, {"1": 1, 2: 2}])
def test_malformed_state_values_are_rejected_and_the_state_kept(wire: object) -> None:
    at = app(
        """
r = counter(key="c", on_count_change=lambda: None)
st.text(f"count={r.get('count')}")
"""
    )
    instance(at).set_state_value("count", 4).run()
    at._pending[instance(at).id] = wire
    at.run()
    assert texts(at) == ["count=4"]


def test_state_set_in_a_form_waits_for_the_submit() -> None:
    at = app(
        """
with st.form("f"):
    r = counter(key="c")
    st.text(f"count={r.get('count')}")
    st.form_submit_button("Go")
"""
    )
    c = instance(at)
    assert c.props["in_form"] is True
    c.set_state_value("count", 1).run()
    assert texts(at) == ["count=None"]  # held until the form is submitted


# --- package components with an asset dir ----------------------------------------------------


@pytest.fixture
def package(tmp_path: Path) -> Iterator[Path]:
    """A tiny installed-looking package ``rl_widgets`` that declares ``rl-widgets.clicker``."""
    pkg = tmp_path / "rl_widgets"
    (pkg / "frontend" / "assets").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [project]
            name = "rl-widgets"
            version = "0.1.0"

            [[tool.streamlit.component.components]]
            name = "clicker"
            asset_dir = "frontend"

            [[tool.streamlit.component.components]]
            name = "bare"
            """
        )
    )
    (pkg / "frontend" / "index-3f2a.js").write_text("export default function () {}\n")
    (pkg / "frontend" / "assets" / "style.css").write_text("p { color: red; }\n")
    (pkg / "frontend" / "body.html").write_text("<p>from a file</p>\n")
    (tmp_path / "secret.js").write_text("nope")
    sys.path.insert(0, str(tmp_path))
    try:
        yield pkg
    finally:
        sys.path.remove(str(tmp_path))


def test_a_package_component_loads_its_files_from_the_declared_asset_dir(package: Path) -> None:
    clicker = v2.component(
        "rl-widgets.clicker", html="body.html", css="assets/*.css", js="index-*.js"
    )
    definition = REGISTRY.get("rl-widgets.clicker")
    assert definition is not None
    assert definition.asset_root == str((package / "frontend").resolve())
    assert (definition.js_url, definition.css_url) == ("index-3f2a.js", "assets/style.css")
    assert definition.html == "<p>from a file</p>\n"
    assert definition.js is None and definition.css is None
    assert clicker.name == "rl-widgets.clicker"


@pytest.mark.parametrize(
    ("js", "message"),
    [
        ("../secret.js", "Path traversal attempts are not allowed"),
        ("/etc/passwd.js", "Unsafe paths are not allowed"),
        ("*.nothing.js", "No files found matching pattern"),
        ("missing.js", "No js file 'missing.js'"),
    ],
)
def test_unsafe_or_missing_asset_paths_are_refused(package: Path, js: str, message: str) -> None:
    with pytest.raises(Exception, match=message.replace("(", r"\(")):
        v2.component("rl-widgets.clicker", js=js)


def test_file_backed_content_needs_a_declared_asset_dir(package: Path) -> None:
    for name in ("rl-widgets.bare", "rl-widgets.undeclared", "inline"):
        with pytest.raises(Exception, match=r"must be declared in pyproject\.toml with asset_dir"):
            v2.component(name, js="index.js")


def test_inline_content_that_looks_like_code_is_not_a_path() -> None:
    c = v2.component("inline-multiline", js="export default function () {\n}\n", css="p{}")
    definition = REGISTRY.get(c.name)
    assert definition is not None and definition.js_url is None and definition.css == "p{}"


# --- the module names apps import --------------------------------------------------------------


def test_st_components_v2_and_the_compat_alias() -> None:
    import rillet as st

    assert st.components.v2.component is v2.component
    compat.install()
    try:
        import streamlit.components.v2 as components_v2

        assert components_v2.component is v2.component
    finally:
        compat.uninstall()
