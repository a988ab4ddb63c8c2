"""Moving orders in bulk: the status moves the order list offers for ticked orders (the print
station's "print error" is one of them), who may make them, and the operation that makes them.
No Qt.

Each move names the flow that makes it (`app.flows.OrderActions`). A move that the order's
status does not allow is refused with the reason, order by order. The moves made are ONE
transaction (`OrderActions.together()`): all of them are written, or, on any error other than
a refusal, none.
Two moves of the table are not offered here, and say why: an order becomes printed only when the
printer confirms its label (the print station), and shipped only with its parcels (Pack & Ship).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from app.domain import OrderStatus, is_allowed
from app.flows import FlowRefused, MoveNotAllowed, OrderActions
from app.i18n import tr
from app.operations.changes import NOTHING, Changes
from app.store.queries import load_order


class OrderShown(Protocol):
    """An order as a list shows it (`OrderListRow`, `Order`): enough to say whether it may move."""

    @property
    def id(self) -> str: ...
    @property
    def number(self) -> str: ...
    @property
    def status(self) -> OrderStatus: ...


S = OrderStatus


@dataclass(frozen=True, slots=True)
class BulkMove:
    key: str
    target: OrderStatus
    needs_reason: bool
    title: Callable[[], str]
    make: Callable[[Any, str, str], object] | None  # (flows, order_id, reason); None: not here
    not_here: Callable[[], str] = lambda: ""  # why the list does not make this move

    def allowed_for(self, row: OrderShown) -> bool:
        return self.make is not None and is_allowed(row.status, self.target)

    def refusal(self, row: OrderShown) -> str:
        if self.make is None:
            return self.not_here()
        if row.status is S.CANCELLED:
            return tr("Order {number} is cancelled.", number=row.number)
        return tr(
            "Order {number} is “{status}”: it cannot go to “{target}”.",
            number=row.number,
            status=row.status.label,
            target=self.target.label,
        )


BULK_MOVES: list[BulkMove] = [
    BulkMove(
        "print_error",
        S.PRINT_ERROR,
        True,
        lambda: tr("Print error (5.3): the data is wrong…"),
        lambda flows, oid, reason: flows.print_error(oid, reason),
    ),
    BulkMove(
        "awaiting_stock",
        S.AWAITING_STOCK,
        True,
        lambda: tr("Awaiting stock (5.2): goods are missing…"),
        lambda flows, oid, reason: flows.short_pick(oid, [], note=reason),
    ),
    BulkMove(
        "void_labels",
        S.READY_TO_PRINT,
        True,
        lambda: tr("Void labels, print again (6 → 5.1)…"),
        lambda flows, oid, reason: flows.void_labels(oid, reason),
    ),
    BulkMove(
        "collected",
        S.COLLECTED,
        False,
        lambda: tr("Collected (6.4)"),
        None,
        lambda: tr("An order becomes collected only when every unit is scanned: use Pick."),
    ),
    BulkMove(
        "reopen",
        S.PRINTED,
        True,
        lambda: tr("Reopen, back to printed (6.4 → 6)…"),
        lambda flows, oid, reason: flows.reopen(oid, reason),
    ),
    BulkMove(
        "printed",
        S.PRINTED,
        False,
        lambda: tr("Printed (6)"),
        None,
        lambda: tr("An order becomes printed only when the printer confirms its label: use Print."),
    ),
    BulkMove(
        "shipped",
        S.SHIPPED,
        False,
        lambda: tr("Shipped (7.1)"),
        None,
        lambda: tr("Shipping needs each parcel's tracking number: use Pack & Ship."),
    ),
]


def bulk_move(key: str) -> BulkMove:
    return next(m for m in BULK_MOVES if m.key == key)


@dataclass(slots=True)
class BulkOutcome:
    """What a bulk move did: the orders moved, each refused one with its reason, what changed."""

    moved: list[str] = field(default_factory=list)  # order numbers
    refused: list[str] = field(default_factory=list)  # reasons, one per refused order
    changes: Changes = NOTHING


def move_orders(flows: OrderActions, move: BulkMove, order_ids: Sequence[str], reason: str) -> BulkOutcome:
    """Make `move` for every order whose status allows it, in one transaction; refuse the others
    with the reason, order by order (store worker). Each order's status is read in that
    transaction, not taken from a list that may be older."""
    outcome = BulkOutcome()
    if move.needs_reason and not reason.strip():
        outcome.refused.append(tr("Moving an order to “{target}” needs a reason.", target=move.target.label))
        return outcome
    moved_ids: list[str] = []
    # The moves' own actions: a transaction held open on the table's shared `OrderActions`
    # would be joined by a printer lane's "mark printed" meanwhile (another thread).
    unit = OrderActions(flows.store, flows.operator, flows.workstation, clock=flows.clock)
    with unit.together() as s:
        for order_id in dict.fromkeys(order_ids):
            order = load_order(s, order_id)
            if order is None:
                outcome.refused.append(tr("This order is not on this workstation."))
                continue
            if not move.allowed_for(order) or move.make is None:
                outcome.refused.append(move.refusal(order))
                continue
            try:
                move.make(unit, order.id, reason.strip())
            except (FlowRefused, MoveNotAllowed) as refusal:  # wrote nothing; the others stand
                outcome.refused.append(f"{order.number}: {refusal.message}")
            else:
                outcome.moved.append(order.number)
                moved_ids.append(order.id)
    outcome.changes = Changes.written(moved_ids)
    return outcome


def apply_bulk_move(
    flows: OrderActions, move: BulkMove, rows: Sequence[OrderShown], reason: str
) -> BulkOutcome:
    """The order list's bulk move of its ticked rows (store worker)."""
    return move_orders(flows, move, [r.id for r in rows], reason)


def mark_print_errors(flows: OrderActions, order_ids: Sequence[str], reason: str) -> BulkOutcome:
    """The data of these orders is wrong (most often the address): 5.1 -> 5.3 with the reason,
    in one transaction; the refusals in words (store worker)."""
    return move_orders(flows, bulk_move("print_error"), order_ids, reason)
