"""download_button, link_button and file_uploader through AppTest: what the app gets, what the
session serves and keeps, Streamlit's errors, and browser values that must be rejected."""

from __future__ import annotations

import io
import os
import tempfile

import pytest

from rillet.elements import filestore
from rillet.elements.files import UploadedFile
from rillet.elements.filestore import UploadRejected, media_of, uploads_of
from rillet.testing import AppTest


def app(body: str) -> AppTest:
    return AppTest.from_string("import rillet as st\n" + body).run()


def error(at: AppTest) -> str:
    assert at.exception, "expected the script to raise"
    return str(at.exception[0].message)


# --- download_button -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "mime", "expected"),
    [
        ('"héllo"', "text/plain", "héllo".encode()),
        ('b"\\x00\\x01"', "application/octet-stream", b"\x00\x01"),
        ('io.BytesIO(b"bytes io")', "application/octet-stream", b"bytes io"),
        ('io.StringIO("string io")', "text/plain", b"string io"),
        ("lambda: b'made on click'", "application/octet-stream", b"made on click"),
        ("lambda: 'text on click'", "text/plain", b"text on click"),
    ],
)
def test_download_button_serves_every_kind_of_data(data: str, mime: str, expected: bytes) -> None:
    at = app(f"import io\nst.download_button('Get', {data}, file_name='out.bin')\n")

    button = at.download_button[0]
    assert button.data == expected
    assert button.mime == mime
    assert button.file_name == "out.bin"
    assert button.props["url"].startswith("_rillet/media/")


def test_download_button_reads_a_file_from_its_start() -> None:
    handle, path = tempfile.mkstemp()
    os.write(handle, b"on disk")
    os.close(handle)
    at = app(f"f = open({path!r}, 'rb')\nf.read()\nst.download_button('Get', f)\nf.close()\n")

    assert at.download_button[0].data == b"on disk"
    assert at.download_button[0].file_name == "download.bin"
    os.unlink(path)


def test_download_click_is_a_button_press_with_its_callback() -> None:
    at = app(
        """
def note():
    st.session_state.clicks = st.session_state.get("clicks", 0) + 1
pressed = st.download_button("Get", "x", on_click=note)
st.text(f"{pressed} {st.session_state.get('clicks', 0)}")
"""
    )
    assert at.text.values == ["False 0"]

    at.download_button[0].click().run()
    assert at.text.values == ["True 1"]
    at.run()
    assert at.text.values == ["False 1"]


def test_download_with_on_click_ignore_never_reruns() -> None:
    at = app('st.text(str(st.download_button("Get", "x", on_click="ignore")))\n')

    assert at.download_button[0].props["rerun"] is False
    at.download_button[0].click().run()

    assert at.text.values == ["False"]


def test_unchanged_download_keeps_its_url_and_changed_data_replaces_the_old_file() -> None:
    at = app(
        """
v = st.session_state.setdefault("v", "one")
st.download_button("Get", v)
"""
    )
    url = at.download_button[0].props["url"]
    at.run()
    assert at.download_button[0].props["url"] == url
    assert len(media_of(at._session)) == 1

    at.session_state["v"] = "two"
    at.run()

    assert at.download_button[0].props["url"] != url
    assert at.download_button[0].data == b"two"
    assert len(media_of(at._session)) == 1, "the old bytes are no longer served"


def test_a_download_button_that_leaves_takes_its_file_along() -> None:
    at = app(
        """
show = st.session_state.setdefault("show", True)
if show:
    st.download_button("Get", b"big" * 1000)
st.download_button("Other", b"small")
"""
    )
    assert len(media_of(at._session)) == 2

    at.session_state["show"] = False
    at.run()
    at.run()  # the next download button to render frees what the gone one served

    assert len(media_of(at._session)) == 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.download_button("Get", "x", type="huge")',
            'The type argument to st.download_button must be "primary", "secondary", or '
            '"tertiary". \nThe argument passed was "huge".',
        ),
        ('st.download_button("Get", 12)', "Invalid binary data format: <class 'int'>"),
        (
            'with st.form("f"):\n    st.download_button("Get", "x")\n    st.form_submit_button()',
            "`st.download_button()` can't be used in an `st.form()`.",
        ),
    ],
)
def test_download_button_errors(call: str, message: str) -> None:
    assert error(app(call + "\n")) == message


def test_download_button_label_icon_and_width_reach_the_browser() -> None:
    at = app('st.download_button("Get <b>it</b>", "x", icon="⬇", type="primary", width=200)\n')

    props = at.download_button[0].props
    assert (props["label"], props["icon"], props["type"], props["width"]) == (
        "Get <b>it</b>",
        "⬇",
        "primary",
        200,
    )


# --- link_button ---------------------------------------------------------------------------


