"""Admin calls to set up a prep center (so a web page can follow the CLI): prep centers,
operators and their badge sheet, tokens, the price list and products from files.

All need the server's admin token. A refusal is 422 `refused` with the reason; nothing changes.
Files are the request body, as for the order import (server/routes/imports.py).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from app.i18n import tr
from server.administration import (
    AdminRefused,
    add_operator,
    add_prep_center,
    list_operators,
    list_prep_centers,
    list_price_list,
)
from server.badge_sheet import badge_sheet_pdf
from server.bodies import Body
from server.calls import AdminCall, database
from server.catalogue_import import import_price_list, import_products, store_photo
from server.errors import ApiError
from server.import_files import ImportRefused
from server.models import PrepCenter
from server.tokens import TokenRefused, issue_token, list_tokens, revoke_token

router = APIRouter(prefix="/admin")


def _refused(refusal: Exception) -> ApiError:
    return ApiError(422, "refused", str(refusal))


class PrepCenterIn(Body):
    id: Annotated[str, Field(max_length=40)]
    name: Annotated[str, Field(max_length=200)]


class OperatorIn(Body):
    code: Annotated[str, Field(max_length=40)]
    name: Annotated[str, Field(max_length=200)]
    badge: Annotated[str, Field(max_length=80)] = ""


class TokenIn(Body):
    prep_center: Annotated[str, Field(max_length=40)] = ""
    operator: Annotated[str, Field(max_length=40)] = ""
    workstation: Annotated[str, Field(max_length=120)] = ""
    label: Annotated[str, Field(max_length=40)] = ""
    admin: bool = False


@router.get("/prep-centers")
def prep_centers(request: Request, who: AdminCall) -> JSONResponse:
    with database(request).read() as session:
        return JSONResponse({"prep_centers": list_prep_centers(session)})


@router.post("/prep-centers")
def new_prep_center(body: PrepCenterIn, request: Request, who: AdminCall) -> JSONResponse:
    try:
        with database(request).write() as session:
            return JSONResponse(add_prep_center(session, body.id, body.name))
    except AdminRefused as refusal:
        raise _refused(refusal) from None


@router.get("/prep-centers/{center}/operators")
def operators(center: str, request: Request, who: AdminCall) -> JSONResponse:
    try:
        with database(request).read() as session:
            return JSONResponse({"operators": list_operators(session, center)})
    except AdminRefused as refusal:
        raise _refused(refusal) from None


@router.post("/prep-centers/{center}/operators")
def new_operator(center: str, body: OperatorIn, request: Request, who: AdminCall) -> JSONResponse:
    try:
        with database(request).write() as session:
            return JSONResponse(add_operator(session, center, body.code, body.name, body.badge))
    except AdminRefused as refusal:
        raise _refused(refusal) from None


@router.get("/prep-centers/{center}/badges.pdf")
def badges(center: str, request: Request, who: AdminCall) -> Response:
    try:
        with database(request).read() as session:
            found = session.get(PrepCenter, center)
            people = list_operators(session, center)
    except AdminRefused as refusal:
        raise _refused(refusal) from None
    assert found is not None
    return Response(badge_sheet_pdf(people, found.name), media_type="application/pdf")


@router.get("/tokens")
def tokens(request: Request, who: AdminCall, prep_center: str = "") -> JSONResponse:
    with database(request).read() as session:
        return JSONResponse({"tokens": list_tokens(session, prep_center or None)})


@router.post("/tokens")
def new_token(body: TokenIn, request: Request, who: AdminCall) -> JSONResponse:
    """The token is in this answer once; the server keeps only its hash."""
    try:
        with database(request).write() as session:
            issued = issue_token(
                session,
                prep_center=body.prep_center or None,
                operator=body.operator.strip().lower(),
                workstation=body.workstation.strip(),
                label=body.label.strip(),
                admin=body.admin,
            )
    except TokenRefused as refusal:
        raise _refused(refusal) from None
    return JSONResponse(issued.to_dict() | {"note": tr("Shown once: the server keeps only its hash.")})


@router.post("/tokens/{token_id}/revoke")
def revoke(token_id: str, request: Request, who: AdminCall) -> JSONResponse:
    try:
        with database(request).write() as session:
            return JSONResponse(revoke_token(session, token_id))
    except TokenRefused as refusal:
        raise _refused(refusal) from None


@router.get("/services")
def price_list(request: Request, who: AdminCall) -> JSONResponse:
    with database(request).read() as session:
        return JSONResponse({"services": list_price_list(session)})


async def _file_import(request: Request, work: Any, **kwargs: Any) -> JSONResponse:
    data = await request.body()
    try:
        report = await run_in_threadpool(work, database(request), data, **kwargs)
    except ImportRefused as refusal:
        return JSONResponse(refusal.to_dict(), status_code=422)
    return JSONResponse(report.to_dict())


@router.post("/imports/services")
async def import_services(
    request: Request, who: AdminCall, file_name: str = "prices.csv", encoding: str = ""
) -> JSONResponse:
    return await _file_import(request, import_price_list, file_name=file_name, encoding=encoding or None)


@router.post("/imports/products")
async def import_product_file(
    request: Request,
    who: AdminCall,
    prep_center: str = "",
    file_name: str = "products.csv",
    encoding: str = "",
) -> JSONResponse:
    """Products; the photos their photo column names are uploaded before (POST /admin/photos/NAME)."""
    return await _file_import(
        request, import_products, file_name=file_name, prep_center=prep_center, encoding=encoding or None,
        photos_in_database=True,
    )  # fmt: skip


@router.post("/photos/{name}")
async def upload_photo(name: str, request: Request, who: AdminCall) -> JSONResponse:
    data = await request.body()

    def work() -> dict[str, Any]:
        with database(request).write() as session:
            return store_photo(session, name, data)

    try:
        return JSONResponse(await run_in_threadpool(work))
    except ImportRefused as refusal:
        return JSONResponse(refusal.to_dict(), status_code=422)
