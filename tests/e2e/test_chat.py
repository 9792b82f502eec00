"""A chat app in Chromium, tried as a new user would: type in the input pinned to the bottom,
press Enter, see the message and an answer streamed from a generator; Shift+Enter makes a new
line; a reload keeps the history; names and streamed text carrying HTML show as text; each
streamed chunk arrives as a small frame."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserType, Page, WebSocket, expect

from tests.conftest import LiveServer
from tests.e2e.conftest import AppPage

CHAT = """
import time
import rillet as st

st.title("Echo bot")
if "messages" not in st.session_state:
    st.session_state.messages = []
for message in st.session_state.messages:
    with st.chat_message(message["role"]):
        st.markdown(message["content"])

def answer(prompt):
    for word in f"You said: **{prompt}**. That is all.".split(" "):
        time.sleep(0.02)
        yield word + " "

if prompt := st.chat_input("Ask anything"):
    st.session_state.messages.append({"role": "user", "content": prompt})
    with st.chat_message("user"):
        st.markdown(prompt)
    with st.chat_message("assistant"):
        reply = st.write_stream(answer(prompt.replace("\\n", " / ")))
    st.session_state.messages.append({"role": "assistant", "content": reply})
"""


class Frames:
    """Every websocket frame the page receives, as text."""

    def __init__(self, page: Page) -> None:
        self.received: list[str] = []
        page.on("websocket", self._watch)

    def _watch(self, ws: WebSocket) -> None:
        ws.on("framereceived", lambda payload: self.received.append(str(payload)))


def test_a_user_chats_and_sees_the_answer_stream_in(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    frames = Frames(page)
    app = app_page(CHAT)
    box = page.get_by_role("textbox", name="Ask anything")
    expect(box).to_be_visible()
    # Pinned: the input sits in the bottom region, below the main area.
    bottom = page.locator("#rillet-bottom")
    expect(bottom.get_by_role("textbox", name="Ask anything")).to_be_visible()

    box.fill("hello there")
    app.after_run(lambda: box.press("Enter"))

    user = page.get_by_role("article", name="Chat message from user")
    assistant = page.get_by_role("article", name="Chat message from assistant")
    expect(user).to_have_text("hello there")
    expect(assistant.locator("strong")).to_have_text("hello there")
    expect(assistant).to_have_text(re.compile(r"You said: hello there\. That is all\."))
    expect(box).to_have_value("")
    expect(box).to_be_focused()
    # The answer streamed word after word, each word an extend of a few dozen bytes.
    messages = [m for f in frames.received for m in json.loads(f)]
    extends = [m for m in messages if m["type"] == "extend"]
    assert len(extends) == 6  # seven words: the first comes with the element
    assert all(len(json.dumps(m)) < 80 for m in extends)
    assert app.errors == []


def test_shift_enter_makes_a_new_line_and_the_box_grows(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    app = app_page(CHAT)
    box = page.get_by_role("textbox", name="Ask anything")
    one_line = box.evaluate("b => b.getBoundingClientRect().height")

    box.click()
    box.press_sequentially("first")
    box.press("Shift+Enter")
    box.press_sequentially("second")

    expect(box).to_have_value("first\nsecond")
    assert box.evaluate("b => b.getBoundingClientRect().height") > one_line
    assert app.runs() == 1  # nothing was sent
    app.after_run(lambda: box.press("Enter"))
    expect(page.get_by_role("article", name="Chat message from user")).to_contain_text("second")
    expect(page.get_by_role("article", name="Chat message from assistant")).to_contain_text(
        "first / second"
    )


def test_a_reload_keeps_the_history(app_page: Callable[..., AppPage], page: Page) -> None:
    app = app_page(CHAT)
    box = page.get_by_role("textbox", name="Ask anything")
    box.fill("remember me")
    app.after_run(lambda: box.press("Enter"))
    expect(page.get_by_role("article", name="Chat message from assistant")).to_contain_text(
        "That is all."
    )

    page.reload()
    page.wait_for_function("window.__rillet && window.__rillet.state === 'connected'")

    expect(page.get_by_role("article", name="Chat message from user")).to_have_text("remember me")
    expect(page.get_by_role("article", name="Chat message from assistant")).to_contain_text(
        "You said: remember me. That is all."
    )
    expect(page.get_by_role("textbox", name="Ask anything")).to_be_visible()


def test_an_empty_message_is_not_sent(app_page: Callable[..., AppPage], page: Page) -> None:
    app = app_page(CHAT)
    box = page.get_by_role("textbox", name="Ask anything")
    send = page.get_by_role("button", name="Send message")
    expect(send).to_be_disabled()

    box.fill("   ")
    box.press("Enter")
    expect(send).to_be_disabled()
    box.fill("by click")
    expect(send).to_be_enabled()
    app.after_run(send.click)

    expect(page.get_by_role("article", name="Chat message from user")).to_have_text("by click")
    assert app.runs() == 2


def test_markup_in_names_and_streamed_text_shows_as_text(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    app = app_page(
        """
        import rillet as st
        with st.chat_message("<b>Mallory</b>"):
            st.write_stream(iter([
                "<img src=x onerror='window.pwned=1'> ",
                "[click](javascript:window.pwned=2) ",
                "**done**",
            ]))
        """
    )
    message = page.get_by_role("article", name="Chat message from <b>Mallory</b>")
    expect(message.locator("strong")).to_have_text("done")
    expect(message).to_contain_text("<img src=x onerror='window.pwned=1'>")
    expect(message.locator(".rillet-chat-avatar")).to_have_text("<")
    assert message.locator("img").count() == 0
    assert message.locator("a[href^='javascript']").count() == 0
    assert page.evaluate("window.pwned === undefined")
    assert app.errors == []


def test_a_streaming_answer_renders_markdown_as_it_grows(
    page: Page, live_app: Callable[..., LiveServer]
) -> None:
    # A slow stream, so the page is seen mid-way: finished blocks rendered, the cursor shown.
    app = AppPage(
        page,
        live_app(
            """
            import time
            import rillet as st
            def answer():
                yield "# Title\\n\\n"
                yield "A *first* paragraph.\\n\\n"
                yield "- one\\n"
                yield "- two\\n\\n"
                time.sleep(30)
                yield "never"
            with st.chat_message("ai"):
                st.write_stream(answer, cursor="▌")
            """
        ),
    )
    page.goto(app.server.url)
    message = page.get_by_role("article", name="Chat message from ai")
    expect(message.get_by_role("heading", name="Title")).to_be_visible()
    expect(message.locator("em")).to_have_text("first")
    expect(message.get_by_role("listitem")).to_have_count(2)
    expect(message).to_contain_text("▌")
    # Stop the run rather than wait for it: a new session is not needed for this check.
    for session in list(app.server.manager.sessions.values()):
        session.close()


def test_inline_inputs_and_avatars(app_page: Callable[..., AppPage], page: Page) -> None:
    app = app_page(
        """
        import rillet as st
        with st.sidebar:
            said = st.chat_input("Side chat", max_chars=5)
            st.write(f"side: {said}")
        st.chat_message("Zoe").write("initial")
        st.chat_message("bot", avatar="🦖").write("emoji")
        """
    )
    side = page.locator("#rillet-sidebar").get_by_role("textbox", name="Side chat")
    expect(side).to_be_visible()
    expect(page.locator("#rillet-bottom")).to_be_hidden()
    expect(
        page.get_by_role("article", name="Chat message from Zoe").locator(".rillet-chat-avatar")
    ).to_have_text("Z")
    expect(
        page.get_by_role("article", name="Chat message from bot").locator(".rillet-chat-avatar")
    ).to_have_text("🦖")

    side.fill("toolong")
    expect(side).to_have_value("toolo")  # the browser stops at max_chars
    app.after_run(lambda: side.press("Enter"))
    expect(page.locator("#rillet-sidebar")).to_contain_text("side: toolo")


DOCUMENTS = [
    "# Title\n\nSome *text* with `code`.\n\n## Part\n\nMore text\nover two lines.\n",
    "- one\n- two\n\n  still two\n- three\n\nAfter the list.\n\n1. a\n2. b\n",
    "```python\ndef f():\n\n    return 1\n```\n\nText after code.\n\n    indented code\n\nend",
    "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\n> quoted\n> lines\n\n> another\n\n---\n\nfin",
    # A reference used before its definition shows as written until the stream ends (the
    # server's render of the finished text resolves it); defined first, it resolves at once.
    "[docs]: https://rillet.dev\n\nSee [the docs][docs] and <https://example.com>.\n\n"
    "Then [again][docs], ~~struck~~ and <b>raw</b> & [bad](javascript:alert(1)).\n",
    "Setext\n======\n\npara\n- list right after\n\ntext\n***\nlast *unclosed",
]


def test_incremental_rendering_matches_rendering_the_whole_text(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    """Whatever the chunks, the streamed view ends as markdown-it's render of the whole text
    (the blocks it settled early are the blocks of the whole text), before the server's own
    render replaces it."""
    app_page("import rillet as st\nst.write('ready')")
    mismatches = page.evaluate(
        """async (documents) => {
            const { renderers } = await import("./static/elements/chat.js");
            const { loadLibrary } = await import("./static/vendor.js");
            const markdownit = await loadLibrary("markdown");
            const md = markdownit("commonmark", { html: false }).enable(["table", "strikethrough"]);
            const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
            const renderer = renderers.markdown_stream;
            const found = [];
            let seed = 7;
            const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
            for (const text of documents) {
              for (let trial = 0; trial < 4; trial += 1) {
                const chunks = [];
                for (let i = 0; i < text.length;) {
                  const size = 1 + Math.floor(random() * (trial < 2 ? 4 : 25));
                  chunks.push(text.slice(i, i + size));
                  i += size;
                }
                let el = { kind: "markdown_stream", props: {}, rows: [[chunks[0]]] };
                const dom = renderer.create(el, {});
                document.body.append(dom);
                await frame();
                for (const chunk of chunks.slice(1)) {
                  el = { ...el, rows: [...el.rows, [chunk]] };
                  renderer.extend(dom, el, [[chunk]], {});
                  if (random() < 0.6) await frame();
                }
                await frame();
                await frame();
                const shown = dom.querySelector(".rillet-markdown-body").innerHTML;
                const whole = document.createElement("div");
                whole.innerHTML = md.render(text);
                if (shown !== whole.innerHTML) {
                  found.push({ text, chunks, shown, whole: whole.innerHTML });
                }
                dom.remove();
              }
            }
            return found;
        }""",
        DOCUMENTS,
    )

    assert not mismatches, mismatches[0]


ATTACH = """
import rillet as st

