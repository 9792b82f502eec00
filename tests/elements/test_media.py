"""``st.image``, ``st.audio``, ``st.video``, ``st.pdf`` and ``st.logo`` through AppTest: what
each serves (bytes, type, size), the parameters they send, and Streamlit's errors."""

from __future__ import annotations

import io
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from rillet.elements.filestore import INLINE_MEDIA
from rillet.testing import AppTest

pytest.importorskip("PIL")


def run(body: str, **state: object) -> AppTest:
    at = AppTest.from_string("import rillet as st\nimport numpy as np\n" + body)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def picture(data: bytes) -> Any:
    return Image.open(io.BytesIO(data))


def mime_of(url: str) -> str:
    media = INLINE_MEDIA.get(url.rsplit("/", 1)[-1])
    assert media is not None
    return media.mime


def png_bytes(size: tuple[int, int] = (40, 30), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)).save(
        out, format="PNG"
    )
    return out.getvalue()


def error_of(at: AppTest) -> str:
    assert len(at.exception) == 1, at.exception
    return str(at.exception[0].message)


# --- image: inputs ----------------------------------------------------------------------------


def test_a_numpy_photo_is_served_as_a_jpeg_with_its_pixel_size() -> None:
    at = run("st.image(np.full((30, 40, 3), 120, dtype=np.uint8))")

    (shown,) = at.image
    assert shown.value[0].startswith("./_rillet/media/")
    item = shown.spec["images"][0]
    assert (item["pixel_width"], item["pixel_height"]) == (40, 30)
    served = picture(shown.images[0])
    assert served.format == "JPEG" and served.size == (40, 30)
    assert mime_of(shown.value[0]) == "image/jpeg"


def test_rgba_and_grayscale_arrays_keep_their_modes() -> None:
    at = run(
        "st.image(np.zeros((4, 4, 4), dtype=np.uint8))\n"
        "st.image(np.zeros((4, 4)))\n"
        "st.image(np.zeros((4, 4, 1), dtype=np.uint8))"
    )

    rgba, gray, single = (picture(i.images[0]) for i in at.image)
    assert rgba.format == "PNG" and rgba.mode == "RGBA"
    assert gray.mode == "L" and single.mode == "L"


def test_float_arrays_are_scaled_from_0_1_and_clamp_clips() -> None:
    at = run(
        "st.image(np.full((2, 2), 0.5), output_format='PNG')\n"
        "st.image(np.full((2, 2), 300), clamp=True, output_format='PNG')\n"
        "st.image(np.full((2, 2), -2.0), clamp=True, output_format='PNG')"
    )

    half, high, low = (picture(i.images[0]).getpixel((0, 0)) for i in at.image)
    assert half == 127 and high == 255 and low == 0


def test_bgr_swaps_the_first_and_last_channel() -> None:
    at = run(
        "a = np.zeros((2, 2, 3), dtype=np.uint8); a[:, :, 0] = 255\n"
        "st.image(a, channels='BGR', output_format='PNG')\n"
        "st.image(a, output_format='PNG')"
    )

    bgr, rgb = (picture(i.images[0]).getpixel((0, 0)) for i in at.image)
    assert bgr == (0, 0, 255) and rgb == (255, 0, 0)


def test_a_four_dimensional_array_is_a_row_of_images() -> None:
    at = run("st.image(np.zeros((3, 2, 2, 3), dtype=np.uint8), caption=['a', 'b', 'c'])")

    assert len(at.image[0].value) == 3
    assert at.image[0].captions == ["a", "b", "c"]


def test_pil_images_bytes_bytesio_and_files(tmp_path: Path) -> None:
    path = tmp_path / "red.png"
    path.write_bytes(png_bytes(mode="RGBA"))
    at = run(
        f"""
from PIL import Image
import io, pathlib
st.image(Image.new("RGB", (10, 8)))
st.image(pathlib.Path({str(path)!r}).read_bytes())
st.image(io.BytesIO(pathlib.Path({str(path)!r}).read_bytes()))
st.image({str(path)!r})
st.image(pathlib.Path({str(path)!r}))
"""
    )

    assert len(at.exception) == 0
    pil, raw, buffer, by_name, by_path = at.image
    assert picture(pil.images[0]).format == "JPEG"
    # A picture that may be transparent stays PNG; the same bytes are one id.
    assert picture(raw.images[0]).format == "PNG"
    assert raw.value == buffer.value == by_name.value == by_path.value


