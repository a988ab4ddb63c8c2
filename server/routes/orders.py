"""Orders: who am I, the incremental listing by change sequence, one order, and status moves."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import Actor, MoveNotAllowed, OrderStatus, check_move, is_allowed, parse_iso
from app.i18n import tr
from server.bodies import StatusBody
from server.calls import OperatorCall, Write, database, run_write
from server.errors import ApiError
from server.models import Operator, OrderRow
from server.order_book import (
    VISIBLE_STATUSES,
    live_claim,
    log,
    order_wire,
    orders_wire,
    record_change,
    visible_order,
)

router = APIRouter()

DEFAULT_LIMIT = 200
MAX_LIMIT = 1000
_DIGITS = re.compile(r"[0-9]+")


@router.get("/me")
def me(request: Request, who: OperatorCall) -> JSONResponse:
    with database(request).read() as session:
        operators = session.scalars(
            select(Operator).where(Operator.prep_center_id == who.prep_center_id).order_by(Operator.code)
        ).all()
        by_code = {op.code: op for op in operators}
        current = by_code.get(who.operator)
        return JSONResponse(
            {
                "prep_center": {"id": who.prep_center_id, "name": who.prep_center_name},
                "operator": {"code": who.operator, "name": current.name if current else who.operator},
                "operators": [{"code": op.code, "name": op.name, "badge": op.badge} for op in operators],
            }
        )


def _listing_query(request: Request) -> tuple[list[str], Any, int, int]:
    params = request.query_params
    statuses = params.getlist("status")
    for code in statuses:
        if code not in {s.value for s in OrderStatus}:
            raise ApiError(422, "invalid_status", tr("“{status}” is not an order status.", status=code[:20]))
    since_text = params.get("updated_since")
    try:
        since = parse_iso(since_text) if since_text else None
        if since is not None:
            since = since.astimezone(UTC)  # a year-9999 time east of UTC overflows here, not later
    except (ValueError, OverflowError):
        raise ApiError(422, "invalid_updated_since", tr("updated_since must be an ISO 8601 time.")) from None
    cursor_text = params.get("cursor") or "0"
    # ASCII digits: str.isdigit() also takes "²" (which int() refuses: a 500) and "١٢".
    if not _DIGITS.fullmatch(cursor_text) or len(cursor_text) > 18:
        raise ApiError(422, "invalid_cursor", tr("This cursor was not given by this server."))
    limit_text = params.get("limit") or str(DEFAULT_LIMIT)
    if not _DIGITS.fullmatch(limit_text) or not 1 <= int(limit_text[:6]) <= MAX_LIMIT:
        raise ApiError(
            422, "invalid_limit", tr("limit must be a whole number from 1 to {max}.", max=MAX_LIMIT)
        )
    return statuses, since, int(cursor_text), int(limit_text)


@router.get("/orders")
def list_orders(request: Request, who: OperatorCall) -> Response:
    statuses, since, cursor, limit = _listing_query(request)
    wanted = [s for s in statuses if s in VISIBLE_STATUSES] if statuses else list(VISIBLE_STATUSES)
    with database(request).read() as session:
        query = (
            select(OrderRow.__table__)
            .where(
                OrderRow.prep_center_id == who.prep_center_id,
                OrderRow.status.in_(wanted),
                OrderRow.seq > cursor,
            )
            .order_by(OrderRow.seq)
            .limit(limit + 1)
        )
        if since is not None:
            query = query.where(OrderRow.updated_at >= since)
        rows = list(session.execute(query)) if wanted else []
        has_more = len(rows) > limit
        rows = rows[:limit]
        orders = orders_wire(session, rows, with_activity=False)
    next_cursor = str(rows[-1].seq) if rows else str(cursor)
    return JSONResponse({"orders": orders, "cursor": next_cursor, "has_more": has_more})


@router.get("/orders/{order_id}")
def get_order(order_id: str, request: Request, who: OperatorCall) -> JSONResponse:
    with database(request).read() as session:
        row = visible_order(session, who, order_id)
        return JSONResponse(order_wire(session, row))


def _target(code: str) -> OrderStatus:
    try:
        return OrderStatus(code)
    except ValueError:
        raise ApiError(422, "invalid_status", tr("“{status}” is not an order status.", status=code)) from None


def claimed_error(row: OrderRow, workstation: str, now: datetime | None = None) -> ApiError | None:
    """The 409 for an order whose live lease another workstation than `workstation` holds, else
    None (the lease read once, at `now`)."""
    holder = live_claim(row, now)
    if holder is None or holder.workstation == workstation:
        return None
    return ApiError(
        409,
        "claimed",
        tr(
            "Order {number} is being worked on by {operator} at {workstation}.",
            number=row.number,
            operator=holder.operator,
            workstation=holder.workstation,
        ),
        holder=holder.to_dict(),
    )


def cancelled_error(row: OrderRow) -> ApiError:
    return ApiError(409, "cancelled", tr("Order {number} is cancelled.", number=row.number))


def refuse_move(current: OrderStatus, target: OrderStatus, message: str) -> ApiError:
    return ApiError(409, "move_not_allowed", message, **{"from": current.value, "to": target.value})


@router.post("/orders/{order_id}/status")
def move_status(
    order_id: str,
    body: StatusBody,
    request: Request,
    who: OperatorCall,
    write: Write,
) -> Response:
    db = database(request)

    def work(session: Session) -> dict[str, Any]:
        row = visible_order(session, who, order_id, for_update=True)
        current, target = OrderStatus(row.status), _target(body.status)
        if current is OrderStatus.CANCELLED:
            raise cancelled_error(row)
        if (refusal := claimed_error(row, who.workstation)) is not None:
            raise refusal
        reason = body.reason.strip()
        try:
            check_move(current, target, Actor.WORKSTATION, reason)
        except MoveNotAllowed as not_allowed:
            if is_allowed(current, target, Actor.WORKSTATION):
                raise ApiError(422, "reason_required", not_allowed.message) from None
            raise refuse_move(current, target, not_allowed.message) from None
        row.status, row.status_reason = target.value, reason
        record_change(db, session, row)
        log(
            session,
            row,
            who,
            "status",
            f"{current.value} → {target.value}" + (f": {reason}" if reason else ""),
        )
        return order_wire(session, row)

    return run_write(db, who, write, work)
