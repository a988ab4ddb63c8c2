"""Batch picking on a real store: the walk tallies the pick list, the sort puts every unit in the
slot of the order that needs it, and each order is collected when its units are all sorted."""

from __future__ import annotations

import pytest

from app.domain import Line, OrderStatus
from app.flows import OrderActions, ScanJournal, unsent_entries
from app.stations.pick_station import PickStation
from app.stations.pick_view import PickEnd
from app.store import Store, queries
from app.store.orders import write_orders
from tests.store.conftest import make_order

S = OrderStatus
MUG, CABLE, LAMP = "4006381333931", "5901234123457", "036000291452"


@pytest.fixture
def station(store: Store) -> PickStation:
    return PickStation(store, OrderActions(store, "ann", "T1"), ScanJournal(store, "ann", "T1"))


def put(store: Store, n: int, lines: list[Line]) -> str:
    order = make_order(n, S.PRINTED, lines=lines)
    with store.transaction() as s:
        write_orders(s, [order.to_dict()])
    return order.id


def two_orders(store: Store) -> tuple[str, str]:
    first = put(
        store,
        1,
        [
            Line(id="a", sku="MUG", title="Mug", quantity=1, ean=MUG, bin_location="B-02"),
            Line(id="b", sku="CABLE", title="Cable", quantity=1, ean=CABLE, bin_location="A-01"),
        ],
    )
    second = put(store, 2, [Line(id="c", sku="MUG", title="Mug", quantity=2, ean=MUG, bin_location="B-02")])
    return first, second


def status_of(store: Store, order_id: str) -> OrderStatus:
    with store.session() as s:
        order = queries.load_order(s, order_id)
    assert order is not None
    return order.status


def test_the_pick_list_sums_the_batch_in_bin_order(store: Store, station: PickStation) -> None:
    batch, refused = station.open_batch(list(two_orders(store)))
    assert refused == []
    view = batch.view()
    assert [(bl.sku, bl.bin_location, bl.needed) for bl in view.lines] == [
        ("CABLE", "A-01", 1),
        ("MUG", "B-02", 3),
    ]
    assert view.prompt() == "A-01: 1 × CABLE"
    batch.walk(CABLE)
    batch.walk(MUG)
    batch.walk(MUG)
    assert not batch.view().sorting and batch.view().prompt() == "B-02: 1 × MUG"
    last = batch.walk(MUG)
    assert last.view.sorting and last.view.prompt() == "Scan a unit to sort it"
    # The walk counted no order: every slot still waits for its units.
    assert all(slot.sorted_units == 0 for slot in last.view.slots)
    assert batch.walk(MUG).verdict.message.startswith("Slot 1")  # now units are sorted


def test_sorting_says_each_units_slot_and_collects_each_order_when_it_is_full(
    store: Store, station: PickStation
) -> None:
    first, second = two_orders(store)
    batch, _ = station.open_batch([first, second])
    batch.start_sorting()
    one = batch.sort(MUG)
    assert one.verdict.accepted and one.verdict.message.startswith("Slot 1 · order 100001")
    assert one.view.prompt() == "Slot 1 · order 100001"
    two = batch.sort(MUG)  # order 1 has its mug: the next one goes to slot 2
    assert two.verdict.message.startswith("Slot 2")
    done = batch.sort(CABLE)
    assert "collected" in done.verdict.message and status_of(store, first) is S.COLLECTED
    assert status_of(store, second) is S.PRINTED
    batch.sort(MUG)
    assert status_of(store, second) is S.COLLECTED
    assert [slot.end for slot in batch.view().slots] == [PickEnd.COLLECTED, PickEnd.COLLECTED]
    assert batch.view().prompt() == "Slot 2 · order 100002 · batch done"
    assert len(unsent_entries(store)) == 2


def test_a_unit_no_order_of_the_batch_needs_counts_nowhere(store: Store, station: PickStation) -> None:
    first, second = two_orders(store)
    batch, _ = station.open_batch([first, second])
    batch.start_sorting()
    wrong = batch.sort(LAMP)
    assert not wrong.verdict.accepted and "No order of this batch needs" in wrong.verdict.message
    assert all(slot.sorted_units == 0 for slot in wrong.view.slots)
    label = batch.sort("PDO-100002")
    assert not label.verdict.accepted and all(slot.end is PickEnd.OPEN for slot in label.view.slots)


def test_an_order_that_cannot_be_picked_stays_out_of_the_batch_with_its_reason(
    store: Store, station: PickStation
) -> None:
    first, _second = two_orders(store)
    ready = make_order(3, S.READY_TO_PRINT)
    with store.transaction() as s:
        write_orders(s, [ready.to_dict()])
    batch, refused = station.open_batch([first, ready.id])
    assert [slot.order_id for slot in batch.view().slots] == [first]
    assert len(refused) == 1 and "not printed yet" in refused[0].message


def test_a_taught_code_is_sorted_and_said_as_sorted(store: Store) -> None:
    first, second = two_orders(store)
    actions, journal = OrderActions(store, "ann", "T1"), ScanJournal(store, "ann", "T1")
    taught = PickStation(
        store, actions, journal, aliases=lambda s, seller, code: "MUG" if code == "SUPPLIER-9" else None
    )
    batch, _ = taught.open_batch([first, second])
    batch.start_sorting()
    answer = batch.sort("SUPPLIER-9")  # no line carries it; the seller taught it for MUG
    assert answer.verdict.accepted and answer.verdict.message.startswith("Slot 1")
    assert [slot.sorted_units for slot in answer.view.slots] == [1, 0]
