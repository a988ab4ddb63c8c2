"""The order server on a loopback port, on SQLite and (when PREPDESK_TEST_POSTGRES_URL is set)
on PostgreSQL, each test in its own database file or schema; and a workstation to talk to it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from server.harness import RunningServer, start_server

POSTGRES_URL = os.environ.get("PREPDESK_TEST_POSTGRES_URL", "")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip("PREPDESK_TEST_POSTGRES_URL is not set")
    schema = "t_" + uuid.uuid4().hex[:16]
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def server(db_url: str) -> Iterator[RunningServer]:
    running = start_server(db_url, marketplace_confirm_after_s=0.2)
    try:
        yield running
    finally:
        running.stop()


class Workstation:
    """A packing table talking to the server the way the contract says (one Session)."""

    def __init__(
        self, server: RunningServer, name: str, token: str | None = None, operator: str = ""
    ) -> None:
        self.server = server
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token or server.token}"
        self.session.headers["X-Workstation"] = name
        if operator:
            self.session.headers["X-Operator"] = operator
        self.name = name

    def url(self, path: str) -> str:
        return f"{self.server.url}/api/v1/{path.lstrip('/')}"

    def get(self, path: str, **params: Any) -> requests.Response:
        return self.session.get(self.url(path), params=params, timeout=30)

    def post(self, path: str, body: Any = None, key: str | None = None) -> requests.Response:
        return self.session.post(
            self.url(path),
            json={} if body is None else body,
            headers={"Idempotency-Key": key or str(uuid.uuid4())},
            timeout=30,
        )

    def order(self, order_id: str) -> dict[str, Any]:
        answer = self.get(f"orders/{order_id}")
        assert answer.status_code == 200, answer.text
        result: dict[str, Any] = answer.json()
        return result

    def move(self, order_id: str, status: str, reason: str = "") -> requests.Response:
        return self.post(f"orders/{order_id}/status", {"status": status, "reason": reason})

    def all_orders(self, **params: Any) -> list[dict[str, Any]]:
        orders: list[dict[str, Any]] = []
        cursor = "0"
        while True:
            page = self.get("orders", cursor=cursor, limit=1000, **params).json()
            orders += page["orders"]
            cursor = page["cursor"]
            if not page["has_more"]:
                return orders


def new_order(
    server: RunningServer, status: str = "5.1", prep_center: str = "A", **fields: Any
) -> dict[str, Any]:
    """An order created by the platform (admin call), with two lines."""
    body = {
        "prep_center": prep_center,
        "status": status,
        "marketplace": "Amazon",
        "seller": "Nordic Home Goods",
        "recipient": {"name": "Jan de Vries", "street1": "Keizersgracht 123", "city": "Amsterdam",
                      "postcode": "1015 CJ", "country": "NL"},
        "lines": [
            {"sku": "NHG-MUG-0231", "title": "Stoneware mug", "quantity": 2, "ean": "4006381333931", "price": "12.50"},
            {"sku": "NHG-TWL-0112", "title": "Linen towel", "quantity": 1, "fnsku": "X001ABCDEF"},
        ],
        **fields,
    }  # fmt: skip
    order: dict[str, Any] = server.admin("orders", body)
    return order


@pytest.fixture
def ann(server: RunningServer) -> Workstation:
    return Workstation(server, "table-1")


@pytest.fixture
def boris(server: RunningServer) -> Workstation:
    return Workstation(server, "table-2", operator="boris")
