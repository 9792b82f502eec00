"""Headless testing of rillet apps: `AppTest`."""

from rillet.testing import charts_media as _charts_media  # noqa: F401  (pyplot, maps ...)
from rillet.testing import charts_plotly as _charts_plotly  # noqa: F401  (plotly, echarts ...)
from rillet.testing import charts_vega as _charts_vega  # noqa: F401  (line_chart, altair ...)
from rillet.testing import chat as _chat  # noqa: F401  (chat_message, chat_input)
from rillet.testing import choices as _choices  # noqa: F401  (adds the choice widgets' views)
from rillet.testing import components_v2 as _components_v2  # noqa: F401  (bidi_component)
from rillet.testing import inputs as _inputs  # noqa: F401  (adds number/date/file views)
from rillet.testing import layout_status as _layout_status  # noqa: F401  (tabs, toast ...)
from rillet.testing import media as _media  # noqa: F401  (image, audio, camera_input ...)
from rillet.testing import navigation as _navigation  # noqa: F401  (page_link)
from rillet.testing import newest as _newest  # noqa: F401  (datetime_input, grid ...)
from rillet.testing import text_data as _text_data  # noqa: F401  (dataframe, latex ...)
from rillet.testing.apptest import AppTest
from rillet.testing.elements import AppTestError

__all__ = ["AppTest", "AppTestError"]
