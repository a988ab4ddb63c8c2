"""Connects the table's scanners to the one `ScanBus`: the keyboard-wedge filter (devices'
`wedge_qt`) with the scanner settings, re-made when the settings change; the status bar learns
which scanner is there.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from app.i18n import tr
from devices.wedge import Terminator, WedgeSettings
from devices.wedge_qt import WedgeScannerFilter
from ui.context import Workstation

log = logging.getLogger(__name__)


def wedge_settings(ws: Workstation) -> WedgeSettings:
    """The decoder's settings from the workstation's (gap in ms there, seconds here)."""
    s = ws.settings
    return WedgeSettings(
        max_gap=max(1, int(s["scanner.wedge_gap_ms"])) / 1000.0,
        prefix=s["scanner.prefix"],
        terminator=Terminator(s["scanner.terminator"]),
    )


class ScannerHookup(QObject):
    """GUI thread. Owns the wedge filter installed on the application."""

    def __init__(self, ws: Workstation, frame: Any) -> None:
        super().__init__(frame.window)
        self.ws = ws
        self.frame = frame
        self.wedge: WedgeScannerFilter | None = None
        self.apply()
        ws.events.settings_changed.connect(self.apply)

    def apply(self) -> None:
        app = QApplication.instance()
        if app is None:
            return
        self.remove()
        wedge = WedgeScannerFilter(wedge_settings(self.ws), parent=self)
        wedge.scanned.connect(lambda text, _source, _at: self.ws.scans.feed(text))
        wedge.broken.connect(self.ws.notifier.wrong)
        wedge.install(app)
        self.wedge = wedge
        self.frame.window.status.set_scanner(True, tr("keyboard"))

    def remove(self) -> None:
        app = QApplication.instance()
        if self.wedge is not None and app is not None:
            self.wedge.uninstall(app)
            self.wedge.deleteLater()
            self.wedge = None


def connect_scanners(ws: Workstation, frame: Any) -> ScannerHookup:
    hookup = ScannerHookup(ws, frame)
    ws.extras.setdefault("stop", []).append(hookup.remove)
    return hookup
