"""The gallery page of `rillet hello`.

One tab per element family, so a new user sees what every command looks like and can read
this file to see how each is called.
"""

import datetime
import io
import math
import struct
import time
import wave
from collections.abc import Iterator

import rillet as st

st.title("Hello, rillet 🌊")
st.markdown(
    "A rillet app is a plain Python script. Every interaction reruns it from top to bottom, "
    "and only what changed travels to your browser. **Fragments** rerun just a part of the page."
)

with st.sidebar:
    st.header("Settings")
    name = st.text_input("Your name", "world")
    show_table = st.checkbox("Show the squares table", value=True)
    st.caption("Widgets in the sidebar work like any others.")

if "clicks" not in st.session_state:
    st.session_state.clicks = 0


def count() -> None:
    st.session_state.clicks += 1


def tone(seconds: float = 1.0, hertz: float = 440.0, rate: int = 16_000) -> bytes:
    """A sine tone as WAV bytes (no numpy needed)."""
    frames = bytearray()
    for i in range(int(seconds * rate)):
        frames += struct.pack("<h", int(12_000 * math.sin(2 * math.pi * hertz * i / rate)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return buffer.getvalue()


def echo_answer(prompt: str) -> Iterator[str]:
    """A streamed answer, word by word, as a language model's would arrive."""
    for word in f"You said: **{prompt}**. Every word of this answer travels alone.".split():
        yield word + " "
        time.sleep(0.03)


(
    text_tab,
    data_tab,
    chart_tab,
    media_tab,
    chat_tab,
    input_tab,
    choice_tab,
    layout_tab,
    status_tab,
    fragment_tab,
    form_tab,
) = st.tabs(
    [
        "Text",
        "Data",
        "Charts",
        "Media",
        "Chat",
        "Inputs",
        "Choices",
        "Layout",
        "Status",
        "Fragments",
        "Forms",
    ]
)

with text_tab:
    st.header("Text", divider="blue")
    st.subheader("Markdown, code and more")
    st.markdown("Markdown with **bold**, *italics*, `code` and a [link](https://example.com).")
    st.write("`write` shows anything:", {"a dict": [1, 2, 3]}, 42)
    st.code("import rillet as st\nst.title('My app')", language="python")
    st.latex(r"e^{i\pi} + 1 = 0")
    st.badge("New", color="green")
    st.caption("A caption: small, muted text.")
    st.divider()
    st.text("Fixed-width text, shown exactly as written.")

with data_tab:
    st.header("Data", divider="green")
    left, middle, right = st.columns(3)
    n = st.slider("How many squares?", 1, 20, 5)
    left.metric("Sum of squares", sum(i * i for i in range(1, n + 1)), delta=n * n)
    middle.metric("Largest square", n * n, delta=-1, delta_color="inverse")
    right.metric("Clicks", st.session_state.clicks, border=True)
    if show_table:
        st.table({"n": list(range(1, n + 1)), "n²": [i * i for i in range(1, n + 1)]})
    st.dataframe(
        [
            {"city": c, "population (M)": p}
            for c, p in [("Lisbon", 0.5), ("Oslo", 0.7), ("Lima", 10.0)]
        ],
        hide_index=True,
    )
    st.caption(
        "Point at a table for its toolbar: show/hide columns, download as CSV, search, "
        "fullscreen. Drag a header's edge to resize a column; click a header to sort."
    )
    st.subheader("Edit a table")
    stock = st.data_editor(
        {
            "item": ["Bolts", "Nuts", "Washers"],
            "in stock": [120, 80, 300],
            "reorder": [False, True, False],
        },
        column_config={
            "in stock": st.column_config.NumberColumn("In stock", min_value=0, step=1),
            "reorder": st.column_config.CheckboxColumn("Reorder?"),
        },
        num_rows="dynamic",
        key="stock",
    )
    reorder = [i for i, r in zip(stock["item"], stock["reorder"], strict=True) if r]
    st.write("Items to reorder:", reorder)
    st.json({"nested": {"json": ["is", "collapsible"]}}, expanded=False)

with chart_tab:
    st.header("Charts", divider="violet")
    st.write("Built-in charts take a dict, a list or any data frame; each is a Vega-Lite chart.")
    months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    sales = {"month": months, "north": [3, 5, 4, 7, 8, 9], "south": [2, 3, 6, 5, 6, 8]}
    left, right = st.columns(2)
    with left:
        st.line_chart(sales, x="month", y=["north", "south"], height=250)
        st.area_chart(sales, x="month", y=["north", "south"], height=250)
    with right:
        st.bar_chart(sales, x="month", y=["north", "south"], height=250)
        st.scatter_chart(
            {"x": [1, 2, 3, 4, 5, 6], "y": [2, 4, 3, 6, 5, 7], "size": [10, 30, 20, 50, 40, 60]},
            x="x", y="y", size="size", height=250,
        )

    st.subheader("A live chart")
    st.write("A fragment with `run_every` adds a point a second; only the new point travels.")

    @st.fragment(run_every=1.0)
    def live_chart() -> None:
        points = st.session_state.setdefault("live_points", [0.0])
        points.append(points[-1] + ((len(points) * 7919) % 11 - 5) / 5)
        del points[:-200]
        st.line_chart({"value": points}, height=200)

    live_chart()

    st.subheader("Diagrams")
    st.graphviz_chart("digraph { rankdir=LR; script -> run -> tree -> diff -> browser }")
    st.mermaid_chart("flowchart LR\n  W[widget] --> R[rerun] --> D[delta] --> P[page]")
    st.caption(
        "Altair, Plotly, ECharts, matplotlib and pydeck charts work too, once their Python "
        "packages are installed: `pip install rillet[charts]`."
    )

with input_tab:
    st.header("Inputs", divider="orange")
    st.button("Click me", on_click=count, type="primary")
    st.write(f"Hello, **{name}**! You clicked {st.session_state.clicks} times.")
    a, b = st.columns(2)
    with a:
        st.number_input("A number", 0, 100, 42)
        st.date_input("A date", datetime.date(2026, 11, 23))
        st.time_input("A time", datetime.time(9, 30))
    with b:
        st.text_area("Some text", "Several lines\nof text.")
        st.slider("A range", 0.0, 1.0, (0.25, 0.75))
        st.toggle("A toggle", value=True)
    st.download_button("Download a greeting", f"Hello, {name}!\n", file_name="hello.txt")
    st.file_uploader("Upload a file")

with choice_tab:
    st.header("Choices", divider="violet")
    st.radio("Radio", ["one", "two", "three"], horizontal=True)
    st.selectbox("Select box", ["apples", "pears", "plums"])
    st.multiselect("Multiselect", ["red", "green", "blue"], default=["green"])
    st.select_slider("Select slider", ["cold", "cool", "warm", "hot"], value="warm")
    st.pills("Pills", ["Python", "SQL", "JS"], selection_mode="multi")
    st.segmented_control("Segmented", ["Day", "Week", "Month"], default="Week")
    st.feedback("stars")
    st.color_picker("Colour", "#1f77b4")

with layout_tab:
    st.header("Layout", divider="red")
    col1, col2 = st.columns([2, 1], border=True)
    col1.write("A wide column")
    col2.write("A narrow one")
    with st.expander("An expander", expanded=True):
        st.write("Hidden until opened.")
    with st.container(border=True):
        st.write("A bordered container.")
    with st.popover("A popover"):
        st.write("Shown in a floating panel.")

with status_tab:
    st.header("Status", divider="gray")
    st.success("Saved.", icon="✅")
    st.info("Data refreshes every hour.")
    st.warning("This dataset is large.")
    st.error("Could not reach the database.")
    st.progress(70, text="70% done")
    with st.status("A finished task", state="complete"):
        st.write("Its details.")
    if st.button("Celebrate"):
        st.balloons()
        st.toast("🎉 Well done!")

with fragment_tab:
    st.header("Fragments", divider="blue")
    st.write("The counter below reruns on its own: the rest of the page does not.")

    @st.fragment
    def counter() -> None:
        st.session_state.setdefault("fragment_clicks", 0)
        if st.button("Add one (fragment)"):
            st.session_state.fragment_clicks += 1
        st.metric("Fragment clicks", st.session_state.fragment_clicks)

    counter()

with media_tab:
    st.header("Media", divider="orange")
    st.write("Images, sound and video are served once, cached by the browser, and seekable.")
    wave_svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="80" viewBox="0 0 320 80">'
        '<rect width="320" height="80" rx="12" fill="#1f77b4"/>'
        '<path d="M10 40 Q 50 0 90 40 T 170 40 T 250 40 T 330 40" fill="none" '
        'stroke="white" stroke-width="6"/></svg>'
    )
    st.image(wave_svg, caption="An SVG image, written inline")
    st.audio(tone(), format="audio/wav")
    st.caption("A one-second 440 Hz tone, made with the standard library's `wave` module.")

with chat_tab:
    st.header("Chat", divider="violet")
    history = st.session_state.setdefault(
        "chat", [{"role": "assistant", "content": "Hello! Ask me anything."}]
    )
    for message in history:
        with st.chat_message(message["role"]):
            st.markdown(message["content"])
    prompt = st.chat_input("Say something")
    if prompt:
        history.append({"role": "user", "content": prompt})
        with st.chat_message("user"):
            st.markdown(prompt)
        with st.chat_message("assistant"):
            answer = st.write_stream(echo_answer(prompt))
        history.append({"role": "assistant", "content": answer})

with form_tab:
    st.header("Forms", divider="green")
    with st.form("greeting"):
        first = st.text_input("First name")
        mood = st.select_slider("Mood", ["😞", "😐", "🙂", "😄"], value="🙂")
        sent = st.form_submit_button("Send")
    if sent:
        st.success(f"Thanks, {first or 'stranger'} {mood}")

st.caption("Edit this script and save: every open tab reruns. Source: rillet/hello/app.py")
