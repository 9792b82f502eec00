"""Media in Chromium: images load with their captions, audio seeks to the middle through
byte ranges, a video shows its subtitle track, a PDF is offered, the logo sits in the header,
and the camera and the microphone (Chromium's fake devices) return files to the script."""

from __future__ import annotations

import base64
import io
import os
import re
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import BrowserType, Page, expect

import rillet.server.media as media_route
from tests.conftest import LiveServer
from tests.e2e.conftest import AppPage

pytest.importorskip("PIL")

LOADED = "img => img.complete && img.naturalWidth > 0"
ALL_LOADED = (
    "n => { const imgs = [...document.querySelectorAll('.rillet-image img')];"
    f" return imgs.length === n && imgs.every({LOADED}) }}"
)


def wav_file(seconds: float, rate: int = 8000) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    samples = (np.sin(2 * np.pi * 440 * t) * 20000).astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())
    return out.getvalue()


@pytest.fixture
def served_statuses(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str | None]]:
    """(status, Range header) of every inline media answer."""
    seen: list[tuple[int, str | None]] = []
    original = media_route.serve_inline

    def counted(media: Any, request: Any) -> Any:
        response = original(media, request)
        seen.append((response.status_code, request.headers.get("range")))
        return response

    monkeypatch.setattr(media_route, "serve_inline", counted)
    return seen


IMAGES = """
import numpy as np
import rillet as st
gradient = np.tile(np.linspace(0, 255, 120, dtype=np.uint8), (40, 1))
st.image(gradient, caption="A grey <b>ramp</b>", alt="Grey ramp")
st.image([np.full((20, 20, 3), c, dtype=np.uint8) for c in (0, 128, 255)],
         caption=["dark", "mid", "light"], alt=["Dark", "Mid", "Light"], width=60)
st.image('<svg width="30" height="20"><rect width="30" height="20" fill="teal"/></svg>',
         alt="Teal box", link="https://example.com/")
"""


def test_images_load_with_their_captions_and_are_fetched_once(
    app_page: Callable[..., AppPage], served_statuses: list[tuple[int, str | None]]
) -> None:
    app = app_page(IMAGES)
    page = app.page

    ramp = page.get_by_role("img", name="Grey ramp")
    expect(ramp).to_be_visible()
    page.wait_for_function(ALL_LOADED, arg=5)
    assert ramp.evaluate("i => i.naturalWidth") == 120
    figures = page.locator("figure.rillet-image")
    expect(figures).to_have_count(5)
    # The caption's markup is text: no <b> element, the tags shown as written.
    caption = figures.first.locator("figcaption")
    expect(caption).to_have_text("A grey <b>ramp</b>")
    assert caption.locator("b").count() == 0
    expect(page.locator("figcaption")).to_have_text(["A grey <b>ramp</b>", "dark", "mid", "light"])
    for name in ("Dark", "Mid", "Light"):
        assert (
            page.get_by_role("img", name=name).evaluate("i => i.getBoundingClientRect().width")
            == 60
        )
    link = page.get_by_role("link").filter(has=page.get_by_role("img", name="Teal box"))
    expect(link).to_have_attribute("href", "https://example.com/")
    assert page.get_by_role("img", name="Teal box").evaluate(LOADED)
    # Five different pictures, each fetched once.
    assert [status for status, _ in served_statuses] == [200] * 5
    before = len(served_statuses)
    page.reload()
    page.wait_for_function(ALL_LOADED, arg=5)
    assert len(served_statuses) == before, "a reload fetched the pictures again"
    assert app.errors == []


def test_audio_seeks_to_the_middle_through_byte_ranges(
    app_page: Callable[..., AppPage], served_statuses: list[tuple[int, str | None]]
) -> None:
    app = app_page(
        f"import rillet as st\nst.audio({wav_file(20.0)!r}, alt='Twenty seconds of A')\n"
    )
    player = app.page.get_by_label("Twenty seconds of A")
    expect(player).to_be_visible()
    app.page.wait_for_function(
        "() => { const a = document.querySelector('audio'); return a && a.readyState >= 1 }"
    )
    assert player.evaluate("a => a.duration") == pytest.approx(20.0, abs=0.01)
    # Seekable far beyond what was loaded: the browser knows it can ask for any range.
    assert player.evaluate("a => a.seekable.length && a.seekable.end(0)") == pytest.approx(
        20.0, abs=0.01
    )

    player.evaluate(
        "a => new Promise(done => { a.addEventListener('seeked', done, {once: true});"
        " a.currentTime = 10; })"
    )

    assert player.evaluate("a => a.currentTime") == pytest.approx(10.0, abs=0.05)
    assert any(status == 206 and header for status, header in served_statuses), served_statuses