prompt = st.chat_input("Ask about a file", accept_file="multiple", file_type=["csv", "txt"])
if prompt:
    st.text(f"text: {prompt.text}")
    for f in prompt.files:
        st.text(f"file: {f.name} {f.size} bytes")
"""


def test_attached_files_are_sent_with_the_message(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    app_page(ATTACH)
    attach = page.get_by_role("button", name="Attach files")
    expect(attach).to_be_visible()
    with page.expect_file_chooser() as chooser:
        attach.click()
    chooser.value.set_files(
        [
            {"name": "a.csv", "mimeType": "text/csv", "buffer": b"x,y\n1,2\n"},
            {"name": "b.txt", "mimeType": "text/plain", "buffer": b"hello"},
        ]
    )
    files = page.get_by_role("list", name="Attached files")
    expect(files.get_by_role("listitem")).to_have_count(2)
    page.get_by_role("button", name="Remove b.txt").click()
    expect(files.get_by_role("listitem")).to_have_count(1)
    send = page.get_by_role("button", name="Send message")
    expect(send).to_be_enabled()  # a file alone is a message once it has uploaded
    page.get_by_role("textbox", name="Ask about a file").fill("what is in it?")
    send.click()

    expect(page.get_by_text("text: what is in it?")).to_be_visible()
    expect(page.get_by_text("file: a.csv 8 bytes")).to_be_visible()
    expect(page.get_by_text("file: b.txt")).to_have_count(0)
    expect(files.get_by_role("listitem")).to_have_count(0)


def test_a_file_of_another_type_is_refused_in_its_chip(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    app_page(ATTACH)
    page.locator("input[type=file]").set_input_files(
        [{"name": "evil.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"}]
    )
    chip = page.get_by_role("list", name="Attached files").get_by_role("listitem")
    expect(chip).to_contain_text("evil.exe")
    expect(chip).to_contain_text("not allowed")
    expect(page.get_by_role("button", name="Send message")).to_be_disabled()


@pytest.fixture
def device_page(
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    live_app: Callable[..., LiveServer],
) -> Iterator[Callable[..., AppPage]]:
    """Open an app in a Chromium whose microphone is a fake that says yes."""
    args = [
        *browser_type_launch_args.get("args", []),
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
    ]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})

    def open_app(source: str) -> AppPage:
        return AppPage(browser.new_page(), live_app(source)).open()

    yield open_app
    browser.close()


VOICE = """
import io, wave
import rillet as st

