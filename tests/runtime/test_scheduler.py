"""The rerun rules of `Scheduler` and `Request`, driven directly: no session, no threads."""

from __future__ import annotations

from rillet.runtime.scheduler import Request, Scheduler


def full(*values: tuple[str, object]) -> Request:
    return Request(values=list(values))


def fragment(*ids: str, preempt: bool = False) -> Request:
    return Request(fragment_ids=list(ids), full=False, preempt=preempt)


def running_scheduler() -> Scheduler:
    """A scheduler whose worker has taken a first request and is running it."""
    scheduler = Scheduler()
    assert scheduler.submit(full())
    assert scheduler.take() is not None
    return scheduler


def test_first_request_asks_for_a_worker_and_clears_idle() -> None:
    scheduler = Scheduler()
    assert scheduler.idle.is_set()
    assert not scheduler.busy

    assert scheduler.submit(full()) is True

    assert not scheduler.idle.is_set()
    assert scheduler.busy


def test_request_while_a_worker_runs_does_not_start_another() -> None:
    scheduler = running_scheduler()

    assert scheduler.submit(full()) is False
    assert scheduler.submit(fragment("f")) is False


def test_take_hands_out_the_pending_request_then_none_and_sets_idle() -> None:
    scheduler = Scheduler()
    request = full(("w", 1))
    scheduler.submit(request)

    taken = scheduler.take()

    assert taken is not None
    assert taken.values == [("w", 1)]
    assert not scheduler.idle.is_set(), "the worker still runs the request it took"
    assert scheduler.take() is None
    assert scheduler.idle.is_set()
    assert not scheduler.busy


def test_after_idle_the_next_request_starts_a_new_worker() -> None:
    scheduler = running_scheduler()
    assert scheduler.take() is None

    assert scheduler.submit(full()) is True
    assert not scheduler.idle.is_set()


def test_pending_values_coalesce_newest_wins() -> None:
    scheduler = running_scheduler()
    scheduler.submit(full(("slider", 1), ("text", "a")))
    scheduler.submit(full(("slider", 2)))
    scheduler.submit(full(("slider", 3)))

    taken = scheduler.take()

    assert taken is not None
    assert dict(taken.values) == {"slider": 3, "text": "a"}
    assert len(taken.values) == 2


def test_request_merge_keeps_one_value_per_widget_newest_wins() -> None:
    older = full(("a", 1), ("b", 2))
    older.merge(full(("a", 3), ("c", 4)))

    assert dict(older.values) == {"a": 3, "b": 2, "c": 4}
    assert len(older.values) == 3


def test_button_trigger_survives_later_values_of_other_widgets() -> None:
    scheduler = running_scheduler()
    scheduler.submit(full(("button", True)))
    scheduler.submit(full(("slider", 5)))
    scheduler.submit(full(("text", "x"), ("slider", 6)))

    taken = scheduler.take()

    assert taken is not None
    assert dict(taken.values) == {"button": True, "slider": 6, "text": "x"}


def test_trigger_sent_twice_is_kept_once_and_still_true() -> None:
    request = full(("button", True))
    request.merge(full(("button", True)))

    assert request.values == [("button", True)]


def test_full_request_while_running_sets_the_interrupt() -> None:
    scheduler = running_scheduler()
    assert not scheduler.should_interrupt()

    scheduler.submit(full())

    assert scheduler.should_interrupt()


def test_interrupt_is_cleared_when_the_worker_takes_the_next_request() -> None:
    scheduler = running_scheduler()
    scheduler.submit(full())
    assert scheduler.should_interrupt()

    scheduler.take()

    assert not scheduler.should_interrupt()


def test_full_request_to_an_idle_scheduler_interrupts_nothing() -> None:
    scheduler = Scheduler()

    scheduler.submit(full())

    assert not scheduler.should_interrupt()


def test_fragment_request_while_running_is_queued_without_interrupting() -> None:
    scheduler = running_scheduler()

    scheduler.submit(fragment("f1"))

    assert not scheduler.should_interrupt()
    taken = scheduler.take()
    assert taken is not None
    assert taken.full is False
    assert taken.fragment_ids == ["f1"]


def test_fragment_queue_is_ordered_and_de_duplicated() -> None:
    scheduler = running_scheduler()
    scheduler.submit(fragment("f1"))
    scheduler.submit(fragment("f2"))
    scheduler.submit(fragment("f1", "f3"))
    scheduler.submit(fragment("f2"))

    taken = scheduler.take()

    assert not scheduler.should_interrupt()
    assert taken is not None
    assert taken.fragment_ids == ["f1", "f2", "f3"]
    assert taken.full is False


def test_preempting_fragment_request_interrupts_like_a_full_one() -> None:
    scheduler = running_scheduler()

    scheduler.submit(fragment("f1", preempt=True))

    assert scheduler.should_interrupt()
    taken = scheduler.take()
    assert taken is not None
    assert taken.preempt is True
    assert taken.fragment_ids == ["f1"]


def test_full_request_empties_the_fragment_queue() -> None:
    scheduler = running_scheduler()
    scheduler.submit(fragment("f1", "f2"))

    scheduler.submit(full(("w", 1)))

    taken = scheduler.take()
    assert taken is not None
    assert taken.full is True
    assert taken.fragment_ids == []
    assert taken.values == [("w", 1)]


def test_fragment_request_after_a_pending_full_one_stays_a_full_run() -> None:
    scheduler = running_scheduler()
    scheduler.submit(full())

    scheduler.submit(fragment("f1"))

    taken = scheduler.take()
    assert taken is not None
    assert taken.full is True
    assert taken.fragment_ids == []


def test_values_of_a_fragment_request_join_a_pending_full_run() -> None:
    scheduler = running_scheduler()
    scheduler.submit(full(("a", 1)))
    scheduler.submit(Request(values=[("b", 2)], fragment_ids=["f"], full=False))

    taken = scheduler.take()

    assert taken is not None
    assert dict(taken.values) == {"a": 1, "b": 2}


def test_close_interrupts_the_running_script_and_drops_pending_work() -> None:
    scheduler = running_scheduler()
    scheduler.submit(fragment("f1"))

    scheduler.close()

    assert scheduler.should_interrupt()
    assert scheduler.take() is None
    assert scheduler.idle.is_set()
    assert scheduler.submit(full()) is False
    assert not scheduler.busy
