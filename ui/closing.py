"""The word at closing time: with changes that have not reached the server, the person closing
the window learns how many wait, and that they are kept and sent at the next start (nothing
confirmed on screen is lost: DESIGN.md). A stop signal closes without asking (ui/stopping.py), as
does a window with no screen to ask on (offscreen).

GUI thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import ntr, tr
from ui.stopping import stopping

log = logging.getLogger(__name__)


def unsent_words(count: int) -> str:
    return (
        ntr(
            "{n} change has not reached the server yet.",
            "{n} changes have not reached the server yet.",
            count,
        )
        + " "
        + ntr(
            "It is kept at this table and sent at the next start.",
            "They are kept at this table and sent at the next start.",
            count,
        )
    )


class CloseGuard(QObject):
    """Watches the main window's close: `unsent()` says how many changes wait (the count the
    status bar shows, re-read every 2 s)."""

    def __init__(self, window: QWidget, unsent: Callable[[], int]) -> None:
        super().__init__(window)
        self.window = window
        self.unsent = unsent
        self.question: QMessageBox | None = None  # while it is asked (tests answer it)
        # A question needs a screen to be answered on: offscreen (tests, a demo on a server)
        # the window closes without one, and the count is logged.
        self.asks = QGuiApplication.platformName() != "offscreen"
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window or event.type() != QEvent.Type.Close:
            return False
        if not self.asks:
            return False
        count = self.unsent()
        if count <= 0:
            return False
        if stopping():
            log.info(
                "closing on a stop signal with %d changes unsent; they are kept for the next start", count
            )
            return False
        if not self.ask(count) and not stopping():  # a stop while asked: close all the same
            event.ignore()
            return True
        log.info("closing with %d changes unsent; they are kept for the next start", count)
        return False

    def ask(self, count: int) -> bool:
        """True: close now."""
        question = QMessageBox(self.window)
        question.setObjectName("closing_question")
        question.setIcon(QMessageBox.Icon.Information)
        question.setWindowTitle(tr("Changes wait for the server"))
        question.setText(unsent_words(count))
        close = question.addButton(tr("Close Prepdesk"), QMessageBox.ButtonRole.AcceptRole)
        stay = question.addButton(tr("Keep working"), QMessageBox.ButtonRole.RejectRole)
        question.setDefaultButton(close)
        question.setEscapeButton(stay)
        self.question = question
        try:
            question.exec()
            return question.clickedButton() is close
        finally:
            self.question = None
            question.deleteLater()
