"""Keys as a keyboard-wedge scanner types them: one key event a character, stamped 3 ms apart
(the wedge filter tells a scan from typing by the stamps), then Enter."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def wedge_types(widget: QWidget, text: str, gap_ms: int = 3) -> None:
    stamp = int(time.monotonic() * 1000)
    for ch in text + "\r":
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper()))
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
        event.setTimestamp(stamp)
        QApplication.sendEvent(widget, event)
        stamp += gap_ms