def test_an_rgb_png_is_sent_as_a_jpeg_unless_png_is_asked_for() -> None:
    at = AppTest.from_string(
        "import rillet as st\n"
        f"data = {png_bytes()!r}\n"
        "st.image(data)\nst.image(data, output_format='PNG')\nst.image(data, output_format='jpeg')"
    ).run()

    auto, png, jpeg = (picture(i.images[0]).format for i in at.image)
    assert (auto, png, jpeg) == ("JPEG", "PNG", "JPEG")


def test_a_gif_stays_a_gif() -> None:
    out = io.BytesIO()
    frames = [Image.new("RGB", (8, 8), (80 * i, 0, 0)) for i in range(3)]
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])
    at = AppTest.from_string(f"import rillet as st\nst.image({out.getvalue()!r})").run()

    served = picture(at.image[0].images[0])
    assert served.format == "GIF" and served.n_frames == 3


def test_urls_are_passed_to_the_browser_untouched() -> None:
    at = run(
        "st.image('https://example.com/cat.png')\nst.image('data:image/png;base64,iVBORw0KGgo=')"
    )

    assert at.image[0].value == ["https://example.com/cat.png"]
    assert at.image[1].value == ["data:image/png;base64,iVBORw0KGgo="]
    assert "pixel_width" not in at.image[0].spec["images"][0]


def test_svg_text_is_served_as_svg_with_its_namespace(tmp_path: Path) -> None:
    svg_file = tmp_path / "dot.svg"
    svg_file.write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>')
    at = run(f"st.image('<svg width=\"10\"><rect/></svg>')\nst.image({str(svg_file)!r})")

    inline, from_file = at.image
    assert inline.images[0].startswith(b'<svg xmlns="http://www.w3.org/2000/svg" ')
    assert mime_of(inline.value[0]) == "image/svg+xml"
    assert b"<circle" in from_file.images[0]


# --- image: sizes and parameters --------------------------------------------------------------


def test_a_picture_wider_than_its_width_is_shrunk_on_the_server() -> None:
    at = run(
        "big = np.zeros((100, 3000, 3), dtype=np.uint8)\n"
        "st.image(big, width=300)\nst.image(big)\nst.image(big, width='stretch')"
    )

    fixed, content, stretch = (picture(i.images[0]).size for i in at.image)
    assert fixed == (300, 10)
    assert content == stretch == (1460, 48)
    assert [i.width for i in at.image] == [300, "content", "stretch"]


def test_use_container_width_maps_to_width() -> None:
    at = run(
        "a = np.zeros((2, 2))\n"
        "st.image(a, use_container_width=True)\n"
        "st.image(a, width=50, use_container_width=False)\n"
        "st.image(a, width='stretch', use_container_width=False)\n"
        "st.image(a, use_column_width=True)"
    )

    assert [i.width for i in at.image] == ["stretch", 50, "content", "content"]


