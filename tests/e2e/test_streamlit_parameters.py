"""Streamlit 1.67 parameters of existing commands, as a user sees them in Chromium."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from tests.e2e.conftest import AppPage

TABLES = """
import pandas as pd
import rillet as st
st.table([[1, 2], [3, 4]], alt="Plain rows")
st.table(pd.DataFrame({"Score": [7, 9]}, index=["Ann", "Bob"]), alt="Scores")
st.table({"n": list(range(50))}, height=150, alt="Long")
"""


def test_table_names_itself_by_alt_and_hides_what_streamlit_hides(
    app_page: Callable[..., AppPage],
) -> None:
    page = app_page(TABLES).page
    plain = page.get_by_role("table", name="Plain rows")
    # A list of rows has no column names and a default index: neither header nor index.
    expect(plain.get_by_role("columnheader")).to_have_count(0)
    expect(plain.get_by_role("row")).to_have_count(2)
    expect(plain.get_by_role("row").first.get_by_role("cell")).to_have_count(2)
    scores = page.get_by_role("table", name="Scores")
    expect(scores.get_by_role("columnheader", name="Score")).to_be_visible()
    expect(scores.get_by_role("rowheader", name="Ann")).to_be_visible()
    # A pixel height scrolls the rows inside it.
    scroller = page.get_by_role("table", name="Long").locator("xpath=..")
    box = scroller.bounding_box()
    assert box is not None and 140 <= box["height"] <= 160
    assert scroller.evaluate("e => e.scrollHeight > e.clientHeight")


LINKS = """
import rillet as st
clicked = st.link_button("Docs", "https://example.com/docs", on_click="rerun")
st.text(f"clicked: {clicked}")
"""


def test_link_button_with_on_click_rerun_opens_the_link_and_reruns(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(LINKS)
    page = app.page
    expect(page.get_by_text("clicked: False")).to_be_visible()
    link = page.get_by_role("link", name="Docs")
    expect(link).to_have_attribute("href", "https://example.com/docs")
    expect(link).to_have_attribute("target", "_blank")
    # The new tab is not wanted here: only the rerun the click sends.
    page.context.route("https://example.com/**", lambda route: route.abort())
    app.after_run(lambda: link.click())
    expect(page.get_by_text("clicked: True")).to_be_visible()
    assert app.errors == []


BUTTONS = """
import rillet as st
st.title("Sales", icon="📈")
st.button("Launch", icon="🚀", icon_position="right")
left, right = st.columns(2)
with left:
    st.button("A very long label that cannot fit in a narrow column at all", key="cut")
with right:
    st.button("A very long label that cannot fit in a narrow column at all", key="all", wrap=True)
"""


def test_button_icon_sits_right_and_long_labels_cut_in_columns(
    app_page: Callable[..., AppPage],
) -> None:
    page = app_page(BUTTONS).page
    page.set_viewport_size({"width": 700, "height": 800})
    expect(page.get_by_role("heading", name="Sales", exact=True)).to_be_visible()
    assert page.get_by_role("heading", name="Sales").inner_text().startswith("📈")
    launch = page.get_by_role("button", name="Launch")
    label_box = launch.get_by_text("Launch").bounding_box()
    icon_box = launch.get_by_text("🚀").bounding_box()
    assert label_box is not None and icon_box is not None
    assert icon_box["x"] > label_box["x"]
    cut = page.get_by_role("button", name="A very long label").first
    whole = page.get_by_role("button", name="A very long label").last
    cut_box, whole_box = cut.bounding_box(), whole.bounding_box()
    assert cut_box is not None and whole_box is not None
    # In a column the default is one line, cut; wrap=True grows the button instead.
    assert whole_box["height"] > cut_box["height"] + 10
    assert cut.locator(".rillet-button-label").evaluate("e => e.scrollWidth > e.clientWidth")


DRAWER = """
import rillet as st

@st.dialog("Filters", position="right", width=360)
def filters():
    st.write("Pick your filters")

