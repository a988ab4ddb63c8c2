"""Claims: a workstation's renewable lease on an order, so two tables never pack the same order."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from app.domain import Claim, OrderStatus, iso, utcnow
from server.bodies import ClaimBody, EmptyBody
from server.calls import OperatorCall, Write, database, run_write
from server.order_book import live_claim, log, record_change, visible_order
from server.routes.orders import cancelled_error, claimed_error

router = APIRouter()


@router.post("/orders/{order_id}/claim")
def claim(
    order_id: str,
    request: Request,
    who: OperatorCall,
    write: Write,
    body: ClaimBody | None = None,
) -> Response:
    db = database(request)
    minutes = body.minutes if body is not None else 10

    def work(session: Session) -> dict[str, Any]:
        row = visible_order(session, who, order_id, for_update=True)
        if row.status == OrderStatus.CANCELLED.value:
            raise cancelled_error(row)
        now = utcnow()
        if (refusal := claimed_error(row, who.workstation, now)) is not None:
            raise refusal
        holder = live_claim(row, now)  # None: a new claim (or a take-over); ours: a renewal
        previous = (row.claim_operator, row.claim_workstation, row.claim_expires_at)
        row.claim_operator, row.claim_workstation = who.operator, who.workstation
        row.claim_expires_at = now + timedelta(minutes=minutes)
        record_change(db, session, row, now)
        if holder is None and previous[1] and previous[1] != who.workstation:
            log(
                session,
                row,
                who,
                "takeover",
                f"lease of {previous[0]} at {previous[1]} expired {iso(previous[2])}; taken over",
            )
        elif holder is None:
            log(session, row, who, "claim", f"{minutes} min")
        return {"claim": Claim(who.operator, who.workstation, row.claim_expires_at).to_dict()}

    return run_write(db, who, write, work)


@router.post("/orders/{order_id}/release")
def release(
    order_id: str,
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
        if row.claim_workstation == who.workstation:
            row.claim_operator, row.claim_workstation, row.claim_expires_at = "", "", None
            record_change(db, session, row)
            log(session, row, who, "release")
        return {"released": True}

    return run_write(db, who, write, work)
