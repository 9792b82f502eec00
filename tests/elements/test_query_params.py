"""st.query_params through AppTest: reading, writing, repeated keys, limits and errors."""

from __future__ import annotations

from rillet.protocol.messages import Location, Notice
from rillet.runtime.pages import QUERY_MAX_FIELDS, parse_query
from rillet.testing import AppTest


def test_reading_the_address_parameters() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        qp = st.query_params
        st.text(qp["a"])
        st.text(qp.get("b", "none"))
        st.text(qp.get_all("tag"))
        st.text(qp["tag"])
        st.text(sorted(qp.to_dict().items()))
        st.text("a" in qp and "zz" not in qp)
        st.text(len(qp))
        st.text(qp.a)
        """
    )
    at.query_params = {"a": "1", "tag": ["x", "y"]}
    at.run()
    assert [t.value for t in at.text] == [
        "1",
        "none",
        "['x', 'y']",
        "y",
        "[('a', '1'), ('tag', 'y')]",
        "True",
        "2",
        "1",
    ]


def test_writing_replaces_the_address_without_a_rerun() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.session_state.runs = st.session_state.get("runs", 0) + 1
        st.query_params["page"] = 2
        st.query_params.tag = ["a", "b"]
        del st.query_params["drop"]
        st.text(st.session_state.runs)
        """
    )
    at.query_params = {"drop": "me"}
    at.run()
    assert at.text[0].value == "1"
    locations = [m for m in at.messages if isinstance(m, Location)]
    assert locations[-1].query == "page=2&tag=a&tag=b"
    assert all(not loc.push for loc in locations)
    assert at.query_params == {"page": "2", "tag": ["a", "b"]}


def test_from_dict_and_clear() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.query_params.from_dict({"x": "1", "y": ["2", "3"]})
        st.text(st.query_params.to_dict())
        st.query_params.clear()
        st.text(len(st.query_params))
        """
    )
    at.query_params = {"old": "1"}
    at.run()
    assert [t.value for t in at.text] == ["{'x': '1', 'y': '3'}", "0"]
    assert at.query_params == {}


def test_errors_are_streamlits() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        try:
            st.query_params["nope"]
        except KeyError as e:
            st.text(str(e))
        try:
            st.query_params.nope
        except AttributeError as e:
            st.text(str(e))
        st.query_params["d"] = {"a": 1}
        """
    ).run()
    assert at.text[0].value == "'st.query_params has no key \"nope\".'"
    assert at.text[1].value == 'st.query_params has no attribute "nope".'
    assert "cannot be set to a dictionary" in at.exception[0].value


def test_embed_is_reserved() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text("embed" in st.query_params)
        st.text(st.context.is_embedded)
        st.query_params["embed"] = "false"
        """
    )
    at.query_params = {"embed": "true"}
    at.run()
    assert [t.value for t in at.text] == ["False", "True"]
    assert "cannot be set programmatically" in at.exception[0].value


def test_oversized_or_odd_query_strings() -> None:
    assert parse_query("a=%ZZ&b=%00&c")[0] == {"a": "%ZZ", "b": "\x00", "c": ""}
    params, problem = parse_query("&".join(f"k{i}=1" for i in range(QUERY_MAX_FIELDS + 1)))
    assert params == {} and problem is not None and "1,000" in problem
    params, problem = parse_query("a=" + "x" * 600_000)
    assert params == {} and problem is not None and "longer" in problem


def test_navigating_with_an_oversized_query_warns_and_keeps_running() -> None:
    at = AppTest.from_string("import rillet as st\nst.text(len(st.query_params))\n").run()
    at._session.navigate("", "&".join(f"k{i}=1" for i in range(2000)))
    at._wait(None)
    assert at.text[0].value == "0"
    assert any(isinstance(m, Notice) and "1,000" in m.text for m in at.messages)
