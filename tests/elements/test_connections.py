"""st.connection with SQLConnection against a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from rillet.connections.factory import clear_connections, connection
from rillet.runtime.secrets import secrets
from rillet.testing import AppTest
from tests.conftest import free_port

pytest.importorskip("sqlalchemy")


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    clear_connections()
    yield
    clear_connections()
    secrets.overrides = {}


def _sqlite_db(folder: Path) -> Path:
    import sqlite3

    path = folder / "shop.db"
    with sqlite3.connect(path) as db:
        db.execute("create table fruit (name text, price real)")
        db.executemany("insert into fruit values (?, ?)", [("apple", 1.5), ("pear", 2.0)])
    return path


def _app(folder: Path, body: str, secrets_toml: str) -> AppTest:
    (folder / ".streamlit").mkdir(exist_ok=True)
    (folder / ".streamlit" / "secrets.toml").write_text(textwrap.dedent(secrets_toml))
    (folder / "app.py").write_text("import rillet as st\n" + textwrap.dedent(body))
    return AppTest.from_file(str(folder / "app.py"), default_timeout=20)


def test_sqlite_from_secrets_query_params_and_cache(tmp_path: Path) -> None:
    db = _sqlite_db(tmp_path)
    at = _app(
        tmp_path,
        """
        conn = st.connection("shop", type="sql")
        df = conn.query("select name, price from fruit where price > :p order by name",
                        params={"p": 1.0}, ttl=600)
        st.dataframe(df)
        st.text(list(df["name"]))
        st.text(conn.driver)
        """,
        f'[connections.shop]\nurl = "sqlite:///{db}"\n',
    ).run()
    assert not at.exception, at.exception
    assert at.text[0].value == "['apple', 'pear']"
    assert at.text[1].value == "pysqlite"
    import sqlite3

    with sqlite3.connect(db) as raw:  # the cached result does not see this until ttl passes
        raw.execute("insert into fruit values ('plum', 3.0)")
    at.run()
    assert at.text[0].value == "['apple', 'pear']"


def test_sqlite_session_writes_and_kwargs_override_secrets(tmp_path: Path) -> None:
    db = _sqlite_db(tmp_path)
    at = _app(
        tmp_path,
        f"""
        from sqlalchemy import text
        conn = st.connection("sql", url="sqlite:///{db}")
        with conn.session as s:
            s.execute(text("insert into fruit values ('fig', 4.0)"))
            s.commit()
        st.text(conn.query("select count(*) as n from fruit", ttl=0)["n"][0])
        """,
        '[connections.sql]\nurl = "sqlite:///does/not/exist.db"\n',
    ).run()
    assert not at.exception, at.exception
    assert at.text[0].value == "3"


def test_the_same_connection_is_shared(tmp_path: Path) -> None:
    db = _sqlite_db(tmp_path)
    first = connection("a", type="sql", url=f"sqlite:///{db}")
    assert connection("a", type="sql", url=f"sqlite:///{db}") is first
    assert connection("a", type="sql", url=f"sqlite:///{db}", echo=False) is not first


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('st.connection("nosuch")', "Missing connection type for connection 'nosuch'"),
        ('st.connection("x", type="mongo")', "Invalid connection 'mongo'"),
        ('st.connection("empty", type="sql")', "Missing SQL DB connection configuration"),
        ('st.connection("partial", type="sql")', "`username` is required"),
        ('st.connection("x", type=dict)', "is not a subclass of BaseConnection"),
    ],
)
def test_bad_connection_settings_are_clear_errors(tmp_path: Path, body: str, message: str) -> None:
    at = _app(tmp_path, body, '[connections.partial]\ndialect = "postgresql"\nhost = "h"\n').run()
    assert message in at.exception[0].value


def test_connection_secrets_do_not_reach_the_page(tmp_path: Path) -> None:
    at = _app(
        tmp_path,
        'conn = st.connection("pg", type="sql")\nst.write(conn)\n',
        '[connections.pg]\nurl = "sqlite:///:memory:"\npassword = "pa55word-xyz"\n',
    ).run()
    assert "pa55word-xyz" not in repr(at.messages)


# --- PostgreSQL -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on a free loopback port; yields its URL."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not initdb or not pg_ctl:
        for version in (
            sorted(os.listdir("/usr/lib/postgresql"), reverse=True)
            if os.path.isdir("/usr/lib/postgresql")
            else []
        ):
            initdb = f"/usr/lib/postgresql/{version}/bin/initdb"
            pg_ctl = f"/usr/lib/postgresql/{version}/bin/pg_ctl"
            break
    if not initdb or not os.path.exists(initdb):
        pytest.skip("PostgreSQL is not installed (scripts/test.sh installs Debian's package)")
    folder = tempfile.mkdtemp(prefix="rillet_pg_")
    data = os.path.join(folder, "data")
    prefix: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        user = "postgres" if shutil.which("runuser") and _has_user("postgres") else "nobody"
        shutil.chown(folder, user)
        prefix = ["runuser", "-u", user, "--"]
    port = free_port()
    run = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run([*prefix, initdb, "-D", data, "-A", "trust", "-U", "rillet"], **run)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [*prefix, pg_ctl, "-D", data, "-o", options, "-l", f"{folder}/log", "-w", "start"], **run
    )
    try:
        yield f"postgresql+psycopg://rillet@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", data, "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


def _has_user(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def test_postgresql_from_secrets_fields_query_and_session(tmp_path: Path, postgres: str) -> None:
    pytest.importorskip("psycopg")
    from sqlalchemy import create_engine, text

    with create_engine(postgres).begin() as c:
        c.execute(text("drop table if exists city"))
        c.execute(text("create table city (name text, people int)"))
        c.execute(text("insert into city values ('Oslo', 700000), ('Bergen', 290000)"))
    port = postgres.rsplit(":", 1)[1].split("/")[0]
    at = _app(
        tmp_path,
        """
        from sqlalchemy import text
        conn = st.connection("pg", type="sql")
        df = conn.query("select name from city where people > :n order by name",
                        params={"n": 100000}, ttl="1m")
        st.text(list(df["name"]))
        with conn.session as s:
            s.execute(text("insert into city values ('Tromsø', 77000)"))
            s.commit()
        st.text(conn.query("select count(*) as n from city", ttl=0)["n"][0])
        st.text(conn.driver)
        """,
        f"""
        [connections.pg]
        dialect = "postgresql"
        driver = "psycopg"
        username = "rillet"
        host = "127.0.0.1"
        port = {port}
        database = "postgres"
        """,
    ).run()
    assert not at.exception, at.exception
    assert [t.value for t in at.text] == ["['Bergen', 'Oslo']", "3", "psycopg"]
