"""The outbox of a table that ran the version before typed commands: its unsent changes are read,
shown and sent as they were, after the upgrade (a store the old code wrote, kept as SQL in
tests/store/data/outbox_before_commands.sql: one order printed, one to "print error" with a
reason in Cyrillic, one shipped with two parcels, services, a push retried and one dismissed,
a code taught)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain import OrderStatus
from app.domain.outbox import (
    AliasTaught,
    Parcel,
    ParcelsAdded,
    PushDismissal,
    PushRetry,
    ServiceCount,
    ServicesDone,
    StatusMove,
)
from app.store import OrderBody, OutboxEntry, Store
from app.store.orders import refresh_shown
from app.store.outbox import command_of, queue_command

OLD_STORE = Path(__file__).parent / "data" / "outbox_before_commands.sql"


@pytest.fixture
def old_store(tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "table.sqlite3"
    raw = sqlite3.connect(path)
    raw.executescript(OLD_STORE.read_text(encoding="utf-8"))
    raw.close()
    store = Store(path)
    yield store
    store.close()


def _rows(store: Store) -> list[OutboxEntry]:
    with store.session() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.id)))


def test_every_change_the_old_version_left_unsent_is_read_as_its_command(old_store: Store) -> None:
    assert [command_of(row) for row in _rows(old_store)] == [
        StatusMove("1", OrderStatus.PRINTED),
        StatusMove("2", OrderStatus.PRINT_ERROR, "Street missing — улица?"),
        ParcelsAdded(
            "3", (Parcel("1Z999AA10123456784", "ups", 900), Parcel("1Z999AA10123456795", "UPS", None))
        ),
        StatusMove("3", OrderStatus.SHIPPED),
        ServicesDone("4", (ServiceCount("POLYBAG", 2), ServiceCount("FNSKU_LABEL", 1))),
        PushRetry("4", "s-1Z999AA10123456784"),
        PushDismissal("4", "s-1Z999AA10123456795"),
        AliasTaught("5", "globex", "CABLE-USB-C", "Supplier 0042"),
    ]


def test_each_goes_to_the_server_as_the_old_version_would_have_sent_it(old_store: Store) -> None:
    for row in _rows(old_store):
        command = command_of(row)
        assert (command.path, command.body()) == (row.path, json.loads(row.body))


def test_a_command_written_today_is_stored_as_the_old_version_stored_it(old_store: Store) -> None:
    old = _rows(old_store)
    at = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    with old_store.transaction() as s:
        for row in old:
            queue_command(s, command_of(row), operator=row.operator, workstation=row.workstation, at=at)
    new = _rows(old_store)[len(old) :]
    assert [(r.order_id, r.kind, r.path, r.body, r.operator, r.workstation) for r in new] == [
        (r.order_id, r.kind, r.path, r.body, r.operator, r.workstation) for r in old
    ]
    assert len({r.idempotency_key for r in old + new}) == 2 * len(old)  # each its own key


def test_the_orders_show_the_old_changes_as_they_showed_them_before(old_store: Store) -> None:
    with old_store.session() as s:
        before = {row.order_id: json.loads(row.data) for row in s.scalars(select(OrderBody))}
    with old_store.transaction() as s:
        for order_id in before:
            refresh_shown(s, order_id)  # the server's word kept beside it, the commands laid over
    with old_store.session() as s:
        after = {row.order_id: json.loads(row.data) for row in s.scalars(select(OrderBody))}
    assert after == before
    assert after["2"]["status"] == "5.3" and after["2"]["status_reason"] == "Street missing — улица?"
    assert [p["push_state"] for p in after["4"]["shipments"]] == ["pending", "dismissed"]
    assert [x["code"] for x in after["4"]["services"]] == ["POLYBAG", "FNSKU_LABEL"]
