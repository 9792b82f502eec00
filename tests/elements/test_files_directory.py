"""file_uploader(accept_multiple_files="directory") through AppTest and the upload store: a list
of files named by their path inside the folder, the type filter, the limits, and forged paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rillet.config import Config
from rillet.elements import filestore
from rillet.elements.filestore import UploadRejected, uploads_of
from rillet.elements.upload_paths import (
    MAX_PART_LENGTH,
    MAX_PATH_LENGTH,
    BadUploadPath,
    clean_relative_path,
)
from rillet.server import create_app
from rillet.testing import AppTest
from tests.conftest import write_script
from tests.server.test_uploads import Served

SCRIPT = """
import rillet as st
files = st.file_uploader("Photos", type=["jpg", "png"], accept_multiple_files="directory")
st.text(repr([(f.name, f.type, f.read()) for f in files]))
"""


def folder(tmp_path: Path) -> Path:
    root = tmp_path / "photos"
    (root / "2024" / "summer").mkdir(parents=True)
    (root / "a.jpg").write_bytes(b"A")
    (root / "notes.txt").write_bytes(b"not a photo")
    (root / "2024" / "b.PNG").write_bytes(b"B")
    (root / "2024" / "summer" / "c.jpeg").write_bytes(b"C")
    return root


def test_a_folder_uploader_returns_a_list_named_by_paths(tmp_path: Path) -> None:
    at = AppTest.from_string(SCRIPT).run()
    uploader = at.file_uploader[0]
    assert at.text[0].value == "[]"
    assert (uploader.multiple, uploader.directory) == (True, True)
    assert uploader.props["directory"] is True

    view = uploader.upload_directory(folder(tmp_path))
    view.run()

    assert at.text[0].value == repr(
        [
            ("photos/2024/b.PNG", "image/png", b"B"),
            ("photos/2024/summer/c.jpeg", "image/jpeg", b"C"),
            ("photos/a.jpg", "image/jpeg", b"A"),
        ]
    )
    # The file type does not take is refused with Streamlit's words, not uploaded.
    assert view.refused == [("photos/notes.txt", "text/plain files are not allowed.")]
    assert len(uploads_of(at._session)) == 3


def test_picking_again_adds_to_the_list_and_clear_empties_it(tmp_path: Path) -> None:
    at = AppTest.from_string(SCRIPT).run()
    at.file_uploader[0].upload_directory(folder(tmp_path)).run()
    at.file_uploader[0].upload("more/d.png", b"D", "image/png").run()
    names = [name for name, *_ in eval(at.text[0].value)]
    assert names[-1] == "more/d.png" and len(names) == 4

    at.file_uploader[0].clear().run()
    assert at.text[0].value == "[]"


def test_a_plain_uploader_keeps_only_the_last_part_of_a_path() -> None:
    at = AppTest.from_string(
        'import rillet as st\nf = st.file_uploader("One")\nst.text(f.name if f else "-")\n'
    ).run()
    at.file_uploader[0].upload("photos/2024/a.jpg", b"A").run()
    assert at.text[0].value == "a.jpg"
    with pytest.raises(TypeError, match="directory"):
        at.file_uploader[0].upload_directory(".")


def test_without_type_every_file_of_the_folder_is_taken(tmp_path: Path) -> None:
    at = AppTest.from_string(
        'import rillet as st\nfs = st.file_uploader("Any", accept_multiple_files="directory")\n'
        "st.text(repr(sorted(f.name for f in fs)))\n"
    ).run()
    view = at.file_uploader[0].upload_directory(folder(tmp_path))
    view.run()
    assert view.refused == []
    assert eval(at.text[0].value) == [
        "photos/2024/b.PNG",
        "photos/2024/summer/c.jpeg",
        "photos/a.jpg",
        "photos/notes.txt",
    ]


def test_the_size_limit_holds_for_each_file_of_a_folder(tmp_path: Path) -> None:
    root = tmp_path / "big"
    root.mkdir()
    (root / "small.bin").write_bytes(b"x" * 10)
    (root / "large.bin").write_bytes(b"x" * 1_000_001)
    at = AppTest.from_string(
        "import rillet as st\n"
        'fs = st.file_uploader("Any", accept_multiple_files="directory", max_upload_size=1)\n'
        "st.text(repr([f.name for f in fs]))\n"
    ).run()
    view = at.file_uploader[0].upload_directory(root)
    view.run()
    assert at.text[0].value == "['big/small.bin']"
    assert view.refused == [("big/large.bin", "File must be 1.0MB or smaller.")]


@pytest.mark.parametrize(
    "forged",
    [
        "../etc/passwd",
        "photos/../../secret.txt",
        "photos/./a.jpg",
        "/etc/passwd",
        "\\\\server\\share\\a.jpg",
        "C:/Windows/a.jpg",
        "c:a.jpg",
        "photos\\..\\..\\a.jpg",
        "photos//a.jpg",
        "photos/a.jpg/",
        "photos/\x00/a.jpg",
        "photos/ /a.jpg",
        "x/" + "n" * (MAX_PART_LENGTH + 1) + ".jpg",
        "/".join(["abcdefgh"] * (MAX_PATH_LENGTH // 9 + 1)) + ".jpg",
    ],
)
def test_forged_paths_are_refused_and_nothing_is_kept(forged: str) -> None:
    at = AppTest.from_string(SCRIPT).run()
    with pytest.raises(UploadRejected) as caught:
        at.file_uploader[0].upload(forged, b"x", "image/jpeg")
    assert caught.value.status == 400
    assert "path" in caught.value.message
    assert len(uploads_of(at._session)) == 0
    at.run()
    assert at.text[0].value == "[]"


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("photos/a.jpg", "photos/a.jpg"),
        ("photos\\sub\\a.jpg", "photos/sub/a.jpg"),
        ("ph\x07otos/a\u200b.jpg", "photos/a.jpg"),  # control and format characters dropped
        (" photos / a.jpg ", "photos/a.jpg"),
        ("a.jpg", "a.jpg"),  # a plain file dropped on a folder uploader
        ("..a/b..c.jpg", "..a/b..c.jpg"),  # dots inside names are names
        ("ünï/çödé 名前.jpg", "ünï/çödé 名前.jpg"),
    ],
)
def test_paths_a_browser_sends_are_kept(sent: str, kept: str) -> None:
    assert clean_relative_path(sent) == kept


def test_the_longest_allowed_path_is_kept() -> None:
    part = "p" * (MAX_PART_LENGTH - 55)
    path = "/".join([part] * 5)
    path += "/" + "q" * (MAX_PATH_LENGTH - len(path) - 1)
    assert len(path) == MAX_PATH_LENGTH
    assert clean_relative_path(path) == path
    with pytest.raises(BadUploadPath):
        clean_relative_path(path + "q")


def test_switching_to_directory_is_a_new_widget_and_rules_follow() -> None:
    at = AppTest.from_string(
        "import rillet as st\n"
        "mode = st.session_state.get('mode', True)\n"
        "fs = st.file_uploader('F', accept_multiple_files=mode)\n"
        "st.text(repr([f.name for f in fs]))\n"
    ).run()
    plain_id = at.file_uploader[0].id
    at.file_uploader[0].upload("photos/a.jpg", b"A").run()
    assert at.text[0].value == "['a.jpg']"
    at.session_state["mode"] = "directory"
    at.run()
    assert at.file_uploader[0].id != plain_id and at.file_uploader[0].directory
    at.file_uploader[0].upload("photos/a.jpg", b"A").run()
    assert at.text[0].value == "['photos/a.jpg']"
    assert filestore.clean_file_name("photos/a.jpg") == "a.jpg"


def test_bad_accept_multiple_files_is_refused() -> None:
    at = AppTest.from_string(
        "import rillet as st\nst.file_uploader('F', accept_multiple_files='folder')\n"
    ).run()
    assert at.exception
    assert "directory" in str(at.exception[0].message)


# --- over HTTP: the upload route keeps the path as text and refuses forged ones -------------

ROUTE_SCRIPT = """
import rillet as st
docs = st.file_uploader("Docs", type=["csv"], accept_multiple_files="directory")
st.text(repr([(f.name, f.size) for f in docs]))
"""


@pytest.fixture
def served() -> Iterator[Served]:
    app = create_app(write_script(ROUTE_SCRIPT), Config(watch=False, preload_imports=False))
    yield Served(app)
    app.state.rillet.manager.close_all()


def test_the_route_keeps_a_folder_path_and_refuses_forged_ones(served: Served) -> None:
    good = served.upload("reports/2024/q1.csv", b"a,b\n")
    assert good.status_code == 200 and good.json()["name"] == "reports/2024/q1.csv"
    traversal = served.upload("reports/../../etc/passwd.csv", b"x")
    assert traversal.status_code == 400
    assert traversal.json()["error"].startswith("The path 'reports/../../etc/passwd.csv'")
    absolute = served.upload("/etc/cron.csv", b"x")
    assert absolute.status_code == 400
    wrong_type = served.upload("reports/notes.txt", b"x", mime="text/plain")
    assert wrong_type.status_code == 415
    assert wrong_type.json()["error"] == "text/plain files are not allowed."
    assert len(uploads_of(served.session)) == 1

    assert served.rerun_with("Docs", [good.json()["file_id"]]) == "[('reports/2024/q1.csv', 4)]"
