import streamlit as st

st.title("Settings")
st.write(f"visits: {st.session_state.get('visits', 0)}")
