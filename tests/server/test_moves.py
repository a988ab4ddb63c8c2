"""Status moves: the server allows exactly the workstation moves of the table, and says which
move it refused; a cancelled order or another table's claim stops every move."""

from __future__ import annotations

import itertools

import pytest

from app.domain import OrderStatus
from app.domain.status import MOVES_NEEDING_REASON, SELLER_ONLY, WORKSTATION_MOVES
from server.harness import RunningServer
from tests.server.conftest import Workstation, new_order

VISIBLE = [s for s in OrderStatus if s not in SELLER_ONLY]


def test_every_move_outside_the_table_is_refused_and_changes_nothing(
    ann: Workstation, server: RunningServer
) -> None:
    orders = {s: new_order(server, status=s.value, status_reason="was so") for s in VISIBLE}
    for current, target in itertools.product(VISIBLE, list(OrderStatus)):
        if (current, target) in WORKSTATION_MOVES:
            continue
        answer = ann.move(orders[current]["id"], target.value, reason="a reason")
        body = answer.json()
        assert answer.status_code == 409, (current, target, body)
        if current is OrderStatus.CANCELLED:
            assert body["error"] == "cancelled"
        else:
            assert body["error"] == "move_not_allowed"
            assert (body["from"], body["to"]) == (current.value, target.value)
            assert f"({current.value})" in body["message"] and f"({target.value})" in body["message"]
    for status, order in orders.items():
        now = ann.order(order["id"])
        assert (now["status"], now["version"]) == (status.value, order["version"])


@pytest.mark.parametrize("move", sorted(WORKSTATION_MOVES), ids=lambda m: f"{m[0].value}->{m[1].value}")
def test_every_move_in_the_table_is_made_and_logged_and_a_missing_reason_is_refused(
    move: tuple[OrderStatus, OrderStatus], ann: Workstation, server: RunningServer
) -> None:
    current, target = move
    order = new_order(server, status=current.value)
    if move in MOVES_NEEDING_REASON:
        refused = ann.move(order["id"], target.value, reason="   ")
        assert refused.status_code == 422 and refused.json()["error"] == "reason_required"
    if target is OrderStatus.SHIPPED:  # an order ships with its parcels
        parcel = {"tracking_number": "1Z999AA10123456784", "carrier": "ups"}
        assert ann.post(f"orders/{order['id']}/shipments", {"parcels": [parcel]}).status_code == 200
        order = ann.order(order["id"])
    moved = ann.move(order["id"], target.value, reason="Label printer jammed")
    assert moved.status_code == 200, moved.text
    assert moved.json()["status"] == target.value
    assert moved.json()["version"] == order["version"] + 1
    last = moved.json()["activity"][-1]
    assert (last["action"], last["workstation"], last["operator"]) == ("status", "table-1", "ann")
    assert f"{current.value} → {target.value}" in last["detail"]


def test_a_cancelled_order_refuses_moves_and_parcels_with_cancelled(
    ann: Workstation, server: RunningServer
) -> None:
    order = new_order(server, status="6.4")
    server.admin(f"orders/{order['id']}/status", {"status": "0", "reason": "Cancelled by the buyer"})
    for answer in (
        ann.move(order["id"], "7.1"),
        ann.post(f"orders/{order['id']}/shipments", {"parcels": [{"tracking_number": "1Z999AA10123456784"}]}),
        ann.post(f"orders/{order['id']}/claim"),
    ):
        assert (answer.status_code, answer.json()["error"]) == (409, "cancelled")


def test_a_move_to_the_status_the_order_has_is_refused(ann: Workstation, server: RunningServer) -> None:
    order = new_order(server, status="6")
    answer = ann.move(order["id"], "6")
    assert (answer.status_code, answer.json()["error"]) == (409, "move_not_allowed")


def test_the_server_moves_back_from_awaiting_stock_and_print_error_but_a_table_cannot(
    ann: Workstation, server: RunningServer
) -> None:
    for status in ("5.2", "5.3"):
        order = new_order(server, status=status, status_reason="Postcode missing")
        assert ann.move(order["id"], "5.1").status_code == 409
        fixed = server.admin(f"orders/{order['id']}/status", {"status": "5.1"})
        assert fixed["status"] == "5.1"
        assert ann.order(order["id"])["status"] == "5.1"
