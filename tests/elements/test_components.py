"""Custom components through AppTest: html and iframe frames, declared components as widgets
(args, values of every data type, identity, callbacks, fragments), validation of browser
values, and `--streamlit-compat` with the real component packages."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import rillet
from rillet import compat
from rillet.elements.components import REGISTRY, declare_component
from rillet.protocol.messages import Delta
from rillet.runtime.errors import RilletAPIException
from rillet.testing import AppTest
from rillet.testing.elements import Component


@pytest.fixture
def frontend(tmp_path: Path) -> str:
    """A component folder with an index.html (its content does not matter headlessly)."""
    (tmp_path / "index.html").write_text("<!doctype html><p>component</p>")
    return str(tmp_path)


def app(body: str, **names: str) -> AppTest:
    """Run a script that imports rillet as st and the v1 component API as components."""
    header = "import rillet as st\nimport rillet.components.v1 as components\n"
    header += "".join(f"{name} = {value!r}\n" for name, value in names.items())
    return AppTest.from_string(header + body).run()


def send_raw(at: AppTest, widget: Component, wire: object) -> AppTest:
    """Queue ``wire`` exactly as a (possibly forged) browser message would carry it."""
    at._pending[widget.id] = wire
    return at


def texts(at: AppTest) -> list[str]:
    return [str(t.value) for t in at.text]


# --- html and iframe -------------------------------------------------------------------------


def test_html_is_a_frame_with_its_document_and_streamlits_default_height() -> None:
    at = app('components.html("<b>Hi</b>")\ncomponents.html("<i>x</i>", width=300, height=80)')
    first, second = at.iframe
    assert first.srcdoc == "<b>Hi</b>" and first.value == "<b>Hi</b>"
    assert first.props["height"] == 150 and first.props["width"] is None
    assert first.props["scrolling"] is False and first.props["tab_index"] is None
    assert (second.props["width"], second.props["height"]) == (300, 80)


def test_iframe_shows_a_url_with_scrolling_and_tab_index() -> None:
    at = app('components.iframe("https://example.com", height=400, scrolling=True, tab_index=-1)')
    frame = at.iframe[0]
    assert frame.src == "https://example.com" and frame.srcdoc is None
    assert frame.props["scrolling"] is True and frame.props["tab_index"] == -1


def test_components_are_reachable_from_st_as_in_streamlit() -> None:
    at = AppTest.from_string('import rillet as st\nst.components.v1.html("<p>via st</p>")').run()
    assert at.iframe[0].srcdoc == "<p>via st</p>"
    assert rillet.components.v1.declare_component is declare_component


def test_html_follows_the_container_it_is_written_in() -> None:
    at = app('with st.sidebar:\n    components.html("<p>side</p>")')
    assert len(at.sidebar.iframe) == 1 and len(at.main.iframe) == 0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('components.html("x", height=-1)', "`height` of components.html"),
        ('components.html("x", width="wide")', "`width` of components.html"),
        ('components.html("x", tab_index=-2)', "`tab_index` of components.html"),
        ("components.html(b'x')", "takes a string"),
        ("components.iframe(None)", "takes a URL string"),
    ],
)
def test_frame_parameters_are_checked(call: str, message: str) -> None:
    at = app(call)
    assert message in at.exception[0].message


# --- declaring -------------------------------------------------------------------------------


def test_declaration_is_named_after_the_declaring_script_and_registered(frontend: str) -> None:
    at = app('c = components.declare_component("echo", path=root)\nc(key="e")', root=frontend)
    name = at.component[0].name
    assert name.startswith("rillet_apptest_") and name.endswith(".echo")
    declaration = REGISTRY.get(name)
    assert declaration is not None
    assert declaration.path == str(Path(frontend).resolve()) and declaration.url is None


def test_declaration_in_a_module_uses_the_module_name(frontend: str) -> None:
    component = declare_component("widget", path=frontend)
    assert component.name == f"{__name__}.widget"
    assert REGISTRY.root_of(component.name) == str(Path(frontend).resolve())
    dev = declare_component("dev", url="http://localhost:3001")
    assert REGISTRY.root_of(dev.name) is None and dev.url == "http://localhost:3001"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "Either 'path' or 'url' must be set, but not both."),
        ({"path": ".", "url": "http://x"}, "Either 'path' or 'url' must be set, but not both."),
        ({"path": "/no/such/folder"}, "No such component directory"),
    ],
)
def test_declaration_needs_exactly_one_existing_source(
    kwargs: dict[str, str], message: str
) -> None:
    with pytest.raises(RilletAPIException, match=message.replace("(", r"\(")):
        declare_component("bad", **kwargs)


def test_component_names_cannot_break_out_of_their_url(frontend: str) -> None:
    with pytest.raises(RilletAPIException, match="without '/'"):
        declare_component("../evil", path=frontend)


# --- instances: args and values --------------------------------------------------------------

ECHO = """
echo = components.declare_component("echo", path=root)
value = echo(name=name, default="nothing yet", key="echo")
st.text(f"value={value!r}")
"""


def test_args_reach_the_frontend_with_default_and_key(frontend: str) -> None:
    at = app(ECHO, root=frontend, name="Ada")
    assert at.component(key="echo").args == {
        "name": "Ada",
        "default": "nothing yet",
        "key": "echo",
    }
    assert at.get("component")[0].key == "echo"


def test_default_until_the_frontend_sets_a_value_then_that_value(frontend: str) -> None:
    at = app(ECHO, root=frontend, name="Ada")
    assert texts(at) == ["value='nothing yet'"]
    assert at.component[0].value == "nothing yet"
    at.component[0].set_value({"clicks": 3}).run()
    assert texts(at) == ["value={'clicks': 3}"]
    assert at.session_state["echo"] == {"clicks": 3}
    at.run()
    assert texts(at) == ["value={'clicks': 3}"]


def test_value_never_travels_back_to_the_frame(frontend: str) -> None:
    at = app(ECHO, root=frontend, name="Ada")
    assert "value" not in at.component[0].props
    at.component[0].set_value("big value").run()
    # The frame keeps its own state: the rerun sends no delta for the instance.
    assert not any(
        isinstance(m, Delta) and m.element.kind == "component" for m in at.messages
    )


def test_wire_values_of_each_data_type_decode(frontend: str) -> None:
    at = app(ECHO, root=frontend, name="Ada")
    send_raw(at, at.component[0], {"dataType": "json", "value": [1, "two", None]}).run()
    assert texts(at) == ["value=[1, 'two', None]"]
    send_raw(at, at.component[0], {"dataType": "bytes", "value": "AAEC/w=="}).run()
    assert texts(at) == ["value=b'\\x00\\x01\\x02\\xff'"]


def test_a_null_value_returns_the_default_as_in_streamlit(frontend: str) -> None:
    at = app(ECHO, root=frontend, name="Ada")
    at.component[0].set_value("x").run()
    send_raw(at, at.component[0], {"dataType": "json", "value": None}).run()
    assert texts(at) == ["value='nothing yet'"]


@pytest.mark.parametrize(
    "wire",
    [
        "plain",
        {"value": 1},
        {"dataType": "json"},
        {"dataType": "json", "value": 1, "extra": 2},
        {"dataType": "xml", "value": "<a/>"},
        {"dataType": "bytes", "value": "not base64!"},
        {"dataType": "bytes", "value": [1, 2]},
        {"dataType": "dataframe", "value": "AAAA"},
        {"dataType": "dataframe", "value": {"index": "AAAA"}},
    ],
)
def test_malformed_values_from_the_browser_are_rejected(frontend: str, wire: object) -> None:
    at = app(ECHO, root=frontend, name="Ada")
    at.component[0].set_value("kept").run()
    send_raw(at, at.component[0], wire).run()
    assert texts(at) == ["value='kept'"]
    assert not at.exception


def test_bytes_args_travel_as_bytes(frontend: str) -> None:
    at = app(
        'c = components.declare_component("b", path=root)\nc(blob=b"\\x00\\xffdata", key="b")',
        root=frontend,
    )
    component = at.component[0]
    assert component.args["blob"] == b"\x00\xffdata"
    assert component.props["bytes_args"] == {"blob": "AP9kYXRh"}


def test_positional_and_non_json_args_are_refused(frontend: str) -> None:
    at = app('c = components.declare_component("p", path=root)\nc("oops")', root=frontend)
    assert at.exception[0].message == "Argument 'oops' needs a label"
    at = app('c = components.declare_component("p", path=root)\nc(x=object())', root=frontend)
    assert "Could not convert component args to JSON" in at.exception[0].message


# --- dataframes (Arrow) ----------------------------------------------------------------------

DATAFRAME = """
import pandas as pd
grid = components.declare_component("grid", path=root)
frame = pd.DataFrame({"name": ["Ada", "Grace"], "year": [1815, 1906]}, index=["a", "g"])
value = grid(data=frame, key="grid")
st.text(f"type={type(value).__name__}")
if value is not None:
    st.text(f"rows={value.to_dict('index')}")
