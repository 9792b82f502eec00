"""Number, text area, date, time, date-slider, download and upload widgets as a person uses
them in Chromium, found by role and label; Python reports what it received."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import AppPage

NUMBERS = """
import rillet as st
qty = st.number_input("Quantity", min_value=0, max_value=10, value=5)
price = st.number_input("Price", value=None, placeholder="Type a price", step=0.25)
notes = st.text_area("Notes", max_chars=50)
st.text(f"qty={qty!r} price={price!r} notes={notes!r}")
"""


def test_number_input_steppers_keys_and_typing(app_page: Callable[..., AppPage]) -> None:
    app = app_page(NUMBERS)
    page = app.page
    quantity = page.get_by_role("spinbutton", name="Quantity")
    expect(quantity).to_have_value("5")

    app.after_run(lambda: page.get_by_role("button", name="Increase Quantity").click())
    expect(page.get_by_text("qty=6 ")).to_be_visible()
    expect(quantity).to_have_value("6")

    quantity.focus()
    app.after_run(lambda: page.keyboard.press("ArrowDown"))
    expect(page.get_by_text("qty=5 ")).to_be_visible()

    quantity.fill("9")
    app.after_run(lambda: quantity.press("Enter"))
    expect(page.get_by_text("qty=9 ")).to_be_visible()

    # Out of range: the field keeps the last good number and nothing reruns.
    quantity.fill("42")
    quantity.press("Enter")
    expect(quantity).to_have_value("9")
    assert app.runs() == 4

    price = page.get_by_role("spinbutton", name="Price")
    expect(price).to_have_attribute("placeholder", "Type a price")
    price.fill("2.5")
    app.after_run(lambda: price.blur())
    expect(page.get_by_text("qty=9 price=2.5 ")).to_be_visible()
    expect(price).to_have_value("2.50")
    app.after_run(lambda: page.get_by_role("button", name="Increase Price").click())
    expect(page.get_by_text("price=2.75")).to_be_visible()
    assert app.errors == []


def test_text_area_applies_on_ctrl_enter_and_blur_keeps_newlines(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(NUMBERS)
    page = app.page
    notes = page.get_by_role("textbox", name="Notes")

    notes.fill("line one")
    notes.press("Enter")  # a new line, not an apply
    notes.press_sequentially("line two")
    assert app.runs() == 1
    expect(page.get_by_text("Press Ctrl+Enter to apply")).to_be_visible()
    app.after_run(lambda: notes.press("Control+Enter"))
    expect(page.get_by_text("notes='line one\\nline two'")).to_be_visible()
    expect(page.get_by_text("17/50")).to_be_visible()

    notes.fill("changed")
    app.after_run(lambda: page.get_by_role("spinbutton", name="Quantity").focus())
    expect(page.get_by_text("notes='changed'")).to_be_visible()
    assert app.errors == []


DATES = """
import rillet as st
from datetime import date, time
day = st.date_input("Day", date(2024, 5, 17), min_value=date(2024, 1, 1),
                    max_value=date(2024, 12, 31), format="DD.MM.YYYY")
trip = st.date_input("Trip", (date(2024, 5, 1), date(2024, 5, 7)))
alarm = st.time_input("Alarm", time(9, 30))
when = st.slider("When", min_value=date(2024, 1, 1), max_value=date(2024, 1, 31),
                 value=date(2024, 1, 10), format="MMM D, YYYY")
st.text(f"day={day} trip={trip} alarm={alarm} when={when}")
"""


def test_date_time_inputs_and_a_date_slider(app_page: Callable[..., AppPage]) -> None:
    app = app_page(DATES)
    page = app.page
    day = page.get_by_role("textbox", name="Day")
    expect(day).to_have_value("17.05.2024")

    day.fill("1.6.2024")
    app.after_run(lambda: day.press("Enter"))
    expect(page.get_by_text("day=2024-06-01 ")).to_be_visible()
    expect(day).to_have_value("01.06.2024")

    # Outside the bounds: an explanation, no rerun.
    day.fill("01.01.2030")
    day.press("Enter")
    expect(
        page.get_by_text("Enter a date as DD.MM.YYYY between 01.01.2024 and 31.12.2024.")
    ).to_be_visible()
    expect(day).to_have_attribute("aria-invalid", "true")
    assert app.runs() == 2

    trip = page.get_by_role("group", name="Trip")
    end = trip.get_by_role("textbox", name="Trip end")
    end.fill("2024/05/03")
    app.after_run(lambda: end.press("Enter"))
    expect(
        page.get_by_text("trip=(datetime.date(2024, 5, 1), datetime.date(2024, 5, 3))")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Choose Trip start from a calendar")).to_be_visible()

    alarm = page.get_by_label("Alarm")
    alarm.fill("14:45")
    app.after_run(lambda: alarm.press("Enter"))
    expect(page.get_by_text("alarm=14:45:00")).to_be_visible()

    when = page.get_by_role("slider", name="When")
    expect(when).to_have_attribute("aria-valuetext", "Jan 10, 2024")
    expect(page.get_by_text("Jan 10, 2024", exact=True)).to_be_visible()
    when.focus()
    app.after_run(lambda: page.keyboard.press("ArrowRight"))
    expect(page.get_by_text("when=2024-01-11")).to_be_visible()
    expect(when).to_have_attribute("aria-valuetext", "Jan 11, 2024")
    assert app.errors == []


FILES = """
import rillet as st
st.download_button("Download report", "name,score\\nada,3\\n", file_name="report.csv",
                   mime="text/csv", on_click=lambda: st.session_state.update(got=True))
