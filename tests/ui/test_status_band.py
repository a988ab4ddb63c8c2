"""Offline, changes waiting, a printer fault: a band readable from a step away, across the whole
window, not only a small chip; the chips themselves readable at a packing table (issue 14,
point 8). The band keeps its height, so nothing on the page moves as the server comes and goes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from ui import theme
from ui.status_bar import WorkstationStatusBar

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()


@pytest.fixture
def bar(qtbot):
    app = QApplication.instance()
    theme.apply(app)
    window = QMainWindow()
    window.setCentralWidget(QWidget())
    status = WorkstationStatusBar()
    window.setStatusBar(status)
    window.resize(1366, 768)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, status
    app.setStyleSheet("")


def _colour_at(widget, x: int, y: int) -> str:
    return QColor(widget.grab().toImage().pixel(x, y)).name()


def test_offline_with_changes_waiting_is_a_red_band_across_the_window_in_large_type(bar) -> None:
    _window, status = bar
    status.set_server(online=True, outbox=0, last_sync=datetime.now(UTC))
    calm_height = status.height()
    status.set_server(online=False, outbox=3, last_sync=datetime.now(UTC))
    QApplication.processEvents()
    assert "OFFLINE" in status.band.text() and "3 to send" in status.band.text()
    assert status.band.font().pointSize() >= 16  # a step away from the screen
    assert status.band.width() >= status.band.fontMetrics().horizontalAdvance(status.band.text())  # not cut
    y = status.height() // 2
    assert _colour_at(status, 4, y) == theme.WRONG
    assert _colour_at(status, status.width() - 2, 1) == theme.WRONG  # edge to edge
    assert status.height() == calm_height  # the page above does not move


def test_a_printer_fault_is_said_in_the_band(bar) -> None:
    _window, status = bar
    status.set_server(online=True, outbox=0, last_sync=datetime.now(UTC))
    status.set_printer("shipping_label", ready=False, fault="Paper out")
    assert "Paper out" in status.band.text() and status.band.property("role") == "band-bad"
    status.set_printer("shipping_label", ready=True)
    assert "Paper out" not in status.band.text() and status.band.property("role") == "band-calm"


def test_the_chips_are_readable_at_a_packing_table(bar) -> None:
    _window, status = bar
    status.set_printer("shipping_label", ready=True)
    status.set_who("Ann Miller", "table-1")
    for chip in (status.printers["shipping_label"], status.scanner, status.who):
        chip.ensurePolished()
        assert chip.font().pointSize() >= 12, chip.objectName()
