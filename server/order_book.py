"""The server's orders as a prep center sees them: look one up, record a change, build the wire form.

A prep center sees only its own orders, and never one in statuses 1-3: anything else is
"not found", so nothing leaks about other prep centers' orders.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import (
    Activity,
    Claim,
    Line,
    Order,
    OrderStatus,
    PushState,
    Recipient,
    Service,
    ServiceAsked,
    Shipment,
    utcnow,
)
from app.domain.status import SELLER_ONLY
from server.calls import Caller
from server.db import Database
from server.errors import not_found
from server.models import ActivityRow, LineRow, OrderRow, ServiceAskedRow, ServiceRow, ShipmentRow

VISIBLE_STATUSES = tuple(s.value for s in OrderStatus if s not in SELLER_ONLY)


def visible_order(session: Session, who: Caller, order_id: str, *, for_update: bool = False) -> OrderRow:
    """The order if this caller may see it, else 404 (another prep center's, or in 1-3)."""
    query = select(OrderRow).where(OrderRow.id == order_id)
    if for_update:
        query = query.with_for_update()
    row = session.scalars(query).first() if len(order_id) <= 64 else None
    if row is None:
        raise not_found()
    if who.is_admin:  # the server itself: every order, also the seller's own (1-3)
        return row
    if row.status not in VISIBLE_STATUSES or row.prep_center_id != who.prep_center_id:
        raise not_found()
    return row


def record_change(db: Database, session: Session, row: OrderRow, now: datetime | None = None) -> None:
    """Give the order its next change sequence number: clients paging by cursor will see it."""
    row.seq = db.next_seq(session)
    row.version = (row.version or 0) + 1
    row.updated_at = now or utcnow()


def log(session: Session, row: OrderRow, who: Caller | None, action: str, detail: str = "") -> None:
    session.add(
        ActivityRow(
            order_id=row.id,
            action=action,
            detail=detail,
            operator=who.operator if who else "",
            workstation=who.workstation if who else "",
            at=utcnow(),
        )
    )


def live_claim(row: Any, now: datetime | None = None) -> Claim | None:
    expires = row.claim_expires_at
    if not row.claim_workstation or expires is None or expires <= (now or utcnow()):
        return None
    return Claim(row.claim_operator, row.claim_workstation, expires)


def orders_wire(session: Session, rows: Sequence[Any], *, with_activity: bool) -> list[dict[str, Any]]:
    """The orders' JSON wire form (Order.to_dict), with their parts loaded in a few queries.

    `rows` are OrderRow objects or plain rows of the orders table; the parts are read as plain
    rows too (building ORM objects for 4,000 lines a page costs more than the rest together).
    """
    ids = [row.id for row in rows]
    lines: dict[str, list[Line]] = defaultdict(list)
    shipments: dict[str, list[Shipment]] = defaultdict(list)
    services: dict[str, list[Service]] = defaultdict(list)
    asked: dict[str, list[ServiceAsked]] = defaultdict(list)
    activity: dict[str, list[Activity]] = defaultdict(list)
    for chunk in _chunks(ids, 900):
        for ln in session.execute(
            select(LineRow.__table__)
            .where(LineRow.order_id.in_(chunk))
            .order_by(LineRow.order_id, LineRow.position)
        ):
            lines[ln.order_id].append(
                Line(
                    id=ln.id,
                    sku=ln.sku,
                    title=ln.title,
                    quantity=ln.quantity,
                    fnsku=ln.fnsku,
                    ean=ln.ean,
                    asin=ln.asin,
                    vendor=ln.vendor,
                    configuration=ln.configuration,
                    weight_g=ln.weight_g,
                    price=Decimal(ln.price) if ln.price is not None else None,
                    currency=ln.currency,
                    photo_url=ln.photo_url,
                    bin_location=ln.bin_location,
                )
            )
        for sh in session.execute(
            select(ShipmentRow.__table__)
            .where(ShipmentRow.order_id.in_(chunk))
            .order_by(ShipmentRow.order_id, ShipmentRow.parcel_no)
        ):
            shipments[sh.order_id].append(
                Shipment(
                    id=sh.id,
                    tracking_number=sh.tracking_number,
                    carrier=sh.carrier,
                    weight_g=sh.weight_g,
                    parcel_no=sh.parcel_no,
                    push_state=PushState(sh.push_state),
                    push_reason=sh.push_reason,
                    created_at=sh.created_at,
                )
            )
        for sv in session.execute(
            select(ServiceRow.__table__).where(ServiceRow.order_id.in_(chunk)).order_by(ServiceRow.id)
        ):
            services[sv.order_id].append(
                Service(
                    code=sv.code,
                    quantity=sv.quantity,
                    name=sv.name,
                    unit_price=Decimal(sv.unit_price) if sv.unit_price is not None else None,
                    currency=sv.currency,
                    operator=sv.operator,
                    done_at=sv.done_at,
                )
            )
        for sa in session.execute(
            select(ServiceAskedRow.__table__)
            .where(ServiceAskedRow.order_id.in_(chunk))
            .order_by(ServiceAskedRow.id)
        ):
            asked[sa.order_id].append(ServiceAsked(code=sa.code, quantity=sa.quantity, name=sa.name))
        if with_activity:
            for ac in session.execute(
                select(ActivityRow.__table__).where(ActivityRow.order_id.in_(chunk)).order_by(ActivityRow.id)
            ):
                activity[ac.order_id].append(
                    Activity(
                        action=ac.action,
                        detail=ac.detail,
                        operator=ac.operator,
                        workstation=ac.workstation,
                        order_id=ac.order_id,
                        at=ac.at,
                    )
                )
    now = utcnow()
    return [
        _order(
            row, lines[row.id], shipments[row.id], services[row.id], asked[row.id], activity[row.id], now
        ).to_dict()
        for row in rows
    ]


def order_wire(session: Session, row: OrderRow) -> dict[str, Any]:
    """One order with its activity log."""
    session.flush()
    return orders_wire(session, [row], with_activity=True)[0]


def _order(
    row: Any,
    lines: list[Line],
    shipments: list[Shipment],
    services: list[Service],
    asked: list[ServiceAsked],
    activity: list[Activity],
    now: datetime,
) -> Order:
    return Order(
        id=row.id,
        number=row.number,
        status=OrderStatus(row.status),
        status_reason=row.status_reason,
        marketplace=row.marketplace,
        marketplace_order_id=row.marketplace_order_id,
        seller=row.seller,
        ship_by=row.ship_by,
        shipping_service=row.shipping_service,
        carrier_label=row.carrier_label,
        recipient=Recipient(
            name=row.r_name,
            company=row.r_company,
            street1=row.r_street1,
            street2=row.r_street2,
            city=row.r_city,
            region=row.r_region,
            postcode=row.r_postcode,
            country=row.r_country,
            phone=row.r_phone,
            email=row.r_email,
        ),
        lines=lines,
        shipments=shipments,
        services=services,
        activity=activity,
        claim=live_claim(row, now),
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
        buyer_language=row.buyer_language,
        services_asked=asked,
    )


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
