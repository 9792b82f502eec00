"""What a user of ``cache_data`` and ``cache_resource`` can be told, in Streamlit's words.

Streamlit's messages are kept (with rillet's name) because users search for them; each says
what went wrong and how to fix it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rillet.runtime.errors import RilletAPIException


def decorator_name(kind: str) -> str:
    """``cache_data`` or ``cache_resource`` for the cache kind ("data" or "resource")."""
    return f"cache_{kind}"


def type_name(value: object) -> str:
    """The fully qualified name of a value's type, e.g. ``datetime.datetime``."""
    t = type(value)
    return f"{t.__module__}.{t.__qualname__}"


def function_name(func: Callable[..., Any]) -> str:
    return getattr(func, "__name__", None) or type(func).__name__


class UnhashableTypeError(Exception):
    """The hasher met a value it cannot turn into bytes (internal: names no parameter)."""


class UnhashableParamError(RilletAPIException):
    """An argument of a cached function cannot be hashed into its cache key."""

    def __init__(self, kind: str, func: Callable[..., Any], arg_name: str | None, value: object):
        self.arg_name = arg_name
        name = function_name(func)
        shown = arg_name if arg_name is not None else "(unnamed)"
        replacement = f"_{arg_name}" if arg_name is not None else "_arg"
        super().__init__(
            f"Cannot hash argument '{shown}' (of type `{type_name(value)}`) in '{name}'.\n"
            "\n"
            "To address this, you can tell rillet not to hash this argument by adding a\n"
            "leading underscore to the argument's name in the function signature:\n"
            "\n"
            "```\n"
            f"@st.{decorator_name(kind)}\n"
            f"def {name}({replacement}, ...):\n"
            "    ...\n"
            "```"
        )


class UserHashError(RilletAPIException):
    """A function given in ``hash_funcs`` raised."""

    def __init__(self, func: Callable[..., Any], value: object, exc: BaseException):
        super().__init__(
            f"{type(exc).__name__}: {exc}\n\n"
            f"This error is likely due to a bug in `{function_name(func)}()`, a function passed "
            f"in `hash_funcs` to hash objects of type `{type_name(value)}`."
        )


class UnserializableReturnValueError(RilletAPIException):
    """``cache_data`` could not pickle what the function returned."""

    def __init__(self, func: Callable[..., Any], value: object):
        super().__init__(
            f"Cannot serialize the return value (of type `{type_name(value)}`) in "
            f"`{function_name(func)}()`. `st.cache_data` uses pickle to serialize the "
            "function's return value and safely store it in the cache without mutating the "
            "original object. Please convert the return value to a pickle-serializable type. "
            "If you want to cache unserializable objects such as database connections or "
            "Tensorflow sessions, use `st.cache_resource` instead."
        )


class CacheReplayClosureError(RilletAPIException):
    """A cached function wrote into a container it did not create (it could not be replayed)."""

    def __init__(self, kind: str, func: Callable[..., Any]):
        name = f"`{function_name(func)}()`"
        super().__init__(
            f"While running {name}, a rillet element is called on some layout block\n"
            "created outside the function. This is incompatible with replaying the cached\n"
            "effect of that element, because the referenced block might not exist when\n"
            "the replay happens.\n"
            "\n"
            "How to fix this:\n"
            f"* Move the creation of that layout block inside {name}.\n"
            f"* Move the call to the rillet element outside of {name}.\n"
            f"* Remove the `@st.{decorator_name(kind)}` decorator from {name}."
        )


class CachedWidgetError(RilletAPIException):
    """A widget was created inside a cached function (Streamlit's CachedWidgetWarning)."""

    def __init__(self) -> None:
        super().__init__(
            "Your script uses a widget command in a cached function\n"
            "(function decorated with `@st.cache_data` or `@st.cache_resource`).\n"
            'This code will only be called when we detect a cache "miss",\n'
            "which can lead to unexpected results.\n"
            "\n"
            "To fix this, move all widget commands outside the cached function."
        )
