"""One order from ready to print to shipped at one table, driven by scans alone through the
frame's scan bus (the weight typed as at a table without a scale), against the reference server
and the printer emulator: the server ends shipped, with each parcel's number, carrier and weight,
the services, and an activity entry for every step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import synced
from ui.main_window import PageKey

MUG, CABLE = "4006381333931", "5901234123457"
UPS_1, UPS_2 = "1Z999AA10123456784", "1Z12345E6605272234"


def test_an_order_from_ready_to_print_to_shipped_by_scans_alone(
    qtbot, tmp_path: Path, order_server, printer, make_workstation, frame_of
) -> None:
    order = order_server.admin(
        "orders",
        {
            "number": "D00001",
            "status": "5.1",
            "marketplace": "amazon",
            "seller": "Acme",
            "shipping_service": "UPS Ground",
            "recipient": {"name": "Buyer", "street1": "1 Main St", "city": "Leeds", "country": "GB"},
            "lines": [
                {"sku": "MUG-1", "title": "Mug", "quantity": 2, "ean": MUG, "bin_location": "A-01"},
                {"sku": "CABLE-1", "title": "Cable", "quantity": 1, "ean": CABLE, "bin_location": "B-07"},
            ],
        },
    )
    documents = tmp_path / "documents"
    documents.mkdir()
    ws = make_workstation(
        order_server,
        settings={"printer.shipping_label": printer.uri, "printer.documents": documents.as_uri()},
    )
    frame = frame_of(ws)
    synced(qtbot, frame)
    window = frame.window

    def scan(page, text: str, signal: str = "answered") -> None:
        with qtbot.waitSignal(getattr(page, signal), timeout=20000):
            ws.scans.feed(text)

    # Print: the order's label scanned into the batch, the confirm command prints it.
    window.show_page(PageKey.PRINT)
    station = window.pages[PageKey.PRINT]
    ws.scans.feed("PDO-D00001")
    qtbot.waitUntil(lambda: station.model.rowCount() == 1, timeout=10000)
    scan(station, "PDC-CONFIRM", "batch_printed")
    assert len(printer.labels) == 1
    synced(qtbot, frame)

    # Pick: the label, then every unit.
    window.show_page(PageKey.PICK)
    pick = window.pages[PageKey.PICK]
    for code in ("PDO-D00001", MUG, MUG, CABLE):
        scan(pick, code)
    assert pick.current_view is not None and pick.current_view.end.value == "collected"

    # Services: a polybag, scanned from the command sheet, on the order's page.
    ws.events.open_order.emit(order["id"])
    panel = window.pages[PageKey.ORDER_DETAIL].services_panel
    qtbot.waitUntil(lambda: panel.choice.count() > 0, timeout=10000)
    scan(panel, "PDS-POLYBAG", "recorded")

    # Pack and ship: the order, the label on the box, two parcels weighed, confirm.
    window.show_page(PageKey.PACK_SHIP)
    pack = window.pages[PageKey.PACK_SHIP]
    for code in ("PDO-D00001", "PDO-D00001", UPS_1):
        scan(pack, code)
    with qtbot.waitSignal(pack.answered, timeout=10000):
        qtbot.keyClicks(pack.weight_input, "1250")
        qtbot.keyClick(pack.weight_input, Qt.Key.Key_Return)
    scan(pack, UPS_2)
    with qtbot.waitSignal(pack.answered, timeout=10000):
        qtbot.keyClicks(pack.weight_input, "0.8 kg")
        qtbot.keyClick(pack.weight_input, Qt.Key.Key_Return)
    scan(pack, "PDC-CONFIRM")
    synced(qtbot, frame)

    on_server = ws.server.get_order(order["id"])
    assert on_server.status.value == "7.1"
    assert [(p.tracking_number, p.carrier, p.weight_g) for p in on_server.shipments] == [
        (UPS_1, "ups", 1250),
        (UPS_2, "ups", 800),
    ]
    assert [(s.code, s.quantity) for s in on_server.services] == [("POLYBAG", 1)]
    moves = [a.detail.split(":")[0] for a in on_server.activity if a.action == "status"]
    assert [m for m in moves if "→" in m][-3:] == ["5.1 → 6", "6 → 6.4", "6.4 → 7.1"]
    assert any(a.action == "services" for a in on_server.activity)
    assert any(a.action == "shipment" for a in on_server.activity)
