"""Bearer tokens: issued per operator or workstation, shown once, kept only as their SHA-256,
revocable, with the time they were last used.

A token is 32 random bytes, so a plain SHA-256 is enough to keep it (no one guesses it back);
its id is the first 12 characters of the hash: what lists show and `revoke` takes.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.domain import utcnow
from app.i18n import tr
from server.models import Operator, PrepCenter, Token

ID_CHARS = 12
# last_used_at is written at most this often per token (a write on every call would queue every
# read behind the write lock).
LAST_USED_EVERY = timedelta(seconds=60)


class TokenRefused(ValueError):
    """A token cannot be issued or revoked as asked; `str()` says why."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def token_id(hashed: str) -> str:
    return hashed[:ID_CHARS]


@dataclass(frozen=True)
class IssuedToken:
    token: str  # shown once, never again
    id: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"token": self.token, "id": self.id, "label": self.label}


def issue_token(
    session: Session,
    *,
    prep_center: str | None,
    operator: str = "",
    workstation: str = "",
    label: str = "",
    admin: bool = False,
    token: str | None = None,
) -> IssuedToken:
    """A new token for an operator (its default operator) or a workstation of a prep center, or
    an admin token. `token` fixes the text (tests, demo); otherwise it is random."""
    if admin:
        prep_center, operator, workstation = None, "", ""
    else:
        if prep_center is None or session.get(PrepCenter, prep_center) is None:
            raise TokenRefused(tr("No prep center “{id}”.", id=prep_center or ""))
        if not operator and not workstation:
            raise TokenRefused(tr("A token is for an operator or for a workstation: say which."))
        if operator:
            known = session.scalar(
                select(Operator.code).where(Operator.prep_center_id == prep_center, Operator.code == operator)
            )
            if known is None:
                raise TokenRefused(tr("No operator “{code}” at this prep center.", code=operator))
        else:  # a workstation's token signs in as the first operator until one signs in by badge
            operator = (
                session.scalar(
                    select(Operator.code).where(Operator.prep_center_id == prep_center).order_by(Operator.id)
                )
                or ""
            )
    text = token or ("pdt-" + secrets.token_urlsafe(32))
    hashed = token_hash(text)
    if session.get(Token, hashed) is not None:
        raise TokenRefused(tr("This token is issued already."))
    label = (label or workstation or operator or ("admin" if admin else ""))[:40]
    session.add(
        Token(
            token=hashed,
            role="admin" if admin else "operator",
            label=label,
            prep_center_id=prep_center,
            operator_code=operator,
            workstation=workstation,
            issued_at=utcnow(),
        )
    )
    session.flush()
    return IssuedToken(text, token_id(hashed), label)


def revoke_token(session: Session, wanted_id: str) -> dict[str, Any]:
    """Revoke the token whose id (or a longer prefix of its hash) is `wanted_id`."""
    wanted_id = wanted_id.strip().lower()
    if len(wanted_id) < 8 or any(c not in "0123456789abcdef" for c in wanted_id):
        raise TokenRefused(tr("A token id is at least 8 hexadecimal characters (see the token list)."))
    rows = list(session.scalars(select(Token).where(Token.token.startswith(wanted_id))))
    if not rows:
        raise TokenRefused(tr("No token with the id {id}.", id=wanted_id))
    if len(rows) > 1:
        raise TokenRefused(tr("Several tokens start with {id}: give more of it.", id=wanted_id))
    row = rows[0]
    if row.revoked_at is None:
        row.revoked_at = utcnow()
    return token_dict(row)


def list_tokens(session: Session, prep_center: str | None = None) -> list[dict[str, Any]]:
    query = select(Token).order_by(Token.prep_center_id, Token.label, Token.issued_at)
    if prep_center:
        query = query.where(Token.prep_center_id == prep_center)
    return [token_dict(row) for row in session.scalars(query)]


def token_dict(row: Token) -> dict[str, Any]:
    def when(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    return {
        "id": token_id(row.token),
        "role": row.role,
        "label": row.label,
        "prep_center": row.prep_center_id,
        "operator": row.operator_code,
        "workstation": row.workstation,
        "issued_at": when(row.issued_at),
        "last_used_at": when(row.last_used_at),
        "revoked_at": when(row.revoked_at),
    }


def note_use(session: Session, row: Token) -> None:
    """Record that the token was used now, unless that was recorded in the last minute."""
    now = utcnow()
    if row.last_used_at is not None and now - row.last_used_at < LAST_USED_EVERY:
        return
    session.execute(update(Token).where(Token.token == row.token).values(last_used_at=now))
