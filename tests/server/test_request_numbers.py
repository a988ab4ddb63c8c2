"""Every number a request hands the server is ASCII digits and bounded: anything else is a 400
with the contract's error body, never a 500 and never a page past the maximum."""

from __future__ import annotations

import pytest

from server.harness import RunningServer
from tests.server.conftest import Workstation, new_order

NOT_NUMBERS = [
    "²",  # superscript two
    "①",  # circled one
    "１０",  # fullwidth
    "٣",  # Arabic-Indic three
    "৫",  # Bengali five
    "+5",
    "-1",
    " 5",
    "5 ",
    "5.0",
    "1e3",
    "0x10",
    "1_000",
    "9" * 5000,
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
@pytest.mark.parametrize(("name", "error"), [("limit", "invalid_limit"), ("cursor", "invalid_cursor")])
def test_a_number_that_is_not_ascii_digits_is_a_400(
    ann: Workstation, name: str, error: str, text: str
) -> None:
    answer = ann.get("orders", **{name: text})
    assert answer.status_code == 400
    body = answer.json()
    assert body["error"] == error and body["message"] and set(body) == {"error", "message"}


@pytest.mark.parametrize("text", ["0", "1001", "00001000", "0000000000000000000000001", "1000000"])
def test_a_limit_outside_1_to_1000_is_a_400_however_it_is_padded(ann: Workstation, text: str) -> None:
    answer = ann.get("orders", limit=text)
    assert (answer.status_code, answer.json()["error"]) == (400, "invalid_limit")


def test_a_cursor_past_the_change_sequence_is_a_400_and_a_padded_limit_keeps_its_value(
    ann: Workstation, server: RunningServer
) -> None:
    for _ in range(3):
        new_order(server)
    assert ann.get("orders", cursor="1" + "0" * 18).status_code == 400
    page = ann.get("orders", limit="0002", cursor="000")
    assert page.status_code == 200
    assert len(page.json()["orders"]) == 2 and page.json()["has_more"] is True


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("claim", {"minutes": "10"}),
        ("claim", {"minutes": True}),
        ("claim", {"minutes": "①"}),
        ("services", {"services": [{"code": "POLYBAG", "quantity": "2"}]}),
        ("services", {"services": [{"code": "POLYBAG", "quantity": 1_000_000}]}),
        ("shipments", {"parcels": [{"tracking_number": "1Z999AA10123456784", "weight_g": "900"}]}),
    ],
)
def test_a_number_in_a_body_is_a_json_number_in_its_range(
    ann: Workstation, server: RunningServer, path: str, body: dict[str, object]
) -> None:
    order = new_order(server, status="6.4")
    answer = ann.post(f"orders/{order['id']}/{path}", body)
    assert (answer.status_code, answer.json()["error"]) == (422, "invalid_request")
    assert ann.order(order["id"])["version"] == order["version"]


@pytest.mark.parametrize(
    "body", [{"refuse_share": "0.5"}, {"refuse_share": True}, {"confirm_after_s": "1e400"}]
)
def test_the_marketplace_admin_call_takes_json_numbers_only(
    server: RunningServer, body: dict[str, object]
) -> None:
    import requests

    answer = requests.post(
        f"{server.url}/api/v1/admin/marketplace",
        json=body,
        headers={"Authorization": f"Bearer {server.admin_token}"},
        timeout=30,
    )
    assert (answer.status_code, answer.json()["error"]) == (422, "invalid_request")
    sent = requests.post(
        f"{server.url}/api/v1/admin/marketplace",
        data=b'{"confirm_after_s": NaN}',
        headers={"Authorization": f"Bearer {server.admin_token}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert sent.status_code == 422


@pytest.mark.parametrize(
    "line",
    [{"quantity": "2"}, {"quantity": 10**7}, {"weight_g": "500"}, {"price": "NaN"}, {"price": "Infinity"},
     {"price": "1e999999"}, {"price": "-5"}, {"price": "١٢"}],
)  # fmt: skip
def test_an_order_line_from_the_platform_takes_json_numbers_and_real_prices(
    server: RunningServer, line: dict[str, object]
) -> None:
    import requests

    answer = requests.post(
        f"{server.url}/api/v1/admin/orders",
        json={"prep_center": "A", "lines": [{"sku": "NHG-MUG-0231", **line}]},
        headers={"Authorization": f"Bearer {server.admin_token}"},
        timeout=30,
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] in {"invalid_request", "invalid_price"}
