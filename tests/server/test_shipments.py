"""Parcels, their push to the marketplace (confirmed, refused with a reason, retried, dismissed),
prep services priced from the price list, and the carrier label the platform bought."""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import pytest

from server.harness import RunningServer, start_server
from tests.server.conftest import Workstation, new_order

PARCELS = {"parcels": [{"tracking_number": "1Z999AA10123456784", "carrier": "UPS", "weight_g": 1200},
                       {"tracking_number": "1Z999AA10123456795", "carrier": "UPS", "weight_g": 800}]}  # fmt: skip


def _wait_for_pushes(table: Workstation, order_id: str, timeout: float = 20) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        order = table.order(order_id)
        if order["shipments"] and all(s["push_state"] != "pending" for s in order["shipments"]):
            return order
        time.sleep(0.1)
    raise AssertionError(f"the marketplace never answered: {table.order(order_id)['shipments']}")


def test_parcels_are_recorded_only_for_a_collected_or_shipped_order(
    ann: Workstation, server: RunningServer
) -> None:
    order = new_order(server, status="6")
    refused = ann.post(f"orders/{order['id']}/shipments", PARCELS)
    assert (refused.status_code, refused.json()["error"]) == (409, "move_not_allowed")
    ann.move(order["id"], "6.4")
    recorded = ann.post(f"orders/{order['id']}/shipments", PARCELS)
    assert recorded.status_code == 200
    body = recorded.json()
    assert body["status"] == "6.4"  # recording parcels does not ship the order
    assert [(s["tracking_number"], s["parcel_no"], s["push_state"]) for s in body["shipments"]] == [
        ("1Z999AA10123456784", 1, "pending"),
        ("1Z999AA10123456795", 2, "pending"),
    ]
    again = ann.post(f"orders/{order['id']}/shipments", {"parcels": PARCELS["parcels"][:1]})
    assert len(again.json()["shipments"]) == 2  # the same parcel told twice is one parcel
    assert ann.move(order["id"], "7.1").json()["status"] == "7.1"


def test_the_marketplace_confirms_pushed_tracking_after_a_while(
    ann: Workstation, server: RunningServer
) -> None:
    order = new_order(server, status="6.4")
    ann.post(f"orders/{order['id']}/shipments", PARCELS)
    ann.move(order["id"], "7.1")
    pushed = _wait_for_pushes(ann, order["id"])
    assert {s["push_state"] for s in pushed["shipments"]} == {"confirmed"}
    assert [a["action"] for a in pushed["activity"]].count("push_confirmed") == 2
    # The confirmation is a change: a client syncing by cursor hears of it.
    listed = {o["id"]: o for o in ann.all_orders()}
    assert {s["push_state"] for s in listed[order["id"]]["shipments"]} == {"confirmed"}


def test_a_refused_push_carries_the_reason_and_can_be_retried_or_dismissed(db_url: str) -> None:
    with start_server(db_url, marketplace_confirm_after_s=0.1, marketplace_refuse_share=1.0) as server:
        table = Workstation(server, "table-1")
        order = new_order(server, status="6.4")
        table.post(f"orders/{order['id']}/shipments", PARCELS)
        refused = _wait_for_pushes(table, order["id"])
        first, second = refused["shipments"]
        assert first["push_state"] == "failed" and first["push_reason"]
        assert any(
            a["action"] == "push_failed" and first["push_reason"] in a["detail"] for a in refused["activity"]
        )
        server.admin("marketplace", {"refuse_share": 0.0})
        retried = table.post(f"orders/{order['id']}/shipments/{first['id']}/retry")
        assert retried.status_code == 200
        again = table.post(f"orders/{order['id']}/shipments/{first['id']}/retry")
        assert (again.status_code, again.json()["error"]) == (409, "not_failed")
        dismissed = table.post(f"orders/{order['id']}/shipments/{second['id']}/dismiss").json()
        assert dismissed["shipments"][1]["push_state"] == "dismissed"
        settled = _wait_for_pushes(table, order["id"])
        assert [s["push_state"] for s in settled["shipments"]] == ["confirmed", "dismissed"]
        missing = table.post(f"orders/{order['id']}/shipments/no-such-parcel/retry")
        assert missing.status_code == 404


def test_the_marketplace_refuses_the_same_share_for_the_same_seed(db_url: str) -> None:
    with start_server(
        db_url, marketplace_confirm_after_s=0.05, marketplace_refuse_share=0.5, seed=7
    ) as server:
        table = Workstation(server, "table-1")
        order = new_order(server, status="6.4")
        parcels = [{"tracking_number": f"JVGL0000000000000{n:03d}", "carrier": "DHL"} for n in range(40)]
        table.post(f"orders/{order['id']}/shipments", {"parcels": parcels})
        states = [s["push_state"] for s in _wait_for_pushes(table, order["id"])["shipments"]]
        from server.marketplace import DemoMarketplace, MarketplaceSettings
        from server.models import ShipmentRow

        judge = DemoMarketplace(None, MarketplaceSettings(refuse_share=0.5, seed=7))  # type: ignore[arg-type]
        expected = [
            "failed"
            if judge.verdict(ShipmentRow(tracking_number=p["tracking_number"], push_attempts=1))
            else "confirmed"
            for p in parcels
        ]
        assert states == expected
        assert 8 < states.count("failed") < 32


