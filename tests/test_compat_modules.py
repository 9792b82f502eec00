"""Under --streamlit-compat the Streamlit modules apps import besides ``streamlit`` resolve to
rillet, in scripts run by AppTest; any other ``streamlit.*`` module fails with an ImportError
that names rillet."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import rillet
from rillet import compat
from rillet.testing import AppTest


@pytest.fixture(autouse=True)
def streamlit_compat() -> Iterator[None]:
    compat.install()
    try:
        yield
    finally:
        compat.uninstall()


def texts(source: str) -> list[str]:
    at = AppTest.from_string(source).run()
    assert not at.exception, [e.value for e in at.exception]
    return [m.value for m in at.markdown]


def test_runtime_exists_and_scriptrunner_functions_in_a_script() -> None:
    assert texts(
        """
import threading
import streamlit as st
from streamlit import runtime
import streamlit.runtime.scriptrunner as sr
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx
from streamlit.runtime.scriptrunner_utils.script_run_context import (
    get_script_run_ctx as get_ctx_167,
)
from streamlit.runtime.scriptrunner.script_run_context import SCRIPT_RUN_CONTEXT_ATTR_NAME
st.write(f"exists={runtime.exists()}")
st.write(f"same={get_script_run_ctx() is get_ctx_167() is sr.get_script_run_ctx()}")
t = add_script_run_ctx(threading.Thread(target=lambda: st.write("thread")))
t.start(); t.join()
st.write(SCRIPT_RUN_CONTEXT_ATTR_NAME)
"""
    ) == ["exists=True", "same=True", "thread", "streamlit_script_run_ctx"]


def test_import_streamlit_runtime_attribute_access() -> None:
    import streamlit.runtime
    import streamlit.runtime.scriptrunner

    assert streamlit.runtime.exists is rillet.runtime.exists
    assert streamlit.runtime.scriptrunner.get_script_run_ctx(suppress_warning=True) is None


def test_errors_are_rillets_exceptions() -> None:
    assert texts(
        """
import streamlit as st
from streamlit.errors import StreamlitAPIException, DuplicateWidgetID, StreamlitValueBelowMinError
try:
    st.button("a"); st.button("a")
except DuplicateWidgetID:
    st.write("duplicate caught")
try:
    st.tabs([])
except StreamlitAPIException:
    st.write("api caught")
try:
    st.number_input("n", min_value=5, value=1)
except StreamlitValueBelowMinError:
    st.write("below min caught")
"""
    ) == ["duplicate caught", "api caught", "below min caught"]


def test_error_names_of_streamlit_167() -> None:
    import streamlit.errors as errors

    from rillet.runtime.errors import RilletAPIException
    from rillet.runtime.secrets import SecretNotFoundError

    assert errors.StreamlitAPIException is RilletAPIException
    assert errors.Error is RilletAPIException
    assert errors.StreamlitSecretNotFoundError is SecretNotFoundError
    assert issubclass(errors.NoSessionContext, RilletAPIException)
    assert issubclass(errors.StreamlitAPIWarning, Warning)
    assert issubclass(errors.BidiComponentError, RilletAPIException)
    with pytest.raises(AttributeError, match=r"rillet\.errors"):
        errors.NotAStreamlitError  # noqa: B018


def test_type_hint_and_value_modules() -> None:
    from streamlit.delta_generator import DeltaGenerator
    from streamlit.runtime.caching import cache_data, cache_resource
    from streamlit.runtime.state import SessionStateProxy
    from streamlit.runtime.uploaded_file_manager import UploadedFile

    assert DeltaGenerator is rillet.Container
    assert UploadedFile is rillet.UploadedFile
    assert cache_data is rillet.cache_data and cache_resource is rillet.cache_resource
    assert isinstance(rillet.session_state, SessionStateProxy)


def test_delta_generator_annotations_in_a_script() -> None:
    assert texts(
        """
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
def fill(box: DeltaGenerator) -> DeltaGenerator:
    box.write(f"is container: {isinstance(box, DeltaGenerator)}")
    return box
fill(st.container())
fill(st.sidebar)
"""
    ) == ["is container: True", "is container: True"]


def test_column_types_module_for_column_config() -> None:
    pytest.importorskip("pandas")
    at = AppTest.from_string(
        """
import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig, Column, NumberColumn
config: dict[str, ColumnConfig] = {
    "a": Column("Alpha"),
    "b": NumberColumn("Beta", format="%.1f"),
}
st.dataframe(pd.DataFrame({"a": [1], "b": [2.0]}), column_config=config)
"""
    ).run()
    assert not at.exception
    assert len(at.dataframe) == 1


def test_dataframe_util_conversions() -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from streamlit.dataframe_util import (
        convert_anything_to_list,
        convert_anything_to_pandas_df,
        convert_arrow_bytes_to_pandas_df,
        convert_pandas_df_to_arrow_bytes,
        is_dataframe_like,
    )

    df = pd.DataFrame({"x": [1, 2], "y": ["a", "b"]})
    assert convert_arrow_bytes_to_pandas_df(convert_pandas_df_to_arrow_bytes(df)).equals(df)
    assert convert_anything_to_pandas_df({"x": [1, 2]})["x"].to_list() == [1, 2]
    assert convert_anything_to_pandas_df(df) is df
    assert convert_anything_to_pandas_df(df, ensure_copy=True) is not df
    assert convert_anything_to_list(df) == [1, 2]
    assert convert_anything_to_list(("a", "b")) == ["a", "b"]
    assert is_dataframe_like(df) and not is_dataframe_like([1, 2])


def test_testing_v1_apptest_and_logger() -> None:
    from streamlit.logger import get_logger
    from streamlit.testing.v1 import AppTest as StreamlitAppTest

    assert StreamlitAppTest is AppTest
    assert get_logger("app").name == "app"


def test_unknown_streamlit_module_names_rillet() -> None:
    with pytest.raises(ImportError, match=r"rillet .*'streamlit\.web'"):
        import streamlit.web.cli  # noqa: F401
    at = AppTest.from_string("import streamlit.foo.bar").run()
    assert "rillet" in at.exception[0].value and "streamlit.foo" in at.exception[0].value


def test_uninstall_removes_every_alias() -> None:
    import sys

    compat.uninstall()
    try:
        names = [*compat.ALIASES, *compat.MODULES, *compat.FACADES]
        assert [name for name in names if name in sys.modules] == []
        assert not any(isinstance(f, compat.UnprovidedStreamlitModules) for f in sys.meta_path)
    finally:
        compat.install()
