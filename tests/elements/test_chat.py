"""Chat elements through AppTest: chat_message (authors, avatars, width, usable with `with` and
as an object), chat_input (pinned or inline, a value once per submission, callbacks, checks of
the browser's value, session_state, Streamlit's errors), redrawn histories that send only
keeps, and write_stream sending each chunk alone."""

from __future__ import annotations

import textwrap
from pathlib import Path

import msgspec
import pytest

from rillet.protocol.messages import Delta, Extend, Keep
from rillet.testing import AppTest


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + textwrap.dedent(body)).run(timeout=10)


def error_of(at: AppTest) -> tuple[str, str]:
    assert len(at.exception) == 1, at.exception
    return at.exception[0].exception_type, at.exception[0].message


CHAT_APP = """
if "history" not in st.session_state:
    st.session_state.history = []
for role, text in st.session_state.history:
    with st.chat_message(role):
        st.markdown(text)
if prompt := st.chat_input("Ask me"):
    st.session_state.history.append(("user", prompt))
    with st.chat_message("user"):
        st.markdown(prompt)
    with st.chat_message("assistant"):
        answer = st.write_stream(iter(["You ", "said: ", prompt]))
    st.session_state.history.append(("assistant", answer))
"""


# --- chat_message ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "avatar", "avatar_type"),
    [
        ("user", "user", "icon"),
        ("human", "user", "icon"),
        ("assistant", "assistant", "icon"),
        ("ai", "assistant", "icon"),
        ("User", "user", "icon"),
        ("🦖", "🦖", "emoji"),
        ("Bob", "", "icon"),
    ],
)
def test_a_message_gets_the_avatar_of_its_author(name: str, avatar: str, avatar_type: str) -> None:
    at = app(f"st.chat_message({name!r}).write('hi')")

    message = at.chat_message[0]
    assert (message.name, message.avatar, message.avatar_type) == (name, avatar, avatar_type)
    assert message.markdown[0].value == "hi"


@pytest.mark.parametrize(
    ("avatar", "shown", "avatar_type"),
    [
        ("🧑‍💻", "🧑‍💻", "emoji"),
        ("assistant", "assistant", "icon"),
        ("https://example.com/me.png", "https://example.com/me.png", "image"),
        ("data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,iVBORw0KGgo=", "image"),
        (":material/smart_toy:", ":material/smart_toy:", "icon"),
        ("spinner", "spinner", "icon"),
    ],
)
def test_an_avatar_may_be_an_emoji_a_preset_an_image_url_or_an_icon(
    avatar: str, shown: str, avatar_type: str
) -> None:
    at = app(f"st.chat_message('Bob', avatar={avatar!r}).write('hi')")

    assert (at.chat_message[0].avatar, at.chat_message[0].avatar_type) == (shown, avatar_type)


def test_messages_hold_elements_written_with_with_or_on_the_object() -> None:
    at = app(
        """
        with st.chat_message("user"):
            st.write("Hello 👋")
            st.button("Like")
        message = st.chat_message("assistant")
        message.write("Hello human")
        message.caption("just now")
        st.markdown("after")
        """
    )

    user, assistant = at.chat_message
    assert [n.element.kind for n in user.children] == ["markdown", "button"]
    assert assistant.markdown[0].value == "Hello human"
    assert assistant.caption[0].value == "just now"
    assert at.main[2].value == "after"


def test_messages_go_wherever_they_are_written() -> None:
    at = app(
        """
        st.sidebar.chat_message("user").write("in the sidebar")
        box = st.container(height=200)
        box.chat_message("assistant").write("in a box")
        left, _ = st.columns(2)
        with left:
            st.chat_message("user").write("in a column")
        """
    )

    assert [m.path for m in at.chat_message] == [(0, 0, 0), (0, 1, 0, 0), (1, 0)]


def test_html_in_a_name_or_text_is_data_not_markup() -> None:
    at = app(
        """
        with st.chat_message("<img src=x onerror=alert(1)>"):
            st.markdown("<script>alert(1)</script> **hi**")
        """
    )

    message = at.chat_message[0]
    assert message.name == "<img src=x onerror=alert(1)>"  # the browser shows it as text only
    html = message.markdown[0].props["html"]
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(("width", "sent"), [("stretch", None), ("content", "content"), (300, 300)])
def test_a_message_takes_a_width(width: object, sent: object) -> None:
    at = app(f"st.chat_message('user', width={width!r}).write('x')")

    assert at.chat_message[0].props.get("width") == sent


