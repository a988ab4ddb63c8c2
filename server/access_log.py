"""One log line per request: who asked what, the answer's status and how long it took.

`127.0.0.1 table-1 GET /api/v1/orders?limit=200 200 12.4 ms` on the `prepdesk.server.access` logger
(a pure ASGI middleware: it adds no await of its own to a call).
"""

from __future__ import annotations

import logging
import sys
import time
from urllib.parse import unquote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("prepdesk.server.access")


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            headers = dict(scope.get("headers", ()))
            workstation = unquote(headers.get(b"x-workstation", b"-").decode("latin-1"))[:60]
            query = scope.get("query_string", b"").decode("latin-1")
            path = scope.get("path", "") + (f"?{query[:200]}" if query else "")
            client = (scope.get("client") or ("-", 0))[0]
            elapsed = (time.perf_counter() - started) * 1000
            log.info(
                "%s %s %s %s %s %.1f ms",
                client,
                workstation or "-",
                scope["method"],
                path,
                status or 500,
                elapsed,
            )


def set_up_logging(level: str) -> None:
    """Log lines to stderr (systemd's journal takes them from there), with time and process."""
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLogger().level))
