"""rillet: data apps as plain Python scripts that rerun on every interaction.

This module is the whole public API: ``import rillet as st``. One public name per line, so
the API reads as a list.
"""

from rillet import components
from rillet import connections
from rillet import typing
from rillet.asgi import App
from rillet.caching.data import cache_data
from rillet.caching.resource import cache_resource
from rillet.connections.factory import connection
from rillet.elements import column_config
from rillet.elements.base import Container
from rillet.elements.capture import audio_input
from rillet.elements.capture import camera_input
from rillet.elements.charts.builtin import area_chart
from rillet.elements.charts.builtin import bar_chart
from rillet.elements.charts.builtin import line_chart
from rillet.elements.charts.builtin import scatter_chart
from rillet.elements.charts.deck import map
from rillet.elements.charts.deck import pydeck_chart
from rillet.elements.charts.echarts import echarts_chart
from rillet.elements.charts.graphviz import graphviz_chart
from rillet.elements.charts.mermaid import mermaid_chart
from rillet.elements.charts.plotly import plotly_chart
from rillet.elements.charts.pyplot import pyplot
from rillet.elements.charts.vega import altair_chart
from rillet.elements.charts.vega import vega_lite_chart
from rillet.elements.chat import chat_input
from rillet.elements.chat import chat_message
from rillet.elements.choices import color_picker
from rillet.elements.choices_groups import feedback
from rillet.elements.choices import multiselect
from rillet.elements.choices_groups import pills
from rillet.elements.choices import radio
from rillet.elements.choices_groups import segmented_control
from rillet.elements.choices import select_slider
from rillet.elements.choices import selectbox
from rillet.elements.choices import toggle
from rillet.elements.code import code
from rillet.elements.code import echo
from rillet.elements.code import latex
from rillet.elements.context import context
from rillet.elements.control import rerun
from rillet.elements.control import session_state
from rillet.elements.control import set_page_config
from rillet.elements.control import stop
from rillet.elements.data import dataframe
from rillet.elements.data import metric
from rillet.elements.data import table
from rillet.elements.data_editor import data_editor
from rillet.elements.datetime_inputs import date_input
from rillet.elements.datetime_inputs import time_input
from rillet.elements.datetime_picker import datetime_input
from rillet.elements.dialog import dialog
from rillet.elements.files import UploadedFile
from rillet.elements.files import download_button
from rillet.elements.files import file_uploader
from rillet.elements.files import link_button
from rillet.elements.forms import form
from rillet.elements.forms import form_submit_button
from rillet.elements.fragments import fragment
from rillet.elements.grid_layout import grid
from rillet.elements.iframe import iframe
from rillet.elements.images import image
from rillet.elements.images import logo
from rillet.elements.inputs import button
from rillet.elements.inputs import checkbox
from rillet.elements.inputs import number_input
from rillet.elements.inputs import slider
from rillet.elements.inputs import text_area
from rillet.elements.inputs import text_input
from rillet.elements.layout import bottom
from rillet.elements.layout import bottom as _bottom  # noqa: F401  (Streamlit's old name)
from rillet.elements.layout import columns
from rillet.elements.layout import container
from rillet.elements.layout import empty
from rillet.elements.layout import expander
from rillet.elements.layout import popover
from rillet.elements.layout import sidebar
from rillet.elements.layout import space
from rillet.elements.layout import tabs
from rillet.elements.media import audio
from rillet.elements.media import pdf
from rillet.elements.media import video
from rillet.elements.menu_button import menu_button
from rillet.elements.navigation import Page
from rillet.elements.navigation import navigation
from rillet.elements.navigation import page_link
from rillet.elements.navigation import switch_page
from rillet.elements.pagination import pagination
from rillet.elements.query_params import query_params
from rillet.elements.skeleton import skeleton
from rillet.elements.status import balloons
from rillet.elements.status import error
from rillet.elements.status import exception
from rillet.elements.status import info
from rillet.elements.status import progress
from rillet.elements.status import snow
from rillet.elements.status import spinner
from rillet.elements.status import status
from rillet.elements.status import success
from rillet.elements.status import toast
from rillet.elements.status import warning
from rillet.elements.text import badge
from rillet.elements.text import caption
from rillet.elements.text import divider
from rillet.elements.text import header
from rillet.elements.text import help
from rillet.elements.text import html
from rillet.elements.text import json
from rillet.elements.text import markdown
from rillet.elements.text import subheader
from rillet.elements.text import text
from rillet.elements.text import title
from rillet.elements.write import write
from rillet.elements.write import write_stream
from rillet.runtime.options import get_option
from rillet.runtime.options import set_option
from rillet.runtime.errors import DuplicateWidgetID
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.errors import StreamlitAPIException
from rillet.runtime.secrets import secrets
from rillet.version import __version__

__all__ = [
    "App",
    "Container",
    "DuplicateWidgetID",
    "Page",
    "RilletAPIException",
    "StreamlitAPIException",
    "UploadedFile",
    "__version__",
    "altair_chart",
    "area_chart",
    "audio",
    "audio_input",
    "badge",
    "balloons",
    "bar_chart",
    "bottom",
    "button",
    "cache_data",
    "cache_resource",
    "camera_input",
    "caption",
    "chat_input",
    "chat_message",
    "checkbox",
    "code",
    "color_picker",
    "column_config",
    "columns",
    "components",
    "connection",
    "connections",
    "container",
    "context",
    "data_editor",
    "dataframe",
    "date_input",
    "datetime_input",
    "dialog",
    "divider",
    "download_button",
    "echarts_chart",
    "echo",
    "empty",
    "error",
    "exception",
    "expander",
    "feedback",
    "file_uploader",
    "form",
    "form_submit_button",
    "fragment",
    "get_option",
    "graphviz_chart",
    "grid",
    "header",
    "help",
    "html",
    "iframe",
    "image",
    "info",
    "json",
    "latex",
    "line_chart",
    "link_button",
    "logo",
    "map",
    "markdown",
    "menu_button",
    "mermaid_chart",
    "metric",
    "multiselect",
    "navigation",
    "number_input",
    "page_link",
    "pagination",
    "pdf",
    "pills",
    "plotly_chart",
    "popover",
    "progress",
    "pydeck_chart",
    "pyplot",
    "query_params",
    "radio",
    "rerun",
    "scatter_chart",
    "secrets",
    "segmented_control",
    "select_slider",
    "selectbox",
    "session_state",
    "set_option",
    "set_page_config",
    "sidebar",
    "skeleton",
    "slider",
    "snow",
    "space",
    "spinner",
    "status",
    "stop",
    "subheader",
    "success",
    "switch_page",
    "table",
    "tabs",
    "text",
    "text_area",
    "text_input",
    "time_input",
    "title",
    "toast",
    "toggle",
    "typing",
    "vega_lite_chart",
    "video",
    "warning",
    "write",
    "write_stream",
]
