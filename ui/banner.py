"""The banner across the top of the page: the last verdict, large, green for right and red for
wrong. It listens to the `Notifier` (and learns of each new scan from the frame); nothing else
writes to it.

Its room is kept all the time (an empty strip while it has nothing to say), at one height, so
coming and going it moves nothing under the pointer (a click meant for a button once landed on
the one that slid into its place) and covers nothing either. Words too long for one line in the
large type take two lines in a smaller one. A click dismisses it. The newest result wins: a new
scan ends the last scan's verdict at once, before its own result arrives.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from ui.notify import Tone
from ui.theme import banner_height, set_role

# How long a verdict stays: a right one only until the next scan matters; a wrong one must be
# seen by a packer who looked away for a moment.
SHOW_MS = {Tone.RIGHT: 4000, Tone.INFO: 5000, Tone.WRONG: 15000, Tone.NEW_ORDERS: 8000}
QUIET = "banner-none"


class Banner(QLabel):
    """GUI thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.tone = ""
        self._hide = QTimer(self)
        self._hide.setSingleShot(True)
        self._hide.timeout.connect(self.clear_message)
        set_role(self, QUIET)
        self.fit_height()

    def fit_height(self) -> None:
        """The strip's one height, kept whatever it says (again when the type size changes)."""
        self.setFixedHeight(banner_height())

    def show_message(self, text: str, tone: str) -> None:
        if not text:  # a result with no words: the last one no longer stands
            self.clear_message()
            return
        self.tone = tone
        self.setText(text)
        self.setToolTip(text)
        self._fit()
        self._hide.start(SHOW_MS.get(Tone(tone), 5000))

    def new_scan(self, _text: str = "") -> None:
        """A scan came in: the verdict on the scan before no longer stands (its result follows)."""
        if self.tone in (Tone.RIGHT, Tone.WRONG):
            self.clear_message()

    def clear_message(self) -> None:
        self.tone = ""
        self._hide.stop()
        self.clear()
        self.setToolTip("")
        set_role(self, QUIET)

    @property
    def showing(self) -> bool:
        return bool(self.tone)

    def _fit(self) -> None:
        """The tone's colour, in the large type where the words fit one line, else the smaller."""
        if not self.tone:
            return
        base = {Tone.RIGHT: "banner-right", Tone.WRONG: "banner-wrong"}.get(Tone(self.tone), "banner-info")
        set_role(self, base)
        self.ensurePolished()
        room = self.contentsRect().width() - 8
        if room > 0 and QFontMetrics(self.font()).horizontalAdvance(self.text()) > room:
            set_role(self, base + "-long")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clear_message()
