"""The order server's application: `create_app(db_url, ...)` migrates the database, makes sure the
reference data (and demo orders, if asked) are there, and wires the routes and the marketplace.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from server.calls import forget_old_answers
from server.db import Database
from server.errors import BodySizeLimit, install_error_handlers
from server.marketplace import DemoMarketplace, MarketplaceSettings
from server.reference import ServerTokens, ensure_reference_data

API = "/api/v1"


def create_app(
    db_url: str,
    *,
    demo_orders: int = 0,
    seed: int = 1,
    demo_token: str | None = None,
    other_token: str | None = None,
    admin_token: str | None = None,
    marketplace_confirm_after_s: float = 2.0,
    marketplace_refuse_share: float = 0.1,
) -> FastAPI:
    """Build the server for `db_url` (sqlite:///file or postgresql+psycopg://…); tokens in app.state.tokens."""
    db = Database(db_url)
    db.migrate()
    with db.write() as session:
        tokens = ensure_reference_data(session, demo_token, other_token, admin_token)
        forget_old_answers(session)
    if demo_orders > 0:
        from server.demo import add_demo_orders

        add_demo_orders(db, demo_orders, seed=seed)
    market = DemoMarketplace(
        db,
        MarketplaceSettings(
            confirm_after_s=marketplace_confirm_after_s, refuse_share=marketplace_refuse_share, seed=seed
        ),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
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

    from server.routes import admin, aliases, claims, imports, orders, products, services, shipments

    for module in (orders, claims, shipments, services, aliases, products, admin, imports):
        app.include_router(module.router, prefix=API)

    @app.get(API + "/health")
    def health() -> JSONResponse:
        return JSONResponse({"ok": True})

    return app


def app_tokens(app: FastAPI) -> ServerTokens:
    tokens: ServerTokens = app.state.tokens
    return tokens
