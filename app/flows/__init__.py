"""The use cases of the packing table, with no Qt: each writes the store and the outbox at once."""

from app.flows.errors import (
    AliasRefused,
    FlowRefused,
    MoveNotAllowed,
    NothingToSend,
    OrderCancelled,
    OrderUnknown,
)
from app.flows.orders import MissingItem, OrderActions, unsent_entries
from app.flows.scans import ScanJournal

__all__ = [
    "AliasRefused",
    "FlowRefused",
    "MissingItem",
    "MoveNotAllowed",
    "NothingToSend",
    "OrderActions",
    "OrderCancelled",
    "OrderUnknown",
    "ScanJournal",
    "unsent_entries",
]
