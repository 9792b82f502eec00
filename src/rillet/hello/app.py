"""The rillet demo: `rillet hello`."""

import rillet as st

st.set_page_config(page_title="rillet hello", page_icon="🌊")

st.title("Hello, rillet 🌊")
st.markdown(
    "A rillet app is a plain Python script. Every interaction reruns it from top to bottom, "
    "and only what changed travels to your browser."
)

st.sidebar.header("Settings")
name = st.sidebar.text_input("Your name", "world")
show_table = st.sidebar.checkbox("Show the squares table", value=True)

st.header("Widgets", divider="blue")
if "clicks" not in st.session_state:
    st.session_state.clicks = 0


def count() -> None:
    st.session_state.clicks += 1


st.button("Click me", on_click=count, type="primary")
st.write(f"Hello, **{name}**! You clicked {st.session_state.clicks} times.")

n = st.slider("How many squares?", 1, 20, 5)
left, right = st.columns(2)
left.metric("Sum of squares", sum(i * i for i in range(1, n + 1)), delta=n * n)
right.metric("Largest square", n * n)

if show_table:
    st.subheader("Squares")
    st.table({"n": list(range(1, n + 1)), "n²": [i * i for i in range(1, n + 1)]})

st.header("Writing anything", divider="gray")
st.write({"a dict": [1, 2, 3], "shown as": "JSON"})
st.code("import rillet as st\nst.title('My app')", language="python")
st.caption("Edit the script and save: every open tab reruns.")
