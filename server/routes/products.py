"""Products looked up by any of their codes (an alias taught at a table too), and the product
photos the lines point to."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import ColumnElement, func, or_, select, tuple_
from sqlalchemy.orm import Session

from app.i18n import tr
from server.calls import OperatorCall, database
from server.errors import ApiError
from server.models import ProductAliasRow, ProductPhotoRow, ProductRow

router = APIRouter()

PHOTO_DIR = Path(__file__).resolve().parent.parent / "photos"
_PHOTO_NAME = re.compile(r"^[A-Za-z0-9_-]{1,100}\.(png|jpg|jpeg|webp)$")


def code_forms(code: str) -> set[str]:
    """The code as scanned, plus the forms it takes elsewhere: a UPC-A is an EAN-13 with a 0."""
    code = code.strip()
    forms = {code, code.upper()}
    if code.isdigit():
        if len(code) == 12:
            forms.add("0" + code)
        if len(code) == 13 and code.startswith("0"):
            forms.add(code[1:])
        if len(code) == 14 and code.startswith("0"):  # a GTIN-14 of a single unit
            forms.add(code[1:])
    return forms


@router.get("/products")
def lookup(request: Request, who: OperatorCall) -> JSONResponse:
    code = request.query_params.get("code", "")
    if not code.strip() or len(code) > 80:
        raise ApiError(422, "invalid_code", tr("Give a product code (1-80 characters)."))
    forms = code_forms(code)
    with database(request).read() as session:
        rows = list(
            session.scalars(
                select(ProductRow)
                .where(ProductRow.prep_center_id == who.prep_center_id, carries_code(forms))
                .order_by(ProductRow.id)
                .limit(50)
            )
        )
        rows += [row for row in _taught(session, who.prep_center_id, forms) if row not in rows][
            : 50 - len(rows)
        ]
        products = [
            {
                "sku": p.sku,
                "title": p.title,
                "fnsku": p.fnsku,
                "ean": p.ean,
                "asin": p.asin,
                "vendor": p.vendor,
                "weight_g": p.weight_g,
                "photo_url": p.photo_url,
                "seller": p.seller,
            }
            for p in rows
        ]
    return JSONResponse({"products": products})


def carries_code(forms: set[str]) -> ColumnElement[bool]:
    """A product's own codes include one of `forms` (the SKU in any case)."""
    return or_(
        ProductRow.fnsku.in_(forms),
        ProductRow.ean.in_(forms),
        ProductRow.asin.in_(forms),
        func.upper(ProductRow.sku).in_({f.upper() for f in forms}),
    )


def _taught(session: Session, prep_center_id: str, forms: set[str]) -> list[ProductRow]:
    """The products a code was taught for at this prep center's tables (one per seller), in any
    case: the server refuses a code that differs from another SKU's only in case."""
    taught = select(ProductAliasRow.seller, ProductAliasRow.sku).where(
        ProductAliasRow.prep_center_id == prep_center_id,
        func.upper(ProductAliasRow.code).in_({f.upper() for f in forms}),
    )
    pairs = {(seller, sku) for seller, sku in session.execute(taught.limit(50))}
    if not pairs:
        return []
    return list(
        session.scalars(
            select(ProductRow)
            .where(
                ProductRow.prep_center_id == prep_center_id,
                tuple_(ProductRow.seller, ProductRow.sku).in_(pairs),
            )
            .order_by(ProductRow.id)
            .limit(50)
        )
    )


@router.get("/photos/{name}")
def photo(name: str, request: Request) -> Response:
    """Product photos need no token: they are what a shop shows anyone. Imported photos are in
    the database; the demo's are shipped with the server."""
    if not _PHOTO_NAME.match(name):
        raise ApiError(404, "not_found", tr("No such photo."))
    with database(request).read() as session:
        stored = session.get(ProductPhotoRow, name)
        if stored is not None:
            return Response(
                stored.content, media_type=stored.media_type, headers={"Cache-Control": "max-age=86400"}
            )
    path = PHOTO_DIR / name
    if not path.is_file():
        raise ApiError(404, "not_found", tr("No such photo."))
    return Response(path.read_bytes(), media_type="image/png", headers={"Cache-Control": "max-age=86400"})
