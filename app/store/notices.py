"""Notices for the operator kept on an order: the server refused a change, or cancelled the order.

Each is written with its activity entry in the caller's transaction, and stays until the
operator acknowledged it (`order_flags.acknowledged_at`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.domain import Claim
from app.domain.outbox import AliasTaught, CommandKind, ServerCommand, StatusMove
from app.i18n import tr
from app.store.models import OrderFlag, time_text
from app.store.orders import add_activity


def note_refusal(
    s: Session, order_id: str, notice: str, code: str, operator: str, workstation: str, at: datetime
) -> None:
    statement = sqlite_insert(OrderFlag).values(
        order_id=order_id, refused_reason=notice, refused_code=code, refused_at=at, cancelled_notice=""
    )
    s.execute(
        statement.on_conflict_do_update(
            index_elements=["order_id"],
            set_={
                "refused_reason": notice,
                "refused_code": code,
                "refused_at": time_text(at),
                "acknowledged_at": None,
            },
        )
    )
    add_activity(s, order_id, "refused", notice, operator, workstation, at)


def note_cancellation(s: Session, order_id: str, notice: str, at: datetime) -> None:
    statement = sqlite_insert(OrderFlag).values(
        order_id=order_id, refused_reason="", refused_code="", cancelled_notice=notice, cancelled_at=at
    )
    s.execute(
        statement.on_conflict_do_update(
            index_elements=["order_id"],
            set_={"cancelled_notice": notice, "cancelled_at": time_text(at), "acknowledged_at": None},
        )
    )
    add_activity(s, order_id, "cancelled", notice, "", "", at)


# What each kind of command is, in the operator's words (translated when shown).
_ACTIONS = {
    CommandKind.STATUS: "status change",
    CommandKind.SHIPMENTS: "parcels",
    CommandKind.SERVICES: "services",
    CommandKind.CLAIM: "claim",
    CommandKind.RELEASE: "release of the claim",
    CommandKind.RETRY_PUSH: "retry of a tracking push",
    CommandKind.DISMISS_PUSH: "dismissal of a tracking push",
    CommandKind.ALIAS: "code taught for a SKU",
}


def refusal_text(command: ServerCommand, server_message: str, holder: Claim | None) -> str:
    """The notice for a command the server refused for good."""
    if holder is not None:
        return tr(
            "Another table holds this order: {operator} at {workstation}, until {until}.",
            operator=holder.operator,
            workstation=holder.workstation,
            until=holder.expires_at.astimezone().strftime("%H:%M"),
        )
    if isinstance(command, AliasTaught):
        return tr(
            "The server refused the code “{code}” for {sku}; it is not taught: {message}",
            code=command.code,
            sku=command.sku,
            message=server_message,
        )
    if isinstance(command, StatusMove):
        what = tr("move to “{status}”", status=command.status.label)
    else:
        what = tr(_ACTIONS[command.kind])
    return tr("The server refused the {what}: {message}", what=what, message=server_message)
