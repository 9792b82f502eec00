"""A folder uploader in Chromium: the user picks a folder, every file of it (subfolders too) is
uploaded under its path, files of the wrong type are listed as refused, and Python gets the
list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import AppPage

FOLDER = """
import rillet as st
photos = st.file_uploader("Photos", type=["jpg", "png"], accept_multiple_files="directory")
st.text(f"files={[(f.name, f.read()) for f in photos]}")
"""


def test_picking_a_folder_uploads_its_files_by_path(
    app_page: Callable[..., AppPage], tmp_path: Path
) -> None:
    root = tmp_path / "trip"
    (root / "day1").mkdir(parents=True)
    (root / "a.jpg").write_bytes(b"A")
    (root / "day1" / "b.png").write_bytes(b"B")
    (root / "day1" / "notes.txt").write_bytes(b"words")
    app = app_page(FOLDER)
    page = app.page
    expect(page.get_by_text("Drag and drop directories here")).to_be_visible()
    expect(page.get_by_role("button", name="Upload directories")).to_be_enabled()
    picker = page.get_by_label("Photos")
    expect(picker).to_have_attribute("webkitdirectory", "")

    app.after_run(lambda: picker.set_input_files(str(root)))

    expect(
        page.get_by_text("files=[('trip/a.jpg', b'A'), ('trip/day1/b.png', b'B')]")
    ).to_be_visible()
    files = page.get_by_role("listitem")
    expect(files.filter(has_text="trip/day1/b.png")).to_contain_text("1.0B")
    # The text file is not uploaded: it is listed with Streamlit's reason.
    refused = files.filter(has_text="trip/day1/notes.txt")
    expect(refused.get_by_role("alert")).to_have_text("text/plain files are not allowed.")
    assert app.errors == []

    # Removing one file is a rerun without it.
    app.after_run(lambda: page.get_by_role("button", name="Remove trip/a.jpg").click())
    expect(page.get_by_text("files=[('trip/day1/b.png', b'B')]")).to_be_visible()
