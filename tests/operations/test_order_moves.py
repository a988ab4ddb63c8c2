"""Moving orders in bulk and marking print errors, as one operation each (no Qt): the moves are
one transaction, the refusals are said order by order, and the changes name what was written.
(Moved here from the order list's and the print station's screen tests.)"""

from __future__ import annotations

import pytest

from app.domain import OrderStatus
from app.operations import bulk_move, mark_print_errors, move_orders
from app.operations.order_moves import BulkMove
from app.store.queries import load_order, unsent_count

S = OrderStatus


def _statuses(store, ids):
    with store.session() as s:
        return [load_order(s, i).status for i in ids]


def _outbox(store) -> int:
    with store.session() as s:
        return unsent_count(s)


def test_a_bulk_print_error_moves_the_ready_orders_and_refuses_the_others_with_the_reason(
    store, actions, order_in
) -> None:
    ready = [order_in(S.READY_TO_PRINT) for _ in range(3)]
    shipped = order_in(S.SHIPPED)
    with store.session() as s:
        shipped_number = load_order(s, shipped).number

    outcome = move_orders(actions, bulk_move("print_error"), [*ready, shipped], "Street number missing")

    assert _statuses(store, ready) == [S.PRINT_ERROR] * 3
    assert _statuses(store, [shipped]) == [S.SHIPPED]
    assert len(outcome.moved) == 3
    assert len(outcome.refused) == 1 and shipped_number in outcome.refused[0]
    assert outcome.changes.orders == frozenset(ready) and outcome.changes.outbox_grew
    assert _outbox(store) == 3


def test_a_move_that_needs_a_reason_is_refused_without_one(store, actions, order_in) -> None:
    ready = order_in(S.READY_TO_PRINT)
    outcome = move_orders(actions, bulk_move("print_error"), [ready], "  ")
    assert outcome.moved == [] and "needs a reason" in outcome.refused[0]
    assert _statuses(store, [ready]) == [S.READY_TO_PRINT]
    assert not outcome.changes and _outbox(store) == 0


def test_a_bulk_move_is_all_or_nothing_an_error_midway_undoes_the_orders_moved_before_it(
    store, actions, order_in
) -> None:
    """The moves are one transaction: a failure that is not a refusal (the disk, a bug) leaves
    every order as it was, and nothing waits for the server."""
    ready = [order_in(S.READY_TO_PRINT) for _ in range(3)]

    def print_error_then_fail_on_the_third(flows, order_id, reason):
        if order_id == ready[2]:
            raise OSError("disk full")
        return flows.print_error(order_id, reason)

    move = BulkMove("print_error", S.PRINT_ERROR, True, lambda: "", print_error_then_fail_on_the_third)
    with pytest.raises(OSError):
        move_orders(actions, move, ready, "Street number missing")

    assert _statuses(store, ready) == [S.READY_TO_PRINT] * 3
    assert _outbox(store) == 0


def test_mark_print_errors_moves_the_orders_to_5_3_with_the_reason(store, actions, order_in) -> None:
    first, second = order_in(S.READY_TO_PRINT), order_in(S.READY_TO_PRINT)

    outcome = mark_print_errors(actions, [first], "House number missing")

    with store.session() as s:
        order = load_order(s, first)
    assert (order.status, order.status_reason) == (S.PRINT_ERROR, "House number missing")
    assert _statuses(store, [second]) == [S.READY_TO_PRINT]
    assert outcome.refused == [] and outcome.changes.orders == {first} and outcome.changes.outbox_grew


def test_a_print_error_is_refused_in_words_for_an_order_already_shipped(store, actions, order_in) -> None:
    shipped = order_in(S.SHIPPED)
    outcome = mark_print_errors(actions, [shipped], "House number missing")
    assert outcome.moved == [] and S.SHIPPED.label in outcome.refused[0]
    assert not outcome.changes
