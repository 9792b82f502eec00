"""The diff: what a rerun sends to a browser that already shows the previous run."""

from __future__ import annotations

from collections import defaultdict
from typing import TypeVar

from rillet.protocol.codec import encode_batch
from rillet.protocol.messages import Delta, Keep, Outbound, RunFinished, RunStarted, Truncate
from rillet.testing import AppTest

M = TypeVar("M")


def of_type(messages: list[Outbound], kind: type[M]) -> list[M]:
    return [m for m in messages if isinstance(m, kind)]


def keep_ranges(messages: list[Outbound]) -> dict[tuple[int, ...], list[tuple[int, int]]]:
    ranges: dict[tuple[int, ...], list[tuple[int, int]]] = defaultdict(list)
    for m in of_type(messages, Keep):
        ranges[tuple(m.path)].append((m.start, m.end))
    return dict(ranges)


FLAT_APP = """
import rillet as st
st.title("Dashboard")
st.markdown("Some **markdown**")
st.text("plain")
st.checkbox("agree")
st.slider("size", 0, 10, 3)
st.text_input("name", "ada")
st.button("go")
st.metric("Users", 10, 2)
st.table({"a": [1, 2]})
"""


def test_rerun_where_nothing_changes_sends_one_keep_and_no_delta() -> None:
    at = AppTest.from_string(FLAT_APP).run()

    at.run()

    messages = at.messages
    assert isinstance(messages[0], RunStarted)
    assert isinstance(messages[-1], RunFinished)
    assert messages[-1].status == "ok"
    assert of_type(messages, Delta) == []
    assert of_type(messages, Truncate) == []
    assert messages[1:-1] == [Keep(path=[0], start=0, end=9)]


def test_first_run_sends_a_delta_per_element_in_page_order() -> None:
    at = AppTest.from_string(FLAT_APP).run()

    deltas = of_type(at.messages, Delta)
    assert [d.path for d in deltas] == [[0, i] for i in range(9)]
    assert of_type(at.messages, Keep) == []


def test_keeps_are_sent_per_root_block() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text("main 1")
        st.text("main 2")
        st.sidebar.text("side 1")
        st.sidebar.text("side 2")
        st.sidebar.text("side 3")
        """
    ).run()

    at.run()

    assert of_type(at.messages, Delta) == []
    assert keep_ranges(at.messages) == {(0,): [(0, 2)], (1,): [(0, 3)]}


NESTED_APP = """
import rillet as st
st.text("top")
box = st.container()
box.text("in box 1")
box.text("in box 2")
left, right = st.columns(2)
left.text("left")
with right:
    st.text("right")
st.text("bottom")
"""


def test_rerun_of_nested_containers_that_changes_nothing_sends_only_keeps() -> None:
    at = AppTest.from_string(NESTED_APP).run()

    at.run()

    assert of_type(at.messages, Delta) == []
    assert of_type(at.messages, Truncate) == []
    covered = {
        (tuple(m.path), i) for m in of_type(at.messages, Keep) for i in range(m.start, m.end)
    }
    every_node = {(p[:-1], p[-1]) for p, _ in at._session.tree.walk() if len(p) > 1}
    assert covered == every_node


def test_keeps_coalesce_into_one_range_per_block_with_nested_containers() -> None:
    at = AppTest.from_string(NESTED_APP).run()

    at.run()

    ranges = keep_ranges(at.messages)
    assert ranges[(0,)] == [(0, 4)]
    assert all(len(r) == 1 for r in ranges.values()), ranges


def test_rerun_that_changes_one_text_sends_exactly_one_delta_for_its_path() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.title("Counter")
        clicks = st.session_state.get("clicks", 0)
        if st.button("add"):
            clicks += 1
        st.session_state.clicks = clicks
        st.text("before")
        st.text(f"clicks {clicks}")
        st.text("after")
        """
    ).run()

    at.button[0].click().run()

    deltas = of_type(at.messages, Delta)
    assert len(deltas) == 1
    assert deltas[0].path == [0, 3]
    assert deltas[0].element.props["body"] == "clicks 1"
    assert keep_ranges(at.messages) == {(0,): [(0, 3), (4, 5)]}
    assert of_type(at.messages, Truncate) == []


