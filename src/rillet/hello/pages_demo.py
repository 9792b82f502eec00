"""A page of `rillet hello`: links between pages, switch_page, and state shared by pages."""

import rillet as st

st.title("Pages and links 🧭")
st.markdown(
    "Each page has its own address; the browser's Back and Forward buttons work, and a pasted "
    "address opens its page. `st.session_state` is shared by every page."
)
st.write("Pages you have visited in this tab:", ", ".join(st.session_state.pages_seen))
st.page_link("address.py", label="Pick a colour (opens with ?colour=blue)",
             query_params={"colour": "blue"})
st.page_link("https://github.com", label="An external link (new tab)", icon="🌍")
if st.button("Take me to the gallery (st.switch_page)"):
    st.switch_page("gallery.py")