def test_services_are_priced_from_the_price_list_and_unknown_ones_refused(
    ann: Workstation, server: RunningServer
) -> None:
    offers = {o["code"]: o for o in ann.get("services").json()["services"]}
    assert {"FNSKU_LABEL", "POLYBAG", "BUBBLE_WRAP", "BUNDLE"} <= set(offers)
    order = new_order(server, status="6")
    done = ann.post(f"orders/{order['id']}/services", {"services": [{"code": "FNSKU_LABEL", "quantity": 3},
                                                                    {"code": "POLYBAG", "quantity": 1}]})  # fmt: skip
    services = done.json()["services"]
    assert [(s["code"], s["quantity"], s["unit_price"], s["operator"]) for s in services] == [
        ("FNSKU_LABEL", 3, offers["FNSKU_LABEL"]["unit_price"], "ann"),
        ("POLYBAG", 1, offers["POLYBAG"]["unit_price"], "ann"),
    ]
    assert services[0]["name"] == offers["FNSKU_LABEL"]["name"] and services[0]["currency"] == "USD"
    assert Decimal(services[0]["unit_price"]) > 0
    refused = ann.post(f"orders/{order['id']}/services", {"services": [{"code": "POLYBAG", "quantity": 1},
                                                                       {"code": "GOLD_LEAF", "quantity": 1}]})  # fmt: skip
    assert (refused.status_code, refused.json()["error"]) == (422, "unknown_service")
    assert len(ann.order(order["id"])["services"]) == 2  # nothing of a refused call is kept


def test_the_bought_carrier_label_comes_as_zpl_or_pdf_and_its_absence_is_said(
    ann: Workstation, server: RunningServer
) -> None:
    zpl_order = new_order(server, carrier_label="zpl", shipping_service="UPS Ground",
                          recipient={"name": "Иванова ^XZ~JR Мария", "city": "Москва", "country": "RU"})  # fmt: skip
    label = ann.get(f"orders/{zpl_order['id']}/label")
    assert label.headers["content-type"].startswith("application/zpl")
    text = label.content.decode()
    assert text.startswith("^XA") and text.rstrip().endswith("^XZ") and text.count("^XA") == 1
    assert "Ivanova _5EXZ_7EJR Mariya" in text  # the buyer's name is data, never commands (and ASCII)
    pdf_order = new_order(server, carrier_label="pdf", shipping_service="PostNL Pakket")
    pdf = ann.get(f"orders/{pdf_order['id']}/label")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    none = ann.get(f"orders/{new_order(server)['id']}/label")
    assert (none.status_code, none.json()["error"]) == (404, "no_label")


def test_a_product_is_found_by_any_of_its_codes(db_url: str) -> None:
    with start_server(db_url, demo_orders=30) as server:
        table = Workstation(server, "table-1")
        line = next(ln for o in table.all_orders() for ln in o["lines"] if ln["fnsku"] and ln["asin"])
        for code in (line["sku"], line["sku"].lower(), line["fnsku"], line["ean"], line["asin"]):
            found = table.get("products", code=code).json()["products"]
            assert [p["sku"] for p in found] == [line["sku"]], code
        if line["ean"].startswith("0"):
            assert table.get("products", code=line["ean"][1:]).json()["products"]  # scanned as UPC-A
        product = table.get("products", code=line["sku"]).json()["products"][0]
        assert product["photo_url"] == line["photo_url"]
        photo = table.session.get(
            server.url + product["photo_url"], headers={"Authorization": ""}, timeout=10
        )
        assert photo.headers["content-type"] == "image/png" and photo.content.startswith(b"\x89PNG")
        assert table.get("products", code="0000000000000").json()["products"] == []


def test_every_bought_zpl_label_of_the_demo_renders_on_a_4x6_label(tmp_path: Any) -> None:
    zplkit = pytest.importorskip("zplkit")
    with start_server(f"sqlite:///{tmp_path / 's.sqlite3'}", demo_orders=150, seed=4) as server:
        table = Workstation(server, "table-1")
        with_label = [o for o in table.all_orders() if o["carrier_label"] == "zpl"]
        countries = set()
        for order in with_label:
            label = table.get(f"orders/{order['id']}/label").content
            document = zplkit.render(label, zplkit.Options(dpi=203, width=812, height=1218))
            assert document is not None
            countries.add(order["recipient"]["country"])
    assert with_label and len(countries) >= 3
