"""The pick station and the server's claims: an order another table holds does not open (or
stops), naming the table and the person; with the server away picking goes on, and the order
reaches collected on the server once it is back."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from app.api import OrderServerClient
from app.domain import OrderStatus
from app.flows import OrderActions, ScanJournal, unsent_entries
from app.stations.pick import PickSession
from app.stations.pick_station import PickStation
from app.stations.pick_view import PickEnd
from app.stations.verdict import Verdict
from app.store import Store, queries
from app.sync import SyncEngine
from server.harness import RunningServer

MUG = "4006381333931"  # the first line of every test order: 2 mugs; then one cable (FNSKU X001ABCDEF)


def station_of(store: Store, actions: OrderActions) -> PickStation:
    return PickStation(store, actions, ScanJournal(store, "ann", "T1"), aliases=queries.alias_sku)


def test_an_order_held_at_another_table_is_not_picked_here(
    server: RunningServer,
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    new_orders: Callable[..., list[str]],
) -> None:
    [order_id] = new_orders(1, OrderStatus.PRINTED)
    OrderServerClient(server.url, server.token, "T2").claim(order_id, str(uuid.uuid4()), minutes=5)
    engine.run_once()  # the pull brings the claim
    refused = station_of(store, actions).open(order_id)
    assert isinstance(refused, Verdict) and "T2" in refused.message


def test_a_claim_taken_elsewhere_mid_pick_stops_the_pick_at_the_next_scan(
    server: RunningServer,
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    new_orders: Callable[..., list[str]],
) -> None:
    [order_id] = new_orders(1, OrderStatus.PRINTED)
    engine.run_once()
    session = station_of(store, actions).open(order_id)
    assert isinstance(session, PickSession)
    session.scan(MUG)
    # Another table took the order before this one's claim reached the server.
    OrderServerClient(server.url, server.token, "T2").claim(order_id, str(uuid.uuid4()), minutes=5)
    engine.set_open_orders([order_id])
    engine.run_once()  # this table's claim is refused: the holder is written down
    stopped = session.check()
    assert stopped is not None and not stopped.verdict.accepted and "T2" in stopped.verdict.message
    assert stopped.view.end is PickEnd.STOPPED and stopped.view.picked == 1
    assert not session.scan(MUG).verdict.accepted
    assert [e.kind for e in unsent_entries(store)] == []


def test_with_the_server_away_picking_goes_on_and_collected_reaches_it_later(
    server: RunningServer,
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    client: OrderServerClient,
    new_orders: Callable[..., list[str]],
) -> None:
    [order_id] = new_orders(1, OrderStatus.PRINTED)
    engine.run_once()
    server.stop()
    session = station_of(store, actions).open(order_id)
    assert isinstance(session, PickSession)
    engine.set_open_orders([order_id])
    assert engine.run_once().error is not None  # unreachable: no claim yet
    for code in (MUG, MUG, "X001ABCDEF"):
        assert session.scan(code).verdict.accepted
    assert session.view().end is PickEnd.COLLECTED
    server.start()
    report = engine.run_once()
    assert report.error is None and report.claims_renewed == 1
    assert client.get_order(order_id).status is OrderStatus.COLLECTED
    assert unsent_entries(store) == []
