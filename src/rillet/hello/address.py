"""A page of `rillet hello`: state kept in the address (st.query_params) and what the app
knows about the browser tab (st.context)."""

import rillet as st

st.title("The address bar 🔗")
st.markdown(
    "`st.query_params` reads and writes the address's query string: copy the address and "
    "open it elsewhere to get back here with the same choices."
)
colours = ["red", "green", "blue"]
current = st.query_params.get("colour", "green")
index = colours.index(current) if current in colours else 1
colour = st.radio("Colour", colours, index=index, horizontal=True)
if colour != current:
    st.query_params["colour"] = colour  # the address changes; the page does not reload
st.markdown(f"The address now ends in `?colour={colour}`.")
st.page_link("gallery.py", label="Back to the gallery", icon="🌊")

st.subheader("This tab, as st.context sees it")
st.json(
    {
        "locale": st.context.locale,
        "timezone": st.context.timezone,
        "timezone_offset": st.context.timezone_offset,
        "theme": st.context.theme.type,
        "url": st.context.url,
        "user agent": st.context.headers.get("user-agent"),
    }
)