if st.button("Open filters"):
    filters()
"""


def test_dialog_on_the_right_is_a_full_height_drawer(app_page: Callable[..., AppPage]) -> None:
    app = app_page(DRAWER)
    page = app.page
    page.set_viewport_size({"width": 1200, "height": 700})
    app.after_run(lambda: page.get_by_role("button", name="Open filters").click())
    dialog = page.get_by_role("dialog", name="Filters")
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    assert box is not None
    assert abs(box["height"] - 700) <= 2 and abs(box["x"] + box["width"] - 1200) <= 2
    assert abs(box["width"] - 360) <= 2
    assert dialog.evaluate("e => getComputedStyle(e).resize") == "horizontal"


FILTERS = """
import rillet as st
fruits = ["Banana", "Apple", "Pineapple", "Grape", "Apricot"]
picked = st.multiselect("Fruits", fruits)
st.text(f"picked: {picked}")
st.multiselect("Starts", fruits, filter_mode="prefix", select_all=False)
st.multiselect("Fixed", fruits, filter_mode=None)
"""


def test_multiselect_filters_as_its_filter_mode_says_and_selects_all(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(FILTERS)
    page = app.page
    fruits = page.get_by_role("combobox", name="Fruits")
    fruits.fill("ape")
    options = page.get_by_role("listbox").filter(visible=True).get_by_role("option")
    # Fuzzy: the letters in order; an unbroken "ape" (Grape) before "a-p-e" with gaps, the
    # smaller gaps first (Apple, then Pineapple); no "e" after "ap" in Banana or Apricot.
    expect(options).to_have_text(["Select 3 matches", "Grape", "Apple", "Pineapple"])
    app.after_run(lambda: options.first.click())
    expect(page.get_by_text("picked:")).to_have_text("picked: ['Grape', 'Apple', 'Pineapple']")
    starts = page.get_by_role("combobox", name="Starts")
    starts.fill("ap")
    shown = page.get_by_role("listbox").filter(visible=True).get_by_role("option")
    expect(shown).to_have_text(["Apple", "Apricot"])
    starts.press("Escape")
    fixed = page.get_by_role("combobox", name="Fixed")
    expect(fixed).to_have_attribute("readonly", "")
    fixed.click()
    expect(page.get_by_role("listbox").filter(visible=True).get_by_role("option")).to_have_count(6)
    assert app.errors == []


RULES = """
import rillet as st
name = st.text_input("Name", "Ada", required=True)
zip_code = st.text_input("Zip", validate=(r"^\\d{5}$", "Use five digits."))
query = st.text_input("Search", live="100ms")
st.text(f"name={name} zip={zip_code} query={query}")
"""


def test_text_input_rules_hold_back_bad_text_and_live_applies_while_typing(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(RULES)
    page = app.page
    summary = page.get_by_text("name=")
    name = page.get_by_role("textbox", name="Name")
    name.fill("")
    name.press("Tab")
    expect(page.get_by_role("alert").filter(has_text="This field is required.")).to_be_visible()
    expect(name).to_have_attribute("aria-invalid", "true")
    zip_box = page.get_by_role("textbox", name="Zip")
    zip_box.fill("12")
    zip_box.press("Enter")
    expect(page.get_by_role("alert").filter(has_text="Use five digits.")).to_be_visible()
    expect(summary).to_have_text("name=Ada zip= query=")
    app.after_run(lambda: (zip_box.fill("12345"), zip_box.press("Enter")))
    expect(summary).to_have_text("name=Ada zip=12345 query=")
    # live: the text is applied after a pause, without Enter or leaving the box.
    app.after_run(lambda: page.get_by_role("textbox", name="Search").press_sequentially("pear"))
    expect(summary).to_have_text("name=Ada zip=12345 query=pear")
    assert app.errors == []


AUTO = """
import rillet as st
st.markdown("Wide text in the main column")
row = st.container(horizontal=True)
row.markdown("Short")
row.button("Next")
"""


def test_markdown_auto_width_stretches_in_a_column_and_fits_in_a_row(
    app_page: Callable[..., AppPage],
) -> None:
    page = app_page(AUTO).page
    wide = page.locator(".rillet-markdown", has_text="Wide text").bounding_box()
    short = page.locator(".rillet-markdown", has_text="Short").bounding_box()
    assert wide is not None and short is not None
    assert wide["width"] > 500 and short["width"] < 120


ONE_LINE = """
import rillet as st
col, _ = st.columns([1, 3])
col.header("A header far too long to fit in one narrow column", wrap=False)
col.caption("A caption far too long to fit in one narrow column either", wrap=False)
col.header("A header far too long to fit but allowed to wrap")
"""


def test_wrap_false_cuts_text_to_one_line_and_shows_it_on_hover(
    app_page: Callable[..., AppPage],
) -> None:
    page = app_page(ONE_LINE).page
    cut = page.get_by_role("heading", name="A header far too long to fit in one narrow column")
    wrapped = page.get_by_role("heading", name="A header far too long to fit but allowed to wrap")
    cut_box, wrapped_box = cut.bounding_box(), wrapped.bounding_box()
    assert cut_box is not None and wrapped_box is not None
    assert wrapped_box["height"] > cut_box["height"] * 1.5
    assert cut.evaluate("e => e.scrollWidth > e.clientWidth")
    expect(cut).to_have_attribute("title", "A header far too long to fit in one narrow column")
    caption = page.locator(".rillet-markdown-body", has_text="A caption far too long")
    assert caption.evaluate("e => e.scrollWidth > e.clientWidth")


SHORTCUTS = """
import rillet as st
st.session_state.setdefault("saved", 0)
st.text_input("Note")
if st.button("Save", shortcut="Ctrl+S"):
    st.session_state.saved += 1
