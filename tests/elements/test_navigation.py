"""Multipage apps through AppTest: navigation, Page, page_link, switch_page, pages/ folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from rillet.protocol.messages import Location, Navigation, Notice, PageConfig
from rillet.testing import AppTest

MAIN = """
import rillet as st

def settings():
    st.header("Settings")
    st.text_input("Name", key="name")

pg = st.navigation(
    {
        "Main": [st.Page("home.py", title="Home", icon="🏠"), st.Page("charts.py")],
        "Admin": [st.Page(settings, url_path="settings")],
    }
)
st.sidebar.text("shared sidebar")
pg.run()
"""
HOME = """
import rillet as st
st.title("Home page")
st.session_state.visits = st.session_state.get("visits", 0) + 1
st.text_input("Search", key="search")
st.page_link("charts.py", label="To charts", query_params={"range": "7d"})
"""
CHARTS = """
import rillet as st
st.title("Charts page")
st.text(f"visits={st.session_state.get('visits')}")
st.text(f"range={st.query_params.get('range')}")
@st.fragment(run_every=1)
def ticker():
    st.text("tick")
ticker()
if st.button("Home"):
    st.switch_page("home.py", query_params={"from": "charts"})
"""


def _app(tmp_path: Path, main: str = MAIN, **files: str) -> AppTest:
    for name, text in {"home.py": HOME, "charts.py": CHARTS, **files}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    (tmp_path / "app.py").write_text(textwrap.dedent(main))
    return AppTest.from_file(str(tmp_path / "app.py"))


def _menu(at: AppTest) -> Navigation:
    return [m for m in at.messages if isinstance(m, Navigation)][-1]


def test_default_page_runs_and_the_menu_lists_every_page_in_sections(tmp_path: Path) -> None:
    at = _app(tmp_path).run()
    assert not at.exception
    assert at.title[0].value == "Home page"
    menu = _menu(at)
    assert [(p.section, p.title, p.url_path, p.icon) for p in menu.pages] == [
        ("Main", "Home", "", "🏠"),
        ("Main", "charts", "charts", ""),
        ("Admin", "settings", "settings", ""),
    ]
    assert menu.position == "sidebar" and menu.current == ""
    assert at.sidebar.text[0].value == "shared sidebar"
    titles = [m.title for m in at.messages if isinstance(m, PageConfig)]
    assert titles[-1] == "Home"


def test_switch_page_keeps_session_state_drops_old_widgets_and_pushes_history(
    tmp_path: Path,
) -> None:
    at = _app(tmp_path).run()
    at.text_input(key="search").input("hello").run()
    assert at.session_state.search == "hello"
    at.switch_page("charts.py").run()
    assert at.title[0].value == "Charts page"
    texts = [t.value for t in at.text]
    assert "visits=2" in texts and "range=None" in texts
    assert "search" not in at.session_state  # the home page's widget went with its page
    at.button[0].click().run()
    assert at.title[0].value == "Home page"
    assert at.query_params == {"from": "charts"}
    location = [m for m in at.messages if isinstance(m, Location)][-1]
    assert (location.page, location.query, location.push) == ("", "from=charts", True)
    assert at.text_input(key="search").value == ""


def test_a_page_function_and_its_widgets(tmp_path: Path) -> None:
    at = _app(tmp_path)
    at._session.nav.requested = "settings"
    at.run()
    assert at.header[0].value == "Settings"
    at.text_input(key="name").input("Ann").run()
    assert at.session_state.name == "Ann"


def test_page_link_to_a_page_and_to_a_site(tmp_path: Path) -> None:
    at = _app(tmp_path).run()
    link = at.get("page_link")[0]
    assert (link.label, link.page, link.query, link.external) == (
        "To charts",
        "charts",
        "range=7d",
        False,
    )
    at = AppTest.from_string(
        """
        import rillet as st
        st.page_link("https://example.com", label="Site", icon="🌍", disabled=True)
        st.page_link("https://example.com")
        """
    ).run()
    site = at.get("page_link")[0]
    assert site.external and site.page == "https://example.com" and site.disabled
    assert "`label` is required" in at.exception[0].value


def test_unknown_page_shows_the_default_page_with_a_notice(tmp_path: Path) -> None:
    at = _app(tmp_path)
    at._session.nav.open("no_such_page", "")
    at.run()
    assert at.title[0].value == "Home page"
    assert any(isinstance(m, Notice) and "/no_such_page" in m.text for m in at.messages)
    location = [m for m in at.messages if isinstance(m, Location)][-1]
    assert location.page == "" and not location.push


def test_fragment_timers_of_a_page_left_stop(tmp_path: Path) -> None:
    at = _app(tmp_path)
    at._session.nav.requested = "charts"
    at.run()
    assert any(f.run_every for f in at._session.fragments.all())
    at.button[0].click().run()
    assert at.title[0].value == "Home page"
    assert not any(f.run_every for f in at._session.fragments.all())


def test_same_widget_on_two_pages_keeps_two_states(tmp_path: Path) -> None:
    main = """
    import rillet as st
    def a():
        st.checkbox("Same")
    def b():
        st.checkbox("Same")
    st.navigation([st.Page(a), st.Page(b)]).run()
    """
    at = _app(tmp_path, main).run()
    first = at.checkbox[0].id
    at.checkbox[0].check().run()
    at._session.nav.requested = "b"
    at.run()
    assert at.checkbox[0].id != first and at.checkbox[0].value is False


def test_set_page_config_per_page_wins_over_the_page_title(tmp_path: Path) -> None:
    at = _app(
        tmp_path, **{"charts.py": "import rillet as st\nst.set_page_config(page_title='C!')\n"}
    )
    at._session.nav.requested = "charts"
    at.run()
    assert [m.title for m in at.messages if isinstance(m, PageConfig)][-1] == "C!"


@pytest.mark.parametrize(
    ("main", "message"),
    [
        ("st.navigation([st.Page('missing.py')])", "The file `missing.py` could not be found"),
        (
            "st.navigation([st.Page('home.py'), st.Page('home.py')])",
            "Two pages resolve to the URL pathname `/home`",
        ),
        ("st.navigation([])", "Provide at least one"),
        (
            "st.navigation([st.Page('home.py', default=True), st.Page('charts.py', default=True)])",
            "Multiple Pages specified with `default=True`",
        ),
        ("st.navigation(['home.py'], position='left')", "Invalid `position` value"),
        ("st.Page('home.py', url_path='a/b')", "cannot include `/`"),
        (
            "st.navigation(['plain.py']).run()\nst.switch_page('nope.py')",
            "Could not find page: `nope.py`",
        ),
        ("st.page_link('nope.py')", "Could not find page: `nope.py`"),
        ("pg = st.navigation(['plain.py'])\npg.run()\npg.run()", "cannot be called directly"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path: Path, main: str, message: str) -> None:
    at = _app(tmp_path, "import rillet as st\n" + main, **{"plain.py": "x = 1\n"}).run()
    assert at.exception, main
    assert message in at.exception[0].value


def test_pages_folder_convention(tmp_path: Path) -> None:
    main = "import rillet as st\nst.title('Main')\nst.page_link('pages/2_📈_Plots.py')\n"
    at = _app(
        tmp_path,
        main,
        **{
            "pages/2_📈_Plots.py": "import rillet as st\nst.title('Plots')\n",
            "pages/1_About.py": "import rillet as st\nst.title('About')\n",
        },
    ).run()
    assert at.title[0].value == "Main"
    menu = _menu(at)
    assert [(p.title, p.url_path, p.icon) for p in menu.pages] == [
        ("app", "", ""),
        ("About", "About", ""),
        ("Plots", "Plots", "📈"),
    ]
    assert at.get("page_link")[0].page == "Plots"
    at.switch_page("pages/2_📈_Plots.py").run()
    assert at.title[0].value == "Plots"
    at.switch_page("app.py").run()
    assert at.title[0].value == "Main"


def test_single_page_app_at_a_page_path_gets_a_notice(tmp_path: Path) -> None:
    at = AppTest.from_string("import rillet as st\nst.text('one page')\n")
    at._session.nav.open("elsewhere", "")
    at.run()
    assert at.text[0].value == "one page"
    assert any(isinstance(m, Notice) and "/elsewhere" in m.text for m in at.messages)
