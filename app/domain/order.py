"""Orders as the warehouse sees them: plain dataclasses, shared by the server and the workstation.

`to_dict`/`from_dict` give the JSON wire form of the server API (DESIGN.md). Money is a
`Decimal` on the inside and a string on the wire; weights are whole grams; times are ISO 8601
in UTC.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from app.domain.status import OrderStatus


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment is not None else None


def parse_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _money(value: object) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _money_str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass(slots=True)
class Recipient:
    name: str
    street1: str = ""
    street2: str = ""
    city: str = ""
    region: str = ""
    postcode: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    company: str = ""
    phone: str = ""
    email: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "company": self.company,
            "street1": self.street1,
            "street2": self.street2,
            "city": self.city,
            "region": self.region,
            "postcode": self.postcode,
            "country": self.country,
            "phone": self.phone,
            "email": self.email,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Recipient:
        return cls(
            name=d.get("name") or "",
            company=d.get("company") or "",
            street1=d.get("street1") or "",
            street2=d.get("street2") or "",
            city=d.get("city") or "",
            region=d.get("region") or "",
            postcode=d.get("postcode") or "",
            country=d.get("country") or "",
            phone=d.get("phone") or "",
            email=d.get("email") or "",
        )


@dataclass(slots=True)
class Line:
    """One order line: a product and how many of it."""

    id: str
    sku: str
    title: str
    quantity: int
    fnsku: str = ""
    ean: str = ""  # EAN-13 / UPC-A / GTIN as printed on the unit
    asin: str = ""
    vendor: str = ""
    configuration: str = ""  # colour, size… as the seller wrote it
    weight_g: int | None = None
    price: Decimal | None = None
    currency: str = ""
    photo_url: str = ""
    bin_location: str = ""

    @property
    def total(self) -> Decimal | None:
        return None if self.price is None else self.price * self.quantity

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sku": self.sku,
            "title": self.title,
            "quantity": self.quantity,
            "fnsku": self.fnsku,
            "ean": self.ean,
            "asin": self.asin,
            "vendor": self.vendor,
            "configuration": self.configuration,
            "weight_g": self.weight_g,
            "price": _money_str(self.price),
            "currency": self.currency,
            "photo_url": self.photo_url,
            "bin_location": self.bin_location,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Line:
        return cls(
            id=str(d["id"]),
            sku=d.get("sku") or "",
            title=d.get("title") or "",
            quantity=int(d["quantity"]),
            fnsku=d.get("fnsku") or "",
            ean=d.get("ean") or "",
            asin=d.get("asin") or "",
            vendor=d.get("vendor") or "",
            configuration=d.get("configuration") or "",
            weight_g=d.get("weight_g"),
            price=_money(d.get("price")),
            currency=d.get("currency") or "",
            photo_url=d.get("photo_url") or "",
            bin_location=d.get("bin_location") or "",
        )


class PushState(enum.StrEnum):
    """Where a tracking number stands on its way to the marketplace."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    FAILED = "failed"
    DISMISSED = "dismissed"


@dataclass(slots=True)
class Shipment:
    """One parcel handed to a carrier."""

    tracking_number: str
    carrier: str = ""
    weight_g: int | None = None
    id: str = ""
    parcel_no: int = 1
    push_state: PushState = PushState.PENDING
    push_reason: str = ""
    created_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "tracking_number": self.tracking_number,
            "carrier": self.carrier,
            "weight_g": self.weight_g,
            "parcel_no": self.parcel_no,
            "push_state": self.push_state.value,
            "push_reason": self.push_reason,
            "created_at": iso(self.created_at),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Shipment:
        return cls(
            id=str(d.get("id") or ""),
            tracking_number=d["tracking_number"],
            carrier=d.get("carrier") or "",
            weight_g=d.get("weight_g"),
            parcel_no=int(d.get("parcel_no") or 1),
            push_state=PushState(d.get("push_state") or "pending"),
            push_reason=d.get("push_reason") or "",
            created_at=parse_iso(d.get("created_at")),
        )


@dataclass(slots=True)
class ServiceOffer:
    """One entry of the prep center's price list (FNSKU labelling, polybag, bundling…)."""

    code: str
    name: str
    unit_price: Decimal
    currency: str = "USD"
    unit: str = "unit"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "unit_price": str(self.unit_price),
            "currency": self.currency,
            "unit": self.unit,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ServiceOffer:
        return cls(
            code=d["code"],
            name=d.get("name") or d["code"],
            unit_price=Decimal(str(d["unit_price"])),
            currency=d.get("currency") or "USD",
            unit=d.get("unit") or "unit",
        )


@dataclass(slots=True)
class Service:
    """A prep service done on an order, priced from the price list so the seller can be billed."""

    code: str
    quantity: int
    name: str = ""
    unit_price: Decimal | None = None
    currency: str = ""
    operator: str = ""
    done_at: datetime | None = None

    @property
    def total(self) -> Decimal | None:
        return None if self.unit_price is None else self.unit_price * self.quantity

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "quantity": self.quantity,
            "name": self.name,
            "unit_price": _money_str(self.unit_price),
            "currency": self.currency,
            "operator": self.operator,
            "done_at": iso(self.done_at),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Service:
        return cls(
            code=d["code"],
            quantity=int(d["quantity"]),
            name=d.get("name") or "",
            unit_price=_money(d.get("unit_price")),
            currency=d.get("currency") or "",
            operator=d.get("operator") or "",
            done_at=parse_iso(d.get("done_at")),
        )


