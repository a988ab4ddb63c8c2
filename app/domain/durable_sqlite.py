"""How Prepdesk opens an SQLite file, written once for the workstation's store (app/store/db.py)
and the order server (server/db.py): WAL, `synchronous=FULL`, foreign keys on, a 30-second
wait for the write lock, and `BEGIN IMMEDIATE` for every write transaction.

Why each: WAL lets readers run beside the one writer. FULL, not NORMAL: in WAL mode NORMAL may
lose the last commits in a power cut, and a scan the screen confirmed, or a write the server
confirmed (which the workstation then drops from its outbox), must survive one; it costs one
fsync per commit. BEGIN IMMEDIATE takes the write lock as the transaction starts, so two
writers queue on the lock (the busy timeout) instead of one failing halfway when it upgrades
from reading, and the server hands out its change numbers in commit order.

It lives in the domain, the one part of the core the server may import (the layer contracts in
pyproject.toml); nothing in `app.domain` imports it, so the domain stays free of SQLAlchemy for
those who only need the warehouse's nouns.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event

# An execution option: a transaction begun on an engine carrying it is a write transaction.
WRITE = "prepdesk_write"

# The driver waits this long for the write lock (seconds), and a connection may be handed from
# the pool to another thread (each Session still stays on the thread that opened it).
CONNECT_ARGS: dict[str, Any] = {"timeout": 30.0, "check_same_thread": False}


def sqlite_engine(url: str, **engine_args: Any) -> Engine:
    """An engine on the SQLite file at `url`, set up for durability (see the module note)."""
    engine = create_engine(url, connect_args=dict(CONNECT_ARGS), **engine_args)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, for write transactions: each begins with BEGIN IMMEDIATE."""
    return engine.execution_options(**{WRITE: True})


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # We issue BEGIN ourselves (see _on_begin): the driver's own would start transactions late.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _on_begin(connection: Any) -> None:
    write = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


__all__ = ["CONNECT_ARGS", "WRITE", "sqlite_engine", "writer"]
