"""The workstation's tables: orders as the server last told us (plus our unsent changes), the
scan journal, the outbox of changes for the server, print jobs, the sync cursor, settings, and
the codes taught as aliases of a SKU.

Times are stored as fixed-width UTC text (`UtcDateTime`), so they sort and compare as text and
come back as aware datetimes. Changing a table means a new Alembic revision in `migrations/`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def time_text(moment: datetime | None) -> str | None:
    """A moment as the store writes it: UTC, fixed width, so text order is time order."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def parse_time_text(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime kept as fixed-width UTC text."""

    impl = String(26)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if isinstance(value, str):  # already in store form (bulk paths pass text)
            return value
        return time_text(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return parse_time_text(value)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class OrderRow(Base):
    """One order: the columns the order list filters and sorts on (the whole order is in
    `order_bodies`). `version` is the server's version of it."""

    __tablename__ = "orders"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    number: Mapped[str] = mapped_column(String, index=True)
    status: Mapped[str] = mapped_column(String(4))
    status_reason: Mapped[str] = mapped_column(Text, default="")
    marketplace: Mapped[str] = mapped_column(String, default="")
    seller: Mapped[str] = mapped_column(String, default="")
    ship_by: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    carrier: Mapped[str] = mapped_column(String, default="")  # of the first parcel
    recipient_name: Mapped[str] = mapped_column(String, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")  # lower-case: numbers, SKUs, tracking…
    units: Mapped[int] = mapped_column(Integer, default=0)
    line_count: Mapped[int] = mapped_column(Integer, default=0)
    failed_pushes: Mapped[int] = mapped_column(Integer, default=0)  # parcels the marketplace refused
    shipped_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    claim_workstation: Mapped[str] = mapped_column(String, default="")
    claim_operator: Mapped[str] = mapped_column(String, default="")
    claim_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    unsent_changes: Mapped[int] = mapped_column(Integer, default=0)  # 1 while outbox entries wait

    __table_args__ = (
        Index("ix_orders_status_ship_by", "status", "ship_by"),
        Index("ix_orders_status_updated_at", "status", "updated_at"),
        Index("ix_orders_status_number", "status", "number"),
        Index("ix_orders_ship_by", "ship_by"),
        Index("ix_orders_updated_at", "updated_at"),
        Index("ix_orders_marketplace", "marketplace"),
        Index("ix_orders_seller", "seller"),
        Index("ix_orders_carrier", "carrier"),
        Index("ix_orders_shipped_at", "shipped_at"),
        Index("ix_orders_failed_pushes", "failed_pushes"),
    )


class OrderBody(Base):
    """The whole order as JSON, kept apart so that `orders` stays narrow and quick to scan.

    `data` is the order as the workstation shows it: the server's last word with our unsent
    changes laid on top (see app/store/orders.py, "Merging"); `server_data` keeps the server's
    last word while unsent entries are laid over it, NULL otherwise. Activity is left out.
    """

    __tablename__ = "order_bodies"

    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    server_data: Mapped[str | None] = mapped_column(Text, nullable=True)


class LineRow(Base):
    __tablename__ = "lines"

    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    line_id: Mapped[str] = mapped_column(String)
    sku: Mapped[str] = mapped_column(String, default="", index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[int] = mapped_column(Integer)
    fnsku: Mapped[str] = mapped_column(String, default="", index=True)
    ean: Mapped[str] = mapped_column(String, default="", index=True)
    asin: Mapped[str] = mapped_column(String, default="")
    vendor: Mapped[str] = mapped_column(String, default="")
    configuration: Mapped[str] = mapped_column(String, default="")
    weight_g: Mapped[int | None] = mapped_column(Integer, nullable=True)
    price: Mapped[str | None] = mapped_column(String, nullable=True)  # decimal as text
    currency: Mapped[str] = mapped_column(String, default="")
    photo_url: Mapped[str] = mapped_column(String, default="")
    bin_location: Mapped[str] = mapped_column(String, default="")


class ShipmentRow(Base):
    """One parcel. `shipment_id` is the server's id, "" while the parcel is still in the outbox."""

    __tablename__ = "shipments"

    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    shipment_id: Mapped[str] = mapped_column(String, default="")
    tracking_number: Mapped[str] = mapped_column(String, index=True)
    carrier: Mapped[str] = mapped_column(String, default="")
    weight_g: Mapped[int | None] = mapped_column(Integer, nullable=True)
    parcel_no: Mapped[int] = mapped_column(Integer, default=1)
    push_state: Mapped[str] = mapped_column(String, default="pending")
    push_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ServiceRow(Base):
    __tablename__ = "services"

    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String)
    quantity: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String, default="")
    unit_price: Mapped[str | None] = mapped_column(String, nullable=True)
    currency: Mapped[str] = mapped_column(String, default="")
    operator: Mapped[str] = mapped_column(String, default="")
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ActivityRow(Base):
    """The activity log of an order: entries from the server ("server") and our own ("local")."""

    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(String, index=True)
    action: Mapped[str] = mapped_column(String)
    detail: Mapped[str] = mapped_column(Text, default="")
    operator: Mapped[str] = mapped_column(String, default="")
    workstation: Mapped[str] = mapped_column(String, default="")
    at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True, index=True)
    origin: Mapped[str] = mapped_column(String, default="local")


