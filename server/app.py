"""The order server's application: `create_app(db_url, ...)` migrates the database, makes sure the
reference data (and demo orders, if asked) are there, and wires the routes and the marketplace.

The application keeps nothing of its own between calls: tokens, settings and the marketplace's
mood are in the database, so any number of worker processes (`worker_app`, one per process) on
one PostgreSQL database answer alike.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import text

from server.access_log import AccessLog, set_up_logging
from server.calls import forget_old_answers
from server.db import Database
from server.errors import BodySizeLimit, install_error_handlers
from server.marketplace import DemoMarketplace, MarketplaceSettings
from server.reference import ServerTokens, ensure_price_list, ensure_reference_data

API = "/api/v1"


def create_app(
    db_url: str,
    *,
    demo_orders: int = 0,
    seed: int = 1,
    demo_token: str | None = None,
    other_token: str | None = None,
    admin_token: str | None = None,
    marketplace_confirm_after_s: float | None = 2.0,
    marketplace_refuse_share: float | None = 0.1,
    demo: bool = True,
    marketplace: bool = True,
    access_log: bool = False,
) -> FastAPI:
    """Build the server for `db_url` (sqlite:///file or postgresql+psycopg://…); tokens in app.state.tokens.

    `demo`: the demo's two prep centers, operators and tokens are there (else only what the
    administrator sets up, and the admin token if one is given). A marketplace setting of None
    keeps the one the database has (worker processes).
    """
    db = Database(db_url)
    db.migrate()
    market = DemoMarketplace(db, MarketplaceSettings(seed=seed))
    with db.write() as session:
        if demo:
            tokens = ensure_reference_data(session, demo_token, other_token, admin_token)
        else:
            ensure_price_list(session)
            tokens = ServerTokens(None, None, _admin_token(session, admin_token))
        forget_old_answers(session)
        market.load(session)
        if marketplace_confirm_after_s is not None:
            market.settings.confirm_after_s = marketplace_confirm_after_s
        if marketplace_refuse_share is not None:
            market.settings.refuse_share = marketplace_refuse_share
        market.save(session)
    if demo_orders > 0:
        from server.demo import add_demo_orders

        add_demo_orders(db, demo_orders, seed=seed)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if marketplace:
            market.start()
        try:
            yield
        finally:
            market.stop()

    app = FastAPI(
        title="Prepdesk order server",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.db = db
    app.state.tokens = tokens
    app.state.marketplace = market
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit)
    if access_log:
        app.add_middleware(AccessLog)

    from server.routes import (
        admin,
        admin_setup,
        aliases,
        claims,
        imports,
        orders,
        products,
        services,
        shipments,
    )

    for module in (orders, claims, shipments, services, aliases, products, admin, admin_setup, imports):
        app.include_router(module.router, prefix=API)

    @app.get(API + "/health")
    def health() -> JSONResponse:
        """For a load balancer or systemd watchdog: this worker answers and reaches its database."""
        try:
            with db.read() as session:
                session.execute(text("SELECT 1"))
        except Exception as failure:
            return JSONResponse(
                {"ok": False, "database": type(failure).__name__, "worker": os.getpid()}, status_code=503
            )
        return JSONResponse({"ok": True, "database": "ok", "worker": os.getpid()})

    return app


def _admin_token(session: object, wanted: str | None) -> str | None:
    from sqlalchemy.orm import Session

    from server.models import Token
    from server.tokens import issue_token, token_hash

    assert isinstance(session, Session)
    if wanted and session.get(Token, token_hash(wanted)) is None:
        issue_token(session, prep_center=None, admin=True, label="admin", token=wanted)
    return wanted


def worker_app() -> FastAPI:
    """The application of one worker process, set up from the environment the parent process
    wrote (server/settings.py): the database is migrated and filled by the parent already."""
    from server.settings import ServerSettings

    settings = ServerSettings.from_environment()
    set_up_logging(settings.log_level)
    return create_app(
        settings.database,
        seed=settings.seed,
        marketplace_confirm_after_s=None,
        marketplace_refuse_share=None,
        demo=settings.demo,
        marketplace=settings.marketplace,
        access_log=settings.log_level in ("debug", "info"),
    )


def app_tokens(app: FastAPI) -> ServerTokens:
    tokens: ServerTokens = app.state.tokens
    return tokens
