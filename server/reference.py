"""The reference data every server starts with: two prep centers, their operators with badges,
the tokens, and the price list of prep services. Safe to run at every start.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import Operator, PrepCenter, ServiceOfferRow, Token
from server.tokens import issue_token, token_hash

PREP_CENTERS = (("A", "North Dock Prep Center"), ("B", "Harbour Fulfilment B.V."))

# (prep center, code, name, badge): a badge card carries the barcode PDB-<badge>.
OPERATORS = (
    ("A", "ann", "Ann Miller", "ANN-1042"),
    ("A", "boris", "Boris Petrov", "BORIS-2291"),
    ("A", "chen", "Chen Wei", "CHEN-3307"),
    ("A", "daan", "Daan de Vries", "DAAN-4418"),
    ("B", "eva", "Eva Jansen", "EVA-5120"),
    ("B", "farid", "Farid Haddad", "FARID-6034"),
)

# (code, name, unit price, unit)
PRICE_LIST = (
    ("FNSKU_LABEL", "FNSKU labelling", "0.30", "unit"),
    ("POLYBAG", "Polybag with suffocation warning", "0.45", "unit"),
    ("BUBBLE_WRAP", "Bubble wrap", "0.60", "unit"),
    ("BUNDLE", "Bundling (set of items)", "0.80", "bundle"),
    ("SHRINK_WRAP", "Shrink wrap", "0.55", "unit"),
    ("FRAGILE_STICKER", "Fragile sticker", "0.10", "unit"),
    ("BOX_CONTENT", "Box content label", "1.50", "box"),
    ("INSERT", "Insert / flyer", "0.15", "unit"),
    ("INSPECTION", "Quality inspection", "0.25", "unit"),
    ("OVERBOX", "Overbox", "2.00", "box"),
)


@dataclass(frozen=True)
class ServerTokens:
    """The demo's tokens as given or issued at this start; None: the database has one already,
    kept only as its hash (tokens are shown once: issue a new one with `prepdesk server admin`)."""

    demo: str | None  # prep center A, operator ann
    other: str | None  # prep center B, operator eva
    admin: str | None


def ensure_reference_data(
    session: Session, demo: str | None, other: str | None, admin: str | None
) -> ServerTokens:
    """Create what is missing; a token the database has already is kept (and not shown again)."""
    for center_id, name in PREP_CENTERS:
        if session.get(PrepCenter, center_id) is None:
            session.add(PrepCenter(id=center_id, name=name))
    session.flush()
    known = {(o.prep_center_id, o.code) for o in session.scalars(select(Operator))}
    for center_id, code, name, badge in OPERATORS:
        if (center_id, code) not in known:
            session.add(Operator(prep_center_id=center_id, code=code, name=name, badge=badge))
    session.flush()
    ensure_price_list(session)
    tokens = ServerTokens(
        demo=_token(session, demo, "demo", "A", "ann"),
        other=_token(session, other, "other", "B", "eva"),
        admin=_token(session, admin, "admin", None, ""),
    )
    session.flush()
    return tokens


def ensure_price_list(session: Session) -> None:
    offers = {o.code for o in session.scalars(select(ServiceOfferRow))}
    for code, name, price, unit in PRICE_LIST:
        if code not in offers:
            session.add(ServiceOfferRow(code=code, name=name, unit_price=price, currency="USD", unit=unit))


def _token(session: Session, wanted: str | None, label: str, center: str | None, operator: str) -> str | None:
    role = "admin" if center is None else "operator"
    if wanted:
        row = session.get(Token, token_hash(wanted))
        if row is None:
            issue_token(
                session,
                prep_center=center,
                operator=operator,
                label=label,
                admin=center is None,
                token=wanted,
            )
        elif (row.role, row.prep_center_id) != (role, center):
            raise ValueError(f"token {label!r} is already used for another role")
        return wanted
    existing = session.scalars(
        select(Token).where(Token.label == label, Token.role == role, Token.revoked_at.is_(None))
    ).first()
    if existing is not None:
        return None
    return issue_token(
        session, prep_center=center, operator=operator, label=label, admin=center is None
    ).token
