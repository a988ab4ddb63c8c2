"""The frame under load: a big sync never freezes the screen; thousands of scans never crash it or
let its memory grow without bound; settings survive a restart; demo mode opens signed in."""

from __future__ import annotations

import argparse
import gc
import os
import time
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from server.harness import start_server
from tests.ui.conftest import add_orders
from ui import page_wiring as wiring
from ui.main_window import PageKey

# A safety net, not a measure: a test waits for its outcome, however long a loaded machine takes.
OUTCOME_TIMEOUT_MS = 600_000


def _rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_while_ten_thousand_orders_sync_the_screen_keeps_answering_and_never_touches_store_or_server(
    qtbot, make_workstation, frame_of
) -> None:
    """How long the screen waits is measured by bench/gui_block.py; here, what makes it never
    wait on the sync: the GUI thread is entered as the GUI lane, so a store write or a server
    call made on it fails loudly, and its event loop keeps turning while the orders land."""
    from app import lanes

    # The server in its own process: its work must not be counted against the workstation's.
    server = start_server(demo_orders=10_000, in_process=False)
    try:
        ws = make_workstation(server)
        frame = frame_of(ws)
        lanes.enter(lanes.Lane.GUI)  # as the program does once its window stands
        turns_while_syncing = 0

        def turn() -> None:
            nonlocal turns_while_syncing
            turns_while_syncing += 1 if frame.sync.running else 0

        probe = QTimer()
        probe.setInterval(10)
        probe.timeout.connect(turn)
        probe.start()
        failures: list[str] = []
        ws.tasks.failed.connect(failures.append)
        frame.sync.sync_now()
        qtbot.waitUntil(
            lambda: frame.sync.last is not None and not frame.sync.running, timeout=OUTCOME_TIMEOUT_MS
        )
        qtbot.waitUntil(
            lambda: not ws.tasks.is_busy(), timeout=OUTCOME_TIMEOUT_MS
        )  # pages reloading after it
        probe.stop()
        assert frame.sync.last.report.pulled == 10_000 and frame.sync.last.report.error is None
        assert failures == []  # no lane refused a call made on the wrong thread
        assert turns_while_syncing > 1  # the window answered while the orders landed
    finally:
        if lanes.current() == lanes.Lane.GUI:
            lanes.leave()
        server.stop()


