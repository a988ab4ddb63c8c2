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
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise ValueError(f"{value!r} is not an amount of money")
    try:
        amount = Decimal(str(value))
    except ArithmeticError as e:  # decimal's InvalidOperation: words where an amount belongs
        raise ValueError(f"{value!r} is not an amount of money") from e
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not an amount of money")
    return amount


def _money_str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


# -- reading the wire form: each value of the kind its field holds, or ValueError --------------
# A server's order with a number where words go (or a list where a number goes) is refused
# whole when it is read, never kept to break a screen later.


def _text(d: Any, key: str) -> str:
    """The text at `key` ("" when absent or null); anything but text is refused."""
    value = d.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise ValueError(f"{key}: {type(value).__name__} where text belongs")


def _key(d: Any, key: str) -> str:
    """A value that must be there (it may be empty: a parcel of an untracked service has no
    tracking number): text, or a whole number the server wrote as one."""
    value = d[key]
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"{key}: {value!r} is no identifier")


def _whole(value: object, key: str) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{key}: {value!r} is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise ValueError(f"{key}: {value!r} is not a whole number")


def _grams(value: object, key: str) -> int | None:
    return None if value is None else _whole(value, key)


def _moment(value: object, key: str) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key}: {value!r} is not a moment")
    return parse_iso(value)


def _items(d: Any, key: str) -> list[Any]:
    """The list at `key` ([] when absent or null), each item an object."""
    value = d.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
        raise ValueError(f"{key}: not a list of objects")
    return value


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
            name=_text(d, "name"),
            company=_text(d, "company"),
            street1=_text(d, "street1"),
            street2=_text(d, "street2"),
            city=_text(d, "city"),
            region=_text(d, "region"),
            postcode=_text(d, "postcode"),
            country=_text(d, "country"),
            phone=_text(d, "phone"),
            email=_text(d, "email"),
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
            id=_key(d, "id"),
            sku=_text(d, "sku"),
            title=_text(d, "title"),
            quantity=_whole(d["quantity"], "quantity"),
            fnsku=_text(d, "fnsku"),
            ean=_text(d, "ean"),
            asin=_text(d, "asin"),
            vendor=_text(d, "vendor"),
            configuration=_text(d, "configuration"),
            weight_g=_grams(d.get("weight_g"), "weight_g"),
            price=_money(d.get("price")),
            currency=_text(d, "currency"),
            photo_url=_text(d, "photo_url"),
            bin_location=_text(d, "bin_location"),
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
            id=_text(d, "id") if not isinstance(d.get("id"), int) else str(d["id"]),
            tracking_number=_key(d, "tracking_number"),
            carrier=_text(d, "carrier"),
            weight_g=_grams(d.get("weight_g"), "weight_g"),
            parcel_no=_whole(d.get("parcel_no") or 1, "parcel_no"),
            push_state=PushState(_text(d, "push_state") or "pending"),
            push_reason=_text(d, "push_reason"),
            created_at=_moment(d.get("created_at"), "created_at"),
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
            code=_key(d, "code"),
            quantity=_whole(d["quantity"], "quantity"),
            name=_text(d, "name"),
            unit_price=_money(d.get("unit_price")),
            currency=_text(d, "currency"),
            operator=_text(d, "operator"),
            done_at=_moment(d.get("done_at"), "done_at"),
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
        return cls(
            code=_key(d, "code"), quantity=_whole(d.get("quantity") or 1, "quantity"), name=_text(d, "name")
        )


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
            action=_key(d, "action"),
            detail=_text(d, "detail"),
            operator=_text(d, "operator"),
            workstation=_text(d, "workstation"),
            order_id=_text(d, "order_id"),
            at=_moment(d.get("at"), "at"),
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
        expires = _moment(d["expires_at"], "expires_at")
        if expires is None:
            raise ValueError("expires_at: missing")
        return cls(operator=_text(d, "operator"), workstation=_text(d, "workstation"), expires_at=expires)


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
        if claim is not None and not isinstance(claim, dict):
            raise ValueError("claim: not an object")
        recipient = d.get("recipient")
        if recipient is not None and not isinstance(recipient, dict):
            raise ValueError("recipient: not an object")
        return cls(
            id=_key(d, "id"),
            number=_key(d, "number"),
            status=OrderStatus(d["status"]),
            status_reason=_text(d, "status_reason"),
            marketplace=_text(d, "marketplace"),
            marketplace_order_id=_text(d, "marketplace_order_id"),
            seller=_text(d, "seller"),
            ship_by=_moment(d.get("ship_by"), "ship_by"),
            shipping_service=_text(d, "shipping_service"),
            carrier_label=_text(d, "carrier_label"),
            recipient=Recipient.from_dict(recipient or {}),
            lines=[Line.from_dict(x) for x in _items(d, "lines")],
            shipments=[Shipment.from_dict(x) for x in _items(d, "shipments")],
            services=[Service.from_dict(x) for x in _items(d, "services")],
            activity=[Activity.from_dict(x) for x in _items(d, "activity")],
            claim=Claim.from_dict(claim) if claim else None,
            created_at=_moment(d.get("created_at"), "created_at"),
            updated_at=_moment(d.get("updated_at"), "updated_at"),
            version=_whole(d.get("version") or 1, "version"),
            buyer_language=_text(d, "buyer_language")[:35],
            services_asked=[ServiceAsked.from_dict(x) for x in _items(d, "services_asked")],
        )
