"""The banner: it takes its place without moving what is under the pointer, nor covering it
(issue 14, point 9), and the newest result wins: a red verdict goes as soon as the next scan
comes (point 10)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import add_orders, synced
from ui.main_window import PageKey

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()


def test_a_banner_coming_and_going_moves_nothing_on_the_page(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    window = frame.window
    window.resize(1366, 768)
    window.show_page(PageKey.DASHBOARD)
    qtbot.waitExposed(window)
    button = window.pages[PageKey.DASHBOARD].sync_button
    tile = window.pages[PageKey.DASHBOARD].tiles["5.1"]
    where = (button.mapTo(window, QPoint(0, 0)), tile.mapTo(window, QPoint(0, 0)))

    ws.notifier.wrong("Order 1004 was cancelled on the server. Stop work on it.")
    QApplication.processEvents()
    banner = window.banner
    assert banner.showing and banner.height() > 20
    assert banner.geometry().bottom() < button.mapTo(banner.parentWidget(), QPoint(0, 0)).y()  # not covered
    assert (button.mapTo(window, QPoint(0, 0)), tile.mapTo(window, QPoint(0, 0))) == where

    ws.notifier.wrong("Order 1004 was cancelled on the server. " * 8)  # two lines, smaller type
    QApplication.processEvents()
    assert banner.property("role") == "banner-wrong-long"
    assert (button.mapTo(window, QPoint(0, 0)), tile.mapTo(window, QPoint(0, 0))) == where

    banner.clear_message()
    QApplication.processEvents()
    assert (button.mapTo(window, QPoint(0, 0)), tile.mapTo(window, QPoint(0, 0))) == where


def test_the_next_good_scan_replaces_a_red_banner(qtbot, order_server, make_workstation, frame_of) -> None:
    [order, _] = add_orders(order_server, 2)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    frame.window.show_page(PageKey.DASHBOARD)
    banner = frame.window.banner
    ws.scans.feed("PDO-NOSUCH1")
    qtbot.waitUntil(lambda: banner.tone == "wrong", timeout=5000)

    opened: list[str] = []
    ws.events.open_order.connect(opened.append)
    ws.scans.feed(f"PDO-{order['number']}")
    assert banner.tone != "wrong" and not banner.showing
    qtbot.waitUntil(lambda: opened == [order["id"]], timeout=5000)
    assert banner.tone != "wrong"