@pytest.mark.parametrize(
    ("call", "kind", "message"),
    [
        ("st.chat_message(None)", "RilletAPIException", "The `name` parameter is required."),
        ("st.chat_message(3)", "RilletAPIException", "must be a string"),
        ("st.chat_message('user', width=0)", "RilletAPIException", "Invalid width value: 0."),
        (
            "st.chat_message('Bob', avatar='no/such/file.png')",
            "RilletAPIException",
            "Failed to load the provided avatar value as an image.",
        ),
        (
            "st.chat_message('Bob', avatar=':materials/face:')",
            "RilletAPIException",
            "is not a valid Material icon",
        ),
        (
            "st.chat_message('Bob', avatar=b'\\x89PNG')",
            "RilletAPIException",
            "Failed to load the provided avatar value as an image.",
        ),
    ],
)
def test_chat_message_errors(call: str, kind: str, message: str) -> None:
    found_kind, found_message = error_of(app(call))
    assert found_kind == kind
    assert message in found_message


def test_an_avatar_image_from_a_file_bytes_or_an_array_is_served_inline(tmp_path: Path) -> None:
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, format="PNG")
    path = tmp_path / "face.png"
    path.write_bytes(picture.getvalue())
    at = app(
        "import numpy as np\n"
        f"st.chat_message('Ann', avatar={str(path)!r}).write('file')\n"
        f"st.chat_message('Bob', avatar={picture.getvalue()!r}).write('bytes')\n"
        "st.chat_message('Cy', avatar=np.zeros((4, 4, 3), dtype=np.uint8)).write('array')"
    )

    assert not at.exception
    shown = [(m.avatar_type, m.avatar) for m in at.chat_message]
    assert [t for t, _ in shown] == ["image", "image", "image"]
    assert all(url.startswith("./_rillet/media/") for _, url in shown)
    assert shown[0][1] == shown[1][1], "the same picture is one served file"


# --- chat_input: where it goes -------------------------------------------------------------------


def test_in_the_main_area_the_input_is_pinned_to_the_bottom() -> None:
    at = app(
        """
        st.title("Chat")
        st.chat_input("Say something")
        st.write("below in the script, above on the page")
        """
    )

    box = at.chat_input[0]
    assert box.path == (3, 0)
    assert box.position == "bottom"
    assert box.placeholder == "Say something"
    assert [n.element.kind for n in at.main] == ["heading", "markdown"]


@pytest.mark.parametrize(
    "setup",
    [
        "with st.container():\n    st.chat_input()",
        "st.sidebar.chat_input()",
        "left, right = st.columns(2)\nleft.chat_input()",
        "with st.expander('Chat'):\n    st.chat_input()",
        "@st.fragment\ndef talk():\n    st.chat_input()\ntalk()",
        "with st.bottom:\n    st.chat_input()",
    ],
    ids=["container", "sidebar", "column", "expander", "fragment", "bottom"],
)
def test_inside_a_container_the_input_stays_inline(setup: str) -> None:
    at = app(setup)

    assert len(at.exception) == 0
    box = at.chat_input[0]
    assert box.position == "inline"
    assert len(box.path) > 2 or box.path[0] in (1, 3)


def test_the_input_cannot_be_used_in_a_form() -> None:
    at = app(
        """
        with st.form("f"):
            st.chat_input()
            st.form_submit_button()
        """
    )

    assert error_of(at) == (
        "RilletAPIException",
        "`st.chat_input()` can't be used in a `st.form()`.",
    )


# --- chat_input: the value ---------------------------------------------------------------------


def test_the_value_is_the_submitted_text_once_per_submission() -> None:
    at = app(
        """
        if "seen" not in st.session_state:
            st.session_state.seen = []
        st.session_state.seen.append(st.chat_input())
        st.button("Other")
        """
    )
    assert at.chat_input[0].value is None

    at.chat_input[0].set_value("hi").run()
    at.button[0].click().run()
    at.chat_input[0].set_value("hi").run()
    at.run()

    assert at.session_state.seen == [None, "hi", None, "hi", None]
    assert at.chat_input[0].value is None