st.text(f"got={st.session_state.get('got', False)}")
docs = st.file_uploader("Upload data", type=["csv", "txt"], accept_multiple_files=True)
st.text(f"files={[(f.name, f.size, f.read()) for f in docs]}")
st.link_button("Read the docs", "https://example.com/docs")
"""


def test_download_button_downloads_the_bytes_and_reruns(
    app_page: Callable[..., AppPage], tmp_path: Path
) -> None:
    app = app_page(FILES)
    page = app.page

    def click() -> None:
        with page.expect_download() as info:
            page.get_by_role("button", name="Download report").click()
        download = info.value
        target = tmp_path / "saved.csv"
        download.save_as(target)
        assert download.suggested_filename == "report.csv"
        assert target.read_bytes() == b"name,score\nada,3\n"

    app.after_run(click)
    expect(page.get_by_text("got=True")).to_be_visible()
    link = page.get_by_role("link", name="Read the docs")
    expect(link).to_have_attribute("href", "https://example.com/docs")
    expect(link).to_have_attribute("target", "_blank")
    assert app.errors == []


def test_upload_files_and_python_sees_names_and_sizes(
    app_page: Callable[..., AppPage], tmp_path: Path
) -> None:
    app = app_page(FILES)
    page = app.page
    first = tmp_path / "scores.csv"
    first.write_bytes(b"a,b\n1,2\n")

    chooser = page.get_by_label("Upload data")
    app.after_run(lambda: chooser.set_input_files(str(first)))
    expect(page.get_by_text("files=[('scores.csv', 8, b'a,b\\n1,2\\n')]")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="scores.csv")).to_contain_text("8.0B")

    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    evil = "<img src=x onerror=alert(1)>.txt"
    app.after_run(
        lambda: chooser.set_input_files(
            files=[{"name": evil, "mimeType": "text/plain", "buffer": b"hello"}]
        )
    )
    expect(page.get_by_text(f"('{evil}', 5, b'hello')")).to_be_visible()
    expect(page.get_by_text(evil, exact=True)).to_be_visible()  # shown as text, never HTML
    assert page.locator(".rillet-file-uploader img").count() == 0 and dialogs == []

    # A file of the wrong type is refused in the page, in Streamlit's words; nothing reruns.
    chooser.set_input_files(files=[{"name": "x.png", "mimeType": "image/png", "buffer": b"\x89"}])
    expect(
        page.get_by_role("alert").filter(has_text="image/png files are not allowed.")
    ).to_be_visible()
    assert app.runs() == 3

    app.after_run(lambda: page.get_by_role("button", name="Remove scores.csv").click())
    expect(page.get_by_text(f"files=[('{evil}', 5, b'hello')]")).to_be_visible()
    assert app.errors == []


def test_uploads_in_a_form_wait_for_submit(
    app_page: Callable[..., AppPage], tmp_path: Path
) -> None:
    app = app_page(
        """
import rillet as st
with st.form("f"):
    doc = st.file_uploader("Attachment")
    when = st.number_input("Copies", 1, 5)
    st.form_submit_button("Send")
st.text(f"doc={doc.name if doc else None} copies={when}")
"""
    )
    page = app.page
    page.get_by_label("Attachment").set_input_files(
        files=[{"name": "a.txt", "mimeType": "text/plain", "buffer": b"x"}]
    )
    expect(page.get_by_role("listitem").filter(has_text="a.txt")).to_be_visible()
    page.get_by_role("button", name="Increase Copies").click()
    expect(page.get_by_role("status").filter(has_text="Unsaved changes")).to_be_visible()
    assert app.runs() == 1

    app.after_run(lambda: page.get_by_role("button", name="Send").click())
    expect(page.get_by_text("doc=a.txt copies=2")).to_be_visible()
    assert app.errors == []


def test_labels_and_names_are_text_never_html(app_page: Callable[..., AppPage]) -> None:
    payload = "<img src=x onerror=alert(1)>"
    app = app_page(
        f"""
import rillet as st
from datetime import date, time
label = {payload!r}
st.number_input(label + " n")
st.text_area(label + " t")
st.date_input(label + " d", date(2024, 1, 1))
st.time_input(label + " tm", time(8, 0))
st.download_button(label + " get", "x", file_name=label + ".txt")
st.link_button(label + " go", "https://example.com")
st.file_uploader(label + " up")
"""
    )
    page = app.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    expect(page.get_by_role("spinbutton", name=f"{payload} n")).to_be_visible()
    expect(page.get_by_role("textbox", name=f"{payload} t", exact=True)).to_be_visible()
    expect(page.get_by_role("textbox", name=f"{payload} d")).to_be_visible()
    expect(page.get_by_label(f"{payload} tm")).to_be_visible()
    expect(page.get_by_role("button", name=f"{payload} get")).to_be_visible()
    expect(page.get_by_role("link", name=f"{payload} go")).to_be_visible()
    expect(page.get_by_text(f"{payload} up", exact=True)).to_be_visible()
    assert page.locator("main img").count() == 0
    assert dialogs == [] and app.errors == []


def test_checkbox_is_drawn_at_the_width_it_asks_for(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        """
import rillet as st
st.checkbox("Narrow", width=160)
st.checkbox("Wide", width="stretch")
"""
    )
    page = app.page
    narrow = page.locator(".rillet-widget").filter(has=page.get_by_role("checkbox", name="Narrow"))
    wide = page.locator(".rillet-widget").filter(has=page.get_by_role("checkbox", name="Wide"))
    narrow_box, wide_box = narrow.bounding_box(), wide.bounding_box()
    assert narrow_box is not None and wide_box is not None
    assert abs(narrow_box["width"] - 160) <= 1
    assert wide_box["width"] > 400
    assert app.errors == []
