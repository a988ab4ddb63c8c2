"""The Pack & Ship page in the frame, driven by scans on the table's scan bus against the
reference server on loopback: a collected order is packed into two parcels (one weight typed)
and shipped, and the server ends at shipped (7.1) with the parcels; a wrong box label and a
wrong check digit are refused on the page, red and loud, and nothing is recorded; the scale (an
emulated one on a pseudo-terminal) weighs a parcel, and once unplugged is said so in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from app.domain import OrderStatus
from devices.emulators import ScaleEmulator
from devices.scale import Scale
from devices.scale_protocols import ScaleProtocol
from server.harness import RunningServer
from tests.stations.conftest import UPS_1, UPS_2, UPS_WRONG_CHECK, put_orders
from tests.store.conftest import make_order
from tests.ui.conftest import synced
from tests.ui.orders_world import workstation_on_store
from ui import page_wiring as wiring
from ui.main_window import PageKey
from ui.pages.pack_ship import PackShipPage, typed_grams
from ui.theme import RIGHT, WRONG


def _collected(server: RunningServer, n: int, service: str = "UPS Ground") -> dict[str, Any]:
    """An order the platform hands over already collected (the pick station's work done)."""
    return server.admin(
        "orders",
        {
            "number": f"P{n:05d}",
            "status": "6.4",
            "shipping_service": service,
            "marketplace": "amazon",
            "seller": "Acme",
            "recipient": {"name": f"Buyer {n}", "street1": "1 Main St", "city": "Leeds", "country": "GB"},
            "lines": [
                {"sku": f"MUG-{n}", "title": "Mug", "quantity": 2, "ean": "4006381333931"},
                {"sku": "CABLE-USB-C", "title": "Cable", "quantity": 1},
            ],
        },
    )


def _pack_page(qtbot, order_server, make_workstation, frame_of) -> tuple[Any, Any, PackShipPage, list[str]]:
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    frame.window.show_page(PageKey.PACK_SHIP)
    page = frame.window.pages[PageKey.PACK_SHIP]
    assert isinstance(page, PackShipPage)
    sounds: list[str] = []
    ws.notifier.sounded.connect(sounds.append)
    return ws, frame, page, sounds


def _scan(qtbot, ws: Any, page: PackShipPage, text: str) -> None:
    with qtbot.waitSignal(page.answered, timeout=10000):
        ws.scans.feed(text)


def test_a_collected_order_is_packed_by_scans_and_reaches_the_server_shipped_with_its_parcels(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    order = _collected(order_server, 1)
    following = _collected(order_server, 2)
    ws, frame, page, sounds = _pack_page(qtbot, order_server, make_workstation, frame_of)
    assert page.prompt.text() == "Scan the order"

    _scan(qtbot, ws, page, "PDO-P00001")
    assert page.prompt.text() == "Scan the label on the box"
    assert page.lines.rowCount() == 2 and "P00001" in page.order_label.text()
    assert ws.sync.open_orders == frozenset({order["id"]})  # claimed for this table
    _scan(qtbot, ws, page, "pdo-p00001")  # the label on the box, read by a scanner on Caps Lock
    _scan(qtbot, ws, page, UPS_1)
    assert page.prompt.text() == "Weigh parcel 1" and page.parcels.rowCount() == 1
    with qtbot.waitSignal(page.answered, timeout=10000):
        qtbot.keyClicks(page.weight_input, "1.25 kg")
        qtbot.keyClick(page.weight_input, Qt.Key.Key_Return)
    _scan(qtbot, ws, page, UPS_2)
    with qtbot.waitSignal(page.answered, timeout=10000):
        page.weigh(800)
    assert page.prompt.text() == "Ship" and page.ship_button.isEnabled()
    assert page.parcels.data(page.parcels.index(0, 3)) == "1.25 kg"
    assert sounds == ["right"] * 6

    _scan(qtbot, ws, page, "PDC-CONFIRM")
    assert page.prompt.text() == "Scan the order" and page.parcels.rowCount() == 0
    assert "shipped with 2 parcels" in page.verdict.text()
    assert f"Next: order {following['number']}" == page.next_label.text()
    synced(qtbot, frame)
    on_server = ws.server.get_order(order["id"])
    assert on_server.status is OrderStatus.SHIPPED
    assert [(p.tracking_number, p.carrier, p.weight_g) for p in on_server.shipments] == [
        (UPS_1, "ups", 1250),
        (UPS_2, "ups", 800),
    ]


def test_another_orders_label_and_a_wrong_check_digit_are_refused_red_on_the_page(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    _collected(order_server, 1)
    _collected(order_server, 2)
    ws, frame, page, sounds = _pack_page(qtbot, order_server, make_workstation, frame_of)
    routed: list[tuple[str, str]] = []
    frame.scans.routed.connect(lambda text, where: routed.append((text, where)))
    _scan(qtbot, ws, page, "PDO-P00001")
    assert RIGHT in page.prompt_panel.styleSheet()

    _scan(qtbot, ws, page, "PDO-P00002")
    assert sounds[-1] == "wrong" and WRONG in page.prompt_panel.styleSheet()
    assert page.verdict.text().startswith("STOP") and "P00002" in page.verdict.text()
    assert page.prompt.text() == "Scan the label on the box" and "P00001" in page.order_label.text()

    _scan(qtbot, ws, page, "PDO-P00001")
    _scan(qtbot, ws, page, UPS_WRONG_CHECK)
    assert sounds[-1] == "wrong" and "check digit is wrong" in page.verdict.text()
    assert page.parcels.rowCount() == 0
    assert frame.window.current_key() == PageKey.PACK_SHIP  # the frame did not take the scan away
    assert {where for _, where in routed} == {"page"}


def test_a_typed_weight_reads_grams_or_kilograms() -> None:
    assert typed_grams("1250") == 1250 and typed_grams("1250 g") == 1250
    assert typed_grams("1,25 kg") == 1250 and typed_grams(" 3 KG ") == 3000
    assert typed_grams("heavy") is None and typed_grams("") is None


def test_the_scale_weighs_the_parcel_and_an_unplugged_scale_is_said_in_words(qtbot, tmp_path: Path) -> None:
    emulator = ScaleEmulator(tmp_path / "ttyScale", ScaleProtocol.MT_SICS, interval=0.05)
    scale = Scale(str(tmp_path / "ttyScale"), poll_interval=0.05, reconnect_interval=0.05)
    scale.start()
    ws = workstation_on_store(tmp_path, scale=scale)
    order = make_order(1, OrderStatus.COLLECTED)
    put_orders(ws.store, order)
    page = wiring.pack_ship_page(ws)
    qtbot.addWidget(page)
    sounds: list[str] = []
    ws.notifier.sounded.connect(sounds.append)
    try:
        for text in (f"PDO-{order.number}", f"PDO-{order.number}", UPS_1):
            with qtbot.waitSignal(page.answered, timeout=10000):
                assert page.handle_scan(text)
        emulator.put(1840.0)
        with qtbot.waitSignal(page.answered, timeout=10000):
            page.read_scale()
        assert page.view.parcels[0].weight_g == 1840 and page.prompt.text() == "Ship"

        emulator.unplug()  # the cable pulled mid-weighing
        with qtbot.waitSignal(page.answered, timeout=10000):
            page.read_scale()
        assert sounds[-1] == "wrong" and "scale is not connected" in page.verdict.text()
        assert page.view.parcels[0].weight_g == 1840  # nothing changed
    finally:
        ws.tasks.shutdown()
        scale.stop()
        emulator.close()
        ws.store.close()


def test_a_parcel_waiting_for_its_number_gets_it_from_the_order_detail(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    order = _collected(order_server, 1)
    ws, frame, page, _sounds = _pack_page(qtbot, order_server, make_workstation, frame_of)
    _scan(qtbot, ws, page, "PDO-P00001")
    _scan(qtbot, ws, page, "PDO-P00001")  # the label on the box
    for key in (page.without_tracking, lambda: page.weigh(900), page.set_aside):
        with qtbot.waitSignal(page.answered, timeout=10000):
            key()
    assert "P00001" in page.waiting_label.text()
    ws.events.open_order.emit(order["id"])
    detail = frame.window.pages[PageKey.ORDER_DETAIL]
    qtbot.waitUntil(lambda: detail.tracking_button.isVisibleTo(detail), timeout=10000)
    with qtbot.waitSignal(page.answered, timeout=10000):
        detail.tracking_button.click()
    assert frame.window.current_key() == PageKey.PACK_SHIP
    assert page.prompt.text() == "Scan the tracking number of parcel 1"
    _scan(qtbot, ws, page, UPS_1)
    _scan(qtbot, ws, page, "PDC-CONFIRM")
    synced(qtbot, frame)
    on_server = ws.server.get_order(order["id"])
    assert on_server.status is OrderStatus.SHIPPED
    assert [(p.tracking_number, p.weight_g) for p in on_server.shipments] == [(UPS_1, 900)]


def test_verified_at_both_the_pack_table_has_every_unit_checked_again_first(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    order = _collected(order_server, 1)
    ws, frame, page, _sounds = _pack_page(qtbot, order_server, make_workstation, frame_of)
    ws.settings["stations.verify_at"] = "both"
    pick = frame.window.pages[PageKey.PICK]
    with qtbot.waitSignal(pick.answered, timeout=10000):
        ws.scans.feed("PDO-P00001")  # at the pack table: handed to the pick page to check
    assert frame.window.current_key() == PageKey.PICK
    assert pick.title.text() == "Check at packing — order P00001"
    for code in ("4006381333931", "4006381333931"):
        with qtbot.waitSignal(pick.answered, timeout=10000):
            ws.scans.feed(code)
    with qtbot.waitSignal(page.answered, timeout=10000):  # the last unit: back to the pack table
        ws.scans.feed("CABLE-USB-C")
    assert frame.window.current_key() == PageKey.PACK_SHIP
    assert page.prompt.text() == "Scan the label on the box" and "P00001" in page.order_label.text()
    synced(qtbot, frame)
    assert ws.server.get_order(order["id"]).status is OrderStatus.COLLECTED  # checked, not moved


def test_what_the_seller_asks_for_shows_above_the_prompt_while_the_order_is_on_the_table(
    qtbot, tmp_path: Path
) -> None:
    from app.domain import ServiceAsked

    ws = workstation_on_store(tmp_path)
    asked = make_order(7, OrderStatus.COLLECTED, services_asked=[ServiceAsked("POLYBAG", 2, "Polybag")])
    put_orders(ws.store, asked)
    page = wiring.pack_ship_page(ws)
    qtbot.addWidget(page)
    try:
        assert page.asked_label.isHidden()
        with qtbot.waitSignal(page.answered, timeout=10000):
            assert page.handle_scan(f"PDO-{asked.number}")
        assert not page.asked_label.isHidden()
        assert page.asked_label.text() == "The seller asks for: Polybag × 2"
        with qtbot.waitSignal(page.answered, timeout=10000):
            page.set_aside()
        assert page.asked_label.isHidden()
    finally:
        ws.tasks.shutdown()
