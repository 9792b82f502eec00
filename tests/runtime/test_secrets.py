"""st.secrets: files beside the script, sections, Streamlit's errors, environment, redaction."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rillet.runtime.secrets import SecretNotFoundError, Secrets, redact, secrets
from rillet.testing import AppTest


def _write(folder: Path, text: str, sub: str = ".streamlit") -> Path:
    (folder / sub).mkdir(parents=True, exist_ok=True)
    path = folder / sub / "secrets.toml"
    path.write_text(text)
    return path


def _app(folder: Path, body: str) -> AppTest:
    script = folder / "app.py"
    script.write_text("import rillet as st\n" + body)
    return AppTest.from_file(str(script))


def test_secrets_beside_the_script_by_item_attribute_and_section(tmp_path: Path) -> None:
    _write(tmp_path, 'api_key = "k-123456"\n[db]\nuser = "ann"\nport = 5432\n')
    at = _app(
        tmp_path,
        "st.text(st.secrets['api_key'])\nst.text(st.secrets.db.user)\n"
        "st.text(st.secrets['db']['port'])\nst.text(sorted(st.secrets.db.to_dict()))\n",
    ).run()
    assert not at.exception
    assert [t.value for t in at.text] == ["k-123456", "ann", "5432", "['port', 'user']"]


def test_rillet_folder_overrides_streamlit_folder(tmp_path: Path) -> None:
    _write(tmp_path, 'a = "from streamlit"\nb = "only here"\n')
    _write(tmp_path, 'a = "from rillet"\n', sub=".rillet")
    store = Secrets()
    store.configure(
        paths=[str(tmp_path / ".streamlit/secrets.toml"), str(tmp_path / ".rillet/secrets.toml")]
    )
    assert store["a"] == "from rillet"
    assert store["b"] == "only here"


def test_missing_key_gives_streamlits_error_in_the_page(tmp_path: Path) -> None:
    _write(tmp_path, 'a = "1"\n')
    at = _app(tmp_path, "st.secrets['nope']\n").run()
    assert 'st.secrets has no key "nope".' in at.exception[0].value  # KeyError quotes it
    at = _app(tmp_path, "st.secrets.nope\n").run()
    assert 'st.secrets has no attribute "nope"' in at.exception[0].value


def test_no_file_at_all_raises_file_not_found_naming_the_paths(tmp_path: Path) -> None:
    store = Secrets()
    store.configure(paths=[str(tmp_path / "none.toml")])
    with pytest.raises(FileNotFoundError, match="No secrets found"):
        store["x"]
    assert not store.load_if_toml_exists()


def test_malformed_file_names_file_line_and_reason(tmp_path: Path) -> None:
    path = _write(tmp_path, 'ok = "1"\npassword = "hunter22\n')
    store = Secrets()
    store.configure(paths=[str(path)])
    with pytest.raises(SecretNotFoundError) as info:
        store["ok"]
    text = str(info.value)
    assert str(path) in text and "line 2" in text
    assert "hunter22" not in text


def test_secrets_are_read_only(tmp_path: Path) -> None:
    _write(tmp_path, "[s]\nx = 1\n")
    store = Secrets()
    store.configure(paths=[str(tmp_path / ".streamlit/secrets.toml")])
    with pytest.raises(TypeError):
        store["y"] = 1  # type: ignore[index]
    with pytest.raises(TypeError):
        store.s.x = 2


def test_root_level_values_become_environment_variables(tmp_path: Path) -> None:
    path = _write(tmp_path, 'RILLET_TEST_TOKEN = "abc-987"\nN = 3\n[sec]\nRILLET_NESTED = "no"\n')
    store = Secrets()
    store.configure(paths=[str(path)])
    try:
        store.load_if_toml_exists()
        assert os.environ["RILLET_TEST_TOKEN"] == "abc-987"
        assert "RILLET_NESTED" not in os.environ
    finally:
        store.reset()
    assert "RILLET_TEST_TOKEN" not in os.environ


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    path = _write(tmp_path, 'v = "one"\n')
    store = Secrets()
    store.configure(paths=[str(path)])
    assert store["v"] == "one"
    path.write_text('v = "two and longer"\n')
    assert store["v"] == "two and longer"


def test_a_secret_in_an_exception_message_is_redacted_in_the_page(tmp_path: Path) -> None:
    _write(tmp_path, 'password = "s3cr3t-pw"\n')
    at = _app(tmp_path, "raise ValueError('login failed for ' + st.secrets.password)\n").run()
    assert at.exception[0].value == "login failed for ********"
    assert "s3cr3t-pw" not in repr(at.messages)


def test_writing_st_secrets_shows_keys_not_values(tmp_path: Path) -> None:
    _write(tmp_path, 'password = "s3cr3t-pw"\n')
    at = _app(tmp_path, "st.secrets.load_if_toml_exists()\nst.write(st.secrets)\n").run()
    assert "s3cr3t-pw" not in repr(at.messages)
    assert "password" in repr(at.messages)


def test_apptest_secrets_are_seen_by_the_script(tmp_path: Path) -> None:
    at = _app(tmp_path, "st.text(st.secrets['token'])\n")
    at.secrets["token"] = "from-the-test"
    at.run()
    assert at.text[0].value == "from-the-test"
    secrets.overrides = {}


def test_apptest_secrets_are_redacted_in_its_runs_and_not_after(tmp_path: Path) -> None:
    body = "raise ValueError('bad password ' + st.secrets['password'])\n"
    at = _app(tmp_path, body)
    at.secrets["password"] = "streamlit"
    at.run()
    assert at.exception[0].value == "bad password ********"

    # The test's secrets went with its run: a later app's text is not masked by them.
    (tmp_path / "later").mkdir()
    later = _app(tmp_path / "later", "raise ValueError('made with streamlit')\n").run()
    assert later.exception[0].value == "made with streamlit"
    assert redact("x streamlit y") == "x streamlit y"


def test_redaction_follows_a_changed_secrets_file(tmp_path: Path) -> None:
    path = _write(tmp_path, 'token = "first-token"\n')
    store = Secrets()
    store.configure(paths=[str(path)])
    assert store.sensitive_values() == ["first-token"]
    path.write_text('token = "second-token-longer"\n')
    assert store.sensitive_values() == ["second-token-longer"]
    path.unlink()
    assert store.sensitive_values() == []
