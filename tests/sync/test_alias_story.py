"""A code taught at one table is known at every table: taught at the pick station (a local alias,
an activity entry and one outbox entry), sent once by the sync, pulled by the other tables from
the server's alias feed; taught offline it works at once and is sent when the server is back;
refused by the server it is forgotten here and the picker is told."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.api import OrderServerClient, ServerFailed, ServerUnreachable, Timeouts
from app.domain import Line
from app.flows import OrderActions, unsent_entries
from app.store import ActivityRow, ProductAliasRow, Store, SyncCursor, queries
from app.sync import ALIASES_FEED, SyncEngine, SyncReport
from server.harness import RunningServer
from tests.sync.conftest import Misbehaviour

CABLE = "CABLE-USB-C"  # the second line of every test order (FNSKU X001ABCDEF)


class Table:
    """A second packing table: its own store, client and sync engine."""

    def __init__(self, server: RunningServer, folder: Path, name: str) -> None:
        self.store = Store(folder / name / "prepdesk.sqlite3")
        self.client = OrderServerClient(server.url, server.token, name, timeouts=Timeouts(connect=2, read=10))
        self.engine = SyncEngine(self.store, self.client)
        self.actions = OrderActions(self.store, "boris", name)

    def alias_sku(self, seller: str, code: str) -> str | None:
        with self.store.session() as s:
            return queries.alias_sku(s, seller, code)

    def close(self) -> None:
        self.client.close()
        self.store.close()


@pytest.fixture
def table_2(server: RunningServer, tmp_path: Path) -> Iterator[Table]:
    table = Table(server, tmp_path, "T2")
    yield table
    table.close()


def alias_sku(store: Store, seller: str, code: str) -> str | None:
    with store.session() as s:
        return queries.alias_sku(s, seller, code)


def seller_of(store: Store, order_id: str) -> str:
    with store.session() as s:
        order = queries.load_order(s, order_id)
    assert order is not None
    return order.seller


def feed_codes(client: OrderServerClient) -> list[tuple[str, str, str]]:
    return [(a.seller, a.code, a.sku) for a in client.aliases_since(None).aliases]


def test_a_code_taught_at_table_1_is_known_at_table_2_after_its_sync(
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    client: OrderServerClient,
    table_2: Table,
    new_orders: Callable[..., list[str]],
) -> None:
    [order_id] = new_orders(1)
    engine.run_once()
    seller = seller_of(store, order_id)

    actions.teach_alias(order_id, CABLE, "SUPPLIER-4471")
    assert alias_sku(store, seller, "SUPPLIER-4471") == CABLE  # at this table at once
    [entry] = unsent_entries(store)
    assert (entry.kind, entry.path, entry.order_id) == ("alias", "products/aliases", order_id)
    assert table_2.engine.run_once().aliases == 0  # not on the server yet
    assert table_2.alias_sku(seller, "SUPPLIER-4471") is None

    report = engine.run_once()
    assert report.error is None and report.pushed == 1 and report.refused == []
    assert unsent_entries(store) == []
    assert feed_codes(client) == [(seller, "SUPPLIER-4471", CABLE)]
    assert [(p.sku, p.seller) for p in client.products("SUPPLIER-4471")] == [(CABLE, seller)]

    report = table_2.engine.run_once()
    assert report.error is None and report.aliases == 1
    assert table_2.alias_sku(seller, "SUPPLIER-4471") == CABLE
    assert table_2.alias_sku(seller, "supplier-4471") == CABLE  # a scanner on Caps Lock
    assert table_2.alias_sku("someone else", "SUPPLIER-4471") is None  # per seller

    with table_2.store.session() as s:
        cursor = s.scalar(select(SyncCursor.cursor).where(SyncCursor.name == ALIASES_FEED))
    assert table_2.engine.run_once().aliases == 0  # nothing changed: nothing pulled or written
    with table_2.store.session() as s:
        assert s.scalar(select(SyncCursor.cursor).where(SyncCursor.name == ALIASES_FEED)) == cursor


def test_a_code_taught_offline_works_at_once_and_is_sent_once_when_the_server_is_back(
    server: RunningServer,
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    client: OrderServerClient,
    table_2: Table,
    new_orders: Callable[..., list[str]],
) -> None:
    [order_id] = new_orders(1)
    engine.run_once()
    seller = seller_of(store, order_id)
    server.stop()

    actions.teach_alias(order_id, CABLE, "CARTON 12")
    actions.teach_alias(order_id, CABLE, "CARTON 12")  # scanned and taught again: nothing more to send
    assert alias_sku(store, seller, "CARTON 12") == CABLE
    for _ in range(3):
        assert isinstance(engine.run_once().error, ServerUnreachable)
    [entry] = unsent_entries(store)
    assert entry.attempts == 3
    assert alias_sku(store, seller, "CARTON 12") == CABLE  # still, while the server is away
    with store.session() as s:
        taught = s.scalars(select(ActivityRow).where(ActivityRow.action == "alias")).all()
    assert [(a.order_id, a.operator, a.workstation) for a in taught] == [(order_id, "ann", "T1")]

    server.start()
    report = engine.run_once()
    assert report.error is None and report.pushed == 1
    assert engine.run_once().pushed == 0
    assert unsent_entries(store) == []
    assert feed_codes(client) == [(seller, "CARTON 12", CABLE)]
    assert table_2.engine.run_once().aliases == 1
    assert table_2.alias_sku(seller, "CARTON 12") == CABLE


def test_a_teaching_the_server_refuses_is_forgotten_here_and_leaves_a_notice(
    server: RunningServer,
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    table_2: Table,
    new_orders: Callable[..., list[str]],
) -> None:
    [order_id] = new_orders(1)
    engine.run_once()
    table_2.engine.run_once()
    seller = seller_of(store, order_id)
    [mug] = {line.sku for line in _lines(store, order_id)} - {CABLE}
    server.stop()
    actions.teach_alias(order_id, mug, "BOX-77")  # offline at table 1: the code for the mug
    server.start()
    table_2.actions.teach_alias(order_id, CABLE, "BOX-77")  # meanwhile at table 2: for the cable
    assert table_2.engine.run_once().pushed == 1

    report = engine.run_once()
    assert report.error is None and report.pushed == 0
    [notice_text] = report.refused
    assert "BOX-77" in notice_text and CABLE in notice_text
    assert unsent_entries(store) == []
    assert alias_sku(store, seller, "BOX-77") == CABLE  # the server's word, pulled in the same pass
    with store.session() as s:
        notice = queries.order_notice(s, order_id)
        refused = s.scalars(select(ActivityRow).where(ActivityRow.action == "refused")).all()
    assert notice is not None and notice.refused_code == "code_taken"
    assert notice.refused_reason == notice_text
    assert [a.order_id for a in refused] == [order_id]


def test_a_code_the_server_knows_as_another_items_is_refused_and_forgotten_here(
    server: RunningServer,
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    new_orders: Callable[..., list[str]],
) -> None:
    [order_id] = new_orders(1)
    engine.run_once()
    seller = seller_of(store, order_id)
    # another order of the seller brings a lamp whose EAN this table has never seen
    lamp = {"sku": "LAMP-9", "title": "Desk lamp", "quantity": 1, "ean": "5012345678900"}
    server.admin("orders", {"prep_center": "A", "seller": seller, "lines": [lamp]})

    actions.teach_alias(order_id, CABLE, "5012345678900")  # this table cannot tell
    assert alias_sku(store, seller, "5012345678900") == CABLE
    report = engine.run_once()
    [notice_text] = report.refused
    assert "LAMP-9" in notice_text  # the server's words name the SKU that has the code
    assert alias_sku(store, seller, "5012345678900") is None
    assert unsent_entries(store) == []
    with store.session() as s:
        notice = queries.order_notice(s, order_id)
    assert notice is not None and notice.refused_code == "code_taken"


def _lines(store: Store, order_id: str) -> list[Line]:
    with store.session() as s:
        order = queries.load_order(s, order_id)
    assert order is not None
    return list(order.lines)


@pytest.mark.parametrize(
    "body",
    [
        b'{"aliases": "SUPPLIER-1", "cursor": "1", "has_more": false}',
        b'{"aliases": [{"code": "SUPPLIER-1"}], "cursor": "1", "has_more": false}',
        b'{"aliases": [{"seller": "a", "code": "C", "sku": "S", "at": "yesterday"}], "cursor": "1", "has_more": false}',
        b'{"cursor": "1"}',
        b"[]",
    ],
)
def test_a_garbled_alias_feed_changes_nothing_in_the_store(
    store: Store, bad_server: tuple[str, Misbehaviour], body: bytes
) -> None:
    url, mood = bad_server
    mood.status, mood.body = 200, body
    client = OrderServerClient(url, "token", "T1", timeouts=Timeouts(connect=1, read=5), get_retries=0)
    try:
        with pytest.raises(ServerFailed):
            SyncEngine(store, client).pull_aliases(SyncReport())
    finally:
        client.close()
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(ProductAliasRow)) == 0
        assert s.scalar(select(SyncCursor.cursor).where(SyncCursor.name == ALIASES_FEED)) is None


def test_a_platform_without_an_alias_feed_leaves_the_pass_whole(
    store: Store, bad_server: tuple[str, Misbehaviour]
) -> None:
    url, mood = bad_server
    mood.status, mood.body = 404, b'{"error": "not_found", "message": "No such resource."}'
    client = OrderServerClient(url, "token", "T1", timeouts=Timeouts(connect=1, read=5), get_retries=0)
    try:
        report = SyncReport()
        SyncEngine(store, client).pull_aliases(report)
    finally:
        client.close()
    assert report.aliases == 0 and report.error is None
