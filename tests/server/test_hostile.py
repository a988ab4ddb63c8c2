"""Hostile and malformed requests: always a 4xx JSON {"error", "message"}, never a 500 or a traceback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from server.harness import RunningServer
from tests.server.conftest import Workstation, new_order

DROP = "'; DROP TABLE orders; --"


def _cases(order_id: str, b_order_id: str) -> list[tuple[str, str, str, dict[str, str], Any, int, str]]:
    """(name, method, path, extra headers, body: dict/bytes/None, status, error)."""
    o = f"orders/{order_id}"
    return [
        ("no token", "GET", "orders", {"Authorization": ""}, None, 401, "unauthorized"),
        ("unknown token", "GET", "orders", {"Authorization": "Bearer nope"}, None, 401, "unauthorized"),
        ("sql as token", "GET", "orders", {"Authorization": f"Bearer {DROP}"}, None, 401, "unauthorized"),
        ("basic auth", "GET", "me", {"Authorization": "Basic YTpi"}, None, 401, "unauthorized"),
        ("unknown operator", "GET", "me", {"X-Operator": "mallory"}, None, 422, "unknown_operator"),
        ("sql as operator", "GET", "me", {"X-Operator": DROP}, None, 422, "unknown_operator"),
        ("garbage json", "POST", f"{o}/status", {}, b"{status: 6", 422, "invalid_json"),
        ("json array", "POST", f"{o}/status", {}, b"[1, 2]", 422, "invalid_request"),
        ("json string", "POST", f"{o}/claim", {}, b'"claim"', 422, "invalid_request"),
        ("status as number", "POST", f"{o}/status", {}, {"status": 6}, 422, "invalid_request"),
        ("status missing", "POST", f"{o}/status", {}, {"reason": "x"}, 422, "invalid_request"),
        ("unknown status", "POST", f"{o}/status", {}, {"status": "9.9"}, 422, "invalid_status"),
        ("unknown field", "POST", f"{o}/status", {}, {"status": "6", "force": True}, 422, "unknown_field"),
        ("minutes as text", "POST", f"{o}/claim", {}, {"minutes": "ten"}, 422, "invalid_request"),
        ("minutes too many", "POST", f"{o}/claim", {}, {"minutes": 61}, 422, "invalid_request"),
        ("minutes huge", "POST", f"{o}/claim", {}, {"minutes": 10**30}, 422, "invalid_request"),
        ("minutes fraction", "POST", f"{o}/claim", {}, {"minutes": 1.5}, 422, "invalid_request"),
        ("parcels not a list", "POST", f"{o}/shipments", {}, {"parcels": "1Z"}, 422, "invalid_request"),
        ("parcels empty", "POST", f"{o}/shipments", {}, {"parcels": []}, 422, "invalid_request"),
        ("blank tracking", "POST", f"{o}/shipments", {}, {"parcels": [{"tracking_number": "  "}]}, 422, "tracking_required"),
        ("negative weight", "POST", f"{o}/shipments", {}, {"parcels": [{"tracking_number": "1Z9", "weight_g": -5}]}, 422, "invalid_request"),
        ("negative quantity", "POST", f"{o}/services", {}, {"services": [{"code": "POLYBAG", "quantity": -1}]}, 422, "invalid_request"),
        ("unknown service", "POST", f"{o}/services", {}, {"services": [{"code": DROP, "quantity": 1}]}, 422, "unknown_service"),
        ("nul in reason", "POST", f"{o}/status", {}, {"status": "5.3", "reason": "bad\x00address"}, 422, "invalid_request"),
        ("lone surrogate", "POST", f"{o}/status", {}, b'{"status": "5.3", "reason": "\\ud800"}', 422, "invalid_request"),
        ("deep nesting", "POST", f"{o}/status", {}, b"{\"status\": " + b"[" * 100_000 + b"]" * 100_000 + b"}", 422, "invalid_json"),
        ("reason too long", "POST", f"{o}/status", {}, {"status": "5.3", "reason": "x" * 5000}, 422, "invalid_request"),
        ("huge body", "POST", f"{o}/status", {}, {"status": "5.3", "reason": "x" * (2 * 1024 * 1024)}, 413, "too_large"),
        ("no idempotency key", "POST", f"{o}/status", {"Idempotency-Key": ""}, {"status": "6"}, 400, "invalid_idempotency_key"),
        ("key too long", "POST", f"{o}/status", {"Idempotency-Key": "k" * 500}, {"status": "6"}, 400, "invalid_idempotency_key"),
        ("no workstation", "POST", f"{o}/status", {"X-Workstation": ""}, {"status": "6"}, 400, "workstation_required"),
        ("another center's order", "POST", f"orders/{b_order_id}/status", {}, {"status": "6"}, 404, "not_found"),
        ("sql as order id", "GET", f"orders/{DROP}", {}, None, 404, "not_found"),
        ("sql in a path", "GET", "orders/1%27%20OR%20%271%27%3D%271", {}, None, 404, "not_found"),
        ("nul in an order id", "GET", "orders/%00", {}, None, 422, "invalid_request"),
        ("nul in a write's order id", "POST", "orders/%00/claim", {}, {}, 422, "invalid_request"),
        ("nul in a product code", "GET", "products?code=%00abc", {}, None, 422, "invalid_request"),
        ("long order id", "GET", "orders/" + "9" * 5000, {}, None, 404, "not_found"),
        ("bad cursor", "GET", "orders?cursor=abc", {}, None, 400, "invalid_cursor"),
        ("sql cursor", "GET", f"orders?cursor={DROP}", {}, None, 400, "invalid_cursor"),
        ("bad limit", "GET", "orders?limit=lots", {}, None, 400, "invalid_limit"),
        ("superscript cursor", "GET", "orders?cursor=%C2%B2", {}, None, 400, "invalid_cursor"),
        ("arabic-indic cursor", "GET", "orders?cursor=%D9%A1", {}, None, 400, "invalid_cursor"),
        ("superscript limit", "GET", "orders?limit=%C2%B2", {}, None, 400, "invalid_limit"),
        ("bad status filter", "GET", "orders?status=DROP", {}, None, 422, "invalid_status"),
        ("bad time", "GET", "orders?updated_since=yesterday", {}, None, 422, "invalid_updated_since"),
        ("time past the calendar", "GET", "orders?updated_since=9999-12-31T23:59:59-14:00", {}, None, 422, "invalid_updated_since"),
        ("empty product code", "GET", "products?code=", {}, None, 422, "invalid_code"),
        ("admin call by a table", "POST", "admin/marketplace", {}, {"refuse_share": 1}, 403, "forbidden"),
        ("unknown route", "GET", "orderz", {}, None, 404, "not_found"),
        ("wrong method", "DELETE", o, {}, None, 405, "method_not_allowed"),
        ("photo path traversal", "GET", "photos/..%2F..%2Fserver%2Fapp.py", {}, None, 404, "not_found"),
    ]  # fmt: skip


@pytest.fixture
def targets(server: RunningServer) -> Iterator[tuple[str, str]]:
    yield new_order(server)["id"], new_order(server, prep_center="B")["id"]


def test_every_hostile_request_gets_a_4xx_json_error_and_changes_nothing(
    server: RunningServer, targets: tuple[str, str]
) -> None:
    order_id, b_order_id = targets
    table = Workstation(server, "table-1")
    before = table.order(order_id)
    failures = []
    for name, method, path, headers, body, status, error in _cases(order_id, b_order_id):
        sent_headers = {"Idempotency-Key": f"key-{name.replace(' ', '-')}", **headers}
        data = body if isinstance(body, bytes) else None if body is None else json.dumps(body).encode()
        if data is not None:
            sent_headers["Content-Type"] = "application/json"
        answer = table.session.request(method, table.url(path), data=data, headers=sent_headers, timeout=30)
        try:
            got = answer.json()
        except ValueError:
            failures.append(f"{name}: not JSON: {answer.status_code} {answer.text[:200]}")
            continue
        if (
            (answer.status_code, got.get("error")) != (status, error)
            or not got.get("message")
            or "detail" in got
        ):
            failures.append(f"{name}: {answer.status_code} {got}")
    assert failures == []
    after = table.order(order_id)
    assert (after["status"], after["version"]) == (before["status"], before["version"])


def test_a_huge_body_sent_in_chunks_without_a_length_is_refused(
    server: RunningServer, targets: tuple[str, str]
) -> None:
    order_id, _ = targets

    def chunks() -> Iterator[bytes]:
        yield b'{"status": "5.3", "reason": "'
        for _ in range(40):
            yield b"x" * 64 * 1024
        yield b'"}'

    answer = requests.post(
        f"{server.url}/api/v1/orders/{order_id}/status",
        data=chunks(),
        headers={"Authorization": f"Bearer {server.token}", "X-Workstation": "t", "Idempotency-Key": "k",
                 "Content-Type": "application/json"},
        timeout=30,
    )  # fmt: skip
    assert (answer.status_code, answer.json()["error"]) == (413, "too_large")


def test_sql_in_a_reason_is_kept_as_text_and_the_orders_are_still_there(
    server: RunningServer, targets: tuple[str, str]
) -> None:
    order_id, _ = targets
    table = Workstation(server, "table-1")
    moved = table.move(order_id, "5.3", reason=DROP)
    assert moved.status_code == 200
    assert table.order(order_id)["status_reason"] == DROP
    assert [o["id"] for o in table.all_orders()] == [order_id]
    found = table.get("products", code=DROP)
    assert (found.status_code, found.json()) == (200, {"products": []})


def test_an_order_posted_twice_by_the_platform_is_a_conflict_not_a_failure(server: RunningServer) -> None:
    first = new_order(server)
    copy = {**first, "id": "", "number": ""}  # Order.to_dict() again: the same line ids
    with pytest.raises(requests.HTTPError) as refused:
        answer = requests.post(
            f"{server.url}/api/v1/admin/orders",
            json=copy,
            headers={"Authorization": f"Bearer {server.admin_token}"},
            timeout=10,
        )
        answer.raise_for_status()
    assert refused.value.response.status_code == 409
    assert refused.value.response.json()["error"] == "conflict"
