"""Shipments: parcels with tracking numbers, their push to the marketplace, and the bought label."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import OrderStatus, PushState, ValueRefused, normal_tracking, utcnow, why_tracking_missing
from app.i18n import tr
from server.bodies import EmptyBody, ShipmentsBody
from server.calls import OperatorCall, Write, database, run_write
from server.errors import ApiError
from server.labels import label_document
from server.models import LabelDocumentRow, ShipmentRow
from server.order_book import log, order_wire, record_change, visible_order
from server.routes.orders import claimed_error, writable_order

router = APIRouter()

_SHIPPABLE = {OrderStatus.COLLECTED.value, OrderStatus.SHIPPED.value}


@router.post("/orders/{order_id}/shipments")
def add_shipments(
    order_id: str,
    body: ShipmentsBody,
    request: Request,
    who: OperatorCall,
    write: Write,
) -> Response:
    db = database(request)

    def work(session: Session) -> dict[str, Any]:
        row = writable_order(session, who, order_id)
        numbers = [p.tracking_number for p in body.parcels]
        if (why := why_tracking_missing(row.shipping_service, numbers)) is not None:
            raise ApiError(422, "tracking_required", why)
        if row.status not in _SHIPPABLE:
            raise ApiError(
                409,
                "move_not_allowed",
                tr(
                    "Parcels are recorded only for a collected or shipped order; order {number} is “{status}”.",
                    number=row.number,
                    status=OrderStatus(row.status).label,
                ),
                **{"from": row.status, "to": row.status},
            )
        existing = list(session.scalars(select(ShipmentRow).where(ShipmentRow.order_id == row.id)))
        known = {_spelling(s.tracking_number) for s in existing}
        parcel_no = max((s.parcel_no for s in existing), default=0)
        now = utcnow()
        added = []
        for parcel in body.parcels:
            if parcel.tracking_number and parcel.tracking_number in known:
                continue  # the same parcel told twice (in any spelling) is one parcel
            known.add(parcel.tracking_number)
            parcel_no += 1
            session.add(
                ShipmentRow(
                    id=uuid.uuid4().hex,
                    order_id=row.id,
                    tracking_number=parcel.tracking_number,
                    carrier=parcel.carrier,
                    weight_g=parcel.weight_g,
                    parcel_no=parcel_no,
                    push_state=PushState.PENDING.value,
                    push_reason="",
                    push_attempts=1,
                    pushed_at=now,
                    created_at=now,
                )
            )
            number = parcel.tracking_number or tr("no tracking number")
            added.append(f"{number} ({parcel.carrier})" if parcel.carrier else number)
        if added:
            record_change(db, session, row, now)
            log(session, row, who, "shipment", ", ".join(added))
        return order_wire(session, row)

    return run_write(db, who, write, work)


def _spelling(stored: str) -> str:
    """A stored tracking number in its one spelling (rows from before the rule may lack it)."""
    try:
        return normal_tracking(stored)
    except ValueRefused:
        return stored


def _failed_shipment(session: Session, order_id: str, shipment_id: str) -> ShipmentRow:
    shipment = session.get(ShipmentRow, shipment_id) if len(shipment_id) <= 64 else None
    if shipment is None or shipment.order_id != order_id:
        raise ApiError(404, "not_found", tr("No such shipment on this order."))
    if shipment.push_state != PushState.FAILED.value:
        raise ApiError(
            409,
            "not_failed",
            tr("The push of {tracking} has not failed.", tracking=shipment.tracking_number),
            push_state=shipment.push_state,
        )
    return shipment


@router.post("/orders/{order_id}/shipments/{shipment_id}/retry")
def retry_push(
    order_id: str,
    shipment_id: str,
    request: Request,
    who: OperatorCall,
    write: Write,
    body: EmptyBody | None = None,
) -> Response:
    db = database(request)

    def work(session: Session) -> dict[str, Any]:
        row = writable_order(session, who, order_id)  # a cancelled order's tracking is never sent again
        shipment = _failed_shipment(session, row.id, shipment_id)
        shipment.push_state, shipment.push_reason = PushState.PENDING.value, ""
        shipment.push_attempts += 1
        shipment.pushed_at = utcnow()
        record_change(db, session, row)
        log(session, row, who, "push_retry", shipment.tracking_number)
        return order_wire(session, row)

    return run_write(db, who, write, work)


@router.post("/orders/{order_id}/shipments/{shipment_id}/dismiss")
def dismiss_push(
    order_id: str,
    shipment_id: str,
    request: Request,
    who: OperatorCall,
    write: Write,
    body: EmptyBody | None = None,
) -> Response:
    db = database(request)

    def work(session: Session) -> dict[str, Any]:
        row = visible_order(session, who, order_id, for_update=True)
        if (refusal := claimed_error(row, who.workstation)) is not None:
            raise refusal
        shipment = _failed_shipment(session, row.id, shipment_id)
        shipment.push_state = PushState.DISMISSED.value
        record_change(db, session, row)
        log(session, row, who, "push_dismissed", f"{shipment.tracking_number}: {shipment.push_reason}")
        return order_wire(session, row)

    return run_write(db, who, write, work)


@router.get("/orders/{order_id}/label")
def carrier_label(order_id: str, request: Request, who: OperatorCall) -> Response:
    with database(request).read() as session:
        row = visible_order(session, who, order_id)
        stored = session.get(LabelDocumentRow, row.id)
        if stored is not None:
            kind = "application/zpl" if stored.kind == "zpl" else "application/pdf"
            return Response(stored.content, media_type=kind)
        document = label_document(row)
    if document is None:
        raise ApiError(404, "no_label", tr("No carrier label was bought for this order."))
    content, media_type = document
    return Response(content, media_type=media_type)
