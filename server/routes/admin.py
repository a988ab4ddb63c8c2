"""Admin calls for demo mode and tests: the server's own moves, new orders, the marketplace's mood."""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import Actor, MoveNotAllowed, OrderStatus, PushState, check_move, utcnow
from app.domain.values import QUANTITY_MAX, SERVICES_MAX, WEIGHT_MAX_G, ValueRefused
from app.i18n import tr
from server.bodies import Body, MarketplaceBody, StatusBody
from server.calls import AdminCall, Write, database, run_write
from server.errors import ApiError
from server.language_tags import language_tag
from server.marketplace import DemoMarketplace
from server.models import LineRow, OrderRow, PrepCenter, ProductRow, ServiceAskedRow, ShipmentRow
from server.order_book import log, order_wire, record_change, visible_order
from server.request_values import Moment
from server.routes.orders import refuse_move
from server.services_asked import AskedService, asked_rows, not_on_the_list, price_list

router = APIRouter(prefix="/admin")


@router.post("/orders/{order_id}/status")
def server_move(
    order_id: str,
    body: StatusBody,
    request: Request,
    who: AdminCall,
    write: Write,
) -> Response:
    db = database(request)

    def work(session: Session) -> dict[str, Any]:
        row = visible_order(session, who, order_id, for_update=True)
        current = OrderStatus(row.status)
        try:
            target = OrderStatus(body.status)
        except ValueError:
            raise ApiError(
                422, "invalid_status", tr("“{status}” is not an order status.", status=body.status)
            ) from None
        try:
            check_move(current, target, Actor.SERVER, body.reason or "server")
        except MoveNotAllowed as refusal:
            raise refuse_move(current, target, refusal.message) from None
        row.status, row.status_reason = target.value, body.reason.strip()
        if target is OrderStatus.CANCELLED:
            row.claim_operator, row.claim_workstation, row.claim_expires_at = "", "", None
            _stop_pushes(session, row)
        record_change(db, session, row)
        log(
            session,
            row,
            who,
            "status",
            f"{current.value} → {target.value}" + (f": {body.reason}" if body.reason else ""),
        )
        return order_wire(session, row)

    return run_write(db, who, write, work, key_required=False)


def _stop_pushes(session: Session, row: OrderRow) -> None:
    """Nothing about a cancelled order is pushed: its waiting pushes are dismissed, with why (a
    failed one keeps the marketplace's reason, and is never retried)."""
    waiting = session.scalars(
        select(ShipmentRow).where(
            ShipmentRow.order_id == row.id,
            ShipmentRow.push_state == PushState.PENDING.value,
        )
    )
    for shipment in waiting:
        shipment.push_state = PushState.DISMISSED.value
        shipment.push_reason = tr("Order cancelled: not sent to the marketplace.")


class RecipientIn(Body):
    name: Annotated[str, Field(max_length=200)] = ""
    company: Annotated[str, Field(max_length=200)] = ""
    street1: Annotated[str, Field(max_length=300)] = ""
    street2: Annotated[str, Field(max_length=300)] = ""
    city: Annotated[str, Field(max_length=120)] = ""
    region: Annotated[str, Field(max_length=120)] = ""
    postcode: Annotated[str, Field(max_length=40)] = ""
    country: Annotated[str, Field(max_length=2)] = ""
    phone: Annotated[str, Field(max_length=60)] = ""
    email: Annotated[str, Field(max_length=200)] = ""


class LineIn(Body):
    id: Annotated[str, Field(max_length=64)] = ""
    sku: Annotated[str, Field(max_length=80)] = ""
    title: Annotated[str, Field(max_length=300)] = ""
    quantity: Annotated[int, Field(ge=1, le=QUANTITY_MAX, strict=True)] = 1
    fnsku: Annotated[str, Field(max_length=20)] = ""
    ean: Annotated[str, Field(max_length=20)] = ""
    asin: Annotated[str, Field(max_length=20)] = ""
    vendor: Annotated[str, Field(max_length=120)] = ""
    configuration: Annotated[str, Field(max_length=200)] = ""
    weight_g: Annotated[int, Field(ge=0, le=WEIGHT_MAX_G, strict=True)] | None = None
    price: Annotated[str, Field(max_length=32)] | None = None
    currency: Annotated[str, Field(max_length=3)] = ""
    photo_url: Annotated[str, Field(max_length=300)] = ""
    bin_location: Annotated[str, Field(max_length=40)] = ""


