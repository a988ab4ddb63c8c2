"""The operator's actions: a move outside the table is refused before anything is written; an
allowed one changes the order on screen and queues exactly what the server must hear, in order."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from app.domain import OrderStatus, Service, Shipment
from app.domain.status import WORKSTATION_MOVES
from app.flows import (
    MissingItem,
    MoveNotAllowed,
    NothingToSend,
    OrderActions,
    OrderCancelled,
    ScanJournal,
    unsent_entries,
)
from app.store import ScanRow, Store, queries
from tests.stations.picking import pick_every_unit

S = OrderStatus
VISIBLE = [s for s in OrderStatus if s.visible_to_prep_center]

# Each action with the status it moves to.
ACTIONS: dict[str, tuple[OrderStatus, Callable[[OrderActions, str], object]]] = {
    "mark printed": (S.PRINTED, lambda a, o: a.mark_printed(o)),  # from 5.1 only, not a reopen
    "print error": (S.PRINT_ERROR, lambda a, o: a.print_error(o, "Street number missing")),
    "short pick": (S.AWAITING_STOCK, lambda a, o: a.short_pick(o, [MissingItem("SKU-1", 2)])),
    "void labels": (S.READY_TO_PRINT, lambda a, o: a.void_labels(o, "Label smudged")),
    "collected": (S.COLLECTED, pick_every_unit),
    "reopen": (S.PRINTED, lambda a, o: a.reopen(o, "Wrong mug colour packed")),
    "shipped": (S.SHIPPED, lambda a, o: a.shipped(o, [Shipment("1Z999AA10123456784", "ups", 800)])),
}

# Actions that reach a status the table allows from several places start from one only:
# 5.1 -> 6 is printing, 6.4 -> 6 is a reopen (with its reason), 6 -> 5.1 is a void.
ONLY_FROM = {"mark printed": S.READY_TO_PRINT, "reopen": S.COLLECTED, "void labels": S.PRINTED}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("status", [s for s in VISIBLE if s is not S.CANCELLED])
def test_every_move_outside_the_table_is_refused_and_writes_nothing(
    store: Store,
    actions: OrderActions,
    order_in: Callable[[OrderStatus], str],
    action: str,
    status: OrderStatus,
) -> None:
    target, act = ACTIONS[action]
    order_id = order_in(status)
    starts = ONLY_FROM.get(action)
    if (status, target) in WORKSTATION_MOVES and (starts is None or status is starts):
        shown = act(actions, order_id)
        assert getattr(shown, "status", None) is target
        assert unsent_entries(store)
    else:
        with pytest.raises(MoveNotAllowed):
            act(actions, order_id)
        assert unsent_entries(store) == []
        with store.session() as s:
            order = queries.load_order(s, order_id)
            assert order is not None and order.status is status and order.activity == []


@pytest.mark.parametrize("action", ACTIONS)
def test_any_action_on_a_cancelled_order_says_so_plainly(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str], action: str
) -> None:
    order_id = order_in(S.CANCELLED)
    with pytest.raises(OrderCancelled, match="cancelled"):
        ACTIONS[action][1](actions, order_id)
    with pytest.raises(OrderCancelled):
        actions.record_services(order_id, [Service("POLYBAG", 1)])
    assert unsent_entries(store) == []


def test_a_move_that_needs_a_reason_is_refused_without_one(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str]
) -> None:
    order_id = order_in(S.READY_TO_PRINT)
    with pytest.raises(MoveNotAllowed, match="reason"):
        actions.print_error(order_id, "   ")
    with pytest.raises(MoveNotAllowed, match="reason"):
        actions.short_pick(order_id, [])
    assert unsent_entries(store) == []


def test_shipping_queues_the_parcels_first_then_the_move_to_shipped(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str]
) -> None:
    order_id = order_in(S.COLLECTED)
    shown = actions.shipped(
        order_id, [Shipment("1Z999AA10123456784", "ups", 900), Shipment("1Z999AA10123456795", "ups", 700)]
    )
    assert shown.status is S.SHIPPED
    assert [p.tracking_number for p in shown.shipments] == ["1Z999AA10123456784", "1Z999AA10123456795"]
    entries = unsent_entries(store)
    assert [e.kind for e in entries] == ["shipments", "status"]
    assert json.loads(entries[1].body) == {"status": "7.1"}
    assert len({e.idempotency_key for e in entries}) == 2
    assert all(e.operator == "ann" and e.workstation == "T1" for e in entries)
    with pytest.raises(NothingToSend):
        actions.shipped(order_in(S.COLLECTED), [Shipment("  ")])


def test_a_short_pick_names_what_is_missing_and_the_log_says_who_did_it(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str]
) -> None:
    order_id = order_in(S.PRINTED)
    actions.operator = "bob"  # another operator signed in at the table
    shown = actions.short_pick(order_id, [MissingItem("SKU-3", 2), MissingItem("CABLE-USB-C", 1)])
    assert shown.status is S.AWAITING_STOCK
    assert "SKU-3" in shown.status_reason and "CABLE-USB-C" in shown.status_reason
    assert json.loads(unsent_entries(store)[0].body)["reason"] == shown.status_reason
    assert [(a.action, a.operator, a.workstation) for a in shown.activity] == [("status", "bob", "T1")]


def test_services_recorded_show_on_the_order_before_the_server_prices_them(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str]
) -> None:
    order_id = order_in(S.PRINTED)
    shown = actions.record_services(order_id, [Service("FNSKU_LABEL", 3), Service("POLYBAG", 1)])
    assert [(x.code, x.quantity) for x in shown.services] == [("FNSKU_LABEL", 3), ("POLYBAG", 1)]
    with store.session() as s:
        assert queries.list_orders(s).rows[0].unsent_changes


def test_a_scan_is_in_the_journal_before_the_screen_says_accepted(store: Store) -> None:
    journal = ScanJournal(store, "ann", "T1")
    number = journal.journal_scan("PDO-100001", "order", "1", "accepted")
    other = Store(store.path)  # another connection, as after a crash and restart
    with other.session() as s:
        row = s.get(ScanRow, number)
        assert row is not None
        assert (row.raw, row.meaning_kind, row.order_id, row.verdict, row.operator) == (
            "PDO-100001",
            "order",
            "1",
            "accepted",
            "ann",
        )
    other.close()


def test_a_bulk_move_in_one_transaction_keeps_the_good_ones_and_names_the_refused(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str]
) -> None:
    ready = [order_in(S.READY_TO_PRINT) for _ in range(3)]
    shipped = order_in(S.SHIPPED)
    refused = []
    with actions.together():
        for order_id in [*ready, shipped]:
            try:
                actions.mark_printed(order_id)
            except MoveNotAllowed as no:
                refused.append((order_id, no.message))
    assert [oid for oid, _ in refused] == [shipped]
    assert len(unsent_entries(store)) == 3
    with store.session() as s:
        assert all(queries.load_order(s, oid).status is S.PRINTED for oid in ready)  # type: ignore[union-attr]


def test_a_bulk_move_that_breaks_midway_undoes_every_action_of_the_block(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str]
) -> None:
    ready = [order_in(S.READY_TO_PRINT) for _ in range(2)]
    with pytest.raises(RuntimeError), actions.together():
        actions.mark_printed(ready[0])
        raise RuntimeError("the store worker was told to stop")
    assert unsent_entries(store) == []
    with store.session() as s:
        assert queries.load_order(s, ready[0]).status is S.READY_TO_PRINT  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("act", "words"),
    [
        (lambda a, o: a.print_error(o, "\u200b\u200b"), "reason"),  # only zero-width characters
        (lambda a, o: a.print_error(o, "Street\x07 missing"), "control"),
        (lambda a, o: a.void_labels(o, "x" * 5000), "reason"),
    ],
)
def test_a_reason_the_server_would_refuse_is_refused_here_and_writes_nothing(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str], act, words: str
) -> None:
    order_id = order_in(S.READY_TO_PRINT)
    with pytest.raises((NothingToSend, MoveNotAllowed), match=f"(?i){words}"):
        act(actions, order_id)
    assert unsent_entries(store) == []


@pytest.mark.parametrize(
    ("parcel", "words"),
    [
        (Shipment("1Z999AA1\r\n0123456784", "ups", 800), "control"),
        (Shipment("1Z999AA1012345678Ж", "ups", 800), "letters"),
        (Shipment("1Z999AA10123456784", "ups", -5), "weight"),
        (Shipment("1Z999AA10123456784", "ups\x00", 800), "control"),
    ],
)
def test_a_parcel_the_server_would_refuse_is_refused_here_and_writes_nothing(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str], parcel: Shipment, words: str
) -> None:
    order_id = order_in(S.COLLECTED)
    with pytest.raises(NothingToSend, match=f"(?i){words}"):
        actions.shipped(order_id, [parcel])
    assert unsent_entries(store) == []


def test_a_tracking_number_is_kept_as_the_server_keeps_it(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str]
) -> None:
    shown = actions.shipped(order_in(S.COLLECTED), [Shipment(" 1z999aa1 0123456784 ", "ups", 800)])
    assert [p.tracking_number for p in shown.shipments] == ["1Z999AA10123456784"]


@pytest.mark.parametrize("code", ["\u200b", "POLY\nBAG", "X" * 41])
def test_a_service_code_the_server_would_refuse_is_refused_here(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str], code: str
) -> None:
    with pytest.raises(NothingToSend):
        actions.record_services(order_in(S.COLLECTED), [Service(code, 1)])
    assert unsent_entries(store) == []
