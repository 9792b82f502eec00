"""`SQLConnection`: SQLAlchemy behind ``st.connection("sql")``, with cached queries."""

from __future__ import annotations

import time
from collections import ChainMap
from copy import deepcopy
from datetime import timedelta
from typing import TYPE_CHECKING, Any, cast

from rillet.caching.data import cache_data
from rillet.connections.base import BaseConnection
from rillet.runtime.errors import RilletAPIException

if TYPE_CHECKING:
    from pandas import DataFrame
    from sqlalchemy.engine import Connection as SQLAlchemyConnection
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

_URL_PARAMS = {
    "url",
    "driver",
    "dialect",
    "username",
    "password",
    "host",
    "port",
    "database",
    "query",
}
_REQUIRED = ("dialect", "username", "host")
_ATTEMPTS = 3


class SQLConnection(BaseConnection["Engine"]):
    """A SQL database through SQLAlchemy.

    Settings come from ``[connections.NAME]`` in the secrets, overridden by keyword
    arguments: either ``url`` ("sqlite:///data.db", "postgresql+psycopg://u:p@host/db"), or
    ``dialect``, ``driver``, ``username``, ``password``, ``host``, ``port``, ``database`` and
    ``query``; ``create_engine_kwargs`` (in the secrets) and other keyword arguments go to
    ``sqlalchemy.create_engine``.
    """

    def _connect(self, autocommit: bool = False, **kwargs: Any) -> Engine:
        try:
            import sqlalchemy
            from sqlalchemy.engine import URL, make_url
        except ModuleNotFoundError:
            raise ModuleNotFoundError(
                "No module named 'sqlalchemy'. You need to install the 'sqlalchemy' package "
                "to use this connection: pip install 'rillet[sql]'"
            ) from None
        kwargs = deepcopy(kwargs)
        url_kwargs = {k: kwargs.pop(k) for k in list(kwargs) if k in _URL_PARAMS}
        params = ChainMap(url_kwargs, self._secrets.to_dict())
        if not params:
            raise RilletAPIException(
                "Missing SQL DB connection configuration. Did you forget to set this in "
                "`secrets.toml` or as kwargs to `st.connection`?"
            )
        if "url" in params:
            url = make_url(params["url"])
        else:
            for name in _REQUIRED:
                if name not in params:
                    raise RilletAPIException(
                        f"`{name}` is required: Set this SQL DB connection parameter in "
                        "`secrets.toml` or pass it as a kwarg to `st.connection`."
                    )
            driver = params["dialect"] + (f"+{params['driver']}" if "driver" in params else "")
            url = URL.create(
                drivername=driver,
                username=params["username"],
                password=params.get("password"),
                host=params["host"],
                port=int(params["port"]) if "port" in params else None,
                database=params.get("database"),
                query=params.get("query", {}),
            )
        engine_kwargs = dict(ChainMap(kwargs, self._secrets.get("create_engine_kwargs", {})))
        engine = sqlalchemy.create_engine(url, **engine_kwargs)
        if autocommit:
            return cast("Engine", engine.execution_options(isolation_level="AUTOCOMMIT"))
        return engine

    def query(
        self,
        sql: str,
        *,
        show_spinner: bool | str = "Running `sql.query(...)`.",
        ttl: float | int | timedelta | None = None,
        index_col: str | list[str] | None = None,
        chunksize: int | None = None,
        params: Any = None,
        **kwargs: Any,
    ) -> DataFrame:
        """Run a read query and return a DataFrame, cached with ``cache_data``.

        Equal queries with equal parameters are answered from the cache until ``ttl``
        passes (by default, until the cache is cleared). A query that fails with a database
        error is retried (three attempts, with a fresh connection each time).

        Parameters:
            sql: The query; name parameters as ``:name`` (SQLAlchemy's ``text``).
            show_spinner: Show a spinner while the query runs (or this text).
            ttl: Seconds (or a timedelta, or a string such as "10m") to keep the result.
            index_col: Column(s) to use as the DataFrame's index.
            chunksize: Rows per chunk (``pandas.read_sql``).
            params: The parameters' values, as a dict for ``:name`` placeholders.
            **kwargs: Passed on to ``pandas.read_sql``.
        """

        def _query(
            instance_id: str,
            sql: str,
            index_col: str | list[str] | None = None,
            chunksize: int | None = None,
            params: Any = None,
            **kwargs: Any,
        ) -> DataFrame:
            import pandas as pd
            from sqlalchemy import text
            from sqlalchemy.exc import DatabaseError, InternalError, OperationalError

            for attempt in range(_ATTEMPTS):
                try:
                    with self._instance.connect() as connection:
                        return cast(
                            "DataFrame",
                            pd.read_sql(
                                text(sql),
                                connection,
                                index_col=index_col,
                                chunksize=chunksize,
                                params=params,
                                **kwargs,
                            ),
                        )
                except (DatabaseError, InternalError, OperationalError):
                    if attempt == _ATTEMPTS - 1:
                        raise
                    self.reset()
                    time.sleep(0.2 * (attempt + 1))
            raise AssertionError("unreachable")

        ttl_key = str(ttl).replace(".", "_")
        _query.__qualname__ = f"{_query.__qualname__}_{self._connection_name}_{ttl_key}"
        cached = cache_data(show_spinner=show_spinner, ttl=ttl)(_query)
        return cached(
            str(self._connection_instance_id),
            sql,
            index_col=index_col,
            chunksize=chunksize,
            params=params,
            **kwargs,
        )

    def connect(self) -> SQLAlchemyConnection:
        """A new SQLAlchemy connection (``with conn.connect() as c: ...``)."""
        return self._instance.connect()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine."""
        return self._instance

    @property
    def driver(self) -> str:
        """The name of the database driver (e.g. "pysqlite", "psycopg")."""
        return str(self._instance.driver)

    @property
    def session(self) -> Session:
        """A new SQLAlchemy ORM session on the engine (``with conn.session as s: ...``)."""
        from sqlalchemy.orm import Session

        return Session(self._instance)
