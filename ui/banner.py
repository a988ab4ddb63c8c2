"""The banner across the top of the window: the last verdict, large, green for right and red for
wrong. It listens to the `Notifier`; nothing else writes to it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from ui.notify import Tone
from ui.theme import set_role

# How long a verdict stays: a right one only until the next scan matters; a wrong one must be
# seen by a packer who looked away for a moment.
SHOW_MS = {Tone.RIGHT: 4000, Tone.INFO: 5000, Tone.WRONG: 15000, Tone.NEW_ORDERS: 8000}


class Banner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setMargin(10)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.tone = ""
        self._hide = QTimer(self)
        self._hide.setSingleShot(True)
        self._hide.timeout.connect(self.clear_message)
        self.hide()

    def show_message(self, text: str, tone: str) -> None:
        if not text:  # a result with no words: the last one no longer stands
            self.clear_message()
            return
        self.tone = tone
        self.setText(text)
        role = {Tone.RIGHT: "banner-right", Tone.WRONG: "banner-wrong"}.get(Tone(tone), "banner-info")
        set_role(self, role)
        self.show()
        self._hide.start(SHOW_MS.get(Tone(tone), 5000))

    def clear_message(self) -> None:
        self.tone = ""
        self.clear()
        self.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clear_message()
