"""Setting up a prep center on the server: the prep center itself, its operators with their badges
(the sheet of badge cards: server/badge_sheet.py), read by the admin calls and `prepdesk server admin`.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.values import ValueRefused, required_text
from app.i18n import tr
from server.models import Operator, PrepCenter, ServiceOfferRow

_CENTER_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")
_OPERATOR_CODE = re.compile(r"[a-z0-9_.-]{1,40}")
_BADGE = re.compile(r"[A-Z0-9-]{1,76}")


class AdminRefused(ValueError):
    """Not done, and why (in words); nothing was changed."""


def add_prep_center(session: Session, center_id: str, name: str) -> dict[str, Any]:
    if not _CENTER_ID.fullmatch(center_id):
        raise AdminRefused(tr("A prep center id is 1-40 letters, digits, _ or -."))
    name = _text(name, tr("The name"), 200)
    row = session.get(PrepCenter, center_id)
    if row is not None:
        if row.name != name:
            raise AdminRefused(
                tr("The prep center “{id}” exists, named “{name}”.", id=center_id, name=row.name)
            )
        return {"id": row.id, "name": row.name, "created": False}
    session.add(PrepCenter(id=center_id, name=name))
    session.flush()
    return {"id": center_id, "name": name, "created": True}


def list_prep_centers(session: Session) -> list[dict[str, Any]]:
    return [{"id": c.id, "name": c.name} for c in session.scalars(select(PrepCenter).order_by(PrepCenter.id))]


def add_operator(session: Session, prep_center: str, code: str, name: str, badge: str = "") -> dict[str, Any]:
    """An operator of a prep center; `badge` defaults to CODE-NNNN. Adding one that exists with the
    same name and badge changes nothing."""
    if session.get(PrepCenter, prep_center) is None:
        raise AdminRefused(tr("No prep center “{id}”.", id=prep_center))
    code = code.strip().lower()
    if not _OPERATOR_CODE.fullmatch(code):
        raise AdminRefused(tr("An operator code is 1-40 small letters, digits, “.”, “_” or “-”."))
    name = _text(name, tr("The name"), 200)
    badge = badge.strip().upper().removeprefix("PDB-")
    existing = session.scalars(
        select(Operator).where(Operator.prep_center_id == prep_center, Operator.code == code)
    ).first()
    if existing is not None:
        if existing.name == name and (not badge or existing.badge == badge):
            return _operator_dict(existing) | {"created": False}
        raise AdminRefused(
            tr("The operator “{code}” exists as {name} (badge {badge}).", code=code, name=existing.name,
               badge=existing.badge)
        )  # fmt: skip
    if not badge:
        count = session.scalar(select(func.count()).select_from(Operator)) or 0
        badge = f"{code.upper().replace('.', '-').replace('_', '-')}-{1000 + count + 1}"[:76]
    if not _BADGE.fullmatch(badge):
        raise AdminRefused(tr("A badge is 1-76 capital letters, digits or “-”."))
    clash = session.scalars(
        select(Operator).where(
            Operator.prep_center_id == prep_center,
            (func.lower(Operator.badge) == badge.lower()) | (func.lower(Operator.code) == badge.lower()),
        )
    ).first()
    if clash is not None:
        raise AdminRefused(tr("The badge {badge} is {code}'s already.", badge=badge, code=clash.code))
    row = Operator(prep_center_id=prep_center, code=code, name=name, badge=badge)
    session.add(row)
    session.flush()
    return _operator_dict(row) | {"created": True}


def list_operators(session: Session, prep_center: str) -> list[dict[str, Any]]:
    if session.get(PrepCenter, prep_center) is None:
        raise AdminRefused(tr("No prep center “{id}”.", id=prep_center))
    return [
        _operator_dict(o)
        for o in session.scalars(
            select(Operator).where(Operator.prep_center_id == prep_center).order_by(Operator.code)
        )
    ]


def list_price_list(session: Session) -> list[dict[str, Any]]:
    return [
        {"code": o.code, "name": o.name, "unit_price": o.unit_price, "currency": o.currency, "unit": o.unit}
        for o in session.scalars(select(ServiceOfferRow).order_by(ServiceOfferRow.code))
    ]


def _operator_dict(row: Operator) -> dict[str, Any]:
    return {"prep_center": row.prep_center_id, "code": row.code, "name": row.name, "badge": row.badge}


def _text(value: str, what: str, max_chars: int) -> str:
    try:
        return required_text(value, what=what, max_chars=max_chars)
    except ValueRefused as refusal:
        raise AdminRefused(str(refusal)) from None