"""


def test_dataframe_args_travel_as_arrow_and_read_back(frontend: str) -> None:
    pytest.importorskip("pyarrow")
    import pandas as pd

    at = app(DATAFRAME, root=frontend)
    component = at.component[0]
    (df,) = component.props["dfs"]
    assert df["key"] == "data" and set(df) == {"key", "data", "index", "columns"}
    frame = component.args["data"]
    expected = pd.DataFrame({"name": ["Ada", "Grace"], "year": [1815, 1906]}, index=["a", "g"])
    assert frame["name"].tolist() == ["Ada", "Grace"]
    assert frame["year"].tolist() == [1815, 1906]
    assert list(frame.index) == list(expected.index)


def test_text_columns_use_arrow_types_older_frontends_read(frontend: str) -> None:
    pa = pytest.importorskip("pyarrow")
    import base64

    at = app(DATAFRAME, root=frontend)
    data = base64.b64decode(at.component[0].props["dfs"][0]["data"])
    schema = pa.ipc.open_stream(data).schema
    assert schema.field("name").type == pa.string()  # not large_string (pandas 3)


def test_dataframe_values_from_the_frame_become_pandas(frontend: str) -> None:
    pytest.importorskip("pyarrow")
    import pandas as pd

    at = app(DATAFRAME, root=frontend)
    assert texts(at) == ["type=NoneType"]
    picked = pd.DataFrame({"name": ["Grace"], "year": [1906]}, index=["g"])
    at.component[0].set_value(picked).run()
    assert texts(at) == ["type=DataFrame", "rows={'g': {'name': 'Grace', 'year': 1906}}"]
    # The same frame again is no change: its callback would not run.
    at.component[0].set_value(picked.copy()).run()
    assert texts(at)[0] == "type=DataFrame"


def test_dataframe_args_without_pyarrow_say_what_to_install(
    frontend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` fail
    at = app(DATAFRAME, root=frontend)
    assert "install pyarrow" in at.exception[0].message


def test_dataframe_values_without_pyarrow_are_rejected_not_fatal(
    frontend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app(ECHO, root=frontend, name="Ada")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    wire = {"dataType": "dataframe", "value": {"data": "AAAA"}}
    send_raw(at, at.component[0], wire).run()
    assert texts(at) == ["value='nothing yet'"] and not at.exception


# --- identity, keys, callbacks ---------------------------------------------------------------


def test_unkeyed_instances_are_new_widgets_when_their_args_change(frontend: str) -> None:
    source = """