def test_link_button_is_a_link_with_its_url() -> None:
    at = app('st.link_button("Docs", "https://example.com/docs", type="primary", icon="📖")\n')

    link = at.link_button[0]
    assert (link.label, link.url, link.value) == ("Docs", "https://example.com/docs", link.url)
    assert link.props["type"] == "primary"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
        "\x01javascript:alert(1)",
    ],
)
def test_link_button_refuses_unsafe_schemes(url: str) -> None:
    at = app(f"st.link_button('Go', {url!r})\n")

    assert "st.link_button refuses the URL" in error(at)
    assert len(at.link_button) == 0


@pytest.mark.parametrize(
    "url", ["https://x.org", "http://x.org", "mailto:a@b.org", "tel:+123", "/page", "?q=1"]
)
def test_link_button_takes_web_mail_phone_and_relative_urls(url: str) -> None:
    assert app(f"st.link_button('Go', {url!r})\n").link_button[0].url == url


# --- file_uploader -------------------------------------------------------------------------


def test_uploaded_file_is_a_rewound_bytes_io_with_its_metadata_every_run() -> None:
    at = app(
        """
f = st.file_uploader("Data", type="csv")
if f is not None:
    st.text(f"{f.name} {f.type} {f.size} {f.read()!r}")
else:
    st.text("nothing")
"""
    )
    assert at.text.values == ["nothing"]
    assert at.file_uploader[0].types == [".csv"]

    at.file_uploader[0].upload("data.csv", b"a,b\n1,2\n", "text/csv").run()
    assert at.text.values == ["data.csv text/csv 8 b'a,b\\n1,2\\n'"]
    at.run()
    assert at.text.values == ["data.csv text/csv 8 b'a,b\\n1,2\\n'"], "read() works every run"

    value = at.file_uploader[0].value
    assert isinstance(value, UploadedFile) and isinstance(value, io.BytesIO)
    assert value.getvalue() == b"a,b\n1,2\n"


def test_multiple_files_come_as_a_list_and_clear_empties_it() -> None:
    at = app('st.text(repr([f.name for f in st.file_uploader("Pics", ["png", "jpg"], True)]))\n')

    assert at.file_uploader[0].types == [".png", ".jpg", ".jpeg"]
    at.file_uploader[0].upload("a.png", b"1")
    at.file_uploader[0].upload("b.JPEG", b"2").run()
    assert at.text.values == ["['a.png', 'b.JPEG']"]

    at.file_uploader[0].clear().run()
    assert at.text.values == ["[]"]


def test_a_single_uploader_keeps_only_the_latest_file() -> None:
    at = app('f = st.file_uploader("One")\nst.text(f.name if f else "-")\n')

    at.file_uploader[0].upload("a.txt", b"1").run()
    at.file_uploader[0].upload("b.txt", b"2").run()

    assert at.text.values == ["b.txt"]
    assert [r.name for r in uploads_of(at._session).files_of(at.file_uploader[0].id)] == ["b.txt"]


def test_wrong_type_and_oversize_uploads_are_refused_with_streamlits_words() -> None:
    at = app('st.file_uploader("Data", type=["csv"])\n')

    with pytest.raises(UploadRejected, match=r"^text/plain files are not allowed\.$"):
        at.file_uploader[0].upload("notes.txt", b"x", "text/plain")
    with pytest.raises(UploadRejected, match=r"^\.exe files are not allowed\.$"):
        at.file_uploader[0].upload("run.exe", b"x")
    filestore.set_max_upload_size(1)
    try:
        with pytest.raises(UploadRejected, match=r"^File must be 1\.0MB or smaller\.$"):
            at.file_uploader[0].upload("big.csv", b"x" * 1_000_001, "text/csv")
    finally:
        filestore.set_max_upload_size(filestore.DEFAULT_MAX_UPLOAD_SIZE_MB)
    assert len(uploads_of(at._session)) == 0


@pytest.mark.parametrize("forged", [["made-up-id"], "abc", [1], None, [None]])
def test_ids_the_session_did_not_mint_are_rejected(forged: object) -> None:
    at = app('f = st.file_uploader("One")\nst.text(f.name if f else "-")\n')

    at._pending[at.file_uploader[0].id] = forged
    at.run()

    assert at.text.values == ["-"]


def test_ids_of_another_uploader_or_session_are_rejected() -> None:
    script = (
        'a = st.file_uploader("A")\nb = st.file_uploader("B")\n'
        'st.text(f"{a and a.name} {b and b.name}")\n'
    )
    at = app(script)
    other = app(script)
    at.file_uploader[0].upload("for-a.txt", b"1").run()
    mine = at.file_uploader[0].props["value"]
    other.file_uploader[0].upload("elsewhere.txt", b"2").run()
    theirs = other.file_uploader[0].props["value"]

    at._pending[at.file_uploader[1].id] = mine
    at.run()
    at._pending[at.file_uploader[1].id] = theirs
    at.run()

    assert at.text.values == ["for-a.txt None"]