def test_the_submission_is_readable_through_its_key_during_the_run() -> None:
    at = app(
        """
        st.chat_input(key="prompt")
        st.text(repr(st.session_state.prompt))
        """
    )
    at.chat_input("prompt").set_value("hello").run()

    assert at.text[0].value == "'hello'"
    assert at.session_state.prompt is None  # spent once the run ends


def test_a_run_that_reruns_after_reading_the_text_does_not_see_it_again() -> None:
    at = app(
        """
        if "seen" not in st.session_state:
            st.session_state.seen = []
        if prompt := st.chat_input():
            st.session_state.seen.append(prompt)
            st.rerun()
        """
    )
    at.chat_input[0].set_value("once").run()

    assert at.session_state.seen == ["once"]


def test_on_submit_runs_before_the_script_with_its_arguments() -> None:
    at = app(
        """
        if "log" not in st.session_state:
            st.session_state.log = []
        def note(tag, *, who):
            st.session_state.log.append((tag, who, st.session_state.box))
        text = st.chat_input(key="box", on_submit=note, args=("sent",), kwargs={"who": "me"})
        st.session_state.log.append(("script", text))
        """
    )
    at.chat_input[0].set_value("hey").run()

    assert at.session_state.log == [("script", None), ("sent", "me", "hey"), ("script", "hey")]


def test_setting_the_key_fills_the_box_without_submitting() -> None:
    at = app(
        """
        if st.button("Suggest"):
            st.session_state.prompt = "What is rillet?"
        st.text(repr(st.chat_input(key="prompt")))
        """
    )
    at.button[0].click().run()

    assert at.chat_input[0].props["set_value"] == "What is rillet?"
    assert at.text[0].value == "None"
    at.run()
    assert "set_value" not in at.chat_input[0].props


@pytest.mark.parametrize(
    ("forged", "setup"),
    [
        ("x" * 11, "st.chat_input(max_chars=10)"),
        (42, "st.chat_input()"),
        (["a"], "st.chat_input()"),
        ({"text": "a"}, "st.chat_input()"),
        ("sneaky", "st.chat_input(disabled=True)"),
    ],
    ids=["too-long", "number", "list", "object", "disabled"],
)
def test_a_forged_value_is_rejected(forged: object, setup: str) -> None:
    at = app(f"st.text(repr({setup}))")
    at.chat_input[0].set_value(forged).run()

    assert at.text[0].value == "None"


def test_a_value_within_max_chars_is_accepted() -> None:
    at = app("st.text(repr(st.chat_input(max_chars=10)))")
    at.chat_input[0].set_value("x" * 10).run()

    assert at.text[0].value == "'xxxxxxxxxx'"
    assert at.chat_input[0].max_chars == 10


def test_the_element_carries_what_the_browser_needs() -> None:
    at = app(
        "st.chat_input('Type', max_chars=5, disabled=True, submit_mode='disable', width=400, "
        "height=100)"
    )

    assert at.chat_input[0].props == {
        "placeholder": "Type",
        "max_chars": 5,
        "disabled": True,
        "position": "bottom",
        "submit_mode": "disable",
        "width": 400,
        "height": 100,
    }
    assert at.chat_input[0].disabled


def test_two_unkeyed_inputs_alike_clash_as_in_streamlit() -> None:
    at = app("st.chat_input()\nst.sidebar.chat_input()")

    assert error_of(at)[0] == "DuplicateWidgetID"


