"""The workstation store: one SQLite file in WAL mode, migrated to the newest schema at start.

Threads: a `Store` is shared; every `Session` it hands out belongs to the thread that opened it
and never crosses to another. In the workstation the store lane (flows, stations, the scan
journal), the sync lane (pulls and pushes) and each printer's lane (its print jobs) write, and
`transaction()` refuses any other lane's thread (app/lanes.py). SQLite serialises their writes;
every write transaction starts with BEGIN IMMEDIATE, so writers queue on the lock (busy timeout)
instead of failing halfway. The connection set-up (WAL, synchronous=FULL, BEGIN IMMEDIATE) is
the order server's too: app/domain/durable_sqlite.py.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.domain.durable_sqlite import sqlite_engine, writer
from app.lanes import STORE_WRITERS, assert_on_lane
from app.store.paths import database_path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


class Store:
    """The local database of one workstation.

    `with store.session() as s:` reads (and may write, committing itself);
    `with store.transaction() as s:` writes and commits at the end, or rolls back on an error.
    """

    def __init__(self, path: str | os.PathLike[str], *, migrate: bool = True, revision: str = "head") -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = sqlite_engine(f"sqlite:///{self.path}")
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(writer(self.engine), expire_on_commit=False)
        if migrate:
            self.upgrade(revision)

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None) -> Store:
        """The store in the data folder (`--data-dir`, PREPDESK_DATA_DIR, or the user data folder)."""
        return cls(database_path(data_dir))

    # -- schema -----------------------------------------------------------------------------

    def upgrade(self, revision: str = "head") -> None:
        """Bring the file to `revision` (the newest by default), keeping every row it holds.

        A file that holds an older schema is copied first (`<file>.before-<revision>`), so a
        failed or faulty upgrade can be undone by hand.
        """
        config = _alembic_config()
        current = self.revision()
        target = self.head_revision() if revision == "head" else revision
        if current is not None and current != target:
            self.backup(self.path.with_name(f"{self.path.name}.before-{current}"))
        with self.engine.connect() as connection:
            # Foreign keys off while tables are rebuilt (SQLite alters a table by copying it, and
            # dropping the old copy would cascade into its lines and parcels); the pragma only
            # takes effect outside a transaction, hence on the raw connection before BEGIN.
            raw = connection.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            try:
                with connection.begin():
                    config.attributes["connection"] = connection
                    command.upgrade(config, revision)
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the store's upgrade left broken references: {broken[:5]}")
            finally:
                raw.execute("PRAGMA foreign_keys=ON")

    def backup(self, destination: str | os.PathLike[str]) -> Path:
        """A consistent copy of the store (SQLite's online backup, safe while others write)."""
        target = Path(destination)
        with self.engine.connect() as connection:
            source = connection.connection.dbapi_connection
            assert source is not None
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
            finally:
                copy.close()
        return target

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    @staticmethod
    def head_revision() -> str | None:
        return ScriptDirectory.from_config(_alembic_config()).get_current_head()

    # -- sessions ---------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; call `s.commit()` yourself if you write through it."""
        with self._sessions() as s:
            yield s

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: holds the write lock from its start, commits at the end."""
        assert_on_lane(*STORE_WRITERS, what="a store transaction")
        with self._writes() as s, s.begin():
            s.connection()  # BEGIN IMMEDIATE now, before any read
            yield s

    def close(self) -> None:
        self.engine.dispose()