class ServiceAskedIn(Body):
    code: Annotated[str, Field(min_length=1, max_length=40)]
    quantity: Annotated[int, Field(ge=1, le=QUANTITY_MAX, strict=True)] = 1
    name: Annotated[str, Field(max_length=200)] = ""  # the price list's name is kept


class OrderIn(Body):
    """An Order-like body (Order.to_dict() is accepted: its server-kept parts are ignored)."""

    model_config = ConfigDict(extra="forbid")

    prep_center: Annotated[str, Field(max_length=40)] = "A"
    id: Annotated[str, Field(max_length=64)] = ""
    number: Annotated[str, Field(max_length=40, pattern=r"^[A-Z0-9-]*$")] = ""
    status: str = "5.1"
    status_reason: Annotated[str, Field(max_length=2000)] = ""
    marketplace: Annotated[str, Field(max_length=60)] = ""
    marketplace_order_id: Annotated[str, Field(max_length=80)] = ""
    seller: Annotated[str, Field(max_length=200)] = ""
    ship_by: Moment | None = None
    shipping_service: Annotated[str, Field(max_length=120)] = ""
    carrier_label: Annotated[str, Field(pattern=r"^(|zpl|pdf)$")] = ""
    recipient: RecipientIn = Field(default_factory=RecipientIn)
    lines: Annotated[list[LineIn], Field(max_length=500)] = Field(default_factory=list)
    buyer_language: Annotated[str, Field(max_length=100)] = ""
    services_asked: Annotated[list[ServiceAskedIn], Field(max_length=SERVICES_MAX)] = Field(
        default_factory=list
    )
    # Kept by the server; accepted so that an Order.to_dict() can be posted as it is.
    shipments: list[Any] = Field(default_factory=list)
    services: list[Any] = Field(default_factory=list)
    activity: list[Any] = Field(default_factory=list)
    claim: Any = None
    created_at: Any = None
    updated_at: Any = None
    version: Any = None


@router.post("/orders")
def create_order(
    body: OrderIn,
    request: Request,
    who: AdminCall,
    write: Write,
) -> Response:
    db = database(request)

    def work(session: Session) -> dict[str, Any]:
        if session.get(PrepCenter, body.prep_center) is None:
            raise ApiError(422, "unknown_prep_center", tr("No prep center “{id}”.", id=body.prep_center))
        try:
            status = OrderStatus(body.status)
        except ValueError:
            raise ApiError(
                422, "invalid_status", tr("“{status}” is not an order status.", status=body.status)
            ) from None
        order_id = body.id or uuid.uuid4().hex
        if session.get(OrderRow, order_id) is not None:
            raise ApiError(409, "exists", tr("An order with this id exists."))
        number = body.number or _next_number(session, body.prep_center)
        taken = session.scalar(
            select(OrderRow.id).where(OrderRow.prep_center_id == body.prep_center, OrderRow.number == number)
        )
        if taken:
            raise ApiError(409, "exists", tr("Order number {number} is taken.", number=number))
        try:
            buyer_language = language_tag(body.buyer_language)
        except ValueRefused as refusal:
            raise ApiError(422, "invalid_language", str(refusal)) from None
        now = utcnow()
        r = body.recipient
        row = OrderRow(
            id=order_id,
            prep_center_id=body.prep_center,
            number=number,
            status=status.value,
            status_reason=body.status_reason,
            marketplace=body.marketplace,
            marketplace_order_id=body.marketplace_order_id,
            seller=body.seller,
            ship_by=body.ship_by,
            shipping_service=body.shipping_service,
            carrier_label=body.carrier_label,
            r_name=r.name, r_company=r.company, r_street1=r.street1, r_street2=r.street2, r_city=r.city,
            r_region=r.region, r_postcode=r.postcode, r_country=r.country, r_phone=r.phone, r_email=r.email,
            buyer_language=buyer_language, claim_operator="", claim_workstation="", claim_expires_at=None,
            created_at=now, updated_at=now, version=0, seq=0,
        )  # fmt: skip
        session.add(row)
        session.flush()
        for position, line in enumerate(body.lines, start=1):
            session.add(
                LineRow(
                    id=line.id or uuid.uuid4().hex,
                    order_id=row.id,
                    position=position,
                    sku=line.sku,
                    title=line.title,
                    quantity=line.quantity,
                    fnsku=line.fnsku,
                    ean=line.ean,
                    asin=line.asin,
                    vendor=line.vendor,
                    configuration=line.configuration,
                    weight_g=line.weight_g,
                    price=_price(line.price),
                    currency=line.currency,
                    photo_url=line.photo_url,
                    bin_location=line.bin_location,
                )
            )
        _ask_services(session, row.id, body.services_asked)
        _register_products(session, body)
        record_change(db, session, row, now)
        log(session, row, who, "created", f"{body.marketplace} {body.marketplace_order_id}".strip())
        return order_wire(session, row)

    return run_write(db, who, write, work, key_required=False)


