"""An order ships (7.1) only with its parcels, each with a tracking number unless the bought service
is untracked; a tracking number has one spelling, so one parcel told in two spellings is one."""

from __future__ import annotations

import pytest

from server.harness import RunningServer
from tests.server.conftest import Workstation, new_order

UPS = "1Z999AA10123456784"


def test_a_move_to_shipped_without_a_parcel_is_refused(ann: Workstation, server: RunningServer) -> None:
    order = new_order(server, status="6.4", shipping_service="UPS Ground")
    refused = ann.move(order["id"], "7.1")
    assert (refused.status_code, refused.json()["error"]) == (409, "parcels_required")
    assert refused.json()["message"]
    now = ann.order(order["id"])
    assert (now["status"], now["version"]) == ("6.4", order["version"])
    assert ann.post(f"orders/{order['id']}/shipments", {"parcels": [{"tracking_number": UPS}]}).ok
    assert ann.move(order["id"], "7.1").json()["status"] == "7.1"


@pytest.mark.parametrize("service", ["UPS Ground", "Royal Mail Tracked 48", ""])
def test_a_parcel_of_a_tracked_service_needs_its_tracking_number(
    ann: Workstation, server: RunningServer, service: str
) -> None:
    order = new_order(server, status="6.4", shipping_service=service)
    for parcel in ({}, {"tracking_number": ""}, {"tracking_number": "   ", "carrier": "ups"}):
        refused = ann.post(f"orders/{order['id']}/shipments", {"parcels": [{"tracking_number": UPS}, parcel]})
        assert (refused.status_code, refused.json()["error"]) == (422, "tracking_required"), parcel
    assert ann.order(order["id"])["shipments"] == []


@pytest.mark.parametrize(
    "service", ["Royal Mail 2nd Class Untracked", "Letter - no tracking", "UNTRACKED post"]
)
def test_an_untracked_service_ships_parcels_without_tracking_numbers(
    ann: Workstation, server: RunningServer, service: str
) -> None:
    order = new_order(server, status="6.4", shipping_service=service)
    recorded = ann.post(
        f"orders/{order['id']}/shipments", {"parcels": [{"weight_g": 300}, {"weight_g": 200}]}
    )
    assert recorded.status_code == 200, recorded.text
    assert [(s["tracking_number"], s["weight_g"]) for s in recorded.json()["shipments"]] == [
        ("", 300),
        ("", 200),
    ]
    assert ann.move(order["id"], "7.1").json()["status"] == "7.1"


def test_tracking_numbers_are_kept_in_one_spelling_and_one_parcel_told_twice_is_one(
    ann: Workstation, server: RunningServer
) -> None:
    order = new_order(server, status="6.4", shipping_service="UPS Ground")
    spellings = [UPS, UPS.lower(), "1z 999 aa1 0123 4567 84", f"  {UPS}  ", "1Z999aa10123456784"]
    for spelling in spellings:
        answer = ann.post(f"orders/{order['id']}/shipments", {"parcels": [{"tracking_number": spelling}]})
        assert answer.status_code == 200, answer.text
    both = ann.post(
        f"orders/{order['id']}/shipments",
        {"parcels": [{"tracking_number": "1z999aa10123456795"}, {"tracking_number": "1Z999AA10123456795"}]},
    )
    assert [s["tracking_number"] for s in both.json()["shipments"]] == [UPS, "1Z999AA10123456795"]