if st.button("Next", shortcut="N"):
    st.session_state.saved += 10
st.text(f"saved={st.session_state.saved}")
"""


def test_a_shortcut_presses_its_button_but_a_bare_key_not_while_typing(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(SHORTCUTS)
    page = app.page
    expect(page.get_by_role("button", name="Save")).to_have_attribute(
        "aria-keyshortcuts", "Control+S"
    )
    note = page.get_by_role("textbox", name="Note")
    note.click()
    note.press("n")  # typing: the bare "N" shortcut must not fire
    app.after_run(lambda: note.press("Control+s"))  # a modifier shortcut works anywhere
    expect(page.get_by_text("saved=")).to_have_text("saved=1")
    page.get_by_text("saved=").click()  # out of the text box
    app.after_run(lambda: page.keyboard.press("n"))
    expect(page.get_by_text("saved=")).to_have_text("saved=11")
    expect(note).to_have_value("n")
    assert app.errors == []


WIDGET_WRAP = """
import rillet as st
left, right = st.columns(2)
long = "A checkbox label much too long to fit in one half of a narrow page"
left.checkbox(long, key="cut")
right.checkbox(long, key="whole", wrap=True)
fruits = [f"{name} from the orchard" for name in ["Apples", "Bananas", "Cherries", "Dates",
          "Elderberries", "Figs", "Grapes", "Honeydews"]]
