"""The banner across the top of the page: the last verdict, large, green for right and red for
wrong. It listens to the `Notifier` (and learns of each new scan from the frame); nothing else
writes to it.

It lies over the top of the page instead of taking a row of the layout: coming and going, it
moves nothing under the pointer (a click meant for a button must not land on the one that slid
into its place). A click on it dismisses it. The newest result wins: a new scan ends the last
scan's verdict at once, whatever it was, before its own result arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from ui.notify import Tone
from ui.theme import set_role

# How long a verdict stays: a right one only until the next scan matters; a wrong one must be
# seen by a packer who looked away for a moment.
SHOW_MS = {Tone.RIGHT: 4000, Tone.INFO: 5000, Tone.WRONG: 15000, Tone.NEW_ORDERS: 8000}


class Banner(QLabel):
    """GUI thread. Give it the widget whose top it covers (the page area)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setMargin(10)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.tone = ""
        self._hide = QTimer(self)
        self._hide.setSingleShot(True)
        self._hide.timeout.connect(self.clear_message)
        if parent is not None:
            parent.installEventFilter(self)
        self.hide()

    def show_message(self, text: str, tone: str) -> None:
        if not text:  # a result with no words: the last one no longer stands
            self.clear_message()
            return
        self.tone = tone
        self.setText(text)
        role = {Tone.RIGHT: "banner-right", Tone.WRONG: "banner-wrong"}.get(Tone(tone), "banner-info")
        set_role(self, role)
        self._place()
        self.show()
        self.raise_()
        self._hide.start(SHOW_MS.get(Tone(tone), 5000))

    def new_scan(self, _text: str = "") -> None:
        """A scan came in: the verdict on the scan before no longer stands (its result follows)."""
        if self.tone in (Tone.RIGHT, Tone.WRONG):
            self.clear_message()

    def clear_message(self) -> None:
        self.tone = ""
        self._hide.stop()
        self.clear()
        self.hide()

    def _place(self) -> None:
        """Across the top of the page, as tall as its words need."""
        area = self.parentWidget()
        if area is None:
            return
        self.ensurePolished()
        width = area.width()
        height = self.heightForWidth(width)
        self.setGeometry(0, 0, width, height if height > 0 else self.sizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clear_message()
