"""Parameters Streamlit 1.67 added to existing commands, each doing what Streamlit's does.

tests/test_signatures.py checks that every command takes them; this file checks what they do.
"""

from __future__ import annotations

import pytest

from rillet.testing import AppTest


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


# --- on_change modes ------------------------------------------------------------------------


def test_on_change_rerun_is_the_default_and_means_no_callback() -> None:
    at = app('v = st.checkbox("C", on_change="rerun")\nst.text(str(v))\n')
    at.checkbox[0].check().run()
    assert at.text[0].value == "True"
    assert not at.exception


def test_on_change_of_an_unknown_mode_gets_streamlits_error() -> None:
    at = app('st.text_input("T", on_change="sometimes")\n')
    assert "Invalid `on_change` value" in at.exception[0].message


def test_on_change_rerun_is_allowed_inside_a_form() -> None:
    at = app(
        'with st.form("f"):\n    st.slider("S", on_change="rerun")\n    st.form_submit_button()\n'
    )
    assert not at.exception


def test_bind_with_a_value_streamlit_refuses_gets_streamlits_error() -> None:
    at = app('st.toggle("T", bind="url")\n')
    expected = "Invalid `bind` value. Supported values: 'query-params', None."
    assert at.exception[0].message == expected


# --- link_button(key, on_click, args, kwargs) -------------------------------------------------


def test_link_button_is_a_plain_link_by_default() -> None:
    at = app('r = st.link_button("Docs", "https://example.com")\nst.write(type(r).__name__)\n')
    assert at.link_button[0].element.id is None
    assert at.markdown[0].value == "Container"


def test_link_button_with_on_click_rerun_returns_whether_it_was_clicked() -> None:
    at = app(
        'clicked = st.link_button("Docs", "https://example.com", on_click="rerun")\n'
        "st.text(str(clicked))\n"
    )
    assert at.text[0].value == "False"
    at.link_button[0].click().run()
    assert at.text[0].value == "True"
    at.run()
    assert at.text[0].value == "False"


def test_link_button_callback_runs_before_the_script_with_its_arguments() -> None:
    at = app(
        "def opened(where, *, how):\n"
        "    st.session_state.log = f'{where} {how}'\n"
        'st.link_button("Docs", "https://example.com", key="docs", on_click=opened,\n'
        '               args=("docs",), kwargs={"how": "tab"})\n'
        "st.write(st.session_state.get('log', '-'))\n"
    )
    at.link_button[0].click().run()
    assert at.markdown[0].value == "docs tab"
    assert at.session_state["docs"] is True  # the run the click caused


def test_link_button_on_click_must_be_a_mode_or_callable() -> None:
    at = app('st.link_button("Docs", "https://example.com", on_click="open")\n')
    assert "on_click" in at.exception[0].message


# --- table(hide_index, hide_header, width, height, alt) --------------------------------------


def table_props(call: str) -> dict[str, object]:
    at = app("import pandas as pd\nimport numpy as np\n" + call + "\n")
    assert not at.exception, at.exception[0].message if at.exception else ""
    return at.table[0].props


def test_table_hides_a_default_index_and_shows_a_custom_one() -> None:
    assert "index" not in table_props("st.table(pd.DataFrame({'a': [1, 2]}))")
    assert "index" not in table_props("st.table({'a': [1, 2]})")
    assert "index" not in table_props("st.table([[1, 2], [3, 4]])")
    custom = table_props("st.table(pd.DataFrame({'a': [1, 2]}, index=['x', 'y']))")
    assert custom["index"] == ["x", "y"]


def test_table_hide_index_overrides_the_default() -> None:
    assert table_props("st.table({'a': [1, 2]}, hide_index=False)")["index"] == [0, 1]
    shown = "st.table(pd.DataFrame({'a': [1]}, index=['x']), hide_index=True)"
    assert "index" not in table_props(shown)


def test_table_hides_the_header_of_data_without_column_names() -> None:
    for data in ("[[1, 2], [3, 4]]", "[1, 2, 3]", "(1, 2)", "np.array([[1, 2]])", "{'k': 1}"):
        assert table_props(f"st.table({data})").get("hide_header") is True, data
    for data in ("{'a': [1, 2]}", "[{'a': 1}]", "pd.DataFrame({'a': [1]})", "pd.Series([1])"):
        assert "hide_header" not in table_props(f"st.table({data})"), data


def test_table_hide_header_overrides_the_default() -> None:
    assert "hide_header" not in table_props("st.table([[1, 2]], hide_header=False)")
    assert table_props("st.table({'a': [1]}, hide_header=True)")["hide_header"] is True


