"""Serial scanners and scales at the table: their scans reach the frame, their plugs the status bar."""

from __future__ import annotations

from devices.emulators import ScaleEmulator, ScannerEmulator
from tests.ui.conftest import add_orders
from ui import page_wiring as wiring
from ui.main_window import PageKey
from ui.scanners import connect_scanners


def test_a_serial_scanner_opens_orders_and_its_cable_shows_in_the_status_bar(
    qtbot, tmp_path, order_server, make_workstation, frame_of
) -> None:
    [order] = add_orders(order_server, 1)
    scanner = ScannerEmulator(tmp_path / "ttyScanner")
    scale = ScaleEmulator(tmp_path / "ttyScale")
    try:
        ws = make_workstation(order_server)
        ws.settings.update({"scanner.serial_port": str(scanner.path), "scale.port": str(scale.path)})
        frame = frame_of(ws)
        hookup = connect_scanners(ws, frame)
        bar = frame.window.status
        qtbot.waitUntil(lambda: str(scanner.path) in bar.scanner.text(), timeout=10000)
        qtbot.waitUntil(lambda: "ready" in bar.scale.text(), timeout=10000)
        frame.sync.sync_now()
        qtbot.waitUntil(lambda: frame.sync.last is not None, timeout=10000)

        scanner.scan(f"PDO-{order['number']}")
        qtbot.waitUntil(lambda: frame.window.current_key() == PageKey.ORDER_DETAIL, timeout=10000)

        scale.unplug()
        qtbot.waitUntil(lambda: "unplugged" in bar.scale.text(), timeout=10000)
        scanner.unplug()
        qtbot.waitUntil(lambda: "none" in bar.scanner.text(), timeout=10000)
        hookup.remove()
    finally:
        scanner.close()
        scale.close()


def test_the_settings_test_print_reaches_the_printer_and_a_fault_is_said_in_words(
    qtbot, make_workstation
) -> None:
    from printing.emulator import start_emulator

    with start_emulator() as printer:
        ws = make_workstation(settings={"printer.shipping_label": printer.uri})
        page = wiring.settings_page(ws)
        qtbot.addWidget(page)
        state = page.printer_state["shipping_label"]
        page.page_shown()
        qtbot.waitUntil(lambda: state.text() == "Ready", timeout=10000)
        assert page.printer_state["documents"].text() == "No printer set up."

        page.test_print("shipping_label")
        qtbot.waitUntil(lambda: "printed" in state.text(), timeout=10000)
        assert len(printer.labels) == 1 and b"^XA" in printer.labels[0]

        printer.set_fault("head_open")
        page.test_print("shipping_label")
        qtbot.waitUntil(lambda: "head" in state.text().lower(), timeout=10000)
        assert state.property("role") == "chip-bad" and len(printer.labels) == 1
