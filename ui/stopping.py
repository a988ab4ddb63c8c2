"""Obeying a stop (Ctrl+C in the terminal, a service manager's SIGTERM) in whatever window or
dialog is open. The bootstrap (`ui/main.py`) notes the signal and calls `obey_stop` from inside
whichever event loop runs: the main window's, or a modal dialog's own loop (the first-start
dialog runs before the main loop exists, where `QApplication.quit()` alone would be lost).

GUI thread only.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QMenu

log = logging.getLogger(__name__)

STOPPING = "prepdeskStopping"  # a property of the application once a stop was asked


def obey_stop(app: QCoreApplication) -> None:
    """End every dialog and menu (each returns as if cancelled: nothing half-typed is taken),
    then the program's own loop. Close guards ask nothing once `stopping` is True."""
    first = not stopping(app)
    app.setProperty(STOPPING, True)
    if first:
        log.info("stop asked: closing every dialog and the window")
    if isinstance(app, QApplication):
        popup = QApplication.activePopupWidget()
        while popup is not None:
            popup.close()
            following = QApplication.activePopupWidget()
            popup = following if following is not popup else None
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMenu) and widget.isVisible():
                widget.close()
            elif isinstance(widget, QDialog) and widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)
    app.quit()


def stopping(app: QCoreApplication | None = None) -> bool:
    """Whether a stop was asked: the window closes without asking anything."""
    app = app or QCoreApplication.instance()
    return bool(app is not None and app.property(STOPPING))
