"""What the window needs at its first paint, read from the store file with a plain read-only
sqlite3 connection, before SQLAlchemy and the ORM are imported (issue 13: they are most of a
start): the settings (language, type size, colours, the table's name and server; the window's
place and the operators' names are remembered beside them) and the schema's revision, then the
count of changes not yet sent for the status bar (`unsent_changes`).

The bootstrap (ui/main.py) paints from this and connects the real `Store` after the paint, on a
worker. Only a store at the newest schema is painted so: a new file, or one an upgrade is due
on, is opened the usual way first (the upgrade, with its backup, before anything is written).
A damaged file raises `StoreUnreadable` and is left as it was.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from app.store import readonly
from app.store.readonly import StoreNotPlain, StoreUnreadable

__all__ = ["FirstPaint", "Schema", "StoreNotPlain", "StoreUnreadable", "read_first_paint", "unsent_changes"]


class Schema(enum.Enum):
    NEW = "new"  # no file yet, or no schema in it
    CURRENT = "current"  # the newest migration's
    BEHIND = "behind"  # older (or unknown): the store upgrades it, backup first, when opened
    NOT_PLAIN = "not plain"  # could not be read plainly (readonly.StoreNotPlain): open it the usual way


@dataclass(frozen=True)
class FirstPaint:
    schema: Schema
    settings: dict[str, str] = field(default_factory=dict)  # key -> JSON text, as stored

    @property
    def paints_before_the_store(self) -> bool:
        """Whether the window may paint from this while the `Store` is connected afterwards."""
        return self.schema is Schema.CURRENT


def read_first_paint(path: Path, newest_revision: str | None) -> FirstPaint:
    """What the store file at `path` holds for the first paint. `newest_revision`: the newest
    migration's (`Store.head_revision()`). Raises `StoreUnreadable` for a damaged file."""
    if not path.exists():
        return FirstPaint(Schema.NEW)
    try:
        with readonly.reading(path) as connection:
            held = readonly.revision(connection)
            if held is None:
                return FirstPaint(Schema.NEW)
            if held != newest_revision:
                return FirstPaint(Schema.BEHIND)
            return FirstPaint(Schema.CURRENT, readonly.setting_rows(connection))
    except StoreNotPlain:
        return FirstPaint(Schema.NOT_PLAIN)


def unsent_changes(path: Path) -> int:
    """The changes waiting for the server, for the status bar (0 where it cannot tell)."""
    if not path.exists():
        return 0
    try:
        with readonly.reading(path) as connection:
            return readonly.unsent_count(connection)
    except (StoreNotPlain, StoreUnreadable):
        return 0