def test_change_inside_a_container_sends_one_delta_at_the_nested_path() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        n = st.slider("n", 0, 5)
        st.text("outside")
        box = st.container()
        box.text("constant")
        left, right = st.columns(2)
        right.text(f"n is {n}")
        """
    ).run()

    at.slider[0].set_value(2).run()

    texts = [d for d in of_type(at.messages, Delta) if d.element.kind == "text"]
    assert [(d.path, d.element.props["body"]) for d in texts] == [([0, 3, 1, 0], "n is 2")]
    assert of_type(at.messages, Truncate) == []


def test_removing_elements_sends_a_truncate_to_the_new_length() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        many = st.checkbox("many", value=True)
        for i in range(5 if many else 2):
            st.text(f"row {i}")
        """
    ).run()

    at.checkbox[0].uncheck().run()

    assert of_type(at.messages, Truncate) == [Truncate(path=[0], length=3)]
    assert at.text.values == ["row 0", "row 1"]
    assert len(at.main) == 3
    texts = [d for d in of_type(at.messages, Delta) if d.element.kind == "text"]
    assert texts == []


def test_removing_children_of_a_container_truncates_that_container() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        many = st.checkbox("many", value=True)
        box = st.container()
        for i in range(4 if many else 1):
            box.text(f"row {i}")
        st.text("after the box")
        """
    ).run()

    at.checkbox[0].uncheck().run()

    assert of_type(at.messages, Truncate) == [Truncate(path=[0, 1], length=1)]
    assert at.main[1].get("text").values == ["row 0"]
    assert at.main[2].value == "after the box"


def test_emptying_the_sidebar_truncates_it_to_nothing() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        if st.checkbox("sidebar", value=True):
            st.sidebar.text("a")
            st.sidebar.text("b")
        """
    ).run()

    at.checkbox[0].uncheck().run()

    assert Truncate(path=[1], length=0) in at.messages
    assert len(at.sidebar) == 0


def test_empty_slot_is_replaced_in_place() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        step = st.slider("step", 0, 3)
        slot = st.empty()
        slot.text("working")
        slot.text(f"step {step} done")
        st.text("below the slot")
        """
    ).run()
    assert at.text.values == ["step 0 done", "below the slot"]
    assert at.text[0].path == (0, 1)
    assert at.text[1].path == (0, 2)

    at.slider[0].set_value(2).run()

    slot_deltas = [d for d in of_type(at.messages, Delta) if d.element.kind in ("empty", "text")]
    assert {tuple(d.path) for d in slot_deltas} == {(0, 1)}
    assert slot_deltas[-1].element.props["body"] == "step 2 done"
    assert at.text.values == ["step 2 done", "below the slot"]
    assert at.text[1].path == (0, 2)
    assert of_type(at.messages, Truncate) == []


def test_empty_slot_left_empty_shows_nothing() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        slot = st.empty()
        if st.checkbox("fill", value=True):
            slot.text("filled")
        """
    ).run()
    assert at.text.values == ["filled"]

    at.checkbox[0].uncheck().run()

    assert at.text.values == []
    assert at.main[0].element.kind == "empty"
    assert Delta(path=[0, 0], element=at.main[0].element) in at.messages


def test_container_keeps_its_children_when_a_sibling_changes() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        n = st.slider("n", 0, 5)
        box = st.container(border=True)
        with box:
            st.text("child 1")
            st.text("child 2")
        st.text(f"n {n}")
        """
    ).run()

    at.slider[0].set_value(1).run()

    assert at.main[1].get("text").values == ["child 1", "child 2"]
    assert keep_ranges(at.messages)[(0, 1)] == [(0, 2)]
    assert not [d for d in of_type(at.messages, Delta) if d.path[:2] == [0, 1]]


def test_columns_keep_their_children_when_a_sibling_changes() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        n = st.slider("n", 0, 5)
        a, b = st.columns(2)
        a.text("left")
        b.text("right")
        st.text(f"n {n}")
        """
    ).run()

    at.slider[0].set_value(1).run()

    assert [c.get("text").values for c in at.columns] == [["left"], ["right"]]
    assert not [d for d in of_type(at.messages, Delta) if d.path[:2] == [0, 1]]


def test_block_whose_props_change_keeps_its_children() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        framed = st.checkbox("framed")
        with st.container(border=framed):
            st.text("child 1")
            st.text("child 2")
        """
    ).run()

    at.checkbox[0].check().run()

    block_deltas = [d for d in of_type(at.messages, Delta) if d.path == [0, 1]]
    assert len(block_deltas) == 1
    assert block_deltas[0].element.props["border"] is True
    assert not [d for d in of_type(at.messages, Delta) if len(d.path) > 2]
    assert at.main[1].get("text").values == ["child 1", "child 2"]


def test_three_hundred_element_app_sends_a_small_batch_for_one_change() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.session_state.setdefault("clicks", 0)
        if st.button("click"):
            st.session_state.clicks += 1
        for i in range(299):
            if i == 150:
                st.text(f"clicked {st.session_state.clicks} times")
            else:
                st.text(f"static line number {i} with some padding text")
        """
    ).run()
    first = encode_batch(at.messages)
    assert len(at.main) == 300

    at.button[0].click().run()

    batch = encode_batch(at.messages)
    assert len(batch) < 1000, len(batch)
    assert len(first) > 10 * len(batch)
    deltas = of_type(at.messages, Delta)
    assert [(d.path, d.element.props["body"]) for d in deltas] == [([0, 151], "clicked 1 times")]