def test_single_uploader_rejects_several_ids_and_duplicates_are_rejected() -> None:
    at = app('fs = st.file_uploader("Many", accept_multiple_files=True)\nst.text(len(fs))\n')
    at.file_uploader[0].upload("a.txt", b"1").run()
    first = at.file_uploader[0].props["value"][0]

    at._pending[at.file_uploader[0].id] = [first, first]
    at.run()

    assert at.text.values == ["1"]


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\evil.csv", "evil.csv"),
        ("/abs/path/x.csv", "x.csv"),
        ("..", "file"),
        ("a\x00b\nc.txt", "abc.txt"),
        ("<img src=x onerror=alert(1)>.txt", "<img src=x onerror=alert(1)>.txt"),
    ],
)
def test_file_names_are_data_never_paths(sent: str, kept: str, tmp_path: object) -> None:
    at = app('f = st.file_uploader("Any")\nst.text(f.name if f else "-")\n')
    before = set(os.listdir("."))

    at.file_uploader[0].upload(sent, b"content").run()

    assert at.text.values == [kept]
    assert set(os.listdir(".")) == before


def test_disabled_uploader_ignores_values() -> None:
    at = app('f = st.file_uploader("Off", disabled=True)\nst.text(f.name if f else "-")\n')

    at.file_uploader[0].upload("a.txt", b"1").run()

    assert at.text.values == ["-"]


def test_uploads_live_in_the_session_and_are_freed_with_it() -> None:
    at = app(
        'st.file_uploader("Any", accept_multiple_files=True)\n'
        'st.download_button("Get", b"x" * 100)\n'
    )
    at.file_uploader[0].upload("a.txt", b"1" * 1000).run()
    uploader_id = at.file_uploader[0].id
    session = at._session
    uploads, media = uploads_of(session), media_of(session)
    assert uploads.total_bytes() == 1000 and len(media) == 1

    session.close()

    assert uploads.total_bytes() == 0 and len(media) == 0
    assert session.extras == {}
    with pytest.raises(UploadRejected):
        uploads.add(uploader_id, "late.txt", None, b"1", 100)


def test_an_uploader_that_leaves_frees_its_files() -> None:
    at = app(
        """
if st.session_state.setdefault("show", True):
    st.file_uploader("Gone")
st.file_uploader("Stays")
"""
    )
    at.file_uploader[0].upload("a.txt", b"1" * 10).run()
    assert uploads_of(at._session).total_bytes() == 10

    at.session_state["show"] = False
    at.run()
    at.run()

    assert uploads_of(at._session).total_bytes() == 0


def test_file_uploader_in_a_form_waits_for_submit() -> None:
    at = app(
        """
with st.form("f"):
    f = st.file_uploader("Doc")
    st.form_submit_button("Send")
st.text(f.name if f else "-")
"""
    )
    at.file_uploader[0].upload("a.txt", b"1").run()
    assert at.text.values == ["-"]

    at.button[0].click().run()
    assert at.text.values == ["a.txt"]


def test_on_change_runs_when_files_change() -> None:
    at = app(
        """
def changed():
    st.session_state.n = st.session_state.get("n", 0) + 1
st.file_uploader("Doc", key="doc", on_change=changed)
st.text(str(st.session_state.get("n", 0)))
"""
    )
    at.file_uploader[0].upload("a.txt", b"1").run()

    assert at.text.values == ["1"]
    assert at.session_state["doc"].name == "a.txt"


@pytest.mark.parametrize(
    ("call", "message", "kind"),
    [
        (
            'st.file_uploader("d", accept_multiple_files="folder")',
            '`accept_multiple_files` must be True, False or "directory", not \'folder\'.',
            "RilletAPIException",
        ),
        (
            'st.session_state.doc = 1\nst.file_uploader("d", key="doc")',
            "Values for the widget with `key` 'doc' cannot be set using `st.session_state`.",
            "RilletAPIException",
        ),
    ],
)
def test_file_uploader_errors(call: str, message: str, kind: str) -> None:
    at = app(call + "\n")

    assert error(at) == message
    assert at.exception[0].exception_type == kind


def test_uploader_props_reach_the_browser() -> None:
    at = app(
        'st.file_uploader("Data", type=["CSV", ".tsv"], help="tables", label_visibility="hidden")\n'
    )

    props = at.file_uploader[0].props
    assert props["types"] == [".csv", ".tsv"]
    assert props["max_upload_size_mb"] == 200
    assert (props["multiple"], props["help"], props["label_visibility"]) == (
        False,
        "tables",
        "hidden",
    )
    assert props["value"] == [] and props["files"] == []