c = components.declare_component("c", path=root)
label = st.text_input("Label", "one")
st.text(f"value={c(label=label)!r}")
"""
    at = app(source, root=frontend)
    first_id = at.component[0].id
    at.component[0].set_value("picked").run()
    assert texts(at) == ["value='picked'"]
    at.text_input[0].input("two").run()
    assert at.component[0].id != first_id
    assert texts(at) == ["value=None"]


def test_keyed_instances_keep_identity_and_value_when_args_change(frontend: str) -> None:
    source = """
c = components.declare_component("c", path=root)
label = st.text_input("Label", "one")
st.text(f"value={c(label=label, key='k')!r}")
"""
    at = app(source, root=frontend)
    first_id = at.component[0].id
    at.component[0].set_value("picked").run()
    at.text_input[0].input("two").run()
    assert at.component[0].id == first_id
    assert at.component[0].args["label"] == "two"
    assert texts(at) == ["value='picked'"]


def test_on_change_runs_before_the_script_only_when_the_value_changes(frontend: str) -> None:
    source = """
st.session_state.setdefault("calls", [])
c = components.declare_component("c", path=root)
def changed():
    st.session_state.calls.append(st.session_state.k)
c(key="k", on_change=changed)
st.text(f"calls={st.session_state.calls}")
"""
    at = app(source, root=frontend)
    at.component[0].set_value(1).run()
    assert texts(at) == ["calls=[1]"]
    at.component[0].set_value(1).run()
    assert texts(at) == ["calls=[1]"]
    at.component[0].set_value(2).run()
    assert texts(at) == ["calls=[1, 2]"]


def test_two_instances_with_one_key_are_a_duplicate(frontend: str) -> None:
    at = app('c = components.declare_component("c", path=root)\nc(key="k")\nc(key="k")',
             root=frontend)
    assert "multiple elements with the same `key='k'`" in at.exception[0].message


def test_same_origin_is_granted_only_on_request(frontend: str) -> None:
    source = """