@dataclass(slots=True)
class ServiceAsked:
    """A prep service the seller asks for on the order (a price-list code and how many), sent by
    the server with the order: what the table is to do. What was done is a `Service`."""

    code: str
    quantity: int = 1
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "quantity": self.quantity, "name": self.name}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ServiceAsked:
        return cls(code=str(d["code"]), quantity=int(d.get("quantity") or 1), name=d.get("name") or "")


@dataclass(slots=True)
class Activity:
    """One entry of the activity log: who did what to which order, when, from which workstation."""

    action: str  # a stable code: "status", "claim", "takeover", "shipment", "reprint", "refused"…
    detail: str = ""
    operator: str = ""
    workstation: str = ""
    order_id: str = ""
    at: datetime | None = None
    # Written by this workstation (its own log), not fetched from the server; the server's copy
    # of the same move is then shown once. Not on the wire: the server's entries are the server's.
    logged_here: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "detail": self.detail,
            "operator": self.operator,
            "workstation": self.workstation,
            "order_id": self.order_id,
            "at": iso(self.at),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Activity:
        return cls(
            action=d["action"],
            detail=d.get("detail") or "",
            operator=d.get("operator") or "",
            workstation=d.get("workstation") or "",
            order_id=str(d.get("order_id") or ""),
            at=parse_iso(d.get("at")),
        )


@dataclass(slots=True)
class Claim:
    """A workstation's lease on an order."""

    operator: str
    workstation: str
    expires_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "operator": self.operator,
            "workstation": self.workstation,
            "expires_at": iso(self.expires_at),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        expires = parse_iso(d["expires_at"])
        assert expires is not None
        return cls(
            operator=d.get("operator") or "", workstation=d.get("workstation") or "", expires_at=expires
        )


@dataclass(slots=True)
class Order:
    """An order as a prep center handles it.

    `number` is the prep center's order number (printed as the order barcode on our labels);
    `marketplace_order_id` is the buyer-facing number of the marketplace.
    """

    id: str
    number: str
    status: OrderStatus
    recipient: Recipient
    lines: list[Line] = field(default_factory=list)
    status_reason: str = ""
    marketplace: str = ""
    marketplace_order_id: str = ""
    seller: str = ""
    ship_by: datetime | None = None
    shipping_service: str = ""  # e.g. "UPS Ground", "Royal Mail Tracked 48"
    carrier_label: str = ""  # "", "zpl" or "pdf": the server holds a label the platform bought
    shipments: list[Shipment] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    activity: list[Activity] = field(default_factory=list)
    claim: Claim | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 1  # bumped by the server on every change
    # the buyer's language where the platform says it (BCP 47: "ru", "zh-CN", "nl-BE"), for the
    # papers that go in the box; "" where it does not
    buyer_language: str = ""
    # the prep services the seller asks for (from an imported order file); [] where none
    services_asked: list[ServiceAsked] = field(default_factory=list)

    @property
    def units(self) -> int:
        return sum(line.quantity for line in self.lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "status": self.status.value,
            "status_reason": self.status_reason,
            "marketplace": self.marketplace,
            "marketplace_order_id": self.marketplace_order_id,
            "seller": self.seller,
            "ship_by": iso(self.ship_by),
            "shipping_service": self.shipping_service,
            "carrier_label": self.carrier_label,
            "recipient": self.recipient.to_dict(),
            "lines": [line.to_dict() for line in self.lines],
            "shipments": [s.to_dict() for s in self.shipments],
            "services": [s.to_dict() for s in self.services],
            "activity": [a.to_dict() for a in self.activity],
            "claim": self.claim.to_dict() if self.claim else None,
            "created_at": iso(self.created_at),
            "updated_at": iso(self.updated_at),
            "version": self.version,
            **({"buyer_language": self.buyer_language} if self.buyer_language else {}),
            **({"services_asked": [s.to_dict() for s in self.services_asked]} if self.services_asked else {}),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Order:
        claim = d.get("claim")
        return cls(
            id=str(d["id"]),
            number=str(d["number"]),
            status=OrderStatus(d["status"]),
            status_reason=d.get("status_reason") or "",
            marketplace=d.get("marketplace") or "",
            marketplace_order_id=d.get("marketplace_order_id") or "",
            seller=d.get("seller") or "",
            ship_by=parse_iso(d.get("ship_by")),
            shipping_service=d.get("shipping_service") or "",
            carrier_label=d.get("carrier_label") or "",
            recipient=Recipient.from_dict(d.get("recipient") or {}),
            lines=[Line.from_dict(x) for x in d.get("lines") or ()],
            shipments=[Shipment.from_dict(x) for x in d.get("shipments") or ()],
            services=[Service.from_dict(x) for x in d.get("services") or ()],
            activity=[Activity.from_dict(x) for x in d.get("activity") or ()],
            claim=Claim.from_dict(claim) if claim else None,
            created_at=parse_iso(d.get("created_at")),
            updated_at=parse_iso(d.get("updated_at")),
            version=int(d.get("version") or 1),
            buyer_language=str(d.get("buyer_language") or "")[:35],
            services_asked=[ServiceAsked.from_dict(x) for x in d.get("services_asked") or ()],
        )
