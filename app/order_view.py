"""One order as its page shows it, read in one go (store lane, no Qt): the order as the screen
shows it (the server's word with the unsent changes on top), its unread notice, and whether it
was put aside at Pack & Ship waiting for a tracking number. The page draws all of it in one frame.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain import Activity, Order, OrderStatus
from app.stations.pack_table import waiting_for_tracking
from app.store import Store
from app.store.queries import OrderNotice, load_order, order_activity, order_notice

__all__ = ["OrderNotice", "OrderView", "activity_of", "order_view"]


@dataclass(frozen=True, slots=True)
class OrderView:
    order: Order
    notice: OrderNotice | None  # a refusal or cancellation the operator has not read yet
    waits_for_tracking: bool  # collected, its parcel put aside for a tracking number


def order_view(store: Store, order_id: str) -> OrderView | None:
    """The order's view, or None when this table does not hold it. Store lane."""
    with store.session() as s:
        order = load_order(s, order_id)
        if order is None:
            return None
        notice = order_notice(s, order_id)
        waits = order.status is OrderStatus.COLLECTED and order_id in waiting_for_tracking(s)
    return OrderView(order, notice, waits)


def activity_of(store: Store, order_id: str) -> list[Activity]:
    """The order's activity log as the page shows it (this table's entries marked as such, so a
    move logged here and again by the server reads once). Store lane."""
    with store.session() as s:
        return order_activity(s, order_id)
