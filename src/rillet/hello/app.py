"""The rillet demo: `rillet hello`, a multipage app.

The main script runs on every rerun of every page: it sets what all pages share (the page
config, the menu) and then runs the page the address names. Read `gallery.py` for every
element family, `address.py` for query parameters and st.context, `pages_demo.py` for links
between pages.
"""

import rillet as st

st.set_page_config(page_title="rillet hello", page_icon="🌊", layout="wide")

st.session_state.setdefault("pages_seen", [])

page = st.navigation(
    {
        "Tour": [
            st.Page("gallery.py", title="Gallery", icon="🌊", default=True),
            st.Page("address.py", title="The address bar", icon="🔗"),
        ],
        "Multipage": [st.Page("pages_demo.py", title="Pages and links", icon="🧭")],
    }
)
if page.title not in st.session_state.pages_seen:
    st.session_state.pages_seen.append(page.title)
page.run()