prompt = st.chat_input("Talk to me", accept_audio=True, audio_sample_rate=8000)
if prompt and prompt.audio:
    with wave.open(io.BytesIO(prompt.audio.getvalue())) as w:
        st.text(f"voice: {w.getframerate()} Hz {w.getnchannels()} ch {w.getnframes()} frames")
"""


def test_a_voice_message_is_recorded_and_sent_as_a_wav(
    device_page: Callable[..., AppPage],
) -> None:
    app = device_page(VOICE)
    page = app.page
    mic = page.get_by_role("button", name="Record a voice message")
    expect(mic).to_be_visible()
    mic.click()
    stop = page.get_by_role("button", name="Stop recording")
    expect(stop).to_be_visible()
    page.wait_for_timeout(1200)  # the recording's length is what is measured here
    stop.click()
    chip = page.get_by_role("list", name="Attached files").get_by_role("listitem")
    expect(chip).to_contain_text("Voice message")
    send = page.get_by_role("button", name="Send message")
    expect(send).to_be_enabled()
    app.after_run(send.click)

    result = page.get_by_text("voice: ")
    expect(result).to_contain_text("8000 Hz 1 ch")
    expect(result).to_contain_text(re.compile(r"ch\s+\d+\s+frames"))
    found = re.search(r"(\d+)\s+frames", result.text_content() or "")
    assert found, result.text_content()
    frames = int(found.group(1))
    assert frames > 1600  # some sound: more than 0.2 s (a loaded machine starts recording late)
    assert app.errors == []


BUSY = """
import time
import rillet as st

if prompt := st.chat_input("Ask slowly", submit_mode="stop"):
    st.text(f"started: {prompt}")
    for i in range(600):
        time.sleep(0.05)
    st.text("finished")
"""


def test_the_stop_button_stops_the_run_a_submission_caused(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    app = app_page(BUSY)
    box = page.get_by_role("textbox", name="Ask slowly")
    box.fill("go")
    box.press("Enter")
    expect(page.get_by_text("started: go")).to_be_visible()
    stop = page.get_by_role("button", name="Stop", exact=True)
    expect(stop).to_be_enabled()

    app.after_run(stop.click)  # far sooner than the 30 s the script would take

    expect(page.get_by_role("button", name="Send message")).to_be_visible()
    expect(page.get_by_text("started: go")).to_be_visible()
    expect(page.get_by_text("finished")).to_have_count(0)
    assert app.runs() == 2
