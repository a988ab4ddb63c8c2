"""Scans that never go astray (issue 14, point 16): no list of the window acts on one letter
typed at it (the navigation's type-ahead once jumped to the Print page on a scan's first key),
and with the scanner's prefix and suffix set, a scan is told from typing by them, however late
and uneven its keys come. The set-up code teaches Prepdesk the prefix and suffix."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.settings import Settings
from tests.ui.conftest import add_orders, synced
from ui.main_window import PageKey
from ui.scanners import connect_scanners

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()


def _keys(widget: QWidget, text: str, gaps_ms: list[int]) -> None:
    """Key presses stamped as the window system would, `gaps_ms[i]` before the i-th key."""
    stamp = int(time.monotonic() * 1000)
    for ch, gap in zip(text, gaps_ms, strict=True):
        stamp += gap
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper()))
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
        event.setTimestamp(stamp)
        QApplication.sendEvent(widget, event)


def test_a_letter_typed_at_the_navigation_moves_nothing(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    window = frame.window
    window.show_page(PageKey.DASHBOARD)
    window.navigation.setFocus()
    for key in (Qt.Key.Key_P, Qt.Key.Key_S, Qt.Key.Key_O):
        qtbot.keyClick(window.navigation, key)
    assert window.current_key() == PageKey.DASHBOARD
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)  # the arrows still move
    assert window.current_key() == PageKey.ORDERS


def test_with_a_prefix_and_suffix_a_scan_with_late_uneven_keys_still_opens_its_order(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    [order] = add_orders(order_server, 1)
    ws = make_workstation(order_server, settings={"scanner.prefix": "~", "scanner.suffix": "#"})
    frame = frame_of(ws)
    hookup = connect_scanners(ws, frame)
    try:
        synced(qtbot, frame)
        window = frame.window
        window.show_page(PageKey.DASHBOARD)
        window.navigation.setFocus()
        opened: list[str] = []
        ws.events.open_order.connect(opened.append)
        scan = f"~PDO-{order['number']}#\r"
        # Under load: the first keys handed over a quarter second apart, the rest at 60 ms.
        gaps = [0, 250, 250] + [60] * (len(scan) - 3)
        _keys(window.navigation, scan, gaps)
        qtbot.waitUntil(lambda: opened == [order["id"]], timeout=5000)
        assert window.current_key() == PageKey.ORDER_DETAIL
    finally:
        hookup.remove()


def test_scanning_the_set_up_code_teaches_the_prefix_and_suffix(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    hookup = connect_scanners(ws, frame)
    try:
        text = "~PDC-SCANNER-SETUP#\r"
        with qtbot.waitSignal(ws.events.settings_changed, timeout=5000):
            _keys(frame.window, text, [3] * len(text))
        assert ws.settings["scanner.prefix"] == "~" and ws.settings["scanner.suffix"] == "#"
        saved = Settings.load(ws.store)
        assert saved["scanner.prefix"] == "~" and saved["scanner.suffix"] == "#"
        assert hookup.wedge is not None and hookup.wedge.decoder.settings.prefix == "~"
    finally:
        hookup.remove()
