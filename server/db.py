"""The server's database: SQLite (WAL) or PostgreSQL, writes serialised, and the change sequence.

Why writes are serialised: a client pages through orders by change sequence. If two writers
took numbers 10 and 11 and 11 committed first, a client could read 11, keep cursor 11, and
never see 10. So every write transaction holds the one write lock (SQLite: BEGIN IMMEDIATE;
PostgreSQL: a transaction-scoped advisory lock) from its start to its commit; numbers are then
handed out in commit order and a cursor never jumps over a change committed later.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from app.domain.durable_sqlite import sqlite_engine, writer

# Any fixed number will do; it names "the order server's write lock" to PostgreSQL.
_PG_WRITE_LOCK = 7240_0001
PG_SEQUENCE = "order_change_seq"


class Database:
    """The engine and the two kinds of transaction the server uses: read and write."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            # WAL, synchronous=FULL, BEGIN IMMEDIATE on a write: the workstation's set-up too.
            self.engine = sqlite_engine(url, pool_size=8, max_overflow=16)
            self._reader = self.engine
        else:
            self.engine = create_engine(url, pool_size=8, max_overflow=16, pool_pre_ping=True)
            # One snapshot for the whole listing: the orders page and its lines agree.
            self._reader = self.engine.execution_options(isolation_level="REPEATABLE READ")
        self._writer = writer(self.engine)  # BEGIN IMMEDIATE on SQLite; PostgreSQL ignores the option
        self._turn = threading.Lock()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self._reader, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction, holding the write lock until it commits (see the module note)."""
        if self.is_sqlite:
            with self._turn, Session(self._writer, expire_on_commit=False) as session, session.begin():
                yield session
            return
        with Session(self._writer, expire_on_commit=False) as session, session.begin():
            if not self.is_sqlite:
                session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_WRITE_LOCK})
            yield session

    def next_seq(self, session: Session) -> int:
        """The next change sequence number; call only inside `write()`."""
        if self.is_sqlite:
            value = session.execute(
                text("UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value")
            ).scalar_one()
        else:
            value = session.execute(text(f"SELECT nextval('{PG_SEQUENCE}')")).scalar_one()
        return int(value)

    def reserve_seqs(self, session: Session, count: int) -> int:
        """Reserve `count` numbers at once (bulk demo data); returns the first."""
        if count <= 0:
            return self.next_seq(session)
        if self.is_sqlite:
            last = session.execute(
                text("UPDATE change_counter SET value = value + :n WHERE id = 1 RETURNING value"),
                {"n": count},
            ).scalar_one()
            return int(last) - count + 1
        first = int(session.execute(text(f"SELECT nextval('{PG_SEQUENCE}')")).scalar_one())
        session.execute(text(f"SELECT setval('{PG_SEQUENCE}', :v)"), {"v": first + count - 1})
        return first

    def migrate(self) -> None:
        """Bring the schema to the newest revision (Alembic, configured here, no alembic.ini)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(Path(__file__).resolve().parent / "migrations"))
        with self._writer.connect() as connection:
            if not self.is_sqlite:
                # Two servers starting on one database must not both create the schema.
                connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_WRITE_LOCK + 1})
            try:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                connection.commit()
            finally:
                if not self.is_sqlite:
                    connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_WRITE_LOCK + 1})
                    connection.commit()

    def dispose(self) -> None:
        self.engine.dispose()
