"""Plain reads of the store file with the standard library's sqlite3, read-only (`mode=ro`): what
the window needs at its first paint (app/first_paint.py) and what a `Store` not yet connected is
asked meanwhile (its settings rows), before SQLAlchemy is imported at all.

Read-only means nothing here can change the file: no schema made, no journal replayed into it,
no write lock taken. A store another process holds is read beside it (WAL: readers never wait on
the writer). A file that is not an SQLite database, or a damaged one, raises `StoreUnreadable`
with the words a person reads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.i18n import tr

# As long as a writer's checkpoint may hold the file (the store's own writers wait 30 s).
WAIT_S = 5.0


class StoreUnreadable(Exception):
    """The store file cannot be read: damaged, not a database, or not ours. Nothing was changed."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        self.message = tr(
            "The workstation's data file {path} cannot be read ({reason}); nothing was changed in "
            "it. Ask whoever looks after the tables to put back a copy (one is kept beside it "
            "before each upgrade, named *.before-<revision>).",
            path=str(path),
            reason=reason,
        )
        super().__init__(self.message)


class StoreNotPlain(Exception):
    """The file could not be read plainly for a reason that opening it properly may mend (a
    write-ahead log left without its index by a crash, a folder this user may not write):
    the caller opens the store the usual way instead."""


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection on the store file at `path` (which must exist), closed after."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=WAIT_S)
    except sqlite3.OperationalError as error:
        raise StoreNotPlain(str(error)) from error
    try:
        yield connection
    except sqlite3.OperationalError as error:  # locked past the wait, or cannot open its WAL index
        raise StoreNotPlain(str(error)) from error
    except sqlite3.DatabaseError as error:  # "file is not a database", "disk image is malformed"
        raise StoreUnreadable(path, str(error)) from error
    finally:
        connection.close()


def revision(connection: sqlite3.Connection) -> str | None:
    """The schema revision the file holds (None: no schema yet)."""
    found = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if found is None:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def setting_rows(connection: sqlite3.Connection, keys: Iterable[str] | None = None) -> dict[str, str]:
    """Rows of the `settings` table, key -> its JSON text (only `keys`, where given)."""
    if keys is None:
        rows = connection.execute("SELECT key, value FROM settings").fetchall()
    else:
        wanted = list(keys)
        marks = ",".join("?" * len(wanted))
        rows = connection.execute(
            f"SELECT key, value FROM settings WHERE key IN ({marks})", wanted
        ).fetchall()
    return {str(key): str(value) for key, value in rows}


def unsent_count(connection: sqlite3.Connection) -> int:
    """How many changes wait in the outbox for the server (app.store.queries.unsent_count)."""
    return int(connection.execute("SELECT count(*) FROM outbox").fetchone()[0])
