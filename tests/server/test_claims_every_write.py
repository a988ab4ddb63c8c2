"""While one table holds a live claim, every write another table makes on that order is refused
with 409 `claimed`, naming the holder; the holder's own writes go through."""

from __future__ import annotations

import time
from typing import Any

from server.harness import RunningServer
from tests.server.conftest import Workstation, new_order


def _failed_push(table: Workstation, server: RunningServer) -> tuple[str, str]:
    """An order shipped at `table` whose push the marketplace refused: (order id, shipment id)."""
    server.admin("marketplace", {"refuse_share": 1.0, "confirm_after_s": 0.0})
    order = new_order(server, status="6.4")
    parcel = {"tracking_number": "1Z999AA10123456784", "carrier": "ups"}
    assert table.post(f"orders/{order['id']}/shipments", {"parcels": [parcel]}).ok
    deadline = time.monotonic() + 30
    while table.order(order["id"])["shipments"][0]["push_state"] != "failed":
        assert time.monotonic() < deadline, "the marketplace never answered"
        time.sleep(0.05)
    server.admin("marketplace", {"refuse_share": 0.0})
    return order["id"], table.order(order["id"])["shipments"][0]["id"]


def _writes(order_id: str, shipment_id: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        ("status", {"status": "7.1"}),
        ("status", {"status": "6", "reason": "Box torn, packing again"}),
        ("shipments", {"parcels": [{"tracking_number": "1Z999AA10123456795"}]}),
        ("services", {"services": [{"code": "POLYBAG", "quantity": 1}]}),
        (f"shipments/{shipment_id}/retry", {}),
        (f"shipments/{shipment_id}/dismiss", {}),
        ("claim", {}),
        ("release", {}),
    ]


def test_every_write_of_another_table_is_refused_while_a_claim_is_live(
    ann: Workstation, boris: Workstation, server: RunningServer
) -> None:
    order_id, shipment_id = _failed_push(boris, server)
    assert boris.post(f"orders/{order_id}/claim", {"minutes": 10}).ok
    before = boris.order(order_id)
    for path, body in _writes(order_id, shipment_id):
        answer = ann.post(f"orders/{order_id}/{path}", body)
        got = answer.json()
        assert (answer.status_code, got["error"]) == (409, "claimed"), (path, got)
        assert got["holder"]["workstation"] == "table-2" and got["holder"]["operator"] == "boris"
        assert "table-2" in got["message"]
    after = boris.order(order_id)
    assert (after["version"], after["shipments"], after["services"]) == (
        before["version"],
        before["shipments"],
        before["services"],
    )
    # The holder's own writes go through.
    assert boris.post(f"orders/{order_id}/services", {"services": [{"code": "POLYBAG", "quantity": 1}]}).ok
    assert boris.post(f"orders/{order_id}/shipments/{shipment_id}/retry").ok