def test_table_key_value_dict_shows_its_keys_as_the_index() -> None:
    props = table_props("st.table({'rows': 10, 'columns': 3})")
    assert props["index"] == ["rows", "columns"]
    assert props["rows"] == [[10], [3]]


def test_table_width_height_and_alt_reach_the_page() -> None:
    props = table_props("st.table({'a': [1]}, width='content', height=200, alt='  Scores  ')")
    assert (props["width"], props["height"], props["alt"]) == ("content", 200, "Scores")
    assert table_props("st.table({'a': [1]}, height='stretch')")["height"] == "stretch"
    plain = table_props("st.table({'a': [1]})")
    assert "width" not in plain and "height" not in plain and "alt" not in plain


def test_table_bad_width_gets_streamlits_error() -> None:
    at = app("st.table({'a': [1]}, width='wide')\n")
    assert at.exception[0].message.startswith("Invalid width value: 'wide'.")


def test_table_add_rows_without_an_index_appends_plain_rows() -> None:
    at = app("t = st.table({'a': [1, 2]})\nt.add_rows({'a': [3]})\n")
    assert at.table[0].value["a"].tolist() == [1, 2, 3]


# --- headings: icon -----------------------------------------------------------------------------


def test_headings_carry_their_icon() -> None:
    at = app(
        'st.title("Sales", icon="📈")\nst.header("H", icon=":material/home:")\nst.subheader("S")\n'
    )
    icons = [h.props.get("icon") for h in [*at.title, *at.header, *at.subheader]]
    assert icons == ["📈", ":material/home:", None]


def test_heading_icon_shortcode_gets_streamlits_error() -> None:
    at = app('st.header("H", icon=":smile:")\n')
    assert "Emoji shortcodes are not supported" in at.exception[0].message


# --- buttons: icon_position and wrap ------------------------------------------------------------

BUTTONS = [
    'st.button("B"',
    'st.download_button("D", "data"',
    'st.link_button("L", "https://example.com"',
    'st.form("f").form_submit_button("S"',
]


def button_props(call: str) -> dict[str, object]:
    at = app(call + "\n")
    assert not at.exception, at.exception[0].message if at.exception else ""
    kinds = ("button", "download_button", "link_button", "form_submit_button")
    return next(n for k in kinds for n in at.get(k)).props


def test_buttons_send_icon_position_right_and_wrap_when_given() -> None:
    for call in BUTTONS:
        props = button_props(f'{call}, icon="🚀", icon_position="right", wrap=False)')
        assert (props["icon_position"], props["wrap"]) == ("right", False), call
        plain = button_props(f"{call})")
        assert "icon_position" not in plain and "wrap" not in plain, call


def test_button_icon_position_must_be_left_or_right() -> None:
    at = app('st.button("B", icon_position="top")\n')
    assert at.exception[0].message == (
        "Invalid `icon_position` value. Supported values: 'left', 'right'."
    )


# --- dialog(position, width in pixels) ----------------------------------------------------------


def dialog_props(arguments: str) -> dict[str, object]:
    at = app(f"@st.dialog('Settings'{arguments})\ndef settings():\n    st.write('x')\nsettings()\n")
    assert not at.exception, at.exception[0].message if at.exception else ""
    return at.get("dialog")[0].props


def test_dialog_position_and_pixel_width_reach_the_page() -> None:
    assert dialog_props("")["position"] == "center"
    props = dialog_props(", position='right', width=420")
    assert (props["position"], props["width"]) == ("right", 420)


def test_dialog_bad_position_or_width_gets_streamlits_error() -> None:
    at = app("@st.dialog('D', position='top')\ndef d():\n    pass\n")
    assert at.exception[0].message == (
        "Invalid `position` value. Supported values: 'left', 'center', 'right'."
    )
    at = app("@st.dialog('D', width=True)\ndef d():\n    pass\n")
    assert at.exception[0].message == (
        "Invalid `width` value. Supported values: 'small', 'medium', 'large', a positive "
        "integer. Got True."
    )


# --- fragment(parallel), rerun(scope) -----------------------------------------------------------


def test_a_parallel_fragment_runs_inline_and_reruns_alone() -> None:
    at = app(
        "st.session_state.runs = st.session_state.get('runs', 0) + 1\n"
        "@st.fragment(parallel=True)\n"
        "def part():\n"
        "    st.button('Again')\n"
        "    st.text(f'part after {st.session_state.runs} full runs')\n"
        "part()\n"
        "st.text('end')\n"
    )
    assert [t.value for t in at.text] == ["part after 1 full runs", "end"]
    at.button[0].click().run()
    assert [t.value for t in at.text] == ["part after 1 full runs", "end"]


