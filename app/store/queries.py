"""What the screens read from the store: the dashboard counts, a page of the order list, one order.

Pure reads on a session the caller owns (in the workstation: the store worker thread). Built for
50,000 orders: filters and sorts use indexed columns of `orders`; the search is a LIKE over one
lower-case text column per order (number, marketplace number, recipient, SKUs, FNSKUs, EANs,
tracking numbers), a single pass with no joins.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from app.domain import Activity, Order, OrderStatus
from app.store.models import (
    JOB_VOIDED,
    SHIPPING_LABEL_DOCUMENT,
    ActivityRow,
    OrderBody,
    OrderFlag,
    OrderRow,
    OutboxEntry,
    PrintJob,
    ProductAliasRow,
    ShipmentRow,
    time_text,
)

AnySelect = Select[Any, *tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class StatusCounts:
    """The dashboard: orders per status, plus shipped since `shipped_since`, failed pushes,
    orders with a notice for the operator, and changes waiting for the server."""

    by_status: dict[OrderStatus, int]
    shipped_today: int
    failed_pushes: int
    notices: int
    unsent_changes: int


class SortKey(enum.StrEnum):
    NUMBER = "number"
    STATUS = "status"
    SHIP_BY = "ship_by"
    UPDATED_AT = "updated_at"
    MARKETPLACE = "marketplace"
    SELLER = "seller"
    CARRIER = "carrier"
    RECIPIENT = "recipient_name"
    UNITS = "units"


@dataclass(frozen=True, slots=True)
class OrderFilter:
    """Which orders the list shows; every field left empty means "any"."""

    statuses: Sequence[OrderStatus] = ()
    marketplace: str = ""
    seller: str = ""
    carrier: str = ""
    ship_by_from: datetime | None = None
    ship_by_to: datetime | None = None  # exclusive
    search: str = ""  # order number, SKU, FNSKU, EAN, tracking number, recipient name
    failed_pushes_only: bool = False
    notices_only: bool = False


@dataclass(frozen=True, slots=True)
class OrderListRow:
    id: str
    number: str
    status: OrderStatus
    status_reason: str
    marketplace: str
    seller: str
    ship_by: datetime | None
    carrier: str
    recipient_name: str
    units: int
    line_count: int
    failed_pushes: int
    claim_workstation: str
    claim_operator: str
    updated_at: datetime | None
    unsent_changes: bool  # local changes still on their way to the server
    notice: str  # what the operator must be told (refusal or cancellation), "" if nothing


@dataclass(frozen=True, slots=True)
class OrderNotice:
    """A refusal by the server or a cancellation, kept until the operator acknowledged it."""

    order_id: str
    refused_reason: str = ""
    refused_code: str = ""
    refused_at: datetime | None = None
    cancelled_notice: str = ""
    cancelled_at: datetime | None = None

    @property
    def text(self) -> str:
        return self.cancelled_notice or self.refused_reason


@dataclass(frozen=True, slots=True)
class OrderPageResult:
    rows: list[OrderListRow]
    total: int  # rows matching the filter, over all pages


def start_of_today(now: datetime | None = None) -> datetime:
    """Local midnight of today, as an aware datetime (the "shipped today" boundary)."""
    local = (now or datetime.now(UTC)).astimezone()
    return datetime.combine(local.date(), time(0), tzinfo=local.tzinfo)


_OPEN_NOTICE = OrderFlag.acknowledged_at.is_(None)


def counts_by_status(s: Session, shipped_since: datetime | None = None) -> StatusCounts:
    """Counts for the dashboard; `shipped_since` defaults to local midnight today."""
    since = time_text(shipped_since or start_of_today())
    by_status = {status: 0 for status in OrderStatus if status.visible_to_prep_center}
    for code, n in s.execute(select(OrderRow.status, func.count()).group_by(OrderRow.status)):
        by_status[OrderStatus(code)] = int(n)
    shipped = s.scalar(select(func.count()).select_from(OrderRow).where(OrderRow.shipped_at >= since)) or 0
    failed = s.scalar(select(func.count()).select_from(OrderRow).where(OrderRow.failed_pushes > 0)) or 0
    notices = s.scalar(select(func.count()).select_from(OrderFlag).where(_OPEN_NOTICE)) or 0
    unsent = s.scalar(select(func.count()).select_from(OutboxEntry)) or 0
    return StatusCounts(by_status, int(shipped), int(failed), int(notices), int(unsent))


def _filtered(statement: AnySelect, f: OrderFilter) -> AnySelect:
    if f.statuses:
        statement = statement.where(OrderRow.status.in_([OrderStatus(x).value for x in f.statuses]))
    if f.marketplace:
        statement = statement.where(OrderRow.marketplace == f.marketplace)
    if f.seller:
        statement = statement.where(OrderRow.seller == f.seller)
    if f.carrier:
        statement = statement.where(OrderRow.carrier == f.carrier)
    if f.ship_by_from:
        statement = statement.where(OrderRow.ship_by >= time_text(f.ship_by_from))
    if f.ship_by_to:
        statement = statement.where(OrderRow.ship_by < time_text(f.ship_by_to))
    if f.failed_pushes_only:
        statement = statement.where(OrderRow.failed_pushes > 0)
    if f.notices_only:
        statement = statement.where(OrderFlag.order_id.is_not(None), _OPEN_NOTICE)
    term = f.search.strip().lower()
    if term:
        # instr, not LIKE: the text is lower-case already, and a plain substring test is both
        # quicker and free of wildcards (a "%" or "_" in what was typed is just a character).
        statement = statement.where(
            or_(OrderRow.number == f.search.strip(), func.instr(OrderRow.search_text, term) > 0)
        )
    return statement


def _with_flags(statement: AnySelect) -> AnySelect:
    return statement.outerjoin(OrderFlag, OrderFlag.order_id == OrderRow.id)


def list_orders(
    s: Session,
    f: OrderFilter | None = None,
    *,
    sort: SortKey = SortKey.SHIP_BY,
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> OrderPageResult:
    """One page of the order list, filtered and sorted, with the number of matching orders."""
    f = f or OrderFilter()
    columns = (
        OrderRow.id,
        OrderRow.number,
        OrderRow.status,
        OrderRow.status_reason,
        OrderRow.marketplace,
        OrderRow.seller,
        OrderRow.ship_by,
        OrderRow.carrier,
        OrderRow.recipient_name,
        OrderRow.units,
        OrderRow.line_count,
        OrderRow.failed_pushes,
        OrderRow.claim_workstation,
        OrderRow.claim_operator,
        OrderRow.updated_at,
        OrderRow.unsent_changes.label("unsent"),
        OrderFlag.cancelled_notice,
        OrderFlag.refused_reason,
        OrderFlag.acknowledged_at,
    )
    key = getattr(OrderRow, SortKey(sort).value)
    order_by = [key.desc() if descending else key.asc(), OrderRow.id.desc() if descending else OrderRow.id]
    # A search scans every order once; counting the matches in the same pass (a window over
    # the whole match) saves a second scan. Without a search the indexes answer both quickly.
    searching = bool(f.search.strip())
    wanted = (*columns, func.count().over().label("total")) if searching else columns
    page = _filtered(_with_flags(select(*wanted)), f).order_by(*order_by).offset(offset).limit(limit)
    found = s.execute(page).all()
    rows = [
        OrderListRow(
            id=r.id,
            number=r.number,
            status=OrderStatus(r.status),
            status_reason=r.status_reason,
            marketplace=r.marketplace,
            seller=r.seller,
            ship_by=r.ship_by,
            carrier=r.carrier,
            recipient_name=r.recipient_name,
            units=r.units,
            line_count=r.line_count,
            failed_pushes=r.failed_pushes,
            claim_workstation=r.claim_workstation,
            claim_operator=r.claim_operator,
            updated_at=r.updated_at,
            unsent_changes=bool(r.unsent),
            notice="" if r.acknowledged_at else (r.cancelled_notice or r.refused_reason or ""),
        )
        for r in found
    ]
    if searching and found:
        return OrderPageResult(rows, int(found[0].total))
    counted = select(func.count(OrderRow.id))
    total = s.scalar(_filtered(_with_flags(counted) if f.notices_only else counted, f)) or 0
    return OrderPageResult(rows, int(total))


def matching_order_ids(s: Session, f: OrderFilter) -> list[str]:
    """Only the ids of the orders a filter matches (the order list's search: no rows to build)."""
    return list(s.scalars(_filtered(_with_flags(select(OrderRow.id)), f)))


def load_order(s: Session, order_id: str) -> Order | None:
    """One order as the workstation shows it, with its activity log (oldest first)."""
    data = s.scalar(select(OrderBody.data).where(OrderBody.order_id == order_id))
    if data is None:
        return None
    order = Order.from_dict(json.loads(data))
    entries = s.scalars(
        select(ActivityRow).where(ActivityRow.order_id == order_id).order_by(ActivityRow.at, ActivityRow.id)
    )
    order.activity = [
        Activity(
            action=a.action,
            detail=a.detail,
            operator=a.operator,
            workstation=a.workstation,
            order_id=a.order_id,
            at=a.at,
            logged_here=a.origin == "local",
        )
        for a in entries
    ]
    return order


def order_ids_by_tracking(s: Session, tracking_number: str) -> list[str]:
    """The orders with a parcel of this tracking number (a parcel's label scanned)."""
    number = tracking_number.strip()
    statement = (
        select(ShipmentRow.order_id)
        .where(ShipmentRow.tracking_number.in_({number, number.upper()}))  # the index, either case
        .distinct()
    )
    return list(s.scalars(statement))


def order_id_by_number(s: Session, number: str) -> str | None:
    """The order a scanned order label (its number) points at."""
    return s.scalar(select(OrderRow.id).where(OrderRow.number == number).limit(1))


def order_notice(s: Session, order_id: str) -> OrderNotice | None:
    """The unacknowledged refusal or cancellation of an order, if any."""
    flag = s.get(OrderFlag, order_id)
    if flag is None or flag.acknowledged_at is not None:
        return None
    return _notice(flag)


def open_notices(s: Session) -> list[OrderNotice]:
    flags = s.scalars(select(OrderFlag).where(_OPEN_NOTICE).order_by(OrderFlag.order_id))
    return [_notice(f) for f in flags]


def _notice(flag: OrderFlag) -> OrderNotice:
    return OrderNotice(
        order_id=flag.order_id,
        refused_reason=flag.refused_reason,
        refused_code=flag.refused_code,
        refused_at=flag.refused_at,
        cancelled_notice=flag.cancelled_notice,
        cancelled_at=flag.cancelled_at,
    )


def choices(s: Session, column: str) -> list[str]:
    """The distinct non-empty values of `marketplace`, `seller` or `carrier`, for filter menus."""
    if column not in ("marketplace", "seller", "carrier"):
        raise ValueError(column)
    col = getattr(OrderRow, column)
    return [v for v in s.scalars(select(col).where(col != "").distinct().order_by(col))]


def unsent_count(s: Session, order_id: str | None = None) -> int:
    statement = select(func.count()).select_from(OutboxEntry)
    if order_id is not None:
        statement = statement.where(OutboxEntry.order_id == order_id)
    return int(s.scalar(statement) or 0)


def voided_labels(s: Session, order_id: str) -> int:
    """How many of the order's shipping labels were voided (the print station's label round)."""
    statement = select(func.count()).where(
        PrintJob.order_id == order_id,
        PrintJob.document == SHIPPING_LABEL_DOCUMENT,
        PrintJob.state == JOB_VOIDED,
    )
    return int(s.scalar(statement) or 0)


def print_jobs_of(s: Session, order_id: str) -> list[PrintJob]:
    return list(s.scalars(select(PrintJob).where(PrintJob.order_id == order_id).order_by(PrintJob.id)))


def alias_sku(s: Session, seller: str, code: str) -> str | None:
    """The SKU a code was taught for at this prep center (seller's goods only), or None.

    The code as taught wins; failing that, the same letters in another case (a scanner on Caps
    Lock). The server never lets two SKUs of a seller share a code in any case, so the second
    look can find at most one, unless two tables taught offline and one is yet to be refused.
    """
    return s.scalar(
        select(ProductAliasRow.sku)
        .where(
            ProductAliasRow.seller == seller,
            or_(ProductAliasRow.code == code, func.upper(ProductAliasRow.code) == code.upper()),
        )
        .order_by(case((ProductAliasRow.code == code, 0), else_=1), ProductAliasRow.at)
        .limit(1)
    )
