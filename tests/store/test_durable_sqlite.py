"""The workstation's store and the order server open SQLite the same durable way (one set-up,
app/domain/durable_sqlite.py): WAL, synchronous=FULL, and a write transaction that holds the
write lock from its first statement, a read included, so a second writer waits instead of failing halfway."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.store import Store
from server.db import Database

Opened = tuple[
    Path, Callable[[], AbstractContextManager[Session]], Callable[[], AbstractContextManager[Session]]
]


@pytest.fixture(params=["workstation store", "order server"])
def opened(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opened]:
    """(file, read transaction, write transaction) of the store or of the server's database."""
    path = tmp_path / "data.sqlite3"
    if request.param == "workstation store":
        store = Store(path)
        yield path, store.session, store.transaction
        store.close()
    else:
        db = Database(f"sqlite:///{path}")
        db.migrate()
        yield path, db.read, db.write
        db.dispose()


def test_both_files_are_in_wal_mode_with_every_commit_synced(opened: Opened) -> None:
    _, read, _ = opened
    with read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL: survives a power cut
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_write_transaction_holds_the_write_lock_from_its_first_read(opened: Opened) -> None:
    path, read, write = opened
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with write() as s, pytest.raises(sqlite3.OperationalError, match="locked"):
            s.execute(text("SELECT 1"))  # only a read so far: BEGIN IMMEDIATE took the lock anyway
            other.execute("BEGIN IMMEDIATE")
        with read() as s:  # a read transaction takes no write lock
            s.execute(text("SELECT 1"))
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()
