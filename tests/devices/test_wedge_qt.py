"""A keyboard-wedge scanner in a real window (Qt offscreen): a scan arrives once, whole, and
leaves no stray characters in the focused text field; a person's typing still lands there.

The scanner's keys are stamped with their own times, as the window system stamps real keys, so
a busy test machine cannot stretch a scan into typing; a person's keys are real key clicks with
real pauses between them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from devices.wedge import WedgeSettings
from devices.wedge_qt import SCAN_FIELD_PROPERTY, WedgeScannerFilter

# The offscreen platform cannot pass size hints to a window manager it does not have, and says
# so when a window is shown; every other Qt warning still fails the test.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
NO_MOD = Qt.KeyboardModifier.NoModifier


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


def _press(widget: QWidget, key: int, mods: Qt.KeyboardModifier, text: str, stamp_ms: int) -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, key, mods, text)
    event.setTimestamp(stamp_ms)
    QApplication.sendEvent(widget, event)


def _scanner_sends(
    widget: QWidget, *parts: str | Key | tuple[Key, Qt.KeyboardModifier], gap_ms: int = 3
) -> None:
    """Keys as a scanner sends them, `gap_ms` apart, stamped from the present moment. A str is
    typed character by character; a Qt key or (key, modifiers) is a key without text."""
    stamp = int(time.monotonic() * 1000)
    for part in parts:
        if isinstance(part, str):
            for ch in part:
                key = Key.Key_Return if ch == "\r" else Key(ord(ch.upper()))
                _press(widget, key, NO_MOD, ch, stamp)
                stamp += gap_ms
        else:
            key, mods = part if isinstance(part, tuple) else (part, NO_MOD)
            _press(widget, key, mods, "", stamp)
            stamp += gap_ms


def _collect(wedge: WedgeScannerFilter) -> list[tuple[str, str]]:
    scans: list[tuple[str, str]] = []
    wedge.scanned.connect(lambda text, source, _at: scans.append((text, source)))
    return scans


def test_a_scan_into_a_focused_text_field_is_one_scan_and_no_stray_text(
    qtbot: QtBot, window: PackingWindow, wedge: WedgeScannerFilter
) -> None:
    scans = _collect(wedge)
    with qtbot.waitSignal(wedge.scanned, timeout=2000):
        _scanner_sends(window.note, "PDO-1042", Key.Key_Return)
    qtbot.wait(100)
    assert scans == [("PDO-1042", "wedge-test")]
    assert window.note.text() == ""
    assert window.entered == []


def test_a_person_typing_in_the_field_still_types(
    qtbot: QtBot, window: PackingWindow, wedge: WedgeScannerFilter
) -> None:
    scans = _collect(wedge)
    for ch in "box 3":
        qtbot.keyClick(window.note, ch)
        qtbot.wait(80)
    qtbot.keyClick(window.note, Key.Key_Backspace)
    qtbot.keyClick(window.note, "4")
    qtbot.keyClick(window.note, Key.Key_Return)
    qtbot.waitUntil(lambda: window.entered == ["box 4"], timeout=2000)
    assert scans == []


def test_two_scans_back_to_back_between_typing(
    qtbot: QtBot, window: PackingWindow, wedge: WedgeScannerFilter
) -> None:
    scans = _collect(wedge)
    qtbot.keyClick(window.note, "a")
    qtbot.wait(80)
    _scanner_sends(window.note, "4006381333931\rPDC-CONFIRM\r")
    qtbot.wait(80)
    qtbot.keyClick(window.note, "b")
    qtbot.waitUntil(lambda: len(scans) == 2 and window.note.text() == "ab", timeout=2000)
    assert [text for text, _ in scans] == ["4006381333931", "PDC-CONFIRM"]


def test_a_field_meant_for_scans_receives_the_whole_string_at_once(
    qtbot: QtBot, window: PackingWindow, wedge: WedgeScannerFilter
) -> None:
    window.scan_field.setFocus()
    with qtbot.waitSignal(wedge.scanned, timeout=2000):
        _scanner_sends(window.scan_field, "1Z999AA10123456784\r")
    assert window.scan_field.text() == "1Z999AA10123456784"
    assert window.entered == ["1Z999AA10123456784"]


def test_ctrl_bracket_from_the_scanner_becomes_the_gs1_separator(
    qtbot: QtBot, window: PackingWindow, wedge: WedgeScannerFilter
) -> None:
    scans = _collect(wedge)
    with qtbot.waitSignal(wedge.scanned, timeout=2000):
        _scanner_sends(window.note, "0109506000134352", (Key.Key_BracketRight, CTRL), "10AB\r")
    assert [text for text, _ in scans] == ["0109506000134352\x1d10AB"] and window.note.text() == ""


def test_a_scanner_set_to_send_f8_for_the_separator(
    qtbot: QtBot, window: PackingWindow, qapp: QApplication
) -> None:
    wedge = WedgeScannerFilter(gs_key=Key.Key_F8)
    wedge.install(qapp)
    try:
        scans = _collect(wedge)
        with qtbot.waitSignal(wedge.scanned, timeout=2000):
            _scanner_sends(window.note, "0109506000134352", Key.Key_F8, "10AB\r")
        assert [text for text, _ in scans] == ["0109506000134352\x1d10AB"] and window.note.text() == ""
    finally:
        wedge.uninstall(qapp)


def test_a_scan_never_fires_a_one_key_shortcut(
    qtbot: QtBot, window: PackingWindow, qapp: QApplication
) -> None:
    # Real key clicks, for Qt's shortcut machinery; a wide gap, so a busy machine cannot split them.
    wedge = WedgeScannerFilter(WedgeSettings(max_gap=0.25))
    wedge.install(qapp)
    try:
        window.button.setFocus()
        with qtbot.waitSignal(wedge.scanned, timeout=3000) as blocker:
            qtbot.keyClicks(window.button, "PDC-REPRINT")
            qtbot.keyClick(window.button, Key.Key_Return)
        assert blocker.args is not None and blocker.args[0] == "PDC-REPRINT"
        assert window.reprints == []
    finally:
        wedge.uninstall(qapp)


def test_keys_typed_while_the_screen_was_busy_are_still_typing(
    qtbot: QtBot, window: PackingWindow, wedge: WedgeScannerFilter
) -> None:
    scans = _collect(wedge)
    base = 1_000_000
    _press(window.note, Key.Key_X, NO_MOD, "X", base)  # handed over at once: stamps meet our clock
    time.sleep(1.0)  # the GUI thread is busy; meanwhile a person types six keys 150 ms apart
    for i, ch in enumerate("PALLET"):  # ...and they arrive all together
        _press(window.note, Key(ord(ch)), NO_MOD, ch, base + 100 + 150 * i)
    qtbot.waitUntil(lambda: window.note.text() == "XPALLET", timeout=2000)
    with qtbot.waitSignal(wedge.scanned, timeout=2000):
        for i, ch in enumerate("PDO-77\r"):  # a real scan: 3 ms apart
            key = Key.Key_Return if ch == "\r" else Key(ord(ch))
            _press(window.note, key, NO_MOD, ch, base + 1000 + 3 * i)
    assert [text for text, _ in scans] == ["PDO-77"] and window.note.text() == "XPALLET"
