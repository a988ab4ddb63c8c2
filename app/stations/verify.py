"""Where the goods are verified by scan (the setting `stations.verify_at`): at the pick station
(the default), at packing (the pack station hands a printed order to the pick session first), or
at both (a collected order is checked again at packing, unit by unit, by the same rules, with no
status move: journal station `pack-check`, ended by "checked"). Store lane (a read)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import Order, OrderStatus
from app.stations.pick import CHECK_STATION, STATION
from app.store import ScanRow

AT_PICK, AT_PACK, AT_BOTH = "pick", "pack", "both"


def _last(s: Session, order_id: str, station: str, verdict: str) -> int:
    found = s.scalar(
        select(func.max(ScanRow.id)).where(
            ScanRow.order_id == order_id, ScanRow.station == station, ScanRow.verdict == verdict
        )
    )
    return int(found or 0)


def checked_since_collected(s: Session, order_id: str) -> bool:
    """Whether this table checked every unit at packing since the order was last collected here
    (an order collected at another table counts as collected before any check)."""
    checked = _last(s, order_id, CHECK_STATION, "checked")
    return checked > 0 and checked > _last(s, order_id, STATION, "collected")


def needs_verifying(s: Session, order: Order, verify_at: str) -> bool:
    """Whether the pack station must hand this order to the pick session before packing it."""
    if verify_at == AT_PACK:
        return order.status is OrderStatus.PRINTED
    if verify_at == AT_BOTH:
        return order.status is OrderStatus.COLLECTED and not checked_since_collected(s, order.id)
    return False
