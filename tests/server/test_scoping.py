"""Scoping: a prep center sees only its own orders, and never one still with the seller (1-3)."""

from __future__ import annotations

from server.harness import RunningServer
from tests.server.conftest import Workstation, new_order


def test_prep_center_a_sees_none_of_bs_orders_and_none_in_statuses_1_to_3(server: RunningServer) -> None:
    a = Workstation(server, "a-table")
    b = Workstation(server, "b-table", token=server.other_token)
    mine = new_order(server)
    theirs = new_order(server, prep_center="B")
    sellers_own = [new_order(server, status=s) for s in ("1", "2", "3")]

    listed_by_a = {o["id"] for o in a.all_orders()}
    listed_by_b = {o["id"] for o in b.all_orders()}
    assert listed_by_a == {mine["id"]}
    assert listed_by_b == {theirs["id"]}
    for status in ("1", "2", "3", "5.1"):
        assert theirs["id"] not in {o["id"] for o in a.all_orders(status=status)}

    for hidden in [theirs, *sellers_own]:
        answer = a.get(f"orders/{hidden['id']}")
        assert answer.status_code == 404
        assert answer.json()["error"] == "not_found"
    assert b.get(f"orders/{mine['id']}").status_code == 404
    assert a.get("me").json()["prep_center"]["id"] == "A"
    assert b.get("me").json()["prep_center"]["id"] == "B"


def test_no_write_reaches_another_prep_centers_order_and_the_refusal_is_a_plain_not_found(
    server: RunningServer,
) -> None:
    a = Workstation(server, "a-table")
    theirs = new_order(server, prep_center="B", status="6.4")
    paid_unchecked = new_order(server, status="3")
    for order in (theirs, paid_unchecked):
        for path, body in [
            ("claim", {}),
            ("release", {}),
            ("status", {"status": "6"}),
            ("shipments", {"parcels": [{"tracking_number": "1Z999AA10123456784"}]}),
            ("services", {"services": [{"code": "POLYBAG", "quantity": 1}]}),
        ]:
            answer = a.post(f"orders/{order['id']}/{path}", body)
            assert (answer.status_code, answer.json()["error"]) == (404, "not_found"), path
        assert a.get(f"orders/{order['id']}/label").status_code == 404
    b = Workstation(server, "b-table", token=server.other_token)
    assert b.order(theirs["id"])["version"] == theirs["version"]
    assert b.order(theirs["id"])["shipments"] == []


def test_an_order_handed_over_by_the_server_appears_and_a_cancelled_one_stays_listed(
    server: RunningServer,
) -> None:
    a = Workstation(server, "a-table")
    order = new_order(server, status="3")
    assert a.all_orders() == []
    server.admin(f"orders/{order['id']}/status", {"status": "5.1"})
    assert [o["id"] for o in a.all_orders()] == [order["id"]]
    server.admin(f"orders/{order['id']}/status", {"status": "0", "reason": "Cancelled by the buyer"})
    listed = a.all_orders()
    assert [(o["id"], o["status"], o["status_reason"]) for o in listed] == [
        (order["id"], "0", "Cancelled by the buyer")
    ]


def test_a_product_of_another_prep_centers_seller_is_not_found_by_code(db_url: str) -> None:
    from server.harness import start_server

    with start_server(db_url, demo_orders=20) as running:
        a = Workstation(running, "a-table")
        b = Workstation(running, "b-table", token=running.other_token)
        b_product = b.all_orders()[0]["lines"][0]
        for code in (b_product["sku"], b_product["ean"]):
            assert b.get("products", code=code).json()["products"], code
            assert a.get("products", code=code).json()["products"] == [], code
