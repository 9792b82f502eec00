"""st.iframe through AppTest: what ``src`` is decides what the frame shows; sizes; errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from rillet.testing import AppTest


def app(body: str) -> AppTest:
    return AppTest.from_string("import rillet as st\nfrom pathlib import Path\n" + body).run()


def test_urls_are_loaded_and_their_content_height_is_400() -> None:
    at = app('st.iframe("https://example.com/x")\nst.iframe("/app/static/report.html")\n')

    first, second = at.iframe
    assert first.src == "https://example.com/x" and first.srcdoc is None
    assert (first.props["width"], first.props["height"]) == ("stretch", 400)
    assert second.src == "/app/static/report.html"


def test_other_strings_are_html_and_never_file_paths(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>file</p>")
    at = app(f'st.iframe("<p>Hi</p>", alt="  Greeting  ")\nst.iframe({str(page)!r})\n')

    first, second = at.iframe
    assert first.srcdoc == "<p>Hi</p>"
    assert (first.props["height"], first.props["alt"]) == ("content", "Greeting")
    assert second.srcdoc == str(page)  # a string is HTML, as Streamlit documents


def test_a_path_to_an_html_file_is_embedded(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<h1>Report</h1>", encoding="utf-8")
    at = app(f"st.iframe(Path({str(page)!r}), height=300, tab_index=-1)\n")

    frame = at.iframe[0]
    assert frame.srcdoc == "<h1>Report</h1>"
    assert (frame.props["height"], frame.props["tab_index"]) == (300, -1)


def test_a_path_to_another_file_is_served_from_the_media_route(tmp_path: Path) -> None:
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    at = app(f"st.iframe(Path({str(pdf)!r}))\n")

    src = at.iframe[0].src
    assert src is not None and src.startswith("./_rillet/media/")


def test_a_missing_file_gets_streamlits_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.html"
    at = app(f"st.iframe(Path({str(missing)!r}))\n")

    assert at.exception[0].message.startswith(f"Unable to read file '{missing}': ")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.iframe("https://x.com", tab_index=-2)',
            "Invalid `tab_index` value. Supported values: None, -1, a non-negative integer.",
        ),
        (
            'st.iframe("https://x.com", tab_index=1.5)',
            "Invalid `tab_index` type. Expected one of: int. Provided type: float.",
        ),
        (
            'st.iframe("https://x.com", height=0)',
            "Invalid height value: 0. Height must be either a positive integer (pixels), "
            "'stretch', or 'content'.",
        ),
    ],
)
def test_bad_arguments_get_streamlits_errors(call: str, message: str) -> None:
    assert app(call + "\n").exception[0].message == message
