"""``fragment``: a function that reruns on its own, in place, when its widgets change."""

from __future__ import annotations

import functools
import pickle
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar, overload

from rillet.elements.base import Container, target
from rillet.elements.validate import check_bool
from rillet.protocol.messages import Element
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.fragments import FragmentInfo, fragment_id
from rillet.runtime.pages import ACTIVE_PAGE

F = TypeVar("F", bound=Callable[..., Any])

_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)")


def parse_interval(value: float | int | str | timedelta | None) -> float | None:
    """Seconds from a number, a timedelta, or a string such as "2s", "1m" or "1h30m".

    None and 0 mean off.
    """
    if value is None:
        return None
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    elif isinstance(value, str):
        text = value.strip().lower().replace(" ", "")
        parts = _PART.findall(text)
        if not parts or "".join(n + u for n, u in parts) != text:
            try:
                seconds = float(text)
            except ValueError:
                raise RilletAPIException(
                    f"Unable to parse run_every={value!r}: use seconds, a timedelta, or a "
                    'string such as "2s", "1m" or "1h30m".'
                ) from None
        else:
            seconds = sum(float(n) * _UNITS[u] for n, u in parts)
    else:
        raise RilletAPIException(
            f"run_every must be seconds, a timedelta or a string, not {value!r}."
        )
    if seconds < 0:
        raise RilletAPIException(f"run_every must not be negative (got {value!r}).")
    return seconds or None


def start_fragment(
    func: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    *,
    key: str | None,
    run_every: float | None,
    reactive: bool,
    block_props: dict[str, Any] | None = None,
    into: Container | None = None,
    cache: Any = None,
) -> tuple[FragmentInfo, Any]:
    """Write a fragment's block, register it, and run its body once; returns its result.

    With ``cache`` (the `CachedFunc` of ``cache_data`` stacked on the fragment) a call whose
    arguments and read state are unchanged since the fragment last ran does not run the body:
    the fragment's elements, widgets and nested fragments stay as the browser has them.
    """
    ctx = context.current()
    assert ctx is not None
    ctx.checkpoint()
    fragments = ctx.session.fragments
    where = into if into is not None else target()
    assert where.path is not None
    if where.slot:
        path = where.path
    else:
        block = fragments.route(ctx, where.path)
        path = (*block, ctx.writer.lengths.get(block, 0))
    fid = fragment_id(func.__module__, func.__qualname__, path, key)
    props: dict[str, Any] = {"type": "vertical", "fragment_id": fid}
    if run_every:
        props["run_every"] = run_every
    props.update(block_props or {})
    element = Element("block", props)
    call_key = cache.call_key(args, kwargs) if cache is not None else None
    previous = fragments.get(fid)
    if where.slot:
        ctx.writer.put(path, element)
    else:
        written = ctx.writer.append(path[:-1], element)
        assert written == path
    if call_key is not None and previous is not None and fragments.reuse(ctx, previous, call_key):
        return previous, previous.extras["cached_value"]()

    # A fragment of a page reruns as part of that page: its widgets keep their page's ids.
    page = ACTIVE_PAGE.get()

    def rerun_body(_ctx: context.RunContext) -> Any:
        token = ACTIVE_PAGE.set(page)
        try:
            result = func(*args, **kwargs)
        finally:
            ACTIVE_PAGE.reset(token)
        if call_key is not None:
            _remember(info, call_key, result)
        return result

    info = FragmentInfo(
        id=fid,
        name=func.__qualname__,
        block_path=path,
        rerun=rerun_body,
        parent=ctx.fragment_id,
        key=key,
        run_every=run_every,
        reactive=reactive,
    )
    if where.form_id is not None:
        info.extras["form_id"] = where.form_id  # a fragment inside a form keeps its batching
    fragments.register(info)
    with fragments.running(ctx, info):
        try:
            return info, rerun_body(ctx)
        except Exception as exc:
            # Shown inside the fragment; during a full run it still stops the script.
            fragments.show_error(ctx, info, exc)
            raise


def _remember(info: FragmentInfo, call_key: str, result: Any) -> None:
    """Keep what a cached fragment returned (as a copy, as cache_data does) and its key."""
    try:
        blob = pickle.dumps(result, protocol=5)
    except Exception:  # unpicklable: this call is simply not reusable
        info.extras.pop("cache_key", None)
        return
    info.extras["cache_key"] = call_key
    info.extras["cached_value"] = lambda: pickle.loads(blob)


@overload
def fragment(
    func: F,
    *,
    run_every: float | str | timedelta | None = None,
    parallel: bool = False,
    key: str | None = None,
    reactive: bool = True,
) -> F: ...
@overload
def fragment(
    func: None = None,
    *,
    run_every: float | str | timedelta | None = None,
    parallel: bool = False,
    key: str | None = None,
    reactive: bool = True,
) -> Callable[[F], F]: ...
def fragment(
    func: F | None = None,
    *,
    run_every: float | str | timedelta | None = None,
    parallel: bool = False,
    key: str | None = None,
    reactive: bool = True,
) -> F | Callable[[F], F]:
    """Turn a function into a fragment: a part of the page that reruns on its own.

    Interacting with a widget inside the fragment reruns only the fragment, in place; a full
    rerun of the app runs it again inline. Use as ``@fragment``, ``@fragment()`` or
    ``@fragment(run_every="2s")``.

    Parameters:
        func: The function (when used without parentheses).
        run_every: Rerun the fragment on a timer: seconds, a ``timedelta``, or a string such
            as "2s", "1m" or "1h30m". None or 0 turns it off.
        parallel: Streamlit 1.67 may run such a fragment in a thread pool during full
            reruns, beside the script. rillet accepts it and runs the fragment inline, in
            order: the page is the same, only the overlap (the speed-up) is missing.
        key: A name for ``rerun(scope=key)``, which reruns every fragment with that key.
        reactive: Rerun this fragment when an interaction changes a ``session_state`` key
            it read (rillet's reactive fragments); False opts out.
    """
    interval = parse_interval(run_every)
    check_bool("parallel", parallel)
    if key is not None and key in ("app", "fragment"):
        raise RilletAPIException(f"A fragment key cannot be {key!r}: it names a rerun scope.")

    def decorate(f: F, cache: Any = None) -> F:
        if getattr(f, "__rillet_cached__", False):
            # @fragment over @cache_data: the fragment runs the plain function, cached.
            f, cache = f._func, f  # type: ignore[attr-defined]

        @functools.wraps(f)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if context.current() is None:
                return None  # outside a running app a fragment does not run
            _, result = start_fragment(
                f, args, kwargs, key=key, run_every=interval, reactive=reactive, cache=cache
            )
            return result

        wrapper.__rillet_fragment__ = True  # type: ignore[attr-defined]
        # @cache_data over @fragment: cache_data hands its CachedFunc back to the fragment.
        wrapper.__rillet_recache__ = lambda make: decorate(f, make(f))  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate(func) if func is not None else decorate
