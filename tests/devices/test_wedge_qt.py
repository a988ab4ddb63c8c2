"""A keyboard-wedge scanner in a real window (Qt offscreen): a scan arrives once, whole, and
leaves no stray characters in the focused text field; a person's typing still lands there."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from devices.wedge_qt import SCAN_FIELD_PROPERTY, WedgeScannerFilter

# The offscreen platform cannot pass size hints to a window manager it does not have, and says
# so when a window is shown; every other Qt warning still fails the test.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


class PackingWindow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.note = QLineEdit(self)  # an ordinary field, e.g. a comment
        self.scan_field = QLineEdit(self)  # a field meant for scans
        self.scan_field.setProperty(SCAN_FIELD_PROPERTY, True)
        self.button = QPushButton("Ship", self)
        self.reprints: list[str] = []
        QShortcut(QKeySequence("R"), self, lambda: self.reprints.append("R"))  # a one-key shortcut
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.scan_field)
        layout.addWidget(self.button)
        self.entered: list[str] = []
        self.note.returnPressed.connect(lambda: self.entered.append(self.note.text()))
        self.scan_field.returnPressed.connect(lambda: self.entered.append(self.scan_field.text()))


@pytest.fixture
def window(qtbot: QtBot) -> PackingWindow:
    w = PackingWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.note.setFocus()
    return w


@pytest.fixture
def wedge(qapp: QApplication) -> Iterator[WedgeScannerFilter]:
    wedge = WedgeScannerFilter(source="wedge-test")
    wedge.install(qapp)
    yield wedge
    wedge.uninstall(qapp)


def _scanner_types(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """As a scanner does: every key at once, then Enter."""
    for ch in text:
        qtbot.keyClick(widget, ch)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_a_scan_into_a_focused_text_field_is_one_scan_and_no_stray_text(
    qtbot: QtBot, window: PackingWindow, wedge: WedgeScannerFilter
) -> None:
    scans: list[tuple[str, str]] = []
    wedge.scanned.connect(lambda text, source, _at: scans.append((text, source)))
    with qtbot.waitSignal(wedge.scanned, timeout=2000):
        _scanner_types(qtbot, window.note, "PDO-1042")
    qtbot.wait(100)
    assert scans == [("PDO-1042", "wedge-test")]
    assert window.note.text() == ""
    assert window.entered == []


def test_a_person_typing_in_the_field_still_types(
    qtbot: QtBot, window: PackingWindow, wedge: WedgeScannerFilter
) -> None:
    scans: list[str] = []
    wedge.scanned.connect(lambda text, *_: scans.append(text))
    for ch in "box 3":
        qtbot.keyClick(window.note, ch)
        qtbot.wait(80)
    qtbot.keyClick(window.note, Qt.Key.Key_Backspace)
    qtbot.keyClick(window.note, "4")
    qtbot.waitUntil(lambda: window.note.text() == "box 4", timeout=2000)
    assert scans == []


def test_two_scans_back_to_back_between_typing(
    qtbot: QtBot, window: PackingWindow, wedge: WedgeScannerFilter
) -> None:
    scans: list[str] = []
    wedge.scanned.connect(lambda text, *_: scans.append(text))
    qtbot.keyClick(window.note, "a")
    qtbot.wait(80)
    _scanner_types(qtbot, window.note, "4006381333931")
    _scanner_types(qtbot, window.note, "PDC-CONFIRM")
    qtbot.wait(80)
    qtbot.keyClick(window.note, "b")
    qtbot.waitUntil(lambda: len(scans) == 2 and window.note.text() == "ab", timeout=2000)
    assert scans == ["4006381333931", "PDC-CONFIRM"]


def test_a_field_meant_for_scans_receives_the_whole_string_at_once(
    qtbot: QtBot, window: PackingWindow, wedge: WedgeScannerFilter
) -> None:
    window.scan_field.setFocus()
    with qtbot.waitSignal(wedge.scanned, timeout=2000):
        _scanner_types(qtbot, window.scan_field, "1Z999AA10123456784")
    assert window.scan_field.text() == "1Z999AA10123456784"
    assert window.entered == ["1Z999AA10123456784"]


def test_ctrl_bracket_from_the_scanner_becomes_the_gs1_separator(
    qtbot: QtBot, window: PackingWindow, wedge: WedgeScannerFilter
) -> None:
    scans: list[str] = []
    wedge.scanned.connect(lambda text, *_: scans.append(text))
    with qtbot.waitSignal(wedge.scanned, timeout=2000):
        for ch in "0109506000134352":
            qtbot.keyClick(window.note, ch)
        qtbot.keyClick(window.note, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
        for ch in "10AB":
            qtbot.keyClick(window.note, ch)
        qtbot.keyClick(window.note, Qt.Key.Key_Return)
    assert scans == ["0109506000134352\x1d10AB"] and window.note.text() == ""


def test_a_scan_never_fires_a_one_key_shortcut(
    qtbot: QtBot, window: PackingWindow, wedge: WedgeScannerFilter
) -> None:
    window.button.setFocus()
    with qtbot.waitSignal(wedge.scanned, timeout=2000) as blocker:
        _scanner_types(qtbot, window.button, "PDC-REPRINT")
    assert blocker.args is not None and blocker.args[0] == "PDC-REPRINT"
    assert window.reprints == []


def test_a_scanner_set_to_send_f8_for_the_separator(
    qtbot: QtBot, window: PackingWindow, qapp: QApplication
) -> None:
    wedge = WedgeScannerFilter(gs_key=Qt.Key.Key_F8)
    wedge.install(qapp)
    try:
        with qtbot.waitSignal(wedge.scanned, timeout=2000) as blocker:
            for ch in "0109506000134352":
                qtbot.keyClick(window.note, ch)
            qtbot.keyClick(window.note, Qt.Key.Key_F8)
            for ch in "10AB":
                qtbot.keyClick(window.note, ch)
            qtbot.keyClick(window.note, Qt.Key.Key_Return)
        assert blocker.args is not None and blocker.args[0] == "0109506000134352\x1d10AB"
        assert window.note.text() == ""
    finally:
        wedge.uninstall(qapp)


def _stamped_keys(widget: QWidget, text: str, first_ms: int, gap_ms: int) -> None:
    """Key presses as the window system hands them over, each stamped with its own time."""
    for i, ch in enumerate(text):
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper()))
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
        event.setTimestamp(first_ms + i * gap_ms)
        QApplication.sendEvent(widget, event)


def test_keys_typed_while_the_screen_was_busy_are_still_typing(
    qtbot: QtBot, window: PackingWindow, wedge: WedgeScannerFilter
) -> None:
    scans: list[str] = []
    wedge.scanned.connect(lambda text, *_: scans.append(text))
    base = 1_000_000
    _stamped_keys(window.note, "X", base, 0)  # handed over at once: the stamps meet our clock
    time.sleep(1.0)  # the GUI thread is busy; meanwhile a person types six keys 150 ms apart
    _stamped_keys(window.note, "PALLET", base + 100, 150)  # ...and they arrive all together
    qtbot.waitUntil(lambda: window.note.text() == "XPALLET", timeout=2000)
    with qtbot.waitSignal(wedge.scanned, timeout=2000):
        _stamped_keys(window.note, "PDO-77\r", base + 1000, 3)  # a real scan: 3 ms apart
    assert scans == ["PDO-77"] and window.note.text() == "XPALLET"
