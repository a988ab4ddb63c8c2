"""What a flow says when it will not do what was asked; each carries a message for the operator."""

from __future__ import annotations

from app.domain import MoveNotAllowed
from app.i18n import tr


class FlowRefused(Exception):
    """The action was not taken; nothing was written. `message` is for the operator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OrderUnknown(FlowRefused):
    def __init__(self, order_id: str) -> None:
        super().__init__(tr("Order {order} is not on this workstation.", order=order_id))
        self.order_id = order_id


class OrderCancelled(FlowRefused):
    """The order was cancelled upstream: stop work on it and put the goods back."""

    def __init__(self, number: str) -> None:
        super().__init__(
            tr("Order {number} is cancelled. Stop work on it and put the goods back.", number=number)
        )
        self.number = number


class NothingToSend(FlowRefused):
    """The action lacks what it needs (no parcels, no services, an empty tracking number…)."""


class AliasRefused(FlowRefused):
    """A code was not taught as an alias: not a code an item can carry, no line of the order has
    the SKU, or the code already stands for another of the seller's goods."""


__all__ = [
    "AliasRefused",
    "MoveNotAllowed",
    "NothingToSend",
    "OrderCancelled",
    "OrderUnknown",
]
