"""``st.camera_input`` and ``st.audio_input``: the props they send, the `UploadedFile` they
return, Streamlit's errors, and captures arriving over the upload route with its checks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.applications import Starlette

from rillet.config import Config
from rillet.elements.filestore import UploadRejected, uploads_of
from rillet.server import create_app
from rillet.testing import AppTest
from tests.conftest import write_script
from tests.server.test_uploads import Served

JPEG = b"\xff\xd8\xff\xe0 a photo"
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt a recording"

CAMERA = """
import rillet as st
photo = st.camera_input("Take a picture", help="Smile", resolution="720p")
if photo:
    st.text(f"{photo.name} {photo.type} {photo.size} {photo.read()!r}")
"""


def test_camera_input_sends_its_label_help_and_resolution() -> None:
    at = AppTest.from_string(CAMERA).run()

    (camera,) = at.camera_input
    assert camera.label == "Take a picture" and camera.help == "Smile"
    assert camera.resolution == "720p" and camera.props["resolution_height"] == 720
    assert camera.props["width"] == "stretch" and camera.value is None
    assert camera.props["value"] == []


def test_a_photo_is_returned_as_an_uploaded_file_in_every_run_until_cleared() -> None:
    at = AppTest.from_string(CAMERA).run()

    at.camera_input[0].set_value(("camera-input-now.jpg", JPEG, "image/jpeg")).run()
    shown = f"camera-input-now.jpg image/jpeg {len(JPEG)} {JPEG!r}"
    assert at.text[0].value == shown
    at.run()
    assert at.text[0].value == shown  # rewound for every run
    at.camera_input[0].clear().run()
    assert len(at.text) == 0 and at.camera_input[0].value is None


def test_a_new_photo_replaces_and_frees_the_old_one() -> None:
    at = AppTest.from_string(CAMERA).run()
    at.camera_input[0].upload("camera-input-1.jpg", JPEG).run()
    at.camera_input[0].upload("camera-input-2.jpg", JPEG + b"2").run()

    assert at.camera_input[0].value.name == "camera-input-2.jpg"
    assert len(uploads_of(at._session)) == 1


def test_the_camera_takes_only_jpeg_files() -> None:
    at = AppTest.from_string(CAMERA).run()

    with pytest.raises(UploadRejected) as refused:
        at.camera_input[0].upload("shot.png", b"png", "image/png")

    assert (
        refused.value.status == 415 and refused.value.message == "image/png files are not allowed."
    )


def test_audio_input_returns_the_recording_with_its_sample_rate() -> None:
    at = AppTest.from_string(
        "import rillet as st\n"
        "clip = st.audio_input('Record a voice message', sample_rate=48000)\n"
        "default = st.audio_input('Default rate')\n"
        "own = st.audio_input('Own rate', sample_rate=None)\n"
        "if clip:\n    st.audio(clip)\n    st.text(clip.name)\n"
    ).run()

    clip, default, own = at.audio_input
    assert (clip.sample_rate, default.sample_rate, own.sample_rate) == (48000, 16000, None)
    clip.set_value(("2026-12-03T11-00_audio.wav", WAV, "audio/wav")).run()
    assert at.text[0].value == "2026-12-03T11-00_audio.wav"
    assert at.audio[0].data == WAV  # an UploadedFile plays back through st.audio


def test_a_callback_runs_before_the_rerun_a_capture_causes() -> None:
    at = AppTest.from_string(
        "import rillet as st\n"
        "def took(prefix):\n    st.session_state.log = prefix + str(st.session_state.cam.size)\n"
        "st.camera_input('Cam', key='cam', on_change=took, args=('size ',))\n"
        "st.text(st.session_state.get('log', 'none'))\n"
    ).run()

    at.camera_input[0].upload("camera-input-x.jpg", JPEG).run()

    assert at.text[0].value == f"size {len(JPEG)}"
    assert at.camera_input[0].key == "cam"


def test_a_keyed_widget_keeps_its_id_when_its_label_changes() -> None:
    at = AppTest.from_string(
        "import rillet as st\n"
        "label = st.session_state.get('label', 'One')\n"
        "st.audio_input(label, key='voice')\n"
    ).run()
    first = at.audio_input[0].id

    at.session_state["label"] = "Two"
    at.run()

    assert at.audio_input[0].id == first and at.audio_input[0].label == "Two"


def test_disabled_and_label_visibility_are_sent() -> None:
    at = AppTest.from_string(
        "import rillet as st\n"
        "st.camera_input('Cam', disabled=True, label_visibility='collapsed', width=320)\n"
    ).run()

    props = at.camera_input[0].props
    assert props["disabled"] is True and props["label_visibility"] == "collapsed"
    assert props["width"] == 320


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "st.camera_input('x', resolution='4k')",
            "Invalid `resolution` value. Supported values: '480p', '720p', '1080p', None.",
        ),
        (
            "st.camera_input('x', on_change='bogus')",
            "Invalid `on_change` value. Supported values: 'rerun', 'ignore', a callback function.",
        ),
        (
            "st.audio_input('x', sample_rate=1234)",
            "Invalid `sample_rate` value. Supported values: 8000, 11025, 16000, 22050, 24000, "
            "32000, 44100, 48000, None.",
        ),
        (
            "st.audio_input('x', width='content')",
            "Invalid width value: 'content'. Width must be either a positive integer (pixels) or "
            "'stretch'.",
        ),
        (
            "st.session_state.cam = 1\nst.camera_input('x', key='cam')",
            "Values for the widget with `key` 'cam' cannot be set using `st.session_state`.",
        ),
    ],
)
def test_bad_parameters_raise_streamlits_error(call: str, message: str) -> None:
    at = AppTest.from_string("import rillet as st\n" + call).run()

    assert at.exception[0].message == message


def test_on_change_ignore_tells_the_page_to_hold_the_photo() -> None:
    at = AppTest.from_string("import rillet as st\nst.camera_input('x', on_change='ignore')").run()

    assert not at.exception
    assert at.camera_input[0].props["on_change"] == "ignore"


# --- over HTTP: the file uploader's route, with its checks ------------------------------------

APP = """
import rillet as st
photo = st.camera_input("Cam")
voice = st.audio_input("Mic")
st.camera_input("Off", disabled=True)
"""


@pytest.fixture
def served() -> Iterator[Served]:
    app: Starlette = create_app(write_script(APP), Config(preload_imports=False, max_upload_size=1))
    yield Served(app)
    app.state.rillet.manager.close_all()


def test_a_photo_uploads_through_the_upload_route(served: Served) -> None:
    answer = served.upload("camera-input-x.jpg", JPEG, widget="Cam", mime="image/jpeg")

    assert answer.status_code == 200
    record = uploads_of(served.session).get(answer.json()["file_id"])
    assert record is not None and record.data == JPEG and record.type == "image/jpeg"


def test_a_recording_uploads_and_other_types_are_refused(served: Served) -> None:
    wav = served.upload("x_audio.wav", WAV, widget="Mic", mime="audio/wav")
    webm = served.upload("x_audio.webm", b"webm", widget="Mic", mime="audio/webm")

    assert wav.status_code == 200
    assert webm.status_code == 415 and webm.json()["error"] == "audio/webm files are not allowed."


def test_captures_need_the_xsrf_token_and_respect_the_size_limit(served: Served) -> None:
    forged = served.upload(
        "camera-input-x.jpg", JPEG, widget="Cam", mime="image/jpeg", xsrf="x" * 40
    )
    huge = served.upload("camera-input-x.jpg", b"\xff" * 1_000_001, widget="Cam", mime="image/jpeg")
    disabled = served.upload("camera-input-x.jpg", JPEG, widget="Off", mime="image/jpeg")

    assert forged.status_code == 403
    assert huge.status_code == 413 and huge.json()["error"] == "File must be 1.0MB or smaller."
    assert disabled.status_code == 403
    assert len(uploads_of(served.session)) == 0
