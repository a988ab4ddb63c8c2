"""Opening an order fetches the server's copy; when the server holds the same version the table
already stored, the store is only read: no write transaction, no commit, no fsync on the disk a
packing table's scans wait for. A version the server moved on is still written."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

from app.domain import OrderStatus
from app.domain.outbox import StatusMove
from app.store import Store, queries
from app.sync import SyncEngine


class FileWatch:
    """What another reader of the store file sees of its writes: SQLite's data version (it moves
    with every commit another connection makes) and the write-ahead log's size and time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def now(self) -> tuple[int, int, int]:
        version = int(self.reader.execute("PRAGMA data_version").fetchone()[0])
        wal = self.path.with_name(self.path.name + "-wal")
        seen = wal.stat() if wal.exists() else self.path.stat()
        return version, seen.st_size, seen.st_mtime_ns

    def close(self) -> None:
        self.reader.close()


def test_an_order_opened_again_at_the_same_version_leaves_the_store_file_untouched(
    store: Store, engine: SyncEngine, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1)
    engine.run_once()
    engine.fetch_order(order_id)  # the first open: the server's copy with its activity log, written
    watch = FileWatch(store.path)
    try:
        before = watch.now()
        for _ in range(3):
            fetched = engine.fetch_order(order_id)
        assert watch.now() == before
    finally:
        watch.close()
    assert fetched.id == order_id
    with store.session() as s:
        order = queries.load_order(s, order_id)
    assert order is not None and order.version == fetched.version
    assert "created" in {a.action for a in order.activity}  # the server's log stays as it was


def test_an_order_the_server_moved_on_is_still_written_when_opened(
    store: Store, engine: SyncEngine, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1)
    engine.run_once()
    engine.fetch_order(order_id)
    # Another table prints it: the server's version moves on, this store has not heard yet.
    engine.client.send(StatusMove(order_id, OrderStatus.PRINTED), str(uuid.uuid4()))
    watch = FileWatch(store.path)
    try:
        before = watch.now()
        fetched = engine.fetch_order(order_id)
        assert watch.now()[0] != before[0]
    finally:
        watch.close()
    with store.session() as s:
        order = queries.load_order(s, order_id)
    assert order is not None and order.status is OrderStatus.PRINTED
    assert order.version == fetched.version
    assert "status" in {a.action for a in order.activity}  # the move, in the server's log
