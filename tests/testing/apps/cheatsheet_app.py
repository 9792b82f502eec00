"""An app covering the commands of Streamlit's AppTest cheat sheet."""

import datetime

import streamlit as st

st.title("My app")
st.header("New topic", divider=True)
st.subheader("Interesting sub-topic")
st.markdown("Hello, world!")
st.code("import streamlit as st")
st.caption("A cool diagram")
st.text("Hello again, world!")
st.latex(r"\int a x^2 \,dx")
st.divider()

clicked = st.button("Go")
st.checkbox("Agree")
st.color_picker("Colour", "#FFFFFF")
st.date_input("Day", datetime.date(2019, 7, 6))
st.multiselect("Things", ["foo", "bar", "baz"], default=["foo", "bar"])
st.number_input("Count", value=5)
st.radio("City", ["Paris", "New York"])
st.select_slider("Band", ["A", "B", "C", "D"], value=("A", "B"))
st.selectbox("Fruit", ["apple", "pear"])
st.slider("Range", 0, 10, (2, 5))
st.text_area("Notes")
st.text_input("Name")
st.time_input("Time", datetime.time(8, 45))
st.toggle("Dark")
if clicked:
    st.success("Clicked!")