def test_captions_are_markdown_with_html_shown_as_text() -> None:
    at = run("st.image(np.zeros((2, 2)), caption='<img src=x onerror=alert(1)> **bold**')")

    item = at.image[0].spec["images"][0]
    assert item["caption"] == "<img src=x onerror=alert(1)> **bold**"
    assert "<img" not in item["caption_html"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in item["caption_html"]
    assert "<strong>bold</strong>" in item["caption_html"]


def test_alt_texts_link_and_captions_per_image() -> None:
    at = run(
        "a = np.zeros((2, 2))\n"
        "st.image(a, alt='  A black square  ', link='https://example.com')\n"
        "st.image([a, a], caption=['one', None], alt=['first', ''])"
    )

    single, pair = at.image
    assert single.alts == ["A black square"] and single.spec["link"] == "https://example.com"
    assert pair.captions == ["one", ""] and pair.alts == ["first", ""]


def test_the_same_picture_is_one_id_and_an_unchanged_rerun_sends_nothing() -> None:
    at = run("st.image(np.eye(8, dtype=np.uint8) * 255)\nst.image(np.eye(8, dtype=np.uint8) * 255)")
    first = at.image[0].value

    assert at.image[1].value == first
    at.run()
    assert at.image[0].value == first


def test_a_picture_no_session_shows_is_dropped() -> None:
    at = run("if st.session_state.get('show', True):\n    st.image(np.full((3, 3), 7))", show=True)
    media_id = at.image[0].value[0].rsplit("/", 1)[-1]
    assert INLINE_MEDIA.get(media_id) is not None

    at.session_state["show"] = False
    at.run()

    assert INLINE_MEDIA.get(media_id) is None


def test_write_and_magic_show_a_pil_image_as_an_image() -> None:
    at = AppTest.from_string(
        "import rillet as st\nfrom PIL import Image\n"
        "st.write(Image.new('RGB', (4, 4)))\n"
        "picture = Image.new('RGBA', (5, 5))\n"
        "picture\n"
    ).run()

    assert len(at.image) == 2
    assert picture(at.image[1].images[0]).format == "PNG"


# --- image: errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "st.image(np.zeros((2, 2, 2)))",
            "Channel can only be 1, 3, or 4 got 2. Shape is (2, 2, 2)",
        ),
        (
            "st.image(np.zeros(5))",
            "Invalid `image` value. Supported values: a 2D or 3D NumPy array.",
        ),
        ("st.image(np.full((2, 2), 300))", "Data is outside [0, 255] and clamp is not set."),
        ("st.image(np.full((2, 2), 2.0))", "Data is outside [0.0, 1.0] and clamp is not set."),
        (
            "st.image(np.zeros((2, 2)), channels='BGR')",
            'When using `channels="BGR"`, the input image should have exactly 3 color channels',
        ),
        (
            "st.image([np.zeros((2, 2))] * 2, caption=['x'])",
            "Cannot pair 1 captions with 2 images.",
        ),
        (
            "st.image([np.zeros((2, 2))] * 2, link='https://x.y')",
            "The `link` parameter is only supported when displaying a single image. "
            "You passed 2 images.",
        ),
        (
            "st.image([np.zeros((2, 2))] * 2, alt='x')",
            "A single `alt` string can only be used with a single image. You passed 2 images; "
            "provide a sequence of 2 alt values (use None to skip an image).",
        ),
        (
            "st.image(np.zeros((2, 2)), width=0)",
            "Invalid width value: 0. Width must be either a positive integer (pixels), "
            "'stretch', or 'content'.",
        ),
        ("st.image('missing.png')", "Error opening 'missing.png'"),
        ("st.image('ftp://example.com/x.png')", "Error opening 'ftp://example.com/x.png'"),
        ("st.image(12345)", "Invalid `image` type."),
    ],
)
def test_bad_input_raises_streamlits_error(call: str, message: str) -> None:
    assert error_of(run(call)).startswith(message)


def test_another_url_scheme_says_which_urls_work() -> None:
    text = error_of(run("st.image('javascript:alert(1)')"))

    assert "javascript:" in text and "http, https or data URL" in text


def test_unreadable_bytes_raise_pils_error_with_a_clear_message() -> None:
    at = run("st.image(b'definitely not a picture')")

    assert at.exception[0].exception_type == "UnidentifiedImageError"
    assert "no image format PIL reads" in error_of(at)


def test_an_error_leaves_the_rest_of_the_page() -> None:
    at = run(
        "st.image(np.zeros((2,)))\n",
    )
    at2 = AppTest.from_string(
        "import rillet as st\nst.markdown('before')\ntry:\n    st.image(b'xx')\n"
        "except Exception as e:\n    st.error(type(e).__name__)\nst.markdown('after')"
    ).run()

    assert len(at.exception) == 1
    assert [m.value for m in at2.markdown] == ["before", "after"]
    assert at2.error[0].value == "UnidentifiedImageError"


# --- audio ------------------------------------------------------------------------------------


def test_numpy_sound_is_encoded_as_16_bit_wav_at_its_rate() -> None:
    at = run(
        "t = np.linspace(0, 1, 8000, endpoint=False)\n"
        "st.audio(np.sin(2 * np.pi * 440 * t), sample_rate=8000)\n"
        "st.audio(np.vstack([np.sin(t), np.cos(t)]), sample_rate=8000)"
    )

    mono, stereo = at.audio
    with wave.open(io.BytesIO(mono.data)) as wav:
        assert (wav.getnchannels(), wav.getframerate(), wav.getsampwidth()) == (1, 8000, 2)
        assert wav.getnframes() == 8000
        frames = np.frombuffer(wav.readframes(8000), dtype="<i2")
        assert frames.max() == 32767  # scaled to full range, as Streamlit
    with wave.open(io.BytesIO(stereo.data)) as wav:
        assert wav.getnchannels() == 2
    assert mono.mime == "audio/wav"


