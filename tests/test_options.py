"""Configuration: get_option/set_option, config files, environment and flags, in that order."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from rillet import cli
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.options import STORE, ConfigFileError, OptionStore, env_name, theme_css
from rillet.testing import AppTest


def _config(folder: Path, text: str, sub: str = ".streamlit") -> Path:
    (folder / sub).mkdir(parents=True, exist_ok=True)
    path = folder / sub / "config.toml"
    path.write_text(text)
    return path


def test_env_names_follow_streamlit() -> None:
    assert env_name("server.maxUploadSize", "STREAMLIT") == "STREAMLIT_SERVER_MAX_UPLOAD_SIZE"
    assert env_name("theme.primaryColor", "RILLET") == "RILLET_THEME_PRIMARY_COLOR"


def test_files_then_environment_then_flags(tmp_path: Path) -> None:
    home = _config(tmp_path / "home", "[server]\nport = 9001\nmaxUploadSize = 5\n")
    project = _config(tmp_path, "[server]\nport = 9002\n[theme]\nprimaryColor = '#ff0000'\n")
    rillet = _config(tmp_path, "[server]\nport = 9003\n", sub=".rillet")
    store = OptionStore()
    paths = [str(home), str(project), str(rillet)]
    store.load(paths=paths, environ={})
    assert store.get("server.port") == 9003
    assert store.get("server.maxUploadSize") == 5
    assert store.get("theme.primaryColor") == "#ff0000"
    assert store.where("server.port") == str(rillet)
    store.load(paths=paths, environ={"STREAMLIT_SERVER_PORT": "9004"})
    assert store.get("server.port") == 9004
    store.load(
        paths=paths,
        environ={"STREAMLIT_SERVER_PORT": "9004", "RILLET_SERVER_PORT": "9005"},
    )
    assert store.get("server.port") == 9005
    store.load(paths=paths, environ={"RILLET_SERVER_PORT": "9005"}, flags={"server.port": 9006})
    assert store.get("server.port") == 9006
    assert store.where("server.port") == "command line"


def test_unknown_option_warns_once_naming_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _config(tmp_path, "[server]\nenableCORS = false\nport = 9100\n")
    store = OptionStore()
    with caplog.at_level(logging.WARNING, logger="rillet.config"):
        store.load(paths=[str(path)], environ={})
        store.load(paths=[str(path)], environ={})
    warnings = [r.getMessage() for r in caplog.records if "server.enableCORS" in r.getMessage()]
    assert len(warnings) == 1
    assert store.get("server.port") == 9100


def test_malformed_config_names_file_line_and_reason(tmp_path: Path) -> None:
    path = _config(tmp_path, "[server]\nport = = 3\n")
    with pytest.raises(ConfigFileError) as info:
        OptionStore().load(paths=[str(path)], environ={})
    assert str(path) in str(info.value) and "line 2" in str(info.value)


def test_wrong_type_names_option_and_source(tmp_path: Path) -> None:
    path = _config(tmp_path, "[server]\nport = 'eighty'\n")
    with pytest.raises(ValueError, match=r"server\.port .*config\.toml"):
        OptionStore().load(paths=[str(path)], environ={})


def test_get_option_and_set_option_in_a_script() -> None:
    at = AppTest.from_string(
        """
        import rillet as st
        st.text(st.get_option("server.maxUploadSize"))
        st.set_option("client.showErrorDetails", "type")
        st.text(st.get_option("client.showErrorDetails"))
        """
    ).run()
    try:
        assert [t.value for t in at.text] == ["200", "type"]
    finally:
        STORE.set("client.showErrorDetails", "full")


def test_set_option_errors_are_streamlits() -> None:
    with pytest.raises(RilletAPIException, match=r"Unrecognized config option: nope\.x"):
        STORE.set("nope.x", 1)
    with pytest.raises(RilletAPIException, match=r"server\.port cannot be set on the fly"):
        STORE.set("server.port", 1)
    with pytest.raises(RuntimeError, match=r'Config key "nope\.x" not defined\.'):
        STORE.get("nope.x")


def test_show_error_details_type_hides_message_and_trace() -> None:
    STORE.set("client.showErrorDetails", "type")
    try:
        at = AppTest.from_string("raise ValueError('private detail')\n").run()
        exc = at.exception[0]
        assert "private detail" not in exc.value
        assert "redacted" in exc.value
    finally:
        STORE.set("client.showErrorDetails", "full")


def test_theme_options_become_css_variables_and_unsafe_values_are_dropped() -> None:
    store = OptionStore()
    store.load(
        paths=[],
        environ={
            "STREAMLIT_THEME_PRIMARY_COLOR": "#123456",
            "STREAMLIT_THEME_TEXT_COLOR": "red;}</style><script>",
        },
    )
    css = theme_css(store)
    assert "--rl-primary: #123456;" in css
    assert "script" not in css


def test_config_show_prints_every_option_with_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _config(tmp_path, "[server]\nport = 8777\n")
    assert cli.main(["config", "show", "--theme.font=serif"]) == 0
    out = capsys.readouterr().out
    assert "port = 8777" in out and str(tmp_path / ".streamlit" / "config.toml") in out
    assert 'font = "serif"' in out
    STORE.load(paths=[], environ={})


def test_config_show_reports_a_malformed_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _config(tmp_path, "[server\n")
    assert cli.main(["config", "show"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rillet: error: malformed config file") and "line 1" in err
    STORE.load(paths=[], environ={})
