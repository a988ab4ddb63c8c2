"""Random bodies and query strings against every table-facing call: the answer is never a 5xx,
and every refusal is JSON {"error", "message"}."""

from __future__ import annotations

import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.harness import RunningServer
from tests.server.conftest import Workstation, new_order

FIELDS = ["status", "reason", "minutes", "parcels", "tracking_number", "carrier", "weight_g", "services",
          "code", "quantity", "id", "prep_center"]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        ["5.1", "6", "6.4", "7.1", "0", "POLYBAG", "1Z999AA10123456784", "'; DROP TABLE orders; --"]
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
PATHS = ["status", "claim", "release", "shipments", "services"]
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
@given(
    params=st.lists(
        st.tuples(
            st.sampled_from(["status", "cursor", "limit", "updated_since", "code", "x"]), st.text(max_size=30)
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