def test_audio_from_bytes_files_and_urls(tmp_path: Path) -> None:
    path = tmp_path / "a.mp3"
    path.write_bytes(b"ID3 fake mp3")
    at = run(
        f"st.audio(b'RIFF fake', format='audio/wav')\n"
        f"st.audio({str(path)!r}, format='audio/mpeg')\n"
        f"st.audio(open({str(path)!r}, 'rb'), format='audio/mpeg')\n"
        "st.audio('https://example.com/a.ogg', format='audio/ogg')"
    )

    raw, by_path, by_file, url = at.audio
    assert raw.data == b"RIFF fake"
    assert by_path.data == by_file.data == b"ID3 fake mp3" and by_path.mime == "audio/mpeg"
    assert url.url == "https://example.com/a.ogg"


def test_audio_times_loop_autoplay_alt_and_width() -> None:
    at = run(
        "from datetime import timedelta\n"
        "st.audio(b'x', start_time='1m5s', end_time=timedelta(seconds=90.7), loop=True, "
        "autoplay=True, alt=' Birdsong ', width=300)\n"
        "st.audio(b'x', start_time='0:01:30', end_time=100.9)"
    )

    first, second = at.audio
    assert first.spec == {
        "url": first.url,
        "mime": "audio/wav",
        "start_time": 65,
        "end_time": 90,
        "loop": True,
        "autoplay": True,
        "alt": "Birdsong",
        "width": 300,
    }
    assert (second.start_time, second.end_time) == (90, 100)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "st.audio(np.zeros(10))",
            "The `sample_rate` parameter is required. Must be specified when `data` is a numpy "
            "array.",
        ),
        (
            "st.audio(np.zeros((2, 2, 2)), sample_rate=8000)",
            "Numpy array audio input must be a 1D or 2D array.",
        ),
        ("st.audio(b'x', start_time='abc')", "Failed to convert 'start_time' to a timedelta."),
        ("st.audio(b'x', end_time='abc')", "Failed to convert 'end_time' to a timedelta."),
        (
            "st.audio(12345)",
            "Invalid `data` type. Expected one of: str, bytes, Path, BytesIO, file-like, "
            "ndarray. Provided type: int.",
        ),
        (
            "st.audio(b'x', width='content')",
            "Invalid width value: 'content'. Width must be either a positive integer (pixels) "
            "or 'stretch'.",
        ),
        ("st.audio('ftp://x/a.wav')", "Error opening 'ftp://x/a.wav'"),
    ],
)
def test_bad_audio_raises_streamlits_error(call: str, message: str) -> None:
    assert error_of(run(call)).startswith(message)


# --- video ------------------------------------------------------------------------------------

SRT = (
    "1\n00:00:01,000 --> 00:00:02,500\nHello <b>there</b>\n\n"
    "2\n00:00:03,000 --> 00:00:04,000\nBye\n"
)
VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHallo\n"


def test_video_parameters_and_one_subtitle_track_converted_from_srt() -> None:
    at = run(
        f"st.video(b'mp4', start_time=2, end_time=9, loop=True, autoplay=True, muted=True, "
        f"subtitles={SRT!r}, alt='Clip', width=400)"
    )

    (clip,) = at.video
    assert clip.data == b"mp4" and clip.mime == "video/mp4"
    spec = clip.spec
    assert (spec["start_time"], spec["end_time"], spec["loop"], spec["autoplay"]) == (
        2,
        9,
        True,
        True,
    )
    assert spec["muted"] is True and spec["alt"] == "Clip" and spec["width"] == 400
    ((label, vtt),) = clip.subtitles
    assert label == "default"
    assert vtt.startswith("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\n")
    assert "00:00:03.000 --> 00:00:04.000" in vtt


def test_several_subtitle_languages_from_text_files_and_bytes(tmp_path: Path) -> None:
    srt_file = tmp_path / "fr.srt"
    srt_file.write_text(SRT)
    at = run(
        f"import io\nst.video(b'mp4', subtitles={{'English': {VTT!r}, "
        f"'Français': {str(srt_file)!r}, 'Deutsch': io.BytesIO({SRT.encode()!r})}})"
    )

    tracks = at.video[0].subtitles
    assert [label for label, _ in tracks] == ["English", "Français", "Deutsch"]
    assert all(vtt.startswith("WEBVTT") for _, vtt in tracks)
    assert at.video[0].spec["subtitles"][0]["url"].startswith("./_rillet/media/")