plain = components.declare_component("plain", path=root)
trusted = components.declare_component("trusted", path=root, allow_same_origin=True)
plain(key="p")
trusted(key="t")
"""
    at = app(source, root=frontend)
    assert at.component(key="p").props["same_origin"] is False
    assert at.component(key="t").props["same_origin"] is True


def test_component_in_a_fragment_reruns_only_the_fragment(frontend: str) -> None:
    source = """
st.session_state.full = st.session_state.get("full", 0) + 1
st.text(f"full={st.session_state.full}")
c = components.declare_component("c", path=root)

@st.fragment
def panel():
    st.text(f"picked={c(key='k', default='-')}")

panel()
"""
    at = app(source, root=frontend)
    assert texts(at) == ["full=1", "picked=-"]
    at.component(key="k").set_value("Upload").run()
    assert texts(at) == ["full=1", "picked=Upload"]


# --- --streamlit-compat ----------------------------------------------------------------------


@pytest.fixture
def streamlit_compat() -> Iterator[None]:
    compat.install()
    try:
        yield
    finally:
        compat.uninstall()


def test_compat_makes_streamlit_imports_resolve_to_rillet(streamlit_compat: None) -> None:
    import streamlit
    import streamlit.components.v1 as components

    assert streamlit is rillet and compat.installed()
    assert components is rillet.components.v1
    at = AppTest.from_string(
        "import streamlit as st\nimport streamlit.components.v1 as c\nc.html('<p>x</p>')"
    ).run()
    assert at.iframe[0].srcdoc == "<p>x</p>"


def test_compat_aliases_can_be_removed() -> None:
    compat.install()
    compat.uninstall()
    assert "streamlit" not in sys.modules or sys.modules["streamlit"] is not rillet
    assert not compat.installed()


@pytest.mark.skipif(
    importlib.util.find_spec("streamlit_option_menu") is None,
    reason="streamlit-option-menu is installed with --no-deps by scripts/test.sh",
)
def test_option_menu_runs_headlessly_under_compat(streamlit_compat: None) -> None:
    at = AppTest.from_string(
        """
import streamlit as st
from streamlit_option_menu import option_menu
picked = option_menu("Menu", ["Home", "Upload"], key="menu")
st.text(f"picked={picked}")
"""
    ).run()
    menu = at.component(key="menu")
    assert menu.name == "streamlit_option_menu.option_menu"
    assert menu.args["options"] == ["Home", "Upload"] and menu.args["menuTitle"] == "Menu"
    assert texts(at) == ["picked=Home"]
    menu.set_value("Upload").run()
    assert texts(at) == ["picked=Upload"]

