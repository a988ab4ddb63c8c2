"""The codes taught as aliases of a seller's SKU, in the store: written the moment a picker
teaches one (so it works at this table at once, offline too), laid over by what the server's
alias feed says, and forgotten when the server refuses a teaching of this table.
Runs on whichever thread owns the session passed in (store worker or sync worker).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.domain import ProductAlias
from app.store.models import ProductAliasRow


def keep_aliases(s: Session, aliases: Iterable[ProductAlias]) -> int:
    """Store aliases as the server (or this table) has them; the server's word replaces ours
    for the same seller and code. Returns how many were written."""
    rows = [
        {
            "seller": a.seller,
            "code": a.code,
            "sku": a.sku,
            "taught_by": a.taught_by,
            "workstation": a.workstation,
            "at": a.at,
        }
        for a in aliases
    ]
    if not rows:
        return 0
    statement = sqlite_insert(ProductAliasRow)
    s.execute(
        statement.on_conflict_do_update(
            index_elements=["seller", "code"],
            set_={
                "sku": statement.excluded.sku,
                "taught_by": statement.excluded.taught_by,
                "workstation": statement.excluded.workstation,
                "at": statement.excluded.at,
            },
        ),
        rows,
    )
    return len(rows)


def teach_here(
    s: Session, seller: str, code: str, sku: str, operator: str, workstation: str, at: datetime
) -> None:
    """The alias a picker just taught at this table, before the server has heard of it."""
    keep_aliases(s, [ProductAlias(seller, code, sku, operator, workstation, at)])


def forget_refused(s: Session, seller: str, code: str, sku: str) -> None:
    """The server refused this table's teaching: the code no longer stands for `sku` here. An
    alias the feed brought for the same code (another table taught it first) stays."""
    s.execute(
        delete(ProductAliasRow).where(
            ProductAliasRow.seller == seller, ProductAliasRow.code == code, ProductAliasRow.sku == sku
        )
    )