def test_fragment_parallel_must_be_a_bool() -> None:
    at = app("@st.fragment(parallel='yes')\ndef part():\n    pass\n")
    assert "parallel" in at.exception[0].message


def test_rerun_takes_its_scope_positionally() -> None:
    at = app(
        "@st.fragment\n"
        "def part():\n"
        "    n = st.session_state.get('n', 0)\n"
        "    if st.button('Go') and n < 1:\n"
        "        st.session_state.n = n + 1\n"
        "        st.rerun('fragment')\n"
        "    st.text(f'n={st.session_state.get(\"n\", 0)}')\n"
        "part()\n"
    )
    at.button[0].click().run()
    assert at.text[0].value == "n=1" and not at.exception


# --- time_input(format) ---------------------------------------------------------------------


def test_time_input_format_reaches_the_page_and_is_checked() -> None:
    at = app('st.time_input("Start", "09:30")\nst.time_input("End", "17:00", format="12h")\n')
    assert [t.props["format"] for t in at.time_input] == ["24h", "12h"]
    bad = app('st.time_input("T", format="am/pm")\n')
    assert bad.exception[0].message == (
        "Invalid `format` value. Supported values: '12h', '24h', 'localized'."
    )


# --- multiselect(filter_mode, select_all), selectbox(filter_mode) -------------------------------


def test_filter_mode_and_select_all_reach_the_page() -> None:
    at = app(
        'st.multiselect("M", ["a", "b"])\n'
        'st.multiselect("N", ["a", "b"], filter_mode="prefix", select_all=False)\n'
        'st.selectbox("S", ["a", "b"], filter_mode=None)\n'
    )
    first, second = at.multiselect
    assert (first.props["filter_mode"], first.props["select_all"]) == ("fuzzy", 1000)
    assert (second.props["filter_mode"], second.props["select_all"]) == ("prefix", False)
    assert at.selectbox[0].props["filter_mode"] is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.multiselect("M", ["a"], filter_mode="regex")',
            "Invalid `filter_mode` value. Supported values: fuzzy, contains, prefix, None.",
        ),
        (
            'st.selectbox("S", ["a"], filter_mode=None, accept_new_options=True)',
            "`filter_mode=None` and `accept_new_options=True` cannot be used together.",
        ),
        (
            'st.multiselect("M", ["a"], select_all=-1)',
            "Invalid `select_all` value. Supported values: True, False, a non-negative integer.",
        ),
    ],
)
def test_bad_filter_mode_or_select_all_gets_streamlits_error(call: str, message: str) -> None:
    at = app(call + "\n")
    assert at.exception[0].message.startswith(message)


# --- text_input(required, validate, live) -------------------------------------------------------


def test_text_input_rules_reach_the_page() -> None:
    at = app(
        'st.text_input("Plain")\n'
        'st.text_input("Zip", required=True, validate=(r"^\\d{5}$", "Five digits."), live=True)\n'
        'st.text_input("Code", validate="^[A-Z]+$", live="0.5s")\n'
    )
    plain, zip_code, code = (t.props for t in at.text_input)
    assert not {"required", "validate", "live_ms"} & set(plain)
    assert (zip_code["required"], zip_code["validate"], zip_code["validate_message"]) == (
        True,
        r"^\d{5}$",
        "Five digits.",
    )
    assert (zip_code["live_ms"], code["live_ms"], code["validate"]) == (250, 500, "^[A-Z]+$")


def test_required_text_input_refuses_a_blank_value_from_the_page() -> None:
    at = app('name = st.text_input("Name", "Ada", required=True)\nst.text(name)\n')
    at.text_input[0].input("   ").run()
    assert at.text[0].value == "Ada"
    at.text_input[0].input("Grace").run()
    assert at.text[0].value == "Grace"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ("validate=('^a$',)", "Invalid `validate` value. Supported values: a regex string, "),
        ("validate=5", "Invalid `validate` type. Expected one of: None, str, tuple."),
        ("live=300", "Invalid `live` type. Expected one of: bool, str. Provided type: int."),
        ("live='2m'", "The `live` parameter, set to 2m, is outside the required range [0ms, 1m]."),
        ("live='soon'", "Unable to parse live='soon'"),
    ],
)
def test_bad_text_rules_get_streamlits_errors(arguments: str, message: str) -> None:
    at = app(f'st.text_input("T", {arguments})\n')
    assert at.exception[0].message.startswith(message)