@pytest.mark.parametrize(
    ("call", "kind", "message"),
    [
        (
            "st.chat_input(accept_file='yes')",
            "RilletAPIException",
            "Invalid `accept_file` value. Supported values: True, False, 'multiple', "
            "'directory'. Got 'yes'.",
        ),
        (
            "st.chat_input(submit_mode='later')",
            "RilletAPIException",
            "Invalid `submit_mode` value. Supported values: 'submit', 'disable', 'stop'.",
        ),
        ("st.chat_input(max_upload_size=0)", "RilletAPIException", "`max_upload_size` value"),
        ("st.chat_input(audio_sample_rate=1234)", "RilletAPIException", "`audio_sample_rate`"),
        ("st.chat_input(max_chars=0)", "RilletAPIException", "`max_chars` value"),
        ("st.chat_input(width='content')", "RilletAPIException", "Invalid width value"),
        ("st.chat_input(height=-1)", "RilletAPIException", "Invalid height value"),
        ("st.chat_input(key=[1])", "RilletAPIException", "A widget key must be a string"),
        (
            "st.chat_input(on_submit='rerun')",
            "RilletAPIException",
            '`on_submit="rerun"` is not supported on this widget.',
        ),
        ("st.chat_input(on_submit=3)", "RilletAPIException", "`on_submit` value"),
    ],
)
def test_chat_input_errors(call: str, kind: str, message: str) -> None:
    found_kind, found_message = error_of(app(call))

    assert found_kind == kind
    assert message in found_message


# --- attachments ------------------------------------------------------------------------------

ATTACH_APP = """
prompt = st.chat_input("Ask", accept_file={accept!r}, file_type={types!r})
if prompt:
    st.text(repr(prompt.text))
    for f in prompt.files:
        st.text(f"{{f.name}} {{f.size}} {{f.read()!r}}")
else:
    st.text(repr(prompt))
"""


def attach_app(accept: object = True, types: object = None) -> AppTest:
    return app(ATTACH_APP.format(accept=accept, types=types))


def test_attached_files_reach_the_script_with_the_text_once() -> None:
    at = attach_app("multiple")
    box = at.chat_input[0]
    box.attach("a.csv", b"x,y\n1,2\n").attach("b.txt", "hello")
    box.set_value("look").run()

    assert [t.value for t in at.text] == ["'look'", "a.csv 8 b'x,y\\n1,2\\n'", "b.txt 5 b'hello'"]
    at.run()
    assert [t.value for t in at.text] == ["None"]


def test_the_value_is_streamlits_chat_input_value() -> None:
    at = app(
        """
        if (p := st.chat_input("Ask", accept_file=True)) is not None:
            st.session_state.seen = p
        """
    )
    at.chat_input[0].attach("a.txt", "hi").set_value("t").run()
    value = at.session_state.seen

    from rillet.elements.chat_value import ChatInputValue

    assert isinstance(value, ChatInputValue)
    assert value.text == "t" and value["text"] == "t"
    assert [f.name for f in value["files"]] == ["a.txt"]
    assert list(value) == ["text", "files"] and "audio" not in value
    with pytest.raises(AttributeError, match="accept_audio=False"):
        _ = value.audio
    with pytest.raises(KeyError):
        value["audio"] = None


def test_the_value_is_readable_through_its_key_during_the_run() -> None:
    at = app(
        """
        p = st.chat_input("Ask", accept_file=True, key="ask")
        st.text(repr(st.session_state.ask))
        """
    )
    at.chat_input[0].attach("a.txt", "hi").set_value("t").run()

    assert at.text[0].value.startswith("ChatInputValue(text='t', files=[UploadedFile(")
    assert at.session_state.ask is None


def test_a_submission_without_files_is_a_value_with_an_empty_list() -> None:
    at = attach_app(True)
    at.chat_input[0].set_value("only text").run()

    assert [t.value for t in at.text] == ["'only text'"]


def test_the_element_tells_the_browser_what_it_may_attach() -> None:
    at = attach_app("directory", ["csv"])
    props = at.chat_input[0].props

    assert props["accept_file"] == "directory"
    assert props["file_types"] == [".csv"]
    assert props["max_upload_size"] == 200 * 1000 * 1000
    assert "accept_file" not in app("st.chat_input()").chat_input[0].props


def test_a_file_of_another_type_is_refused_at_upload() -> None:
    from rillet.elements.filestore import UploadRejected

    at = attach_app(True, ["csv"])
    with pytest.raises(UploadRejected):
        at.chat_input[0].attach("evil.exe", b"MZ")


def test_a_chat_input_without_accept_file_takes_no_uploads() -> None:
    from rillet.elements.filestore import UploadRejected

    at = app("st.chat_input()")
    with pytest.raises(UploadRejected):
        at.chat_input[0].attach("a.txt", b"x")