def test_audio_starts_at_its_start_time(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        f"import rillet as st\nst.audio({wav_file(10.0)!r}, start_time=4, end_time=6, alt='Clip')\n"
    )
    player = app.page.get_by_label("Clip")

    app.page.wait_for_function(
        "() => { const a = document.querySelector('audio'); return a && a.currentTime >= 4 }"
    )
    assert player.evaluate("a => a.currentTime") == pytest.approx(4.0, abs=0.05)


@pytest.fixture(scope="module")
def webm_video(browser_type: BrowserType, browser_type_launch_args: dict[str, Any]) -> bytes:
    """A two-second WebM recorded from a canvas by Chromium itself (no video tools here)."""
    browser = browser_type.launch(**browser_type_launch_args)
    try:
        page = browser.new_page()
        encoded = page.evaluate(
            """() => new Promise((done) => {
                const canvas = document.createElement('canvas');
                canvas.width = 160; canvas.height = 90;
                const g = canvas.getContext('2d');
                const stream = canvas.captureStream(25);
                const recorder = new MediaRecorder(stream, {mimeType: 'video/webm'});
                const chunks = [];
                recorder.ondataavailable = (e) => chunks.push(e.data);
                recorder.onstop = async () => {
                    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
                    let text = '';
                    bytes.forEach((b) => { text += String.fromCharCode(b); });
                    done(btoa(text));
                };
                let frame = 0;
                const timer = setInterval(() => {
                    g.fillStyle = `hsl(${frame * 7}, 70%, 50%)`; g.fillRect(0, 0, 160, 90);
                    frame += 1;
                }, 40);
                recorder.start(100);
                setTimeout(() => { clearInterval(timer); recorder.stop(); }, 2000);
            })"""
        )
    finally:
        browser.close()
    return base64.b64decode(encoded)


SUBTITLES = "1\n00:00:00,000 --> 00:00:01,500\nHello from the subtitles\n"
GERMAN = "WEBVTT\n\n00:00.000 --> 00:01.000\nHallo"


def test_a_video_shows_its_subtitle_tracks(
    app_page: Callable[..., AppPage], webm_video: bytes
) -> None:
    app = app_page(
        "import rillet as st\n"
        f"st.video({webm_video!r}, format='video/webm', alt='Colours', muted=True,\n"
        f"         subtitles={{'English': {SUBTITLES!r}, 'Deutsch': {GERMAN!r}}})\n"
    )
    video = app.page.get_by_label("Colours")
    expect(video).to_be_visible()

    app.page.wait_for_function(
        "() => { const v = document.querySelector('video');"
        " return v && v.textTracks.length === 2 && v.textTracks[0].cues"
        " && v.textTracks[0].cues.length > 0 }"
    )

    tracks = video.evaluate(
        "v => [...v.textTracks].map(t => [t.label, t.mode, t.cues ? t.cues.length : -1])"
    )
    assert tracks[0] == ["English", "showing", 1]
    assert tracks[1][:2] == ["Deutsch", "disabled"]
    assert video.evaluate("v => v.textTracks[0].cues[0].text") == "Hello from the subtitles"
    assert video.evaluate("v => v.muted") is True
    app.page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    assert app.errors == []


def pdf_document() -> bytes:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 3))
    figure.subplots().plot([1, 3, 2])
    figure.suptitle("Hello PDF")
    out = io.BytesIO()
    figure.savefig(out, format="pdf")
    return out.getvalue()


