"""The newest entries of this table's activity log, with their order numbers and the operators'
names (store lane, no Qt): what the activity page shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.activity_log.words import operator_names, who
from app.store import ActivityRow, OrderRow

NEWEST = 5000  # entries kept on screen; older ones stay in the store


@dataclass(frozen=True, slots=True)
class ActivityLine:
    id: int
    at: datetime | None
    order_id: str
    order_number: str
    action: str
    detail: str
    operator: str  # the operator's code, as the store and the server keep it
    workstation: str
    origin: str
    who: str  # the operator as the log shows them: "Ann Miller (ann)"


def newest_activity(store: Any, limit: int = NEWEST) -> list[ActivityLine]:
    """Store lane: the newest entries, newest first, with their order numbers and the names of
    the operators."""
    names = operator_names(store)
    statement = (
        select(ActivityRow, OrderRow.number)
        .outerjoin(OrderRow, OrderRow.id == ActivityRow.order_id)
        .order_by(ActivityRow.at.desc(), ActivityRow.id.desc())
        .limit(limit)
    )
    with store.session() as s:
        return [
            ActivityLine(
                a.id,
                a.at,
                a.order_id,
                number or a.order_id,
                a.action,
                a.detail,
                a.operator,
                a.workstation,
                a.origin,
                who(a.operator, names),
            )
            for a, number in s.execute(statement)
        ]
