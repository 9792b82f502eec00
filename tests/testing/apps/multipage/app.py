"""A pages/ directory app: the main page and one more."""

import streamlit as st

st.title("Home")
st.session_state.setdefault("visits", 0)
st.session_state.visits += 1