class ScanRow(Base):
    """Every scan, committed before the screen says it was accepted."""

    __tablename__ = "scan_journal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    raw: Mapped[str] = mapped_column(Text)
    meaning_kind: Mapped[str] = mapped_column(String, default="")
    order_id: Mapped[str | None] = mapped_column(String, nullable=True, index=True)
    verdict: Mapped[str] = mapped_column(String, default="")
    operator: Mapped[str] = mapped_column(String, default="")
    workstation: Mapped[str] = mapped_column(String, default="")
    # A station's scans (station "pick"): the order line (its position) a scan counted for and
    # how many units (negative for an undo). The station's progress is the sum of these.
    station: Mapped[str] = mapped_column(String, default="", server_default="")
    line_position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    units: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class OutboxEntry(Base):
    """A change meant for the server, kept until the server confirmed it (or said no for good).

    Sent in `id` order with its own `idempotency_key`, as `operator` from `workstation`.
    """

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String, unique=True)
    order_id: Mapped[str] = mapped_column(String, index=True)
    kind: Mapped[str] = mapped_column(String)  # status, shipments, services, claim, release, retry_push…
    path: Mapped[str] = mapped_column(String)  # relative to /api/v1, e.g. "orders/17/status"
    body: Mapped[str] = mapped_column(Text)  # JSON
    operator: Mapped[str] = mapped_column(String, default="")
    workstation: Mapped[str] = mapped_column(String, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


# The states of a print job. app/print_queue.py moves a job from queued to confirmed or failed;
# the "void labels" flow (6 -> 5.1) turns an order's confirmed labels to voided, so that its
# next print is a new label and not the confirmed one again.
JOB_QUEUED, JOB_SENDING, JOB_SENT, JOB_CONFIRMED, JOB_FAILED, JOB_VOIDED = (
    "queued",
    "sending",
    "sent",
    "confirmed",
    "failed",
    "voided",
)
# The document name of an order's shipping label (ours or the carrier's), as the print station
# queues it.
SHIPPING_LABEL_DOCUMENT = "shipping_label"


class PrintJob(Base):
    """A document on its way to a printer (app/print_queue.py drives the states)."""

    __tablename__ = "print_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_key: Mapped[str] = mapped_column(String, unique=True)
    order_id: Mapped[str | None] = mapped_column(String, nullable=True, index=True)
    role: Mapped[str] = mapped_column(String)  # shipping | item | documents
    printer_uri: Mapped[str] = mapped_column(String)
    # shipping_label | packing_slip | pick_list | item_label | commands | carrier_label
    document: Mapped[str] = mapped_column(String)
    format: Mapped[str] = mapped_column(String)  # zpl | pdf | …
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    copies: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(
        String, default="queued", index=True
    )  # queued|sending|sent|confirmed|failed|voided
    reason: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SyncCursor(Base):
    """Where the last pull stopped, per feed ("orders"); opaque text from the server."""

    __tablename__ = "sync_cursor"

    name: Mapped[str] = mapped_column(String, primary_key=True)
    cursor: Mapped[str] = mapped_column(String, default="")
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ProductAliasRow(Base):
    """A code taught as another name of a seller's SKU: at this table (kept from the moment it
    is taught, so it works offline, until the server refuses it) or at any table of the prep
    center (pulled from the server's alias feed). The code is kept as taught."""

    __tablename__ = "product_aliases"

    seller: Mapped[str] = mapped_column(String, primary_key=True)
    code: Mapped[str] = mapped_column(String, primary_key=True)
    sku: Mapped[str] = mapped_column(String)
    taught_by: Mapped[str] = mapped_column(String, default="")  # operator code
    workstation: Mapped[str] = mapped_column(String, default="")
    at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class OrderFlag(Base):
    """What the operator must be told about an order: the server refused a change, or cancelled it.

    Cleared when the operator acknowledged it (`acknowledged_at`).
    """

    __tablename__ = "order_flags"

    order_id: Mapped[str] = mapped_column(String, primary_key=True)
    refused_reason: Mapped[str] = mapped_column(Text, default="")
    refused_code: Mapped[str] = mapped_column(String, default="")
    refused_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    cancelled_notice: Mapped[str] = mapped_column(Text, default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
