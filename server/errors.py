"""How the server says no: `{"error": code, "message": text}` with the right HTTP status, always.

Handlers replace FastAPI's `{"detail": ...}` answers, and a body-size guard answers 413 before a
huge body is read into memory. No traceback ever reaches a client.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.i18n import tr

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
# The admin calls that take a whole file (a seller's order list, a catalogue) take up to this.
FILE_CALLS_PREFIXES = ("/api/v1/admin/imports/", "/api/v1/admin/photos/")
MAX_FILE_BODY_BYTES = 20 * 1024 * 1024
# A too-large body is read and dropped up to here (so the client hears the 413), then cut off.
DRAIN_LIMIT = 64 * 1024 * 1024


class ApiError(Exception):
    """A refusal with its HTTP status, stable code, human message and any extra fields."""

    def __init__(self, status: int, error: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = error
        self.message = message
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, **self.extra}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status)


def not_found() -> ApiError:
    return ApiError(404, "not_found", tr("No such order."))


def _validation_message(exc: RequestValidationError) -> tuple[str, str]:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return "invalid_json", tr("The request body is not valid JSON.")
    first = errors[0] if errors else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
    if first.get("type") == "extra_forbidden":
        return "unknown_field", tr("Unknown field “{field}”.", field=where)
    problem = str(first.get("msg", "")).removeprefix("Value error, ")  # our own reasons, in words
    return "invalid_request", tr(
        "Invalid value for “{field}”: {problem}", field=where or "body", problem=problem
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        code, message = _validation_message(exc)
        return JSONResponse({"error": code, "message": message}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and "parsing the body" in str(exc.detail):
            # FastAPI's answer to a body json cannot parse at all (e.g. nested beyond recursion).
            return JSONResponse(
                {"error": "invalid_json", "message": tr("The request body is not valid JSON.")},
                status_code=422,
            )
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 413: "too_large"}
        code = codes.get(exc.status_code, "http_error")
        message = tr("No such resource.") if exc.status_code == 404 else str(exc.detail)
        return JSONResponse({"error": code, "message": message}, status_code=exc.status_code)

    @app.exception_handler(DataError)
    async def _refused_by_database(_request: Request, exc: DataError) -> JSONResponse:
        # A value the database cannot hold (too long, out of range): bad input, not a failure.
        log.warning("database refused a value: %s", exc.orig)
        return JSONResponse(
            {"error": "invalid_request", "message": tr("The database cannot hold a value of this request.")},
            status_code=422,
        )

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected server error")
        return JSONResponse(
            {"error": "internal", "message": tr("The order server failed; it has been logged.")},
            status_code=500,
        )


class BodySizeLimit:
    """ASGI guard: a body over MAX_BODY_BYTES gets 413 and is never read whole."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope.get("path", "") or b"%00" in scope.get("query_string", b"").lower():
            # PostgreSQL refuses NUL in text; no id, code or cursor of ours holds one.
            await ApiError(422, "invalid_request", tr("The address holds a NUL character.")).response()(
                {"type": "http"}, _no_receive, send
            )
            return
        # Read (at most limit + 1 bytes of) the body, then hand it on in one piece.
        limit = MAX_FILE_BODY_BYTES if scope.get("path", "").startswith(FILE_CALLS_PREFIXES) else self.limit
        chunks: list[bytes] = []
        size = 0
        more = True
        too_large = any(
            name == b"content-length" and value.isdigit() and int(value) > limit
            for name, value in scope.get("headers", ())
        )
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            more = message.get("more_body", False)
            size += len(message.get("body", b""))
            if too_large or size > limit:
                too_large = True
                if size > DRAIN_LIMIT:
                    break
                continue  # read the rest and drop it, so the client hears the answer
            chunks.append(message.get("body", b""))
        if too_large:
            await self._too_large(send, close=more, limit=limit)
            return
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _too_large(send: Send, *, close: bool, limit: int) -> None:
        response = JSONResponse(
            {
                "error": "too_large",
                "message": tr("The request body is larger than {size} MiB.", size=limit // 1024 // 1024)
                if limit >= 1024 * 1024
                else tr("The request body is larger than {size} bytes.", size=limit),
            },
            status_code=413,
            headers={"Connection": "close"} if close else None,
        )
        await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
