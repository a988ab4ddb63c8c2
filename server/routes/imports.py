"""Admin calls to import a seller's file: the file's bytes are the body, what it is in the query.

POST /api/v1/admin/imports/orders?prep_center=A&file_name=orders.csv[&seller=..][&encoding=cp1251]
[&format=csv|xlsx|json][&dry_run=true] -> 200 the report, or 422 `import_refused` with every
problem ({row, column, reason}); nothing is imported then. A file over 20 MiB -> 413.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from app.i18n import tr
from server.calls import AdminCall, database
from server.errors import ApiError
from server.import_files import ImportRefused
from server.order_import import import_orders

router = APIRouter(prefix="/admin/imports")


@router.post("/orders")
async def import_order_file(
    request: Request,
    who: AdminCall,
    prep_center: str = "",
    file_name: str = "",
    seller: str = "",
    encoding: str = "",
    format: str = "",
    dry_run: bool = False,
) -> JSONResponse:
    if not prep_center:
        raise ApiError(422, "invalid_request", tr("Say which prep center the orders are for (prep_center)."))
    if not file_name and not format:
        raise ApiError(422, "invalid_request", tr("Say the file's name (file_name) or its format (format)."))
    data = await request.body()
    try:
        report = await run_in_threadpool(
            import_orders,
            database(request),
            data,
            file_name=file_name or f"upload.{format}",
            prep_center=prep_center,
            seller=seller,
            encoding=encoding or None,
            fmt=format or None,
            dry_run=dry_run,
        )
    except ImportRefused as refusal:
        return JSONResponse(refusal.to_dict(), status_code=422)
    return JSONResponse(report.to_dict())
