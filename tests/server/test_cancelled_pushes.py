"""Nothing about a cancelled order reaches the marketplace: a failed push is not retried, and pushes
still waiting when the order is cancelled are dismissed, never sent."""

from __future__ import annotations

import time

from server.harness import RunningServer
from tests.server.conftest import Workstation, new_order

PARCEL = {"tracking_number": "1Z999AA10123456784", "carrier": "ups"}


def _push_state(table: Workstation, order_id: str, wanted: str) -> None:
    deadline = time.monotonic() + 30
    while table.order(order_id)["shipments"][0]["push_state"] != wanted:
        assert time.monotonic() < deadline, table.order(order_id)["shipments"]
        time.sleep(0.05)


def test_a_failed_push_of_a_cancelled_order_is_not_retried(ann: Workstation, server: RunningServer) -> None:
    server.admin("marketplace", {"refuse_share": 1.0, "confirm_after_s": 0.0})
    order = new_order(server, status="6.4")
    assert ann.post(f"orders/{order['id']}/shipments", {"parcels": [PARCEL]}).ok
    _push_state(ann, order["id"], "failed")
    server.admin(f"orders/{order['id']}/status", {"status": "0", "reason": "Cancelled by the buyer"})
    shipment = ann.order(order["id"])["shipments"][0]
    retry = ann.post(f"orders/{order['id']}/shipments/{shipment['id']}/retry")
    assert (retry.status_code, retry.json()["error"]) == (409, "cancelled")
    after = ann.order(order["id"])["shipments"][0]
    assert (after["push_state"], after["push_reason"]) == ("failed", shipment["push_reason"])
    assert "push_retry" not in [a["action"] for a in ann.order(order["id"])["activity"]]


def test_pushes_waiting_when_the_order_is_cancelled_are_never_sent(
    ann: Workstation, server: RunningServer
) -> None:
    server.admin("marketplace", {"refuse_share": 0.0, "confirm_after_s": 3600.0})
    cancelled, control = new_order(server, status="6.4"), new_order(server, status="6.4")
    assert ann.post(f"orders/{cancelled['id']}/shipments", {"parcels": [PARCEL]}).ok
    other = {"tracking_number": "1Z999AA10123456795", "carrier": "ups"}
    assert ann.post(f"orders/{control['id']}/shipments", {"parcels": [other]}).ok
    server.admin(f"orders/{cancelled['id']}/status", {"status": "0", "reason": "Cancelled by the buyer"})
    server.admin("marketplace", {"confirm_after_s": 0.0})
    _push_state(ann, control["id"], "confirmed")  # the marketplace has made a pass since the cancel
    order = ann.order(cancelled["id"])
    assert [s["push_state"] for s in order["shipments"]] == ["dismissed"]
    assert "push_confirmed" not in [a["action"] for a in order["activity"]]
