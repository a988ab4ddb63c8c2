"""Text that is not text is refused with a 422 and a reason in words: reasons of invisible or
control characters, tracking numbers and carriers with line breaks or control characters. Header
values that are not printable ASCII are a 400; names in any script travel percent-encoded."""

from __future__ import annotations

import uuid

import pytest
import requests

from server.harness import RunningServer
from tests.server.conftest import Workstation, new_order

NOT_WORDS = [
    "\u200b",  # zero-width space
    "\u200b\u200c\u200d\u2060\ufeff",  # zero-width marks of every kind
    "\u3164\u3164",  # Hangul filler
    "\u2800",  # braille blank
    " \u200b \u00a0 ",
    "\u0301\u0301",  # combining marks with nothing to sit on
]
CONTROLS = [
    "bad\x00address",
    "\x01\x02\x03",
    "line one\nline two",
    "a\rb",
    "\x1b[2Jwiped",
    "tab\x0bbed",
    "\x7f",
]


@pytest.mark.parametrize("reason", NOT_WORDS + CONTROLS)
def test_a_reason_that_is_not_words_is_refused_where_a_reason_is_needed(
    ann: Workstation, server: RunningServer, reason: str
) -> None:
    order = new_order(server)
    answer = ann.move(order["id"], "5.3", reason=reason)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] in {"invalid_request", "reason_required"}
    assert "reason" in answer.json()["message"]
    assert ann.order(order["id"])["status"] == "5.1"


def test_a_reason_in_any_script_is_kept_trimmed(ann: Workstation, server: RunningServer) -> None:
    order = new_order(server)
    answer = ann.move(order["id"], "5.3", reason="  Индекс не найден — 邮编错误 \u200d👩‍👩‍👧  ")
    assert answer.status_code == 200, answer.text
    assert answer.json()["status_reason"] == "Индекс не найден — 邮编错误 \u200d👩‍👩‍👧"


@pytest.mark.parametrize(
    "tracking",
    ["1Z999AA1\r\n0123456784", "1Z999AA10123456784\n", "1Z999\x00AA10123456784", "1Z999\tAA10123456784",
     "1Z999AA1\x1b0123456784", "１Z999AA10123456784", "1Z999-AA10123456784", "<script>", "1Z" + "9" * 60],
)  # fmt: skip
def test_a_tracking_number_that_is_not_letters_and_digits_is_refused(
    ann: Workstation, server: RunningServer, tracking: str
) -> None:
    order = new_order(server, status="6.4")
    answer = ann.post(f"orders/{order['id']}/shipments", {"parcels": [{"tracking_number": tracking}]})
    assert (answer.status_code, answer.json()["error"]) == (422, "invalid_request"), answer.text
    assert "tracking" in answer.json()["message"].lower()
    assert ann.order(order["id"])["shipments"] == []


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (
            "shipments",
            {"parcels": [{"tracking_number": "1Z999AA10123456784", "carrier": "UPS\r\nX-Evil: 1"}]},
        ),
        ("shipments", {"parcels": [{"tracking_number": "1Z999AA10123456784", "carrier": "\u200b\u200b"}]}),
        ("services", {"services": [{"code": "\u200b", "quantity": 1}]}),
        ("services", {"services": [{"code": "POLY\x00BAG", "quantity": 1}]}),
    ],
)
def test_other_text_with_controls_or_no_words_is_refused(
    ann: Workstation, server: RunningServer, path: str, body: dict[str, object]
) -> None:
    order = new_order(server, status="6.4")
    answer = ann.post(f"orders/{order['id']}/{path}", body)
    assert (answer.status_code, answer.json()["error"]) == (422, "invalid_request"), answer.text
    assert ann.order(order["id"])["version"] == order["version"]


def _claim(server: RunningServer, order_id: str, headers: dict[str, str | bytes]) -> requests.Response:
    sent: dict[str, str | bytes] = {
        "Authorization": f"Bearer {server.token}",
        "X-Workstation": "table-1",
        "Idempotency-Key": str(uuid.uuid4()),
        **headers,
    }
    return requests.post(f"{server.url}/api/v1/orders/{order_id}/claim", json={}, headers=sent, timeout=30)


@pytest.mark.parametrize(
    ("header", "value", "error"),
    [
        ("X-Workstation", "Стол-1".encode(), "invalid_workstation"),  # raw UTF-8, not encoded
        ("X-Workstation", "Tisch-Ü".encode("latin-1"), "invalid_workstation"),
        ("X-Workstation", "table\x01", "invalid_workstation"),
        ("X-Workstation", "table\t1", "invalid_workstation"),
        ("X-Workstation", "%0D%0Aevil", "invalid_workstation"),  # an encoded line break
        ("X-Workstation", "%FF%FE", "invalid_workstation"),  # not UTF-8 once decoded
        ("X-Workstation", "%E2%80%8B", "invalid_workstation"),  # a zero-width space, no words
        ("X-Workstation", "t" * 121, "invalid_workstation"),
        ("X-Operator", "оператор".encode(), "invalid_operator"),
        ("X-Operator", "ann\x7f", "invalid_operator"),
        ("Idempotency-Key", "ключ".encode(), "invalid_idempotency_key"),
        ("Idempotency-Key", "key with spaces", "invalid_idempotency_key"),
        ("Idempotency-Key", "key\tx", "invalid_idempotency_key"),
    ],
)
def test_a_header_value_that_is_not_plain_printable_text_is_a_400(
    server: RunningServer, header: str, value: str | bytes, error: str
) -> None:
    order = new_order(server)
    answer = _claim(server, order["id"], {header: value})
    assert (answer.status_code, answer.json()["error"]) == (400, error), answer.text
    assert answer.json()["message"]
    assert Workstation(server, "table-1").order(order["id"])["claim"] is None


@pytest.mark.parametrize("name", ["Стол-1", "打包台1", "Tisch Ü-3", "50% table", "table-1"])
def test_a_workstation_name_in_any_script_travels_percent_encoded_and_is_kept_as_it_is(
    server: RunningServer, name: str
) -> None:
    from app.domain.values import header_value

    order = new_order(server)
    answer = _claim(server, order["id"], {"X-Workstation": header_value(name)})
    assert answer.status_code == 200, answer.text
    assert answer.json()["claim"]["workstation"] == name
    activity = Workstation(server, "table-1").order(order["id"])["activity"]
    assert activity[-1]["workstation"] == name
