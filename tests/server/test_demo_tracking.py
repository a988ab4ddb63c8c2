"""The demo's parcels are made to the carriers' rules: every tracking number the demo server hands
out (the parcels of shipped orders, the carrier labels it bought) reads as its carrier's number
by Prepdesk's own check-digit rules, so scanning a demo parcel meets the program's real behaviour."""

from __future__ import annotations

import re
from pathlib import Path

from app.scan import ScanContext, ScanKind, interpret
from server.demo_catalogue import SHIPPING
from server.harness import start_server
from tests.server.conftest import Workstation


def _read_at_the_pack_table(number: str) -> tuple[ScanKind, str]:
    meaning = interpret(number, ScanContext.SHIP)
    return meaning.kind, meaning.carrier.name if meaning.carrier else (meaning.reason or "")


def test_every_demo_tracking_number_passes_prepdesks_check_digit_rules(tmp_path: Path) -> None:
    with start_server(f"sqlite:///{tmp_path / 's.sqlite3'}", demo_orders=600, seed=7) as server:
        table = Workstation(server, "table-1")
        orders = table.all_orders()
        parcels = [(o["shipping_service"], p) for o in orders for p in o["shipments"]]
        labels = []
        for order in orders:
            if order["carrier_label"] == "zpl":
                zpl = table.get(f"orders/{order['id']}/label").content.decode()
                found = re.search(r"TRACKING # (\w+)", zpl)
                assert found, order["id"]
                labels.append((order["shipping_service"], found.group(1)))
    assert len({service for service, _ in parcels}) >= 8 and len(labels) >= 20
    for service, parcel in parcels:
        kind, carrier = _read_at_the_pack_table(parcel["tracking_number"])
        assert (kind, carrier) == (ScanKind.TRACKING, parcel["carrier"]), (service, parcel)
    for service, number in labels:
        assert _read_at_the_pack_table(number)[0] is ScanKind.TRACKING, (service, number)


def test_every_demo_service_makes_numbers_of_its_carrier() -> None:
    import random

    from server.demo_tracking import tracking_number

    rng = random.Random(1)
    for services in SHIPPING.values():
        for service in services:
            for _ in range(200):
                number, carrier = tracking_number(rng, service)
                assert _read_at_the_pack_table(number) == (ScanKind.TRACKING, carrier), (service, number)
