"""Teaching at the pick station: a code the order does not know, scanned on a known item, is
taught to its line on the spot and counted; after the syncs, a second table's picker scanning
the same code has it counted for that SKU."""

from __future__ import annotations

from collections.abc import Callable

from app.domain import OrderStatus
from app.flows import OrderActions, ScanJournal
from app.stations.pick import PickSession
from app.stations.pick_station import PickStation
from app.store import Store, queries
from app.sync import SyncEngine
from tests.sync.test_alias_story import Table

CABLE = "CABLE-USB-C"
CODE = "SUPPLIER-4471"


def station_of(store: Store, actions: OrderActions) -> PickStation:
    journal = ScanJournal(store, actions.operator, actions.workstation)
    return PickStation(store, actions, journal, aliases=queries.alias_sku)


def test_a_code_taught_at_one_table_is_counted_at_the_next_after_its_sync(
    server,
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    new_orders: Callable[..., list[str]],
    tmp_path,
) -> None:
    first, _globex, second = new_orders(3, OrderStatus.PRINTED)  # the 1st and 3rd: one seller
    engine.run_once()
    session = station_of(store, actions).open(first)
    assert isinstance(session, PickSession)
    unknown = session.scan(CODE)
    assert not unknown.verdict.accepted and unknown.view.teach_code == CODE
    cable = next(pl.position for pl in unknown.view.lines if pl.line.sku == CABLE)
    taught = session.teach(CODE, cable)
    assert taught.verdict.accepted
    assert next(pl for pl in taught.view.lines if pl.line.sku == CABLE).picked == 1
    assert engine.run_once().error is None

    table_2 = Table(server, tmp_path, "T2")
    try:
        assert table_2.engine.run_once().aliases >= 1
        other = station_of(table_2.store, table_2.actions).open(second)
        assert isinstance(other, PickSession)
        counted = other.scan(CODE.lower())  # a scanner on Caps Lock, too
        assert counted.verdict.accepted
        assert next(pl for pl in counted.view.lines if pl.line.sku == CABLE).picked == 1
    finally:
        table_2.close()


def test_teaching_needs_the_code_just_refused_and_a_line_of_the_order(
    store: Store, engine: SyncEngine, actions: OrderActions, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1, OrderStatus.PRINTED)
    engine.run_once()
    session = station_of(store, actions).open(order_id)
    assert isinstance(session, PickSession)
    assert not session.teach(CODE, 0).verdict.accepted  # nothing was refused yet
    session.scan(CODE)
    assert not session.teach(CODE, 99).verdict.accepted  # no such line
    assert not session.teach("PDC-CONFIRM", 0).verdict.accepted  # not the code refused
    assert session.view().picked == 0