def test_a_pdf_is_shown_in_the_browsers_viewer_or_offered_as_a_link(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(f"import rillet as st\nst.pdf({pdf_document()!r}, height=320, alt='Report')\n")
    page = app.page
    box = page.locator(".rillet-pdf")
    expect(box).to_be_visible()
    assert box.evaluate("b => b.getBoundingClientRect().height") == 320

    if page.evaluate("navigator.pdfViewerEnabled"):
        expect(page.get_by_label("Report")).to_have_attribute("type", "application/pdf")
        # The viewer is an extension frame inside the <object>: it appears once the served
        # document (sandboxed by its CSP) is accepted as a PDF.
        viewer = "chrome-extension://"
        deadline = 50
        while deadline and not any(frame.url.startswith(viewer) for frame in page.frames):
            page.wait_for_timeout(100)  # frames are not observable from the page's script
            deadline -= 1
        assert any(frame.url.startswith(viewer) for frame in page.frames), page.frames
    else:
        link = page.get_by_role("link", name="Open the PDF")
        expect(link).to_be_visible()
    href = page.locator(".rillet-pdf a").first.get_attribute("href") or ""
    answer = page.request.get(app.server.url + href.removeprefix("./"))
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF-")


def test_the_logo_sits_in_the_header_and_links(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        "import numpy as np\nimport rillet as st\n"
        "st.logo(np.full((24, 96, 3), 90, dtype=np.uint8), link='https://example.com/',"
        " icon_image=np.full((24, 24, 3), 200, dtype=np.uint8), size='large')\n"
        "st.sidebar.write('In the sidebar')\nst.write('Body')\n"
    )
    page = app.page
    full = page.locator(".rillet-logo-full")
    icon = page.locator(".rillet-logo-icon")
    expect(full).to_be_visible()
    expect(icon).to_be_hidden()
    assert full.evaluate("i => i.getBoundingClientRect().height") == 32
    top = full.evaluate("i => i.getBoundingClientRect().top")
    header = page.locator(".rillet-header").evaluate("h => h.getBoundingClientRect().bottom")
    assert top < header
    expect(page.get_by_role("link").filter(has=full)).to_have_attribute(
        "href", "https://example.com/"
    )

    page.get_by_role("button", name="Sidebar").click()

    expect(icon).to_be_visible()
    expect(full).to_be_hidden()


# --- camera and microphone with Chromium's fake devices ---------------------------------------


@pytest.fixture
def device_page(
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    live_app: Callable[..., LiveServer],
) -> Iterator[Callable[..., AppPage]]:
    """Open an app in a Chromium whose camera and microphone are fakes that say yes."""
    args = [
        *browser_type_launch_args.get("args", []),
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
    ]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    pages: list[Page] = []

    def open_app(source: str) -> AppPage:
        page = browser.new_page()
        pages.append(page)
        return AppPage(page, live_app(source)).open()

    yield open_app
    browser.close()


CAMERA = """
import rillet as st
photo = st.camera_input("Take a picture")
if photo:
    from PIL import Image
    picture = Image.open(photo)
    st.write(f"{photo.name} {photo.type} {picture.format} {picture.width}x{picture.height}")
"""


def test_the_camera_takes_a_photo_that_reaches_the_script(
    device_page: Callable[..., AppPage],
) -> None:
    app = device_page(CAMERA)
    page = app.page
    camera = page.get_by_role("group", name="Take a picture")
    view = camera.get_by_label("Camera preview")
    page.wait_for_function(
        "() => { const v = document.querySelector('.rillet-camera-view');"
        " return v && v.videoWidth > 0 }"
    )
    take = page.get_by_role("button", name="Take Photo")
    expect(take).to_be_enabled()

    app.after_run(take.click)

    expect(page.get_by_text("JPEG")).to_contain_text("camera-input-")
    text = page.locator(".rillet-element[data-kind='markdown']").last.inner_text()
    assert "image/jpeg JPEG" in text
    assert view.is_hidden()
    expect(page.get_by_role("img", name="Photo for Take a picture")).to_be_visible()

    app.after_run(page.get_by_role("button", name="Clear photo").click)

    expect(page.get_by_text("JPEG")).to_have_count(0)
    page.wait_for_function("() => document.querySelector('.rillet-camera-view').videoWidth > 0")
    assert app.errors == []


MICROPHONE = """
import rillet as st
clip = st.audio_input("Record a note", sample_rate=16000)
if clip:
    import io, wave
    with wave.open(io.BytesIO(clip.getvalue())) as w:
        st.write(f"{clip.name} {w.getframerate()} Hz {w.getnchannels()} ch {w.getnframes()} frames")
"""


def test_the_microphone_records_a_wav_at_the_asked_rate(
    device_page: Callable[..., AppPage],
) -> None:
    app = device_page(MICROPHONE)
    page = app.page
    record = page.get_by_role("button", name="Record")
    expect(record).to_be_visible()

    record.click()
    stop = page.get_by_role("button", name="Stop recording")
    expect(stop).to_be_visible()
    page.wait_for_function(
        "() => document.querySelector('.rillet-recorder-time').textContent >= '00:01'"
    )
    app.after_run(stop.click)

    result = page.get_by_text("16000 Hz")
    expect(result).to_contain_text("_audio.wav 16000 Hz 1 ch")
    frames = int(result.inner_text().split(" ch ")[1].split()[0])
    assert frames > 12000  # more than 0.75 s of sound
    expect(page.locator("audio.rillet-recorder-playback")).to_be_visible()
    assert app.errors == []


def test_a_refused_camera_is_explained_in_the_page(
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    live_app: Callable[..., LiveServer],
) -> None:
    args = [*browser_type_launch_args.get("args", []), "--use-fake-device-for-media-stream"]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    try:
        context = browser.new_context()
        server = live_app("import rillet as st\nst.camera_input('Cam')\nst.audio_input('Mic')\n")
        context.grant_permissions([], origin=server.url.rstrip("/"))
        app = AppPage(context.new_page(), server).open()

        message = app.page.locator(".rillet-camera-input .rillet-capture-message")
        expect(message).to_be_visible()
        expect(message).to_have_text(
            "This app would like to use your camera, but access was denied. Allow it in your "
            "browser's site settings, then reload the page."
        )
        expect(app.page.get_by_role("button", name="Take Photo")).to_be_disabled()
        app.page.get_by_role("button", name="Record").click()
        expect(app.page.locator(".rillet-audio-input .rillet-capture-message")).to_contain_text(
            "would like to use your microphone"
        )
    finally:
        browser.close()


# --- the examples of docs/elements/media.md, and their pictures --------------------------------

DOCS = Path(__file__).resolve().parents[2] / "docs" / "elements" / "media.md"
PICTURES = DOCS.parents[1] / "images"
# Sections whose first example is pictured (the others load from the network or need devices).
PICTURED = ("images", "audio", "pdf")
# What "shown" means for each: every picture loaded, every player knows its length, the PDF
# viewer's frame attached (or the link where there is no viewer).
SHOWN = {
    "images": "() => [...document.querySelectorAll('.rillet-image img')].every("
    "i => i.complete && i.naturalWidth > 0) && document.querySelectorAll('.rillet-image').length",
    "audio": "() => [...document.querySelectorAll('audio')].every(a => a.duration > 0)",
    "pdf": "() => document.querySelector('.rillet-pdf object, .rillet-pdf a') !== null",
}


def docs_example(section: str) -> str:
    part = re.split(r"^## (.+)$", DOCS.read_text(), flags=re.M)
    for heading, body in zip(part[1::2], part[2::2], strict=True):
        if heading.strip().lower() == section:
            return re.findall(r"```python\n(.*?)```", body, re.S)[0]
    raise LookupError(section)


@pytest.mark.parametrize("section", PICTURED)
def test_the_media_page_examples_show(section: str, app_page: Callable[..., AppPage]) -> None:
    app = app_page(docs_example(section))
    page = app.page
    page.set_viewport_size({"width": 900, "height": 900})

    page.wait_for_function(SHOWN[section], timeout=30_000)

    assert app.errors == []
    if section == "pdf" and page.evaluate("navigator.pdfViewerEnabled"):
        deadline = 50
        while deadline and not any(f.url.startswith("chrome-extension://") for f in page.frames):
            page.wait_for_timeout(100)  # frames are not observable from the page's script
            deadline -= 1
        page.wait_for_timeout(1000)  # the viewer draws the page after its frame attaches
    if os.environ.get("RILLET_UPDATE_PICTURES") == "1":
        box = page.locator("#rillet-main > .rillet-root").bounding_box()
        assert box is not None
        margin = 16
        clip = {
            "x": box["x"] - margin,
            "y": box["y"] - margin,
            "width": box["width"] + 2 * margin,
            "height": box["height"] + 2 * margin,
        }
        picture = PICTURES / f"media-{section}.png"
        page.screenshot(path=picture, clip=clip)  # type: ignore[arg-type]