def test_widget_changed_in_the_browser_is_not_sent_back() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        n = st.slider("n", 0, 5)
        st.text(f"n {n}")
        """
    ).run()

    at.slider[0].set_value(4).run()

    deltas = of_type(at.messages, Delta)
    assert [d.path for d in deltas] == [[0, 1]]


# --- rows that grow: Extend ------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st_  # noqa: E402
from msgspec.json import decode, encode  # noqa: E402

from rillet.protocol.messages import Element, Extend  # noqa: E402
from rillet.runtime.tree import Tree, TreeWriter, appended_rows  # noqa: E402


def _write(tree: Tree, element: Element) -> list[Outbound]:
    sent: list[Outbound] = []
    TreeWriter(tree, sent.append).put((0, 0), element)
    return sent


def test_an_element_whose_rows_grew_sends_only_the_new_rows() -> None:
    tree = Tree()
    _write(tree, Element("line_chart", {"spec": {"mark": "line"}}, rows=[[0, 1.5], [1, 2.5]]))

    sent = _write(
        tree, Element("line_chart", {"spec": {"mark": "line"}}, rows=[[0, 1.5], [1, 2.5], [2, 3]])
    )

    assert [type(m) for m in sent] == [Extend]
    assert encode_batch(sent) == b'[{"type":"extend","path":[0,0],"rows":[[2,3]]}]'
    assert tree.node((0, 0)).element.rows == [[0, 1.5], [1, 2.5], [2, 3]]  # type: ignore[union-attr]


def test_changed_props_or_changed_rows_send_the_whole_element() -> None:
    tree = Tree()
    _write(tree, Element("line_chart", {"spec": {"mark": "line"}}, rows=[[0, 1], [1, 2]]))

    changed_props = _write(
        tree, Element("line_chart", {"spec": {"mark": "bar"}}, rows=[[0, 1], [1, 2], [2, 3]])
    )
    changed_row = _write(
        tree, Element("line_chart", {"spec": {"mark": "bar"}}, rows=[[0, 1], [1, 20], [2, 3]])
    )
    fewer_rows = _write(tree, Element("line_chart", {"spec": {"mark": "bar"}}, rows=[[0, 1]]))

    for sent in (changed_props, changed_row, fewer_rows):
        assert [type(m) for m in sent] == [Delta]


def test_rows_from_empty_extend_and_a_longer_last_number_does_not() -> None:
    # [1, 2] -> [1, 23]: the old JSON less its bracket is a prefix, but no comma follows it.
    assert appended_rows('{"kind":"k","rows":[1,2]}', '{"kind":"k","rows":[1,23]}', 19) is None
    assert appended_rows('{"kind":"k","rows":[]}', '{"kind":"k","rows":[[5]]}', 19) == "[[5]]"
    assert appended_rows('{"kind":"k","rows":[]}', '{"kind":"k","rows":[]}', 19) is None


cells = st_.one_of(st_.integers(-1000, 1000), st_.floats(allow_nan=False, allow_infinity=False),
                   st_.text(max_size=4),
                   st_.none(), st_.booleans())
rows_ = st_.lists(st_.lists(cells, max_size=3) | cells, max_size=6)


@given(old=rows_, new=rows_)
def test_extend_is_sent_exactly_when_the_new_rows_start_with_the_old(
    old: list[object], new: list[object]
) -> None:
    tree = Tree()
    _write(tree, Element("c", {"a": 1}, rows=old))

    sent = _write(tree, Element("c", {"a": 1}, rows=new))

    # Compared as JSON, as the browser sees them (True and 1, 0.0 and -0.0 differ there).
    grew = len(new) > len(old) and encode(new[: len(old)]) == encode(old)
    if grew:
        assert len(sent) == 1 and isinstance(sent[0], Extend)
        assert decode(sent[0].rows) == new[len(old) :]
    else:
        assert not any(isinstance(m, Extend) for m in sent)
    assert encode(tree.node((0, 0)).element.rows) == encode(new)  # type: ignore[union-attr]