def _upload(at: AppTest, index: int, name: str, data: bytes = b"x") -> str:
    from rillet.elements import filestore

    wid = at.chat_input[index].id
    store = filestore.uploads_of(at._session)
    return store.add(wid, name, None, data, filestore.max_upload_bytes()).file_id


@pytest.mark.parametrize(
    "forge",
    [
        "unknown-id",
        "other-widget",
        "two-for-true",
        "duplicate",
        "not-a-list",
        "extra-key",
        "audio-not-accepted",
        "wrong-type",
    ],
)
def test_forged_file_ids_types_and_counts_are_rejected(forge: str) -> None:
    at = app(
        """
        a = st.chat_input("A", accept_file=True, file_type=["txt", "wav"])
        b = st.chat_input("B", accept_file="multiple", key="b")
        st.text(repr(a))
        """
    )
    mine, theirs = _upload(at, 0, "a.txt"), _upload(at, 1, "b.txt")
    second, sound = _upload(at, 0, "c.txt"), _upload(at, 0, "s.wav")
    wire = {
        "unknown-id": {"text": "t", "files": ["nope"]},
        "other-widget": {"text": "t", "files": [theirs]},
        "two-for-true": {"text": "t", "files": [mine, second]},
        "duplicate": {"text": "t", "files": [mine, mine]},
        "not-a-list": {"text": "t", "files": mine},
        "extra-key": {"text": "t", "files": [], "path": "/etc/passwd"},
        "audio-not-accepted": {"text": "t", "audio": sound},
        "wrong-type": {"text": 3, "files": []},
    }[forge]
    at.chat_input[0].set_value(wire)
    at.run()

    assert at.text[0].value == "None"
    at.chat_input[0].set_value({"text": "ok", "files": [mine]}).run()
    assert at.text[0].value.startswith("ChatInputValue(text='ok', files=[UploadedFile(")


def test_a_file_over_max_upload_size_is_refused() -> None:
    at = app("st.text(repr(st.chat_input(accept_file=True, max_upload_size=1)))")
    big = _upload(at, 0, "big.bin", b"x" * 1_000_001)
    at.chat_input[0].set_value({"text": "t", "files": [big]}).run()

    assert at.text[0].value == "None"


def test_files_of_earlier_submissions_are_freed() -> None:
    from rillet.elements import filestore

    at = attach_app("multiple")
    at.chat_input[0].attach("a.txt", "1").set_value("one").run()
    at.chat_input[0].attach("b.txt", "2").set_value("two").run()

    names = [r.name for r in filestore.uploads_of(at._session).files_of(at.chat_input[0].id)]
    assert names == ["b.txt"]


def test_submit_mode_stop_tells_the_browser_to_offer_a_stop_button() -> None:
    at = app("st.text(repr(st.chat_input(submit_mode='stop')))")
    assert at.chat_input[0].props["submit_mode"] == "stop"
    at.chat_input[0].set_value("go").run()
    assert at.text[0].value == "'go'"


# --- voice --------------------------------------------------------------------------------------


def _wav(rate: int = 16000, frames: int = 1600) -> bytes:
    import io
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\0\0" * frames)
    return out.getvalue()


VOICE_APP = """
prompt = st.chat_input("Say", accept_audio=True, audio_sample_rate=8000)
if prompt:
    st.text(repr(prompt.text))
    st.text(repr(prompt.audio and (prompt.audio.name, prompt.audio.read()[:4])))
    st.text(str(sorted(prompt)))
"""


def test_a_recording_reaches_the_script_as_the_audio_of_the_value() -> None:
    at = app(VOICE_APP)
    at.chat_input[0].record(_wav()).set_value("").run()

    assert [t.value for t in at.text] == ["''", "('audio.wav', b'RIFF')", "['audio', 'text']"]
    assert at.chat_input[0].props["accept_audio"] is True
    assert at.chat_input[0].props["audio_sample_rate"] == 8000


def test_a_message_without_a_recording_has_audio_none_and_no_files() -> None:
    at = app(VOICE_APP + "\n    st.text(repr(getattr(prompt, 'files', 'no files')))")
    at.chat_input[0].set_value("hi").run()

    assert [t.value for t in at.text][:2] == ["'hi'", "None"]


