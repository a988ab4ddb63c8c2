"""Around the pack table: whether an order may be packed here now, which collected order comes
next, and which orders wait aside for a parcel's tracking number. Pure reads on a session the
caller owns (the store worker thread)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain import Order, OrderStatus
from app.flows import OrderCancelled
from app.i18n import tr
from app.stations.pack_draft import draft_of, orders_with_untracked_parcels
from app.store.models import OrderRow
from app.store.queries import load_order

S = OrderStatus


def why_not_packable(order: Order | None, number: str, here: str, now: datetime) -> str:
    """Why this order cannot be packed at table `here` now, or "" when it can."""
    if order is None:
        return tr("No order {number} at this workstation.", number=number)
    if order.status is S.CANCELLED:
        return OrderCancelled(order.number).message
    if order.status is S.SHIPPED:
        return tr("Order {number} is shipped already.", number=order.number)
    if order.status is not S.COLLECTED:
        return tr(
            "Order {number} is “{status}”: it is packed once every item was picked (collected).",
            number=order.number,
            status=order.status.label,
        )
    claim = order.claim
    if claim and claim.workstation and claim.workstation != here and claim.expires_at > now:
        return tr(
            "Order {number} is being worked on at {table}.", number=order.number, table=claim.workstation
        )
    return ""


def waiting_for_tracking(s: Session, besides: str = "") -> dict[str, str]:
    """Collected orders put aside with a parcel still waiting for its number: id → number."""
    waiting: dict[str, str] = {}
    for order_id in orders_with_untracked_parcels(s):
        order = load_order(s, order_id)
        if order is None or order.status is not S.COLLECTED or order_id == besides:
            continue
        if draft_of(s, order_id, order.shipping_service).first_without_tracking() is not None:
            waiting[order_id] = order.number
    return waiting


def next_to_pack(s: Session, besides: Sequence[str], here: str, now: datetime) -> tuple[str, str] | None:
    """The collected order to offer next (id, number): the earliest ship-by that no other
    table holds."""
    row = s.execute(
        select(OrderRow.id, OrderRow.number)
        .where(
            OrderRow.status == S.COLLECTED.value,
            OrderRow.id.not_in(list(besides)),
            or_(
                OrderRow.claim_workstation.in_(["", here]),
                OrderRow.claim_expires_at.is_(None),
                OrderRow.claim_expires_at < now,
            ),
        )
        .order_by(OrderRow.ship_by.is_(None), OrderRow.ship_by, OrderRow.number)
        .limit(1)
    ).first()
    return (str(row.id), str(row.number)) if row else None