def test_thousands_of_scans_through_the_wedge_leave_the_window_standing_with_bounded_memory(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    from ui.scanners import connect_scanners

    orders = add_orders(order_server, 6)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    hookup = connect_scanners(ws, frame)
    routed: list[str] = []
    frame.scans.routed.connect(lambda _text, where: routed.append(where))
    wedge = hookup.wedge
    assert wedge is not None
    frame.sync.sync_now()
    qtbot.waitUntil(lambda: frame.sync.last is not None, timeout=OUTCOME_TIMEOUT_MS)
    frame.window.show_page(PageKey.ACTIVITY)
    scans = [f"PDO-{orders[0]['number']}", "4006381333931", "NOT-A-CODE-42", f"PDO-{orders[3]['number']}"]

    def burst(n: int) -> None:
        for i in range(n):
            wedge.scanned.emit(scans[i % len(scans)], "keyboard", time.time())
            if i % 50 == 0:
                QApplication.processEvents()
        qtbot.waitUntil(lambda: not ws.tasks.is_busy(), timeout=OUTCOME_TIMEOUT_MS)
        qtbot.wait(50)
        gc.collect()

    burst(800)  # warm up: caches, fonts, the detail page's first load
    after_warm_up = _rss_mb()
    burst(3000)
    grown = _rss_mb() - after_warm_up
    print(f"\n3,000 scans after warm-up: RSS {after_warm_up:.0f} MB -> {after_warm_up + grown:.0f} MB")
    assert len(routed) == 3800
    assert frame.window.isVisible()
    assert grown < 40, f"memory grew by {grown:.0f} MB over 3,000 scans"
    # Real keys too, through the application's event filter: a scan at scanner speed. The keys
    # carry the window system's stamps 3 ms apart, as a scanner's do, so a loaded machine that
    # hands them over late still sees a scan (unstamped keys would be timed by the clock).
    routed.clear()
    frame.window.show_page(PageKey.DASHBOARD)
    _scanner_types(frame.window, f"PDO-{orders[2]['number']}\r")
    qtbot.waitUntil(lambda: routed == ["order"], timeout=OUTCOME_TIMEOUT_MS)


def _scanner_types(widget: Any, text: str, gap_ms: int = 3) -> None:
    """Keys as a scanner sends them: each stamped `gap_ms` after the one before."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    stamp = int(time.monotonic() * 1000)
    for ch in text:
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper()))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
            event.setTimestamp(stamp)
            QApplication.sendEvent(widget, event)
        stamp += gap_ms


def test_saved_settings_are_there_after_the_program_restarts(qtbot, tmp_path, make_workstation) -> None:
    from ui.main import shut_down

    folder = tmp_path / "table"
    ws = make_workstation(folder=folder)
    page = wiring.settings_page(ws)
    qtbot.addWidget(page)
    page.fill(
        {
            "server.url": "http://127.0.0.1:9",
            "workstation.name": "table-3",
            "sync.interval_s": 45,
            "printer.shipping_label": "tcp://127.0.0.1:9100",
            "scanner.terminator": "tab",
            "sounds.on": False,
        }
    )
    page.token.setText("a-token-for-table-3")
    with qtbot.waitSignal(ws.events.settings_changed, timeout=5000):
        page.save()
    shut_down(ws)

    again = make_workstation(folder=folder, name="")
    s = again.settings
    assert s["server.url"] == "http://127.0.0.1:9" and s["workstation.name"] == "table-3"
    assert s["sync.interval_s"] == 45 and s["printer.shipping_label"] == "tcp://127.0.0.1:9100"
    assert s["scanner.terminator"] == "tab" and s["sounds.on"] is False
    assert again.name == "table-3" and again.tokens.get("http://127.0.0.1:9") == "a-token-for-table-3"
    assert again.server is not None and again.sync is not None


def test_demo_mode_opens_signed_in_and_runs_the_print_flow_end_to_end(qtbot) -> None:
    from ui.demo import add_demo_panels, start_demo
    from ui.frame import build_frame
    from ui.main import shut_down
    from ui.panels.virtual_scanner import VirtualScannerPanel

    ws = start_demo(argparse.Namespace(demo=True, demo_orders=12))
    try:
        frame = build_frame(ws)
        qtbot.addWidget(frame.window)
        add_demo_panels(ws, frame)
        frame.window.show()
        frame.sync.sync_now()
        qtbot.waitUntil(lambda: ws.operator is not None, timeout=20000)
        qtbot.waitUntil(lambda: frame.sync.last is not None, timeout=20000)
        assert frame.window.current_key() == PageKey.DASHBOARD
        assert frame.sync.last is not None and frame.sync.last.report.pulled == 12
        scanner = frame.window.findChild(VirtualScannerPanel)
        assert scanner is not None
        qtbot.waitUntil(lambda: any(c.startswith("PDO-") for c in scanner.buttons), timeout=10000)
        order_code = next(c for c in scanner.buttons if c.startswith("PDO-"))
        opened: list[str] = []
        ws.events.open_order.connect(opened.append)
        scanner.buttons[order_code].click()
        qtbot.waitUntil(lambda: len(opened) == 1, timeout=5000)
        assert frame.window.current_key() == PageKey.ORDER_DETAIL
        assert f"order label of order {order_code[4:]}" in scanner.echo.text()  # the newcomer learns the code

        # The print flow: every order ready to print -> labels on the emulated Zebra, pick list
        # and packing slips as PDF files, the orders printed on the server after the next sync.
        bar = frame.window.status
        frame.devices.check_printers()
        qtbot.waitUntil(lambda: "ready" in bar.printers["shipping_label"].text(), timeout=10000)
        emulator = ws.printer_emulator
        station: Any = frame.window.pages[PageKey.PRINT]  # UI-B's PrintStationPage
        frame.window.show_page(PageKey.PRINT)
        station.take_ready()
        qtbot.waitUntil(lambda: len(station.model.entries()) > 0, timeout=10000)
        ready = len(station.model.entries())
        with qtbot.waitSignal(station.batch_printed, timeout=60000) as printed:
            station.print_batch()
        report = printed.args[0]
        assert len(report.printed) == ready and report.failed == []
        qtbot.waitUntil(
            lambda: report.packing_slips is not None or len(emulator.labels) >= ready, timeout=10000
        )
        assert len(emulator.labels) == ready
        before = frame.sync.last
        frame.sync.sync_now()
        qtbot.waitUntil(lambda: frame.sync.last is not before and not frame.sync.running, timeout=20000)
        assert frame.sync.last.outbox == 0
        printed_ids = [o.order_id for o in report.printed]
        client = ws.server
        assert client is not None
        assert all(client.get_order(i).status.value == "6" for i in printed_ids[:3])

        # Paper out: the status bar says so in words.
        emulator.set_fault("paper_out")
        frame.devices.check_printers()
        qtbot.waitUntil(lambda: "paper" in bar.printers["shipping_label"].text().lower(), timeout=10000)
        frame.close()
    finally:
        shut_down(ws)