def test_a_voice_only_input_takes_no_other_files() -> None:
    from rillet.elements.filestore import UploadRejected

    at = app(VOICE_APP)
    with pytest.raises(UploadRejected):
        at.chat_input[0].attach("notes.txt", b"x")
    sound = _upload(at, 0, "s.wav", _wav())
    at.chat_input[0].set_value({"text": "t", "files": [sound]}).run()
    assert len(at.text) == 0  # files are refused: accept_file is off


def test_a_recording_must_be_a_wav_of_this_widget() -> None:
    at = app(
        """
        a = st.chat_input("A", accept_audio=True, accept_file=True)
        b = st.chat_input("B", accept_audio=True, key="b")
        st.text(repr(a))
        """
    )
    notes, theirs = _upload(at, 0, "notes.txt"), _upload(at, 1, "b.wav", _wav())
    for forged in (notes, theirs, "nope"):
        at.chat_input[0].set_value({"text": "t", "audio": forged}).run()
        assert at.text[0].value == "None"


# --- a chat app ----------------------------------------------------------------------------------


def test_a_chat_turn_shows_the_messages_and_remembers_them() -> None:
    at = app(CHAT_APP)
    at.chat_input[0].set_value("hi").run()

    assert [(m.name, m.markdown[0].value) for m in at.chat_message] == [
        ("user", "hi"),
        ("assistant", "You said: hi"),
    ]
    assert at.session_state.history == [("user", "hi"), ("assistant", "You said: hi")]


def test_redrawing_the_same_history_sends_only_keeps() -> None:
    at = app(CHAT_APP)
    at.chat_input[0].set_value("hi").run()
    at.chat_input[0].set_value("again").run()

    at.run()  # the history redraws; nothing in it changed

    sent = [m for m in at.messages if isinstance(m, Delta | Extend)]
    assert sent == []
    assert any(isinstance(m, Keep) for m in at.messages)
    assert len(at.chat_message) == 4


def test_a_streamed_answer_becomes_the_markdown_the_next_run_redraws() -> None:
    at = app(CHAT_APP)
    at.chat_input[0].set_value("hi").run()

    answer = at.chat_message[1].markdown[0]
    assert (
        answer.props
        == AppTest.from_string("import rillet as st\nst.markdown('You said: hi')")
        .run()
        .markdown[0]
        .props
    )


# --- write_stream: each chunk travels alone ------------------------------------------------------


def test_each_text_chunk_is_sent_as_an_extend_of_that_chunk() -> None:
    at = app(
        """
        result = st.write_stream(iter(["Hel", "", "lo ", "**you**"]), cursor="▌")
        st.text(repr(result))
        """
    )

    at_path = [m for m in at.messages if isinstance(m, Delta | Extend) and m.path == [0, 0]]
    streamed = [m for m in at_path if not (isinstance(m, Delta) and m.element.kind == "empty")]
    first, *extends, final = streamed
    assert isinstance(first, Delta) and first.element.kind == "markdown_stream"
    assert first.element.props == {"cursor": "▌"} and first.element.rows == [["Hel"]]
    added = [msgspec.json.decode(bytes(m.rows)) for m in extends if isinstance(m, Extend)]
    assert len(added) == len(extends) and added == [[["lo "]], [["**you**"]]]
    assert isinstance(final, Delta) and final.element.kind == "markdown"
    assert final.element.props["body"] == "Hello **you**"
    assert at.text.values == ["'Hello **you**'"]


def test_streaming_bytes_grow_with_the_answer_not_its_square() -> None:
    def streamed_bytes(words: int) -> int:
        at = app(f"st.write_stream(f'word{{i}} ' for i in range({words}))")
        encode = msgspec.json.Encoder().encode
        return sum(len(encode(m)) for m in at.messages)

    small, large = streamed_bytes(200), streamed_bytes(800)
    assert large < 4.5 * small  # linear (a re-send of the whole text each chunk would be ~16x)


def test_an_error_in_the_stream_keeps_what_arrived_as_markdown() -> None:
    at = app(
        """
        def broken():
            yield "partial "
            yield "answer"
            raise RuntimeError("model went away")
        st.write_stream(broken)
        """
    )

    assert at.markdown.values == ["partial answer"]
    assert error_of(at) == ("RuntimeError", "model went away")
    assert at.get("markdown_stream").values == []
