"""Issue 14, point 3: an order joins the print batch only if it may print; a collected (or any
not printable) order is refused as it is added, with the reason, not later at printing."""

from __future__ import annotations

from app.domain import OrderStatus
from app.print_station import admit_number
from app.store.queries import load_order

S = OrderStatus


def test_a_collected_order_is_refused_when_added_to_the_batch_with_the_reason(
    station, store, order_in
) -> None:
    collected, ready = order_in(S.COLLECTED), order_in(S.READY_TO_PRINT)
    with store.session() as s:
        number = load_order(s, collected).number

    admission = station.admit([collected, ready])

    assert [row.id for row in admission.rows] == [ready]
    assert len(admission.refused) == 1
    assert number in admission.refused[0] and S.COLLECTED.label in admission.refused[0]


def test_every_status_but_ready_to_print_is_refused_and_a_printed_order_joins_only_as_a_reprint(
    station, order_in
) -> None:
    for status in S:
        if status is S.READY_TO_PRINT:
            continue
        order_id = order_in(status)
        assert station.admit([order_id]).rows == [], status
        assert station.admit([order_id]).refused, status
    printed = order_in(S.PRINTED)
    assert "reprint it with a reason" in station.admit([printed]).refused[0]
    assert [r.id for r in station.admit([printed], reprint_reason="Label torn").rows] == [printed]


def test_a_scanned_order_label_joins_by_its_number_and_an_unknown_number_is_refused(
    station, store, order_in
) -> None:
    ready, packed = order_in(S.READY_TO_PRINT), order_in(S.COLLECTED)
    with store.session() as s:
        ready_number, packed_number = load_order(s, ready).number, load_order(s, packed).number

    assert [r.id for r in admit_number(store, ready_number).rows] == [ready]
    refused = admit_number(store, packed_number)
    assert refused.rows == [] and packed_number in refused.refused[0]
    unknown = admit_number(store, "999999")
    assert unknown.rows == [] and "999999" in unknown.refused[0]