# --- file_uploader(max_upload_size) -------------------------------------------------------------


def test_file_uploader_max_upload_size_is_its_own_limit() -> None:
    from rillet.elements.filestore import UploadRejected

    at = app('st.file_uploader("Small", key="s", max_upload_size=1)\nst.file_uploader("Any")\n')
    small, plain = at.file_uploader
    assert (small.props["max_upload_size_mb"], plain.props["max_upload_size_mb"]) == (1, 200)
    with pytest.raises(UploadRejected, match=r"^File must be 1\.0MB or smaller\.$"):
        small.upload("big.csv", b"x" * 1_000_001, "text/csv")
    plain.upload("big.csv", b"x" * 1_000_001, "text/csv")
    small.upload("fine.csv", b"x" * 1_000_000, "text/csv")


def test_file_uploader_max_upload_size_must_be_positive() -> None:
    at = app('st.file_uploader("F", max_upload_size=0)\n')
    assert at.exception[0].message.startswith(
        "Invalid `max_upload_size` value. Supported values: a positive integer."
    )


# --- markdown(width="auto", anchors) ------------------------------------------------------------


def test_markdown_width_auto_is_the_default_layout() -> None:
    at = app('st.markdown("a")\nst.markdown("b", width="auto")\nst.markdown("c", width=200)\n')
    widths = [m.props.get("width") for m in at.markdown]
    assert widths == [None, None, 200]
    assert not app('st.markdown("# Title", anchors=False)\n').exception
    assert "anchors" in app('st.markdown("x", anchors="no")\n').exception[0].message


# --- wrap on text elements ------------------------------------------------------------------------


def test_wrap_false_keeps_text_elements_on_one_line() -> None:
    at = app(
        'st.title("First line\\nsecond line", wrap=False)\n'
        'st.markdown("# not a heading **bold**", wrap=False)\n'
        'st.caption("small", wrap=False)\n'
        'st.text("a\\nb", wrap=False)\n'
        'st.header("Wraps")\n'
    )
    title, plain = at.title[0], at.header[0]
    assert (title.props["body"], title.props["wrap"]) == ("First line", False)
    assert "wrap" not in plain.props
    markdown = at.markdown[0].props
    assert markdown["wrap"] is False and "<h1" not in markdown["html"]
    assert "<strong>bold</strong>" in markdown["html"]
    assert at.caption[0].props["wrap"] is False and at.text[0].props["wrap"] is False


def test_wrap_must_be_a_bool_and_not_with_raw_html() -> None:
    at = app('st.header("H", wrap=None)\n')
    assert at.exception[0].message == "Invalid `wrap` value. Supported values: True, False."
    at = app('st.markdown("<b>x</b>", unsafe_allow_html=True, wrap=False)\n')
    assert "cannot be used together" in at.exception[0].message


# --- buttons: shortcut ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ("K", "k"),
        ("Ctrl+Shift+k", "ctrl+shift+k"),
        ("shift + mod + Enter", "ctrl+shift+enter"),
        ("Cmd+Left", "cmd+left"),
        ("F2", "f2"),
        ("esc", "escape"),
    ],
)
def test_button_shortcuts_are_sent_normalized(given: str, sent: str) -> None:
    for call in BUTTONS:
        assert button_props(f"{call}, shortcut={given!r})")["shortcut"] == sent, call


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("'Ctrl+C'", "The `shortcut` cannot use the keys 'C' or 'R', with or without modifiers."),
        ("'K+J'", "The `shortcut` may only specify a single non-modifier key."),
        ("'Ctrl+Shift'", "The `shortcut` must include a non-modifier key such as 'K' or 'Ctrl+K'."),
        ("'Ctrl+%'", "shortcut must include a single character or one of the supported keys"),
        ("5", "Invalid `shortcut` type. Expected one of: str. Provided type: int."),
    ],
)
def test_bad_shortcuts_get_streamlits_errors(given: str, message: str) -> None:
    at = app(f'st.button("B", shortcut={given})\n')
    assert at.exception[0].message.startswith(message)


# --- wrap on checkbox, toggle, multiselect, pills, segmented_control ---------------------------

WRAPPING = [
    'st.checkbox("C"',
    'st.toggle("T"',
    'st.multiselect("M", ["a", "b"]',
    'st.pills("P", ["a", "b"]',
    'st.segmented_control("S", ["a", "b"]',
]


