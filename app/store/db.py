"""The workstation store: one SQLite file in WAL mode, migrated to the newest schema at start.

The schema's revision is read at start with one query and compared with the newest migration's
(read from the migration files' headers); Alembic, its backup and the foreign-key check run only
when the file is behind, so an up-to-date store opens without importing Alembic at all.

Threads: a `Store` is shared; every `Session` it hands out belongs to the thread that opened it
and never crosses to another. In the workstation the store lane (flows, stations, the scan
journal), the sync lane (pulls and pushes) and each printer's lane (its print jobs) write, and
`transaction()` refuses any other lane's thread (app/lanes.py). SQLite serialises their writes;
every write transaction starts with BEGIN IMMEDIATE, so writers queue on the lock (busy timeout)
instead of failing halfway. The connection set-up (WAL, synchronous=FULL, BEGIN IMMEDIATE) is
the order server's too: app/domain/durable_sqlite.py.

Connected later (`Store(path, connect_later=True)`): the window paints first (app/first_paint.py),
and SQLAlchemy is imported and the engine made by `connect()` after the paint, on a worker; the
first session or transaction on any lane connects it too. Until then its settings rows are read
with a plain read-only sqlite3 connection (`setting_rows`), so the sign-in page's names and the
window's remembered place need no SQLAlchemy either.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from app.lanes import STORE_WRITERS, assert_on_lane
from app.store import readonly
from app.store.paths import database_path

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


class Store:
    """The local database of one workstation.

    `with store.session() as s:` reads (and may write, committing itself);
    `with store.transaction() as s:` writes and commits at the end, or rolls back on an error.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        migrate: bool = True,
        revision: str = "head",
        connect_later: bool = False,
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate, self._target = migrate, revision
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._writes: sessionmaker[Session] | None = None
        self._connecting = threading.RLock()
        self._ready = False
        if not connect_later:
            self.connect()

    def connect(self) -> None:
        """Make the engine and bring the file to the wanted schema (an upgrade, backup first,
        where it is behind). Once; any thread; the first session or transaction calls it too."""
        if self._ready:
            return
        with self._connecting:  # reentrant: the upgrade below reads through `engine` on this thread
            if self._engine is not None:
                return  # made meanwhile by another thread, or being made by this one
            from sqlalchemy.orm import sessionmaker

            from app.domain.durable_sqlite import sqlite_engine, writer

            engine = sqlite_engine(f"sqlite:///{self.path}")
            self._sessions = sessionmaker(engine, expire_on_commit=False)
            self._writes = sessionmaker(writer(engine), expire_on_commit=False)
            self._engine = engine
            target = self._target
            try:
                if self._migrate and self.revision() != (
                    self.head_revision() if target == "head" else target
                ):
                    self.upgrade(target)
            except BaseException:
                self._engine = None  # not connected: the next use tries again, and says why
                engine.dispose()
                raise
            self._ready = True

    @property
    def connected(self) -> bool:
        return self._ready

    @property
    def engine(self) -> Engine:
        self.connect()
        assert self._engine is not None
        return self._engine

    def setting_rows(self, keys: Iterable[str] | None = None) -> dict[str, str]:
        """Rows of the settings table, key -> JSON text (only `keys`, where given): through the
        engine once connected, before that with a plain read-only read (no SQLAlchemy)."""
        if not self._ready and self.path.exists():
            try:
                with readonly.reading(self.path) as connection:
                    return readonly.setting_rows(connection, keys)
            except readonly.StoreNotPlain:
                pass  # read it the usual way
        from sqlalchemy import select

        from app.store.models import Setting

        statement = select(Setting)
        if keys is not None:
            statement = statement.where(Setting.key.in_(list(keys)))
        with self.session() as s:
            return {row.key: row.value for row in s.scalars(statement)}

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None) -> Store:
        """The store in the data folder (`--data-dir`, PREPDESK_DATA_DIR, or the user data folder)."""
        return cls(database_path(data_dir))

    # -- schema -----------------------------------------------------------------------------

    def upgrade(self, revision: str = "head") -> None:
        """Bring the file to `revision` (the newest by default), keeping every row it holds.

        A file that holds an older schema is copied first (`<file>.before-<revision>`), so a
        failed or faulty upgrade can be undone by hand. The foreign-key check runs after the
        migrations, inside their transaction.
        """
        from alembic import command

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
        """The schema revision the file holds (None: a new file), read with one query."""
        with self.engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            found = raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()
            if found is None:
                return None
            row = raw.execute("SELECT version_num FROM alembic_version").fetchone()
            return str(row[0]) if row else None

    @staticmethod
    def head_revision() -> str | None:
        """The newest migration's revision, from the migration files' headers (no Alembic)."""
        return newest_revision(MIGRATIONS / "versions")

    # -- sessions ---------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; call `s.commit()` yourself if you write through it."""
        self.connect()
        assert self._sessions is not None
        with self._sessions() as s:
            yield s

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: holds the write lock from its start, commits at the end."""
        assert_on_lane(*STORE_WRITERS, what="a store transaction")
        self.connect()
        assert self._writes is not None
        with self._writes() as s, s.begin():
            s.connection()  # BEGIN IMMEDIATE now, before any read
            yield s

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


_REVISION = re.compile(r"^revision(?::[^=]*)? = [\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?::[^=]*)? = [\"']([^\"']+)[\"']", re.MULTILINE)


def newest_revision(versions: Path) -> str | None:
    """The one revision no other migration revises (the head of a straight line of them)."""
    revisions, revised = set(), set()
    for script in versions.glob("*.py"):
        text = script.read_text(encoding="utf-8")
        found = _REVISION.search(text)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(text)
        if down is not None:
            revised.add(down.group(1))
    heads = revisions - revised
    if len(heads) > 1:
        raise RuntimeError(f"the store's migrations have more than one head: {sorted(heads)}")
    return next(iter(heads), None)
