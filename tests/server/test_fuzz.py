"""Random bodies and query strings against every table-facing call: the answer is never a 5xx,
and every refusal is JSON {"error", "message"}."""

from __future__ import annotations

import json
import os
import uuid
from typing import Any

import requests
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from server.harness import RunningServer
from tests.server.conftest import Workstation, new_order

FIELDS = ["status", "reason", "minutes", "parcels", "tracking_number", "carrier", "weight_g", "services",
          "code", "quantity", "id", "prep_center", "ship_by", "lines", "sku", "recipient", "confirm_after_s",
          "refuse_share", "shipping_service"]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "5.1",
            "6",
            "6.4",
            "7.1",
            "0",
            "POLYBAG",
            "1Z999AA10123456784",
            "'; DROP TABLE orders; --",
            "0001-01-01T00:00:00+05:00",
            "9999-12-31T23:59:59-14:00",
            "²",
            "①",
            "１０",
            "\u200b",
            "1z\r\n9",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
bodies = st.dictionaries(st.sampled_from(FIELDS), values, max_size=4) | values
_TARGETS: dict[str, str] = {}  # the order each server's examples write to
PATHS = [
    "status",
    "claim",
    "release",
    "shipments",
    "services",
    "shipments/nope/retry",
    "shipments/nope/dismiss",
]
ADMIN_PATHS = ["orders", "orders/{order}/status", "marketplace"]
FUZZ = settings(
    max_examples=int(os.environ.get("PREPDESK_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _is_json_refusal_or_success(answer: Any) -> bool:
    if answer.status_code >= 500:
        return False
    body = answer.json()
    return answer.status_code < 400 or (isinstance(body.get("error"), str) and bool(body.get("message")))


@FUZZ
@given(path=st.sampled_from(PATHS), body=bodies)
def test_no_body_makes_the_server_fail(server: RunningServer, path: str, body: Any) -> None:
    table = Workstation(server, "fuzz-table")
    order_id = _TARGETS.get(server.url) or _TARGETS.setdefault(
        server.url, new_order(server, status="6.4")["id"]
    )
    answer = table.session.post(
        table.url(f"orders/{order_id}/{path}"),
        data=json.dumps(body, allow_nan=True),
        headers={
            "Content-Type": "application/json",
            "Idempotency-Key": f"fuzz-{hash(json.dumps(body, allow_nan=True))}",
        },
        timeout=30,
    )
    assert _is_json_refusal_or_success(answer), (answer.status_code, answer.text[:300])


@FUZZ
@given(path=st.sampled_from(ADMIN_PATHS), body=bodies)
def test_no_body_makes_an_admin_call_fail(server: RunningServer, path: str, body: Any) -> None:
    order_id = _TARGETS.get(server.url) or _TARGETS.setdefault(
        server.url, new_order(server, status="6.4")["id"]
    )
    answer = requests.post(
        f"{server.url}/api/v1/admin/{path.format(order=order_id)}",
        data=json.dumps(body, allow_nan=True),
        headers={"Authorization": f"Bearer {server.admin_token}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert _is_json_refusal_or_success(answer), (answer.status_code, answer.text[:300])


# Header values as bytes: any character a client could put there, in UTF-8 or Latin-1.
header_values = st.text(max_size=40).map(lambda t: t.encode("utf-8")) | st.binary(max_size=40)


def _sendable(value: bytes) -> bool:
    """What reaches the server's code at all: HTTP itself (the h11 parser) answers a header with
    control characters (but tab) or edge spaces with its own plain 400 before any route runs."""
    return all(b >= 0x20 or b == 0x09 for b in value) and 0x7F not in value and value == value.strip()


@FUZZ
@given(
    headers=st.dictionaries(
        st.sampled_from(["X-Workstation", "X-Operator", "Idempotency-Key"]), header_values, max_size=3
    ),
    path=st.sampled_from(["me", "orders", "claim", "status", "services"]),
)
def test_no_header_value_makes_the_server_fail(
    server: RunningServer, headers: dict[str, bytes], path: str
) -> None:
    assume(all(_sendable(v) for v in headers.values()))
    order_id = _TARGETS.get(server.url) or _TARGETS.setdefault(
        server.url, new_order(server, status="6.4")["id"]
    )
    sent: dict[str, str | bytes] = {"Authorization": f"Bearer {server.token}", "X-Workstation": "fuzz-table",
                                    "Idempotency-Key": str(uuid.uuid4()), **headers}  # fmt: skip
    url = f"{server.url}/api/v1/"
    if path in {"me", "orders"}:
        answer = requests.get(url + path, headers=sent, timeout=30)
    else:
        body = {"status": "5.3", "reason": "fuzz"} if path == "status" else {}
        answer = requests.post(f"{url}orders/{order_id}/{path}", json=body, headers=sent, timeout=30)
    assert _is_json_refusal_or_success(answer), (answer.status_code, answer.text[:300])


numberish = st.text(
    alphabet=st.characters(categories=["Nd", "No", "Nl"]) | st.sampled_from("0123456789+- ._e"), max_size=25
)


@FUZZ
@given(
    params=st.lists(
        st.tuples(
            st.sampled_from(["status", "cursor", "limit", "updated_since", "code", "x"]),
            st.text(max_size=30) | numberish,
        ),
        max_size=4,
    ),
    where=st.sampled_from(["orders", "products", "services", "me"]),
)
def test_no_query_makes_the_server_fail(
    server: RunningServer, params: list[tuple[str, str]], where: str
) -> None:
    table = Workstation(server, "fuzz-table")
    answer = table.session.get(table.url(where), params=params, timeout=30)
    assert _is_json_refusal_or_success(answer), (answer.status_code, answer.text[:300])