def _ask_services(session: Session, order_id: str, services: list[ServiceAskedIn]) -> None:
    """The prep services the seller asks for: codes of the price list, each once."""
    if not services:
        return
    offers = price_list(session)
    asked = [AskedService(s.code, s.quantity) for s in services]
    for service in asked:
        if service.key not in offers:
            raise ApiError(422, "unknown_service", not_on_the_list(service.code, offers))
    if len({s.key for s in asked}) < len(asked):
        raise ApiError(422, "invalid_request", tr("A service is asked twice: ask it once with its quantity."))
    for values in asked_rows(order_id, asked, offers):
        session.add(ServiceAskedRow(**values))


def _register_products(session: Session, body: OrderIn) -> None:
    """The platform knows the goods it sells: a SKU on a new order that the seller's catalogue
    at this prep center lacks is added to it (so it can be looked up, and taught codes)."""
    skus = {line.sku: line for line in body.lines if line.sku}
    if not skus:
        return
    known = set(
        session.scalars(
            select(ProductRow.sku).where(
                ProductRow.prep_center_id == body.prep_center,
                ProductRow.seller == body.seller,
                ProductRow.sku.in_(skus),
            )
        )
    )
    for sku, line in skus.items():
        if sku not in known:
            session.add(
                ProductRow(
                    prep_center_id=body.prep_center,
                    seller=body.seller,
                    sku=sku,
                    title=line.title,
                    fnsku=line.fnsku,
                    ean=line.ean,
                    asin=line.asin,
                    vendor=line.vendor,
                    weight_g=line.weight_g,
                    photo_url=line.photo_url,
                )
            )


_PRICE = re.compile(r"[0-9]{1,9}(\.[0-9]{1,6})?")


def _price(text: str | None) -> str | None:
    """A price as the platform writes it: ASCII digits with an optional decimal part."""
    if text is None or text == "":
        return None
    if not _PRICE.fullmatch(text):
        raise ApiError(422, "invalid_price", tr("“{price}” is not a price.", price=text))
    return str(Decimal(text))


def _next_number(session: Session, prep_center_id: str) -> str:
    count = session.scalar(
        select(func.count()).select_from(OrderRow).where(OrderRow.prep_center_id == prep_center_id)
    )
    base = 900_000 + int(count or 0)
    while session.scalar(
        select(OrderRow.id).where(OrderRow.prep_center_id == prep_center_id, OrderRow.number == str(base))
    ):
        base += 1
    return str(base)


@router.post("/marketplace")
def marketplace_settings(body: MarketplaceBody, request: Request, who: AdminCall) -> JSONResponse:
    market: DemoMarketplace = request.app.state.marketplace
    with database(request).write() as session:  # every worker follows (see server/marketplace.py)
        market.load(session)
        if body.confirm_after_s is not None:
            market.settings.confirm_after_s = body.confirm_after_s
        if body.refuse_share is not None:
            market.settings.refuse_share = body.refuse_share
        market.save(session)
    return JSONResponse(
        {"confirm_after_s": market.settings.confirm_after_s, "refuse_share": market.settings.refuse_share}
    )
