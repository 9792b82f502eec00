"""rillet: data apps as plain Python scripts that rerun on every interaction.

This module is the whole public API: ``import rillet as st``.
"""

from rillet.elements.base import Container
from rillet.elements.control import rerun, session_state, set_page_config, stop
from rillet.elements.data import dataframe, metric, table
from rillet.elements.inputs import button, checkbox, slider, text_input
from rillet.elements.layout import columns, container, empty, sidebar
from rillet.elements.status import error, exception, info, success, warning
from rillet.elements.text import (
    caption,
    code,
    divider,
    header,
    json,
    markdown,
    subheader,
    text,
    title,
)
from rillet.elements.write import write
from rillet.runtime.errors import DuplicateWidgetID, RilletAPIException, StreamlitAPIException
from rillet.version import __version__

__all__ = [
    "Container",
    "DuplicateWidgetID",
    "RilletAPIException",
    "StreamlitAPIException",
    "__version__",
    "button",
    "caption",
    "checkbox",
    "code",
    "columns",
    "container",
    "dataframe",
    "divider",
    "empty",
    "error",
    "exception",
    "header",
    "info",
    "json",
    "markdown",
    "metric",
    "rerun",
    "session_state",
    "set_page_config",
    "sidebar",
    "slider",
    "stop",
    "subheader",
    "success",
    "table",
    "text",
    "text_input",
    "title",
    "warning",
    "write",
]
