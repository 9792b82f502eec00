"""rillet: data apps as plain Python scripts that rerun on every interaction.

This module is the whole public API: ``import rillet as st``. One public name per line, so
the API reads as a list.
"""

from rillet import components
from rillet.caching.data import cache_data
from rillet.caching.resource import cache_resource
from rillet.elements.base import Container
from rillet.elements.control import rerun
from rillet.elements.control import session_state
from rillet.elements.control import set_page_config
from rillet.elements.control import stop
from rillet.elements.data import dataframe
from rillet.elements.data import metric
from rillet.elements.data import table
from rillet.elements.dialog import dialog
from rillet.elements.forms import form
from rillet.elements.forms import form_submit_button
from rillet.elements.fragments import fragment
from rillet.elements.inputs import button
from rillet.elements.inputs import checkbox
from rillet.elements.inputs import slider
from rillet.elements.inputs import text_input
from rillet.elements.layout import columns
from rillet.elements.layout import container
from rillet.elements.layout import empty
from rillet.elements.layout import sidebar
from rillet.elements.status import error
from rillet.elements.status import exception
from rillet.elements.status import info
from rillet.elements.status import success
from rillet.elements.status import warning
from rillet.elements.text import caption
from rillet.elements.text import code
from rillet.elements.text import divider
from rillet.elements.text import header
from rillet.elements.text import json
from rillet.elements.text import markdown
from rillet.elements.text import subheader
from rillet.elements.text import text
from rillet.elements.text import title
from rillet.elements.write import write
from rillet.runtime.errors import DuplicateWidgetID
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.errors import StreamlitAPIException
from rillet.version import __version__

__all__ = [
    "Container",
    "DuplicateWidgetID",
    "RilletAPIException",
    "StreamlitAPIException",
    "__version__",
    "button",
    "cache_data",
    "cache_resource",
    "caption",
    "checkbox",
    "code",
    "columns",
    "components",
    "container",
    "dataframe",
    "dialog",
    "divider",
    "empty",
    "error",
    "exception",
    "form",
    "form_submit_button",
    "fragment",
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
