"""Who is calling (token, workstation, operator) and how a write is run exactly once.

Every POST carries an Idempotency-Key: the answer to the first call is stored with the change,
in the same transaction, and a repeat gets that answer back and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.domain import utcnow
from app.domain.durable_sqlite import writer
from app.i18n import tr
from server.db import Database
from server.errors import ApiError
from server.models import IdempotencyRow, Operator, PrepCenter, Token
from server.request_values import OPERATOR_MAX, WORKSTATION_MAX, header_name, idempotency_key
from server.tokens import LAST_USED_EVERY, note_use, token_hash


@dataclass(frozen=True, slots=True)
class Caller:
    """The prep center, operator and workstation behind a call (admin: no prep center)."""

    prep_center_id: str
    prep_center_name: str
    operator: str
    workstation: str
    is_admin: bool = False

    @property
    def scope(self) -> str:
        return "admin" if self.is_admin else self.prep_center_id


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorized", tr("A bearer token is needed."))
    return token.strip()


def caller(request: Request) -> Caller:
    """Dependency: the prep center and operator of the token, the workstation of the header."""
    token = _bearer(request)
    workstation = header_name(
        request.headers.get("x-workstation"),
        what="X-Workstation",
        error="invalid_workstation",
        max_chars=WORKSTATION_MAX,
    )
    wanted = header_name(
        request.headers.get("x-operator"), what="X-Operator", error="invalid_operator", max_chars=OPERATOR_MAX
    )
    db = database(request)
    with db.read() as session:  # one transaction: on PostgreSQL each one costs round trips
        row = session.get(Token, token_hash(token)) if len(token) <= 200 else None
        if row is None:
            raise ApiError(401, "unauthorized", tr("This token is not known to the order server."))
        if row.revoked_at is not None:
            raise ApiError(
                401,
                "token_revoked",
                tr(
                    "This token was revoked on {when}; ask the administrator for a new one.",
                    when=row.revoked_at.strftime("%Y-%m-%d %H:%M UTC"),
                ),
            )
        found = _who(session, row, wanted, workstation)
    if row.last_used_at is None or utcnow() - row.last_used_at >= LAST_USED_EVERY:
        _note_use(db, row)
    return found


def _who(session: Session, row: Token, wanted: str, workstation: str) -> Caller:
    if row.role == "admin":
        return Caller("", "", "admin", workstation, True)
    center = session.get(PrepCenter, row.prep_center_id)
    assert center is not None
    operator = row.operator_code
    if wanted:
        found = _find_operator(session, center.id, wanted)
        if found is None:
            raise ApiError(
                422, "unknown_operator", tr("No operator “{code}” at this prep center.", code=wanted)
            )
        operator = found.code
    return Caller(center.id, center.name, operator, workstation)


def _note_use(db: Database, row: Token) -> None:
    """last_used_at, written at most once a minute per token, in its own short transaction."""
    try:
        with Session(writer(db.engine)) as session, session.begin():
            note_use(session, row)
    except OperationalError:  # a busy database: the next call records it
        pass


def _find_operator(session: Session, prep_center_id: str, wanted: str) -> Operator | None:
    wanted = wanted.lower().removeprefix("pdb-")
    return session.scalars(
        select(Operator).where(
            Operator.prep_center_id == prep_center_id,
            or_(func.lower(Operator.code) == wanted, func.lower(Operator.badge) == wanted),
        )
    ).first()


def admin_caller(request: Request) -> Caller:
    """Dependency for the admin calls: the server's admin token only."""
    found = caller(request)
    if not found.is_admin:
        raise ApiError(403, "forbidden", tr("This call needs the server's admin token."))
    return found


def operator_caller(request: Request) -> Caller:
    """Dependency for the prep-center calls: an operator token (the admin has no prep center)."""
    found = caller(request)
    if found.is_admin:
        raise ApiError(403, "forbidden", tr("The admin token has no prep center; use an operator's token."))
    return found


@dataclass(frozen=True, slots=True)
class WriteRequest:
    """What makes a write the same write: its key and a fingerprint of method, path and body."""

    key: str | None
    fingerprint: str


async def write_request(request: Request) -> WriteRequest:
    """Dependency: the Idempotency-Key and the request's fingerprint."""
    raw = await request.body()
    try:
        canonical = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")) if raw.strip() else ""
    except (ValueError, RecursionError):
        canonical = raw.decode("utf-8", "replace")
    digest = hashlib.sha256(f"{request.method} {request.url.path}\n{canonical}".encode()).hexdigest()
    return WriteRequest(idempotency_key(request.headers.get("idempotency-key")), digest)


Work = Callable[[Session], dict[str, Any]]

# How long a write's answer is kept for its retries: longer than any workstation stays offline.
KEEP_ANSWERS = timedelta(days=30)


def forget_old_answers(session: Session) -> None:
    """Drop stored answers older than KEEP_ANSWERS (run at start)."""
    session.execute(delete(IdempotencyRow).where(IdempotencyRow.created_at < utcnow() - KEEP_ANSWERS))


def run_write(
    db: Database, who: Caller, write: WriteRequest, work: Work, *, key_required: bool = True
) -> Response:
    """Run `work` once for this Idempotency-Key; a repeat gets the stored answer."""
    if write.key is None:
        if key_required:
            raise ApiError(
                400, "idempotency_key_required", tr("Every write needs an Idempotency-Key header.")
            )
        return _run(db, who, write, work, store=False)
    if not who.is_admin and not who.workstation:
        raise ApiError(400, "workstation_required", tr("Every write needs an X-Workstation header."))
    return _run(db, who, write, work, store=True)


def _run(db: Database, who: Caller, write: WriteRequest, work: Work, *, store: bool) -> Response:
    with db.write() as session:
        if store:
            stored = session.get(IdempotencyRow, (who.scope, write.key))
            if stored is not None:
                if stored.request_hash != write.fingerprint:
                    raise ApiError(
                        422,
                        "idempotency_key_reused",
                        tr("This Idempotency-Key was already used for a different request."),
                    )
                return Response(
                    stored.body,
                    status_code=stored.status_code,
                    media_type="application/json",
                    headers={"Idempotent-Replayed": "true"},
                )
        status = 200
        try:
            with session.begin_nested():
                body = work(session)
        except ApiError as refusal:
            status, body = refusal.status, refusal.body()
        except IntegrityError:  # e.g. an id given twice: the savepoint is rolled back, say so
            status = 409
            body = {
                "error": "conflict",
                "message": tr("This would duplicate a record the server already has."),
            }
        text = json.dumps(body, ensure_ascii=False)
        if store:
            assert write.key is not None
            session.add(
                IdempotencyRow(
                    scope=who.scope,
                    key=write.key,
                    request_hash=write.fingerprint,
                    status_code=status,
                    body=text,
                    created_at=utcnow(),
                )
            )
    return Response(text, status_code=status, media_type="application/json")


OperatorCall = Annotated[Caller, Depends(operator_caller)]
AdminCall = Annotated[Caller, Depends(admin_caller)]
Write = Annotated[WriteRequest, Depends(write_request)]