st.multiselect("One row", fruits, default=fruits, wrap=False)
st.multiselect("Rows", fruits, default=fruits)
"""


def test_widget_wrap_cuts_labels_in_columns_and_keeps_chips_on_one_row(
    app_page: Callable[..., AppPage],
) -> None:
    page = app_page(WIDGET_WRAP).page
    page.set_viewport_size({"width": 900, "height": 900})
    labels = page.locator(".rillet-checkbox .rillet-label")
    cut, whole = labels.nth(0).bounding_box(), labels.nth(1).bounding_box()
    assert cut is not None and whole is not None
    assert whole["height"] > cut["height"] * 1.5
    assert labels.nth(0).evaluate("e => e.scrollWidth > e.clientWidth")
    one_row = page.locator(".rillet-multiselect").nth(0).locator(".rillet-combo").bounding_box()
    rows = page.locator(".rillet-multiselect").nth(1).locator(".rillet-combo").bounding_box()
    assert one_row is not None and rows is not None
    assert rows["height"] > one_row["height"] * 1.5


REQUIRED_PILLS = """
import rillet as st
size = st.pills("Size", ["S", "M", "L"], default="M", required=True)
st.text(f"size={size}")
"""


def test_a_required_pill_stays_chosen_when_clicked_again(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(REQUIRED_PILLS)
    page = app.page
    medium = page.get_by_role("button", name="M", exact=True)
    expect(medium).to_have_attribute("aria-pressed", "true")
    medium.click()
    expect(medium).to_have_attribute("aria-pressed", "true")
    app.after_run(lambda: page.get_by_role("button", name="L", exact=True).click())
    expect(page.get_by_text("size=")).to_have_text("size=L")
    assert app.errors == []


REQUIRED_AREA = """
import rillet as st
notes = st.text_area("Notes", "draft", required=True)
st.text(f"notes={notes}")
"""


def test_a_required_text_area_keeps_its_text_when_emptied(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(REQUIRED_AREA)
    page = app.page
    area = page.get_by_role("textbox", name="Notes")
    area.fill("")
    area.press("Control+Enter")
    expect(page.get_by_role("alert").filter(has_text="This field is required.")).to_be_visible()
    expect(page.get_by_text("notes=")).to_have_text("notes=draft")
    app.after_run(lambda: (area.fill("final"), area.press("Control+Enter")))
    expect(page.get_by_text("notes=")).to_have_text("notes=final")
    expect(page.get_by_role("alert").filter(has_text="This field is required.")).to_have_count(0)


METRICS = """
import rillet as st
st.metric("Revenue", 1234.5, 250, icon="💰", format="dollar", delta_description="vs. May")
"""


def test_metric_shows_its_format_icon_and_delta_description(
    app_page: Callable[..., AppPage],
) -> None:
    page = app_page(METRICS).page
    metric = page.locator(".rillet-metric")
    expect(metric.locator(".rillet-metric-value")).to_have_text("$1,234.50")
    expect(metric.locator(".rillet-metric-delta")).to_contain_text("+$250.00")
    expect(metric.locator(".rillet-metric-delta")).to_contain_text("vs. May")
    expect(metric.locator(".rillet-metric-label")).to_contain_text("💰")


REQUIRED_NUMBER = """
import rillet as st
age = st.number_input("Age", value=None, required=True)
st.text(f"age={age}")
"""


def test_a_required_number_input_gets_its_number_back_when_emptied(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(REQUIRED_NUMBER)
    page = app.page
    box = page.get_by_role("spinbutton", name="Age")
    expect(page.get_by_text("age=")).to_have_text("age=None")
    app.after_run(lambda: (box.fill("30"), box.press("Enter")))
    box.fill("")
    box.press("Enter")
    expect(box).to_have_value("30.00")
    expect(page.get_by_text("age=")).to_have_text("age=30.0")
    assert app.errors == []


def test_selectbox_shows_its_icon(app_page: Callable[..., AppPage]) -> None:
    page = app_page('import rillet as st\nst.selectbox("City", ["Oslo", "Rome"], icon="📍")\n').page
    field = page.locator(".rillet-combo").first
    expect(field.locator(".rillet-combo-icon")).to_have_text("📍")
    expect(page.get_by_role("combobox", name="City")).to_be_visible()
    icon_box = field.locator(".rillet-combo-icon").bounding_box()
    text_box = page.get_by_role("combobox", name="City").bounding_box()
    assert icon_box is not None and text_box is not None
    assert icon_box["x"] + icon_box["width"] <= text_box["x"] + 1  # beside the text, not over it