@pytest.mark.parametrize("call", WRAPPING)
def test_widgets_send_wrap_when_given(call: str) -> None:
    for wrap in (True, False):
        at = app(f"{call}, wrap={wrap})\n")
        node = next(n for n in at.main.children if n.props.get("label"))
        assert node.props["wrap"] is wrap
    node = next(n for n in app(f"{call})\n").main.children if n.props.get("label"))
    assert "wrap" not in node.props
    assert app(f"{call}, wrap='yes')\n").exception[0].message.startswith("Invalid `wrap` value.")


# --- required choices: selectbox, pills, segmented_control --------------------------------------


@pytest.mark.parametrize("kind", ["pills", "segmented_control"])
def test_a_required_button_group_cannot_be_cleared(kind: str) -> None:
    at = app(f'v = st.{kind}("Size", ["S", "M"], default="M", required=True)\nst.text(str(v))\n')
    group = at.get(kind)[0]
    assert group.props["required"] is True
    at._pending[group.id] = None  # what an unchoosing click would send
    at.run()
    assert at.text[0].value == "M"
    multi = app(f'st.{kind}("Size", ["S", "M"], selection_mode="multi", required=True)\n')
    assert multi.exception[0].message.startswith(
        "`required=True` and `selection_mode='multi'` cannot be used together."
    )


def test_a_required_selectbox_has_no_clear_button_and_refuses_none() -> None:
    at = app('v = st.selectbox("Size", ["S", "M"], index=None, required=True)\nst.text(str(v))\n')
    box = at.selectbox[0]
    assert box.props["clearable"] is False and at.text[0].value == "None"
    box.set_value("S").run()
    assert at.text[0].value == "S"
    at._pending[at.selectbox[0].id] = None
    at.run()
    assert at.text[0].value == "S"


def test_required_text_area_refuses_a_blank_value_from_the_page() -> None:
    at = app('v = st.text_area("Notes", "draft", required=True)\nst.text(v)\n')
    assert at.text_area[0].props["required"] is True
    at.text_area[0].input("  \n ").run()
    assert at.text[0].value == "draft"


# --- metric(icon, format, delta_description) ----------------------------------------------------


def test_metric_format_icon_and_delta_description_reach_the_page() -> None:
    at = app(
        'st.metric("Revenue", 1234.5, -12, icon="💰", format="dollar",\n'
        '          delta_description="month over month")\n'
        'st.metric("Status", "ok", "fine", format="%.1f")\n'
        'st.metric("Plain", 3)\n'
    )
    revenue, status, plain = (m.props for m in at.metric)
    assert (revenue["icon"], revenue["format"], revenue["delta_description"]) == (
        "💰",
        "dollar",
        "month over month",
    )
    assert (revenue["value_number"], revenue["delta_number"]) == (1234.5, -12.0)
    assert "value_number" not in status and status["format"] == "%.1f"
    assert not {"icon", "format", "delta_description", "value_number"} & set(plain)


def test_a_required_number_input_cannot_be_cleared() -> None:
    at = app('n = st.number_input("Age", value=None, required=True)\nst.text(str(n))\n')
    assert at.number_input[0].props["clearable"] is False and at.text[0].value == "None"
    at.number_input[0].set_value(30).run()
    assert at.text[0].value == "30.0"
    at._pending[at.number_input[0].id] = None
    at.run()
    assert at.text[0].value == "30.0"


@pytest.mark.parametrize(
    ("call", "later"),
    [
        ('st.date_input("Day", value=None, required=True)', "2024-05-01"),
        ('st.time_input("At", value=None, required=True)', "09:30"),
    ],
)
def test_required_date_and_time_inputs_cannot_be_cleared(call: str, later: str) -> None:
    at = app(f"v = {call}\nst.text(str(v))\n")
    node = next(n for n in at.main.children if n.props.get("label"))
    assert node.props["clearable"] is False and at.text[0].value == "None"
    at._pending[node.id] = later
    at.run()
    assert at.text[0].value.startswith(later[:5])
    at._pending[node.id] = None
    at.run()
    assert at.text[0].value.startswith(later[:5])


def test_a_required_date_range_cannot_be_emptied() -> None:
    at = app(
        'v = st.date_input("Trip", ("2024-05-01", "2024-05-03"), required=True)\nst.text(str(v))\n'
    )
    at._pending[at.date_input[0].id] = []
    at.run()
    assert at.text[0].value == "(datetime.date(2024, 5, 1), datetime.date(2024, 5, 3))"


def test_selectbox_icon_reaches_the_page() -> None:
    at = app('st.selectbox("City", ["Oslo"], icon="📍")\nst.selectbox("Plain", ["a"])\n')
    assert at.selectbox[0].props["icon"] == "📍" and "icon" not in at.selectbox[1].props
