"""Orders: who am I, the incremental listing by change sequence, one order, and status moves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import Actor, MoveNotAllowed, OrderStatus, check_move, is_allowed, why_not_shippable
from app.i18n import tr
from server.bodies import StatusBody
from server.calls import Caller, OperatorCall, Write, database, run_write
from server.errors import ApiError
from server.models import Operator, OrderRow, ShipmentRow
from server.order_book import (
    VISIBLE_STATUSES,
    live_claim,
    log,
    order_wire,
    orders_wire,
    record_change,
    visible_order,
)
from server.request_values import query_number, query_time

router = APIRouter()

DEFAULT_LIMIT = 200
MAX_LIMIT = 1000
MAX_CURSOR = 10**18 - 1  # the change sequence is a BIGINT; 18 digits are always below its end


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
    since = query_time(params, "updated_since", error="invalid_updated_since")
    cursor = query_number(params, "cursor", default=0, low=0, high=MAX_CURSOR, error="invalid_cursor")
    limit = query_number(params, "limit", default=DEFAULT_LIMIT, low=1, high=MAX_LIMIT, error="invalid_limit")
    return statuses, since, cursor, limit


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


def writable_order(session: Session, who: Caller, order_id: str) -> OrderRow:
    """The order, locked, if this workstation may write to it: not cancelled (409 `cancelled`),
    and not held by another workstation's live claim (409 `claimed`, holder named)."""
    row = visible_order(session, who, order_id, for_update=True)
    if row.status == OrderStatus.CANCELLED.value:
        raise cancelled_error(row)
    if (refusal := claimed_error(row, who.workstation)) is not None:
        raise refusal
    return row


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
        row = writable_order(session, who, order_id)
        current, target = OrderStatus(row.status), _target(body.status)
        reason = body.reason  # trimmed, and words if anything (server.request_values)
        try:
            check_move(current, target, Actor.WORKSTATION, reason)
        except MoveNotAllowed as not_allowed:
            if is_allowed(current, target, Actor.WORKSTATION):
                raise ApiError(422, "reason_required", not_allowed.message) from None
            raise refuse_move(current, target, not_allowed.message) from None
        if target is OrderStatus.SHIPPED:
            parcels = session.scalars(
                select(ShipmentRow.tracking_number).where(ShipmentRow.order_id == row.id)
            )
            if (why := why_not_shippable(row.shipping_service, parcels)) is not None:
                raise ApiError(409, "parcels_required", why)
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
