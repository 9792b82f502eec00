"""``st.pyplot``: the figure saved as Streamlit saves it, served once as inline media, and the
media store that keeps an image exactly while some session shows it."""

from __future__ import annotations

import io

import pytest

from rillet.elements.charts.pyplot import is_matplotlib_figure
from rillet.elements.filestore import INLINE_MEDIA
from rillet.testing import AppTest

pytest.importorskip("matplotlib")

FIGURE = """
import rillet as st
from matplotlib.figure import Figure
fig = Figure(figsize=(4, 3))
fig.subplots().plot([1, 2, 3], [3, 1, 2])
"""


def app(body: str) -> AppTest:
    return AppTest.from_string(FIGURE + body).run()


def png_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image.size


def test_a_figure_is_served_as_a_png_at_200_dpi_cropped_tight() -> None:
    at = app('st.pyplot(fig, alt="Three points, up and down")')

    (chart,) = at.get("pyplot")
    assert chart.mime == "image/png"
    assert chart.url == "./_rillet/media/" + chart.media_id
    assert chart.alt == "Three points, up and down"
    assert chart.spec["width"] == "stretch"
    width, height = png_size(chart.image)
    # 4 x 3 inches at 200 dpi is 800 x 600 pixels before the tight crop trims the margins.
    assert 600 < width <= 800 and 450 < height <= 600
    assert (chart.spec["pixel_width"], chart.spec["pixel_height"]) == (width, height)


def test_savefig_arguments_override_the_defaults_with_streamlits_deprecation_warning() -> None:
    at = app("st.pyplot(fig, dpi=50)")

    assert "deprecated" in at.warning[0].value
    width, _ = png_size(at.get("pyplot")[0].image)
    assert width <= 200


def test_format_svg_serves_an_svg() -> None:
    at = app('st.pyplot(fig, format="svg")')

    chart = at.get("pyplot")[0]
    assert chart.mime == "image/svg+xml"
    assert b"<svg" in chart.image[:2048]
    assert "pixel_width" not in chart.spec


def test_a_wide_figure_is_kept_at_most_1460_pixels_and_a_fixed_width_at_twice_it() -> None:
    at = app(
        """
wide = Figure(figsize=(12, 2))
wide.subplots().plot([1, 2])
st.pyplot(wide)
st.pyplot(wide, width=300)
"""
    )

    stretch, fixed = at.get("pyplot")
    assert png_size(stretch.image)[0] == 1460
    assert png_size(fixed.image)[0] == 600
    assert fixed.spec["width"] == 300


@pytest.mark.parametrize(
    ("args", "width"),
    [
        ('width="content"', "content"),
        ("use_container_width=True", "stretch"),
        ("use_container_width=False", "content"),
    ],
)
def test_width_and_the_deprecated_use_container_width(args: str, width: object) -> None:
    at = app(f"st.pyplot(fig, {args})")

    assert at.get("pyplot")[0].spec["width"] == width


def test_alt_text_is_stripped_blank_is_none_and_empty_marks_decoration() -> None:
    at = app('st.pyplot(fig, alt="  A line  ")\nst.pyplot(fig, alt="   ")\nst.pyplot(fig, alt="")')

    assert [c.alt for c in at.get("pyplot")] == ["A line", None, ""]


def test_clear_figure_clears_it_after_saving() -> None:
    at = app("st.pyplot(fig, clear_figure=True)\nst.text(len(fig.axes))")

    assert at.get("pyplot")[0].mime == "image/png"
    assert at.text[0].value == "0"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.pyplot(None)", "The `fig` parameter is required. Passing `None` is not supported"),
        ("st.pyplot(None)", "The `fig` parameter is required."),
        ('st.pyplot("fig")', "Invalid `fig` type. Expected one of: matplotlib.figure.Figure."),
        ('st.pyplot(fig, width="wide")', "Invalid width value: 'wide'."),
    ],
)
def test_bad_input_gets_streamlits_error(call: str, message: str) -> None:
    at = app(call)

    assert message in at.exception[0].message
    assert len(at.get("pyplot")) == 0


def test_the_same_figure_in_two_sessions_is_one_id_and_one_copy() -> None:
    first, second = app("st.pyplot(fig)"), app("st.pyplot(fig)")

    one, two = first.get("pyplot")[0], second.get("pyplot")[0]
    assert one.media_id == two.media_id
    assert INLINE_MEDIA.holders(one.media_id) >= {first._session.id, second._session.id}


def test_an_image_is_dropped_when_no_session_shows_it_any_more() -> None:
    # A figure of its own: other tests' sessions may still show the shared one.
    script = (
        FIGURE
        + "fig.suptitle('dropped')\nif st.checkbox('Show', value=True):\n    st.pyplot(fig)\n"
    )
    at = AppTest.from_string(script).run()
    media_id = at.get("pyplot")[0].media_id
    session = at._session.id
    assert INLINE_MEDIA.get(media_id) is not None
    other = AppTest.from_string(script).run()

    at.checkbox[0].uncheck().run()
    assert session not in INLINE_MEDIA.holders(media_id)
    assert INLINE_MEDIA.get(media_id) is not None, "the other session still shows it"

    other._session.close()
    assert INLINE_MEDIA.get(media_id) is None
    assert INLINE_MEDIA.holders(media_id) == frozenset()


def test_a_changed_figure_releases_the_old_image() -> None:
    at = AppTest.from_string(
        FIGURE
        + "fig.suptitle('changed')\nn = st.number_input('n', value=1)\n"
        + "fig.axes[0].plot([0, n])\nst.pyplot(fig)\n"
    ).run()
    before = at.get("pyplot")[0].media_id

    at.number_input[0].set_value(5).run()

    after = at.get("pyplot")[0].media_id
    assert after != before
    assert INLINE_MEDIA.get(before) is None and INLINE_MEDIA.get(after) is not None


def test_an_unchanged_figure_keeps_its_url_so_a_rerun_sends_nothing() -> None:
    at = app("st.pyplot(fig)\nst.button('Again')")
    before = at.get("pyplot")[0].url

    at.button[0].click().run()

    assert at.get("pyplot")[0].url == before


def test_write_and_magic_draw_a_figure() -> None:
    at = app("st.write(fig)\nfig")

    assert len(at.get("pyplot")) == 2


def test_matplotlib_figures_are_told_without_importing_matplotlib() -> None:
    from matplotlib.figure import Figure

    assert is_matplotlib_figure(Figure())
    assert not is_matplotlib_figure("figure")


def test_importing_rillet_chooses_the_agg_backend_as_streamlit_does() -> None:
    import os

    assert os.environ["MPLBACKEND"] == "Agg"


def test_figures_are_saved_one_at_a_time() -> None:
    # matplotlib is not thread-safe and each session runs in its own thread.
    at = AppTest.from_string(
        """
import io
import rillet as st
from rillet.elements.charts import pyplot as module
from matplotlib.figure import Figure

class Checked:
    def savefig(self, buffer, **kwargs):
        st.session_state.locked = module._SAVING.locked()
        Figure(figsize=(1, 1)).savefig(buffer, **kwargs)

st.pyplot(Checked())
"""
    ).run()

    assert at.session_state["locked"] is True
    assert at.get("pyplot")[0].mime == "image/png"
