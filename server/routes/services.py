"""Prep services: the price list, and the services done on an order, priced for the seller's bill."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import ServiceOffer, utcnow
from app.i18n import tr
from server.bodies import ServicesBody
from server.calls import OperatorCall, Write, database, run_write
from server.errors import ApiError
from server.models import ServiceOfferRow, ServiceRow
from server.order_book import log, order_wire, record_change
from server.routes.orders import writable_order

router = APIRouter()


def _offer(row: ServiceOfferRow) -> ServiceOffer:
    from decimal import Decimal

    return ServiceOffer(row.code, row.name, Decimal(row.unit_price), row.currency, row.unit)


@router.get("/services")
def price_list(request: Request, who: OperatorCall) -> JSONResponse:
    with database(request).read() as session:
        offers = session.scalars(select(ServiceOfferRow).order_by(ServiceOfferRow.code)).all()
        return JSONResponse({"services": [_offer(o).to_dict() for o in offers]})


@router.post("/orders/{order_id}/services")
def record_services(
    order_id: str,
    body: ServicesBody,
    request: Request,
    who: OperatorCall,
    write: Write,
) -> Response:
    db = database(request)

    def work(session: Session) -> dict[str, Any]:
        row = writable_order(session, who, order_id)
        offers = {o.code: o for o in session.scalars(select(ServiceOfferRow))}
        for item in body.services:
            if item.code not in offers:
                raise ApiError(
                    422,
                    "unknown_service",
                    tr("“{code}” is not on the price list.", code=item.code),
                    code=item.code,
                )
        now = utcnow()
        for item in body.services:
            offer = offers[item.code]
            session.add(
                ServiceRow(
                    order_id=row.id,
                    code=offer.code,
                    quantity=item.quantity,
                    name=offer.name,
                    unit_price=offer.unit_price,
                    currency=offer.currency,
                    operator=who.operator,
                    done_at=now,
                )
            )
        record_change(db, session, row, now)
        log(session, row, who, "services", ", ".join(f"{i.quantity} × {i.code}" for i in body.services))
        return order_wire(session, row)

    return run_write(db, who, write, work)
