"""The sync worker's story: an outage holds the table's changes and delivers each exactly once, in
order; the server's word wins, and a refusal or a cancellation is told to the operator."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, update

from app.api import OrderServerClient, Refused, ServerUnreachable
from app.domain import OrderStatus, Service, Shipment, utcnow
from app.flows import OrderActions, OrderCancelled, unsent_entries
from app.store import Store, queries
from app.sync import SyncEngine, SyncReport
from server.harness import RunningServer
from server.models import OrderRow as ServerOrderRow
from tests.stations.picking import pick_every_unit
from tests.sync.conftest import status_moves


def test_two_hundred_actions_during_an_outage_reach_the_server_once_each_in_order(
    server: RunningServer,
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    client: OrderServerClient,
    new_orders: Callable[..., list[str]],
) -> None:
    ids = new_orders(40)
    assert engine.run_once().pulled == 40
    server.stop()
    for order_id in ids:  # five actions an order: print, collect, reopen, collect, ship (parcel + 7.1)
        actions.mark_printed(order_id)
        pick_every_unit(actions, order_id)
        actions.reopen(order_id, "A mug was chipped")
        pick_every_unit(actions, order_id)
        actions.shipped(order_id, [Shipment(f"1Z999AA1{int(order_id[:8], 16) % 10**10:010d}", "ups", 700)])
    assert len(unsent_entries(store)) == 40 * 6

    delays = []
    for _ in range(8):  # the worker keeps trying, backing off 1 s doubling to 60 s
        report = engine.run_once()
        assert isinstance(report.error, ServerUnreachable)
        delays.append(engine.next_delay(report, 5.0))
    assert delays == [1, 2, 4, 8, 16, 32, 60, 60]
    assert len(unsent_entries(store)) == 40 * 6

    server.start()
    report = engine.run_once()
    assert report.error is None and report.pushed == 240 and report.refused == []
    assert report.changed == set(ids)  # what the screens must redraw
    assert unsent_entries(store) == []
    for order_id in ids:
        assert status_moves(client, order_id) == ["5.1 → 6", "6 → 6.4", "6.4 → 6", "6 → 6.4", "6.4 → 7.1"]
        on_server = client.get_order(order_id)
        assert on_server.status is OrderStatus.SHIPPED and len(on_server.shipments) == 1
    with store.session() as s:
        counts = queries.counts_by_status(s)
        assert counts.by_status[OrderStatus.SHIPPED] == 40 and counts.unsent_changes == 0
        assert not queries.list_orders(s).rows[0].unsent_changes


def test_a_move_refused_because_another_table_holds_the_order_is_undone_and_names_the_holder(
    server: RunningServer,
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    new_orders: Callable[..., list[str]],
) -> None:
    [order_id] = new_orders(1)
    engine.run_once()
    OrderServerClient(server.url, server.token, "T2").claim(order_id, str(uuid.uuid4()))
    assert actions.mark_printed(order_id).status is OrderStatus.PRINTED  # on screen at once
    report = engine.run_once()
    assert len(report.refused) == 1 and "T2" in report.refused[0]
    with store.session() as s:
        order = queries.load_order(s, order_id)
        notice = queries.order_notice(s, order_id)
        row = queries.list_orders(s).rows[0]
    assert order is not None and order.status is OrderStatus.READY_TO_PRINT  # the server's word
    assert notice is not None and "T2" in notice.text and row.notice == notice.text
    assert row.claim_workstation == "T2"
    actions.acknowledge_notice(order_id)
    with store.session() as s:
        assert queries.order_notice(s, order_id) is None


def test_an_order_cancelled_on_the_server_is_flagged_and_flows_stop_on_it(
    server: RunningServer,
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    new_orders: Callable[..., list[str]],
) -> None:
    [order_id, other] = new_orders(2)
    engine.run_once()
    actions.mark_printed(order_id)
    engine.run_once()
    server.admin(f"orders/{order_id}/status", {"status": "0", "reason": "Buyer cancelled"})
    report = engine.run_once()
    assert len(report.cancelled) == 1
    with store.session() as s:
        notice = queries.order_notice(s, order_id)
        assert notice is not None and "cancelled" in notice.text and "Buyer cancelled" in notice.text
        assert queries.counts_by_status(s).notices == 1
        assert queries.order_notice(s, other) is None
    with pytest.raises(OrderCancelled):
        actions.collected(order_id)


def test_an_unsent_change_stays_on_screen_while_the_server_changes_the_order_underneath(
    server: RunningServer,
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    client: OrderServerClient,
    new_orders: Callable[..., list[str]],
) -> None:
    [order_id] = new_orders(1, OrderStatus.PRINTED)
    engine.run_once()
    actions.record_services(order_id, [Service("POLYBAG", 2)])
    pick_every_unit(actions, order_id)
    # The server changes the order meanwhile (another table's claim), then the pull comes first.
    OrderServerClient(server.url, server.token, "T2").claim(order_id, str(uuid.uuid4()), minutes=1)
    OrderServerClient(server.url, server.token, "T2").release(order_id, str(uuid.uuid4()))
    engine.pull(SyncReport())
    with store.session() as s:
        shown = queries.load_order(s, order_id)
    assert shown is not None and shown.status is OrderStatus.COLLECTED
    assert [x.code for x in shown.services] == ["POLYBAG"]
    engine.run_once()
    assert client.get_order(order_id).status is OrderStatus.COLLECTED
    with store.session() as s:
        shown = queries.load_order(s, order_id)
    assert shown is not None and [(x.code, x.name != "") for x in shown.services] == [("POLYBAG", True)]
    assert shown.services[0].unit_price is not None  # priced by the server


def test_claims_of_open_orders_are_renewed_by_the_sync_worker(
    engine: SyncEngine, store: Store, client: OrderServerClient, new_orders: Callable[..., list[str]]
) -> None:
    [order_id, closed] = new_orders(2)
    engine.run_once()
    engine.set_open_orders([order_id])
    report = engine.run_once()
    assert report.claims_renewed == 1
    claim = client.get_order(order_id).claim
    assert claim is not None and claim.workstation == "T1"
    assert client.get_order(closed).claim is None
    assert engine.run_once().claims_renewed == 0  # not again until renew_every_s has passed


def test_an_open_order_another_table_holds_gets_a_notice_naming_the_holder(
    server: RunningServer, store: Store, engine: SyncEngine, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1)
    engine.run_once()
    OrderServerClient(server.url, server.token, "T2").claim(order_id, str(uuid.uuid4()))
    engine.set_open_orders([order_id])
    report = engine.run_once()
    assert report.claims_renewed == 0 and len(report.refused) == 1
    with store.session() as s:
        notice = queries.order_notice(s, order_id)
    assert notice is not None and "T2" in notice.text


def test_an_order_no_longer_open_is_given_back_so_another_table_takes_it_at_once(
    server: RunningServer, store: Store, engine: SyncEngine, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1)
    engine.run_once()
    engine.set_open_orders([order_id])
    assert engine.run_once().claims_renewed == 1
    other_table = OrderServerClient(server.url, server.token, "T2")
    with pytest.raises(Refused):
        other_table.claim(order_id, str(uuid.uuid4()))  # held by T1 for its lease

    engine.set_open_orders([])  # the packer went back to the list
    report = engine.run_once()
    assert report.claims_released == 1 and report.error is None
    assert other_table.claim(order_id, str(uuid.uuid4())).workstation == "T2"
    actions = [a.action for a in other_table.get_order(order_id).activity]
    assert "release" in actions
    with store.session() as s:
        [row] = [r for r in queries.list_orders(s, queries.OrderFilter(), limit=50).rows if r.id == order_id]
    assert row.claim_workstation == ""  # the list no longer shows it held here
    assert engine.run_once().claims_released == 0  # given back once, not again and again


def test_a_claim_taken_over_meanwhile_is_not_given_back_and_the_holder_keeps_it(
    server: RunningServer, engine: SyncEngine, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1)
    engine.run_once()
    engine.set_open_orders([order_id])
    engine.run_once()
    # Table 1 is away past its lease; table 9 takes the order over.
    database = create_engine(server.db_url)
    with database.begin() as connection:
        connection.execute(
            update(ServerOrderRow)
            .where(ServerOrderRow.id == order_id)
            .values(claim_expires_at=utcnow() - timedelta(seconds=1))
        )
    database.dispose()
    OrderServerClient(server.url, server.token, "T9").claim(order_id, str(uuid.uuid4()))
    engine.set_open_orders([])
    report = engine.run_once()
    assert report.error is None and report.claims_released == 0
    claim = OrderServerClient(server.url, server.token, "T2").get_order(order_id).claim
    assert claim is not None and claim.workstation == "T9"
    assert engine.held_claims == frozenset()


def test_a_cancellation_first_heard_of_when_the_order_is_opened_is_announced_all_the_same(
    server: RunningServer, store: Store, engine: SyncEngine, new_orders: Callable[..., list[str]]
) -> None:
    """The order detail fetches the order whole as it opens; when that fetch is the first to
    bring a cancellation, the notice is written as a pull writes it (once), so the operator is
    told to stop work on it."""
    [order_id] = new_orders(1)
    engine.run_once()
    server.admin(f"orders/{order_id}/status", {"status": "0", "reason": "buyer cancelled"})

    engine.fetch_order(order_id)

    with store.session() as s:
        notice = queries.order_notice(s, order_id)
        shown = queries.load_order(s, order_id)
    assert notice is not None and "cancelled" in notice.text and "buyer cancelled" in notice.text
    assert shown is not None and shown.status is OrderStatus.CANCELLED
    report = engine.run_once()
    assert report.cancelled == []  # the pull finds it already known: not announced twice
    with store.session() as s:
        assert [a.action for a in queries.load_order(s, order_id).activity].count("cancelled") == 1