def test_a_youtube_link_is_shown_in_youtubes_player() -> None:
    at = run("st.video('https://youtu.be/abcdefghijk', start_time=3)")

    assert at.video[0].url == "https://www.youtube.com/embed/abcdefghijk"
    assert at.video[0].spec["youtube"] is True


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "st.video(b'x', start_time=5, end_time=3)",
            "Invalid start_time and end_time combination.",
        ),
        (
            "st.video(b'x', subtitles=123)",
            "Invalid `subtitles` type. Expected one of: str, bytes, BytesIO, Path, dict. "
            "Provided type: int.",
        ),
        (
            "st.video(b'x', subtitles='not subs')",
            "Failed to process the provided subtitle 'default': Invalid `subtitles` value. "
            "Supported values: VTT-formatted text, SRT-formatted text.",
        ),
        (
            "from pathlib import Path\nst.video(b'x', subtitles=Path('nope.vtt'))",
            "Failed to process the provided subtitle 'default': File nope.vtt does not exist.",
        ),
        (
            "st.video('https://youtu.be/abcdefghijk', subtitles='WEBVTT')",
            "`subtitles` and `data=<YouTube URL>` cannot be used together. Subtitles are not "
            "supported for YouTube videos.",
        ),
    ],
)
def test_bad_video_raises_streamlits_error(call: str, message: str) -> None:
    assert error_of(run(call)) == message


# --- pdf --------------------------------------------------------------------------------------


def test_a_pdf_from_bytes_a_file_or_a_url(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"%PDF-1.4 file")
    at = run(
        f"import io\nst.pdf(b'%PDF-1.4 bytes', height=300, alt='Report')\n"
        f"st.pdf({str(path)!r})\nst.pdf(io.BytesIO(b'%PDF io'))\n"
        "st.pdf('https://example.com/a.pdf', height='stretch')"
    )

    data, by_path, buffer, url = at.pdf
    assert data.data == b"%PDF-1.4 bytes" and data.height == 300 and data.props["alt"] == "Report"
    assert mime_of(data.value) == "application/pdf"
    assert by_path.data == b"%PDF-1.4 file" and by_path.height == 500
    assert buffer.data == b"%PDF io"
    assert url.value == "https://example.com/a.pdf" and url.height == "stretch"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "st.pdf(None)",
            "The `data` parameter is required. Please provide a valid PDF file path, URL, bytes "
            "data, or file-like object.",
        ),
        ("st.pdf('missing.pdf')", "Unable to read file 'missing.pdf'"),
        ("st.pdf(b'x', height='content')", "Invalid height value: 'content'."),
        ("st.pdf(3.5)", "Invalid `data` type."),
    ],
)
def test_bad_pdf_raises_streamlits_error(call: str, message: str) -> None:
    assert error_of(run(call)).startswith(message)


# --- logo -------------------------------------------------------------------------------------


def test_a_logo_with_link_icon_image_and_size() -> None:
    at = run(
        "st.logo(np.zeros((20, 60, 3), dtype=np.uint8), link='https://example.com', "
        "icon_image='🌊', size='LARGE')"
    )

    (logo,) = at.logo
    assert logo.value.startswith("./_rillet/media/")
    assert logo.link == "https://example.com" and logo.size == "large"
    assert logo.icon_image == "🌊" and logo.props["icon_image"]["type"] == "emoji"


def test_a_logo_from_a_url_keeps_it() -> None:
    at = run("st.logo('https://example.com/logo.png')")

    assert at.logo[0].value == "https://example.com/logo.png" and at.logo[0].size == "medium"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "st.logo('missing-logo')",
            "The image passed to st.logo is invalid - See [documentation]",
        ),
        (
            "st.logo('https://x.y/a.png', icon_image=b'zz')",
            "The icon_image passed to st.logo is invalid",
        ),
        (
            "st.logo('https://x.y/a.png', link='ftp://x')",
            '"ftp://x" is not a valid URL. You must use a fully qualified domain beginning with '
            '"http://" or "https://".',
        ),
        (
            "st.logo('https://x.y/a.png', size='huge')",
            "Invalid `size` value. Supported values: 'small', 'medium', 'large'.",
        ),
    ],
)
def test_bad_logo_raises_streamlits_error(call: str, message: str) -> None:
    assert error_of(run(call)).startswith(message)
