"""The exception names of ``streamlit.errors``, as rillet's own exceptions.

Apps catch Streamlit's names (``except StreamlitAPIException``); under ``--streamlit-compat``
``streamlit.errors`` is this module. rillet reports every misuse of a command with one type,
`RilletAPIException`, so each of Streamlit's API exception names is that type (catching any of
them catches rillet's error), except where rillet raises a class of its own: a duplicate widget
id, a missing secret, and the component errors.
"""

from __future__ import annotations

import importlib
from typing import Any

from rillet.runtime.errors import DuplicateWidgetID as DuplicateWidgetID
from rillet.runtime.errors import RilletAPIException

Error = RilletAPIException
StreamlitAPIException = RilletAPIException
MarkdownFormattedException = RilletAPIException
LocalizableStreamlitException = RilletAPIException
StreamlitDuplicateElementId = DuplicateWidgetID
StreamlitDuplicateElementKey = DuplicateWidgetID

# Streamlit's narrower API errors: rillet raises `RilletAPIException` where Streamlit raises one
# of these, so each name catches it.
StreamlitAuthError = RilletAPIException
StreamlitBadTimeStringError = RilletAPIException
StreamlitDataframeConversionError = RilletAPIException
StreamlitDefaultNotInOptionsError = RilletAPIException
StreamlitIncompatibleParametersError = RilletAPIException
StreamlitInvalidColorError = RilletAPIException
StreamlitInvalidColumnSpecError = RilletAPIException
StreamlitInvalidFormCallbackError = RilletAPIException
StreamlitInvalidHeightError = RilletAPIException
StreamlitInvalidLayoutContextError = RilletAPIException
StreamlitInvalidMinMaxError = RilletAPIException
StreamlitInvalidNumberFormatError = RilletAPIException
StreamlitInvalidParameterTypeError = RilletAPIException
StreamlitInvalidThemeError = RilletAPIException
StreamlitInvalidThemeOptionError = RilletAPIException
StreamlitInvalidThemeSectionError = RilletAPIException
StreamlitInvalidURLError = RilletAPIException
StreamlitInvalidWidthError = RilletAPIException
StreamlitJSNumberBoundsError = RilletAPIException
StreamlitMissingRequiredParameterError = RilletAPIException
StreamlitMixedNumericTypesError = RilletAPIException
StreamlitPageNotFoundError = RilletAPIException
StreamlitQueryParamDictValueError = RilletAPIException
StreamlitSelectionCountExceedsMaxError = RilletAPIException
StreamlitValueAboveMaxError = RilletAPIException
StreamlitValueAssignmentNotAllowedError = RilletAPIException
StreamlitValueBelowMinError = RilletAPIException
StreamlitValueError = RilletAPIException
StreamlitValueOutOfRangeError = RilletAPIException
StreamlitWidgetAlreadyInstantiatedError = RilletAPIException
UnserializableSessionStateError = RilletAPIException


class StreamlitAPIWarning(RilletAPIException, Warning):
    """A warning an app can raise or filter (rillet shows warnings with ``st.warning``)."""


class NoSessionContext(RilletAPIException):
    """A command that needs a session was called outside one (apps raise it themselves;
    rillet commands outside a run do nothing)."""


class StreamlitMaxRetriesError(RilletAPIException):
    """Streamlit's name for giving up after retries (rillet does not raise it)."""


class FragmentStorageKeyError(RilletAPIException, KeyError):
    """Streamlit's name for an unknown fragment id (rillet does not raise it)."""


class FragmentHandledException(Exception):
    """Streamlit's marker for an exception a fragment already showed (rillet does not
    raise it)."""


# Classes of rillet's own, imported when first asked for (their modules are larger).
_ELSEWHERE = {
    "StreamlitSecretNotFoundError": ("rillet.runtime.secrets", "SecretNotFoundError"),
    "StreamlitComponentRegistryError": (
        "rillet.elements.components_v2_assets",
        "StreamlitComponentRegistryError",
    ),
    "BidiComponentError": ("rillet.elements.components_v2_data", "BidiComponentError"),
    "BidiComponentUnserializableDataError": (
        "rillet.elements.components_v2_data",
        "BidiComponentUnserializableDataError",
    ),
    "BidiComponentInvalidCallbackNameError": (
        "rillet.elements.components_v2",
        "BidiComponentInvalidCallbackNameError",
    ),
    "BidiComponentInvalidDefaultKeyError": (
        "rillet.elements.components_v2",
        "BidiComponentInvalidDefaultKeyError",
    ),
}


def __getattr__(name: str) -> Any:
    where = _ELSEWHERE.get(name)
    if where is None:
        raise AttributeError(f"rillet.errors (streamlit.errors) has no {name!r}")
    return getattr(importlib.import_module(where[0]), where[1])
