"""Order statuses and the moves between them: the one table both server and workstation obey.

Codes follow the platform numbering that prep centers already know (Ysell). Statuses 1-3 belong
to the seller alone; the server never shows them to a prep center.
"""

from __future__ import annotations

import enum

from app.i18n import tr


class OrderStatus(enum.StrEnum):
    NEW = "1"
    AWAITING_PAYMENT = "2"
    PAID_UNCHECKED = "3"
    READY_TO_PRINT = "5.1"
    AWAITING_STOCK = "5.2"
    PRINT_ERROR = "5.3"
    PRINTED = "6"
    COLLECTED = "6.4"
    SHIPPED = "7.1"
    CANCELLED = "0"

    @property
    def label(self) -> str:
        """The status in the operator's words (translated)."""
        return tr(_LABELS[self])

    @property
    def visible_to_prep_center(self) -> bool:
        return self not in SELLER_ONLY


_LABELS = {
    OrderStatus.NEW: "New",
    OrderStatus.AWAITING_PAYMENT: "Awaiting payment",
    OrderStatus.PAID_UNCHECKED: "Paid, not checked",
    OrderStatus.READY_TO_PRINT: "Ready to print",
    OrderStatus.AWAITING_STOCK: "Awaiting stock",
    OrderStatus.PRINT_ERROR: "Print error",
    OrderStatus.PRINTED: "Printed",
    OrderStatus.COLLECTED: "Collected",
    OrderStatus.SHIPPED: "Shipped",
    OrderStatus.CANCELLED: "Cancelled",
}

SELLER_ONLY = frozenset({OrderStatus.NEW, OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID_UNCHECKED})


class Actor(enum.StrEnum):
    """Who makes a move: the order server, or a workstation at a packing table."""

    SERVER = "server"
    WORKSTATION = "workstation"


S = OrderStatus

# The moves a workstation may make (DESIGN.md, "The order flow").
WORKSTATION_MOVES: frozenset[tuple[OrderStatus, OrderStatus]] = frozenset(
    {
        (S.READY_TO_PRINT, S.PRINTED),
        (S.READY_TO_PRINT, S.PRINT_ERROR),
        (S.READY_TO_PRINT, S.AWAITING_STOCK),
        (S.PRINTED, S.COLLECTED),
        (S.PRINTED, S.AWAITING_STOCK),  # short pick
        (S.PRINTED, S.READY_TO_PRINT),  # labels voided, reprint
        (S.COLLECTED, S.SHIPPED),
        (S.COLLECTED, S.PRINTED),  # reopened
    }
)

# The moves only the server makes: an order handed to the prep center, fixed upstream,
# replenished, or cancelled (from anywhere).
SERVER_MOVES: frozenset[tuple[OrderStatus, OrderStatus]] = frozenset(
    {
        (S.PAID_UNCHECKED, S.READY_TO_PRINT),
        (S.PAID_UNCHECKED, S.AWAITING_STOCK),
        (S.PAID_UNCHECKED, S.PRINT_ERROR),
        (S.AWAITING_STOCK, S.READY_TO_PRINT),
        (S.PRINT_ERROR, S.READY_TO_PRINT),
        (S.READY_TO_PRINT, S.PRINT_ERROR),
        (S.READY_TO_PRINT, S.AWAITING_STOCK),
        (S.NEW, S.AWAITING_PAYMENT),
        (S.AWAITING_PAYMENT, S.PAID_UNCHECKED),
        (S.NEW, S.PAID_UNCHECKED),
    }
    | {(s, S.CANCELLED) for s in OrderStatus if s is not S.CANCELLED}
)

# Moves that must say why (a print error names the bad data, a short pick names what is missing).
MOVES_NEEDING_REASON: frozenset[tuple[OrderStatus, OrderStatus]] = frozenset(
    {
        (S.READY_TO_PRINT, S.PRINT_ERROR),
        (S.READY_TO_PRINT, S.AWAITING_STOCK),
        (S.PRINTED, S.AWAITING_STOCK),
        (S.PRINTED, S.READY_TO_PRINT),
        (S.COLLECTED, S.PRINTED),
    }
)


class MoveNotAllowed(Exception):
    """A status move outside the table, or one that lacks its reason."""

    def __init__(self, current: OrderStatus, target: OrderStatus, message: str) -> None:
        super().__init__(message)
        self.current = current
        self.target = target
        self.message = message


def is_allowed(current: OrderStatus, target: OrderStatus, actor: Actor = Actor.WORKSTATION) -> bool:
    moves = WORKSTATION_MOVES if actor is Actor.WORKSTATION else SERVER_MOVES | WORKSTATION_MOVES
    return (current, target) in moves


def check_move(
    current: OrderStatus,
    target: OrderStatus,
    actor: Actor = Actor.WORKSTATION,
    reason: str | None = None,
) -> None:
    """Raise MoveNotAllowed unless `actor` may move an order from `current` to `target`."""
    if not is_allowed(current, target, actor):
        raise MoveNotAllowed(
            current,
            target,
            tr(
                "An order cannot go from “{current}” ({cur_code}) to “{target}” ({tgt_code}).",
                current=current.label,
                cur_code=current.value,
                target=target.label,
                tgt_code=target.value,
            ),
        )
    if (current, target) in MOVES_NEEDING_REASON and not (reason and reason.strip()):
        raise MoveNotAllowed(
            current,
            target,
            tr("Moving an order to “{target}” needs a reason.", target=target.label),
        )
