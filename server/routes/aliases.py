"""Codes taught at a packing table as aliases of a seller's SKU, and the feed of them by change
sequence that every table pulls, so a code taught at one table is known at all of them."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import alias_code_problem, iso, utcnow
from app.i18n import tr
from server.bodies import AliasBody
from server.calls import OperatorCall, Write, database, run_write
from server.errors import ApiError
from server.models import ProductAliasRow, ProductRow
from server.routes.products import carries_code, code_forms

router = APIRouter()

DEFAULT_LIMIT = 200
MAX_LIMIT = 1000
_CURSOR = re.compile(r"[0-9]{1,18}")
_LIMIT = re.compile(r"[0-9]{1,4}")


def alias_wire(row: ProductAliasRow) -> dict[str, Any]:
    return {
        "seller": row.seller,
        "code": row.code,
        "sku": row.sku,
        "taught_by": row.operator,
        "workstation": row.workstation,
        "at": iso(row.taught_at),
    }


def _code_taken(code: str, sku: str, seller: str) -> ApiError:
    return ApiError(
        409,
        "code_taken",
        tr("“{code}” is already a code of {sku} of {seller}.", code=code, sku=sku, seller=seller),
        sku=sku,
    )


@router.post("/products/aliases")
def teach_alias(body: AliasBody, request: Request, who: OperatorCall, write: Write) -> Response:
    db = database(request)

    def work(session: Session) -> dict[str, Any]:
        problem = alias_code_problem(body.code)
        if problem is not None:
            raise ApiError(422, "invalid_code", problem)
        product = session.scalars(
            select(ProductRow).where(
                ProductRow.prep_center_id == who.prep_center_id,
                ProductRow.seller == body.seller,
                ProductRow.sku == body.sku,
            )
        ).first()
        if product is None:
            raise ApiError(
                422,
                "unknown_product",
                tr(
                    "{sku} is not a product of {seller} at this prep center.",
                    sku=body.sku,
                    seller=body.seller,
                ),
            )
        forms = code_forms(body.code)
        # Another of the seller's products already answers to the code (as scanned, in any case,
        # or as the UPC-A / EAN-13 form of it): teaching it would make one scan mean two items
        # (a scanner on Caps Lock sends "bUNDLE 7" for "Bundle 7").
        other = session.scalar(
            select(ProductRow.sku).where(
                ProductRow.prep_center_id == who.prep_center_id,
                ProductRow.seller == body.seller,
                ProductRow.sku != body.sku,
                carries_code(forms),
            )
        )
        if other is None:
            other = session.scalar(
                select(ProductAliasRow.sku).where(
                    ProductAliasRow.prep_center_id == who.prep_center_id,
                    ProductAliasRow.seller == body.seller,
                    ProductAliasRow.sku != body.sku,
                    func.upper(ProductAliasRow.code).in_({f.upper() for f in forms}),
                )
            )
        if other is not None:
            raise _code_taken(body.code, other, body.seller)
        known = session.scalars(
            select(ProductAliasRow).where(
                ProductAliasRow.prep_center_id == who.prep_center_id,
                ProductAliasRow.seller == body.seller,
                ProductAliasRow.code == body.code,
            )
        ).first()
        if known is not None:  # taught before (here or at another table): nothing changes
            return {"alias": alias_wire(known), "created": False}
        row = ProductAliasRow(
            prep_center_id=who.prep_center_id,
            seller=body.seller,
            code=body.code,
            sku=product.sku,
            operator=who.operator,
            workstation=who.workstation,
            taught_at=utcnow(),
            seq=db.next_seq(session),
        )
        session.add(row)
        session.flush()
        return {"alias": alias_wire(row), "created": True}

    return run_write(db, who, write, work)


def _feed_query(request: Request) -> tuple[int, int]:
    params = request.query_params
    cursor_text = params.get("cursor") or "0"
    if not _CURSOR.fullmatch(cursor_text):
        raise ApiError(400, "invalid_cursor", tr("This cursor was not given by this server."))
    limit_text = params.get("limit") or str(DEFAULT_LIMIT)
    if not _LIMIT.fullmatch(limit_text) or not 1 <= int(limit_text) <= MAX_LIMIT:
        raise ApiError(
            400, "invalid_limit", tr("limit must be a whole number from 1 to {max}.", max=MAX_LIMIT)
        )
    return int(cursor_text), int(limit_text)


@router.get("/products/aliases")
def aliases_since(request: Request, who: OperatorCall) -> JSONResponse:
    cursor, limit = _feed_query(request)
    with database(request).read() as session:
        rows = list(
            session.scalars(
                select(ProductAliasRow)
                .where(ProductAliasRow.prep_center_id == who.prep_center_id, ProductAliasRow.seq > cursor)
                .order_by(ProductAliasRow.seq)
                .limit(limit + 1)
            )
        )
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = str(rows[-1].seq) if rows else str(cursor)
    return JSONResponse(
        {"aliases": [alias_wire(r) for r in rows], "cursor": next_cursor, "has_more": has_more}
    )
