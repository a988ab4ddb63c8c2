"""The server's tables: prep centers, operators, tokens, orders and what hangs on them.

Times are stored in UTC; money as decimal strings, so no float ever rounds a price.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in UTC on every database: SQLite forgets the zone, so it is put back on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class PrepCenter(Base):
    __tablename__ = "prep_centers"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Operator(Base):
    __tablename__ = "operators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    prep_center_id: Mapped[str] = mapped_column(ForeignKey("prep_centers.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    badge: Mapped[str] = mapped_column(String(80), default="")
    __table_args__ = (Index("ux_operators_center_code", "prep_center_id", "code", unique=True),)


class Token(Base):
    """A bearer token: one prep center and its default operator (or a workstation), or the
    server's admin. Only the token's SHA-256 is kept: a token is shown once, when issued."""

    __tablename__ = "tokens"
    token: Mapped[str] = mapped_column(String(200), primary_key=True)  # sha256 hex of the token
    role: Mapped[str] = mapped_column(String(20))  # "operator" or "admin"
    label: Mapped[str] = mapped_column(String(40), default="")  # "demo", "other", "admin", a name
    prep_center_id: Mapped[str | None] = mapped_column(ForeignKey("prep_centers.id"), nullable=True)
    operator_code: Mapped[str] = mapped_column(String(40), default="")
    workstation: Mapped[str] = mapped_column(String(120), default="")
    issued_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ProductPhotoRow(Base):
    """A product photo imported with the catalogue, kept in the database so every worker and
    machine behind one address serves it (the server keeps no files of its own)."""

    __tablename__ = "product_photos"
    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(40))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class OrderRow(Base):
    __tablename__ = "orders"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    prep_center_id: Mapped[str] = mapped_column(ForeignKey("prep_centers.id"))
    number: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(8))
    status_reason: Mapped[str] = mapped_column(Text, default="")
    marketplace: Mapped[str] = mapped_column(String(60), default="")
    marketplace_order_id: Mapped[str] = mapped_column(String(80), default="")
    seller: Mapped[str] = mapped_column(String(200), default="")
    ship_by: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    shipping_service: Mapped[str] = mapped_column(String(120), default="")
    carrier_label: Mapped[str] = mapped_column(String(8), default="")
    r_name: Mapped[str] = mapped_column(String(200), default="")
    r_company: Mapped[str] = mapped_column(String(200), default="")
    r_street1: Mapped[str] = mapped_column(String(300), default="")
    r_street2: Mapped[str] = mapped_column(String(300), default="")
    r_city: Mapped[str] = mapped_column(String(120), default="")
    r_region: Mapped[str] = mapped_column(String(120), default="")
    r_postcode: Mapped[str] = mapped_column(String(40), default="")
    r_country: Mapped[str] = mapped_column(String(2), default="")
    r_phone: Mapped[str] = mapped_column(String(60), default="")
    r_email: Mapped[str] = mapped_column(String(200), default="")
    # The buyer's language where the seller or platform says it (a BCP 47 tag: "ru", "zh-CN",
    # "nl-BE"), for the papers in the box; "" where it does not.
    buyer_language: Mapped[str] = mapped_column(String(35), default="", server_default="")
    claim_operator: Mapped[str] = mapped_column(String(40), default="")
    claim_workstation: Mapped[str] = mapped_column(String(120), default="")
    claim_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The change sequence: every change to the order takes the next number (see server/db.py).
    seq: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (
        Index("ix_orders_center_seq", "prep_center_id", "seq"),
        Index("ux_orders_center_number", "prep_center_id", "number", unique=True),
        # An imported order's key: (seller, marketplace order number) at a prep center.
        Index("ix_orders_center_marketplace_order", "prep_center_id", "marketplace_order_id"),
    )


class LineRow(Base):
    __tablename__ = "lines"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(80), default="")
    title: Mapped[str] = mapped_column(String(300), default="")
    quantity: Mapped[int] = mapped_column(Integer)
    fnsku: Mapped[str] = mapped_column(String(20), default="")
    ean: Mapped[str] = mapped_column(String(20), default="")
    asin: Mapped[str] = mapped_column(String(20), default="")
    vendor: Mapped[str] = mapped_column(String(120), default="")
    configuration: Mapped[str] = mapped_column(String(200), default="")
    weight_g: Mapped[int | None] = mapped_column(Integer, nullable=True)
    price: Mapped[str | None] = mapped_column(String(32), nullable=True)
    currency: Mapped[str] = mapped_column(String(3), default="")
    photo_url: Mapped[str] = mapped_column(String(300), default="")
    bin_location: Mapped[str] = mapped_column(String(40), default="")


class ShipmentRow(Base):
    __tablename__ = "shipments"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    tracking_number: Mapped[str] = mapped_column(String(80))
    carrier: Mapped[str] = mapped_column(String(60), default="")
    weight_g: Mapped[int | None] = mapped_column(Integer, nullable=True)
    parcel_no: Mapped[int] = mapped_column(Integer, default=1)
    push_state: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    push_reason: Mapped[str] = mapped_column(Text, default="")
    push_attempts: Mapped[int] = mapped_column(Integer, default=1)
    pushed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ServiceRow(Base):
    __tablename__ = "order_services"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    quantity: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200), default="")
    unit_price: Mapped[str | None] = mapped_column(String(32), nullable=True)
    currency: Mapped[str] = mapped_column(String(3), default="")
    operator: Mapped[str] = mapped_column(String(40), default="")
    done_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ServiceAskedRow(Base):
    """A prep service the seller asks for on an order (from the price list), before anyone did it:
    what the table is to do. Done services are ServiceRow (what the seller is billed)."""

    __tablename__ = "order_services_asked"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    quantity: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200), default="")


class ActivityRow(Base):
    __tablename__ = "activity"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")
    operator: Mapped[str] = mapped_column(String(40), default="")
    workstation: Mapped[str] = mapped_column(String(120), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class ServiceOfferRow(Base):
    """The price list of prep services."""

    __tablename__ = "service_offers"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    unit_price: Mapped[str] = mapped_column(String(32))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    unit: Mapped[str] = mapped_column(String(20), default="unit")


class ProductRow(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    prep_center_id: Mapped[str] = mapped_column(ForeignKey("prep_centers.id"))
    seller: Mapped[str] = mapped_column(String(200), default="")
    sku: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(300), default="")
    fnsku: Mapped[str] = mapped_column(String(20), default="", index=True)
    ean: Mapped[str] = mapped_column(String(20), default="", index=True)
    asin: Mapped[str] = mapped_column(String(20), default="", index=True)
    vendor: Mapped[str] = mapped_column(String(120), default="")
    weight_g: Mapped[int | None] = mapped_column(Integer, nullable=True)
    photo_url: Mapped[str] = mapped_column(String(300), default="")
    __table_args__ = (Index("ix_products_center_sku", "prep_center_id", "sku"),)


class ProductAliasRow(Base):
    """A code taught at a packing table as another name of a seller's SKU (a supplier's
    barcode, a relabelled item). `seq` is the change sequence of the order listing, so a table
    pulls the aliases changed since its cursor the same way it pulls orders."""

    __tablename__ = "product_aliases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    prep_center_id: Mapped[str] = mapped_column(ForeignKey("prep_centers.id"))
    seller: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(64))
    sku: Mapped[str] = mapped_column(String(80))
    operator: Mapped[str] = mapped_column(String(40), default="")
    workstation: Mapped[str] = mapped_column(String(120), default="")
    taught_at: Mapped[datetime] = mapped_column(UtcDateTime)
    seq: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (
        Index("ux_product_aliases_center_seller_code", "prep_center_id", "seller", "code", unique=True),
        Index("ix_product_aliases_center_code", "prep_center_id", "code"),
        Index("ix_product_aliases_center_seq", "prep_center_id", "seq"),
    )


class LabelDocumentRow(Base):
    """A carrier label the platform bought for an order, kept as the carrier sent it."""

    __tablename__ = "label_documents"
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # "zpl" or "pdf"
    content: Mapped[bytes] = mapped_column(LargeBinary)


class IdempotencyRow(Base):
    """The answer given to a write, kept so a retried write gets it again and changes nothing."""

    __tablename__ = "idempotency"
    scope: Mapped[str] = mapped_column(String(40), primary_key=True)  # prep center id or "admin"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MarketplaceSettingsRow(Base):
    """The demo marketplace's mood, one row: kept in the database so every worker process follows
    the admin call that changed it (a worker keeps nothing of its own)."""

    __tablename__ = "marketplace_settings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    confirm_after_s: Mapped[float] = mapped_column(Float)
    refuse_share: Mapped[float] = mapped_column(Float)
    seed: Mapped[int] = mapped_column(Integer)


class ChangeCounter(Base):
    """SQLite's change sequence: one row, bumped inside the (serialised) write transaction."""

    __tablename__ = "change_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
