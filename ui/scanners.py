"""Connects the table's scanners to the one `ScanBus`: the keyboard-wedge filter (devices'
`wedge_qt`), a serial scanner where a port is set, and the scale (`Workstation.scale`), all
from the settings and re-made when they change; the status bar learns what is connected.

The serial devices call back on their reader threads; what they say is handed to the GUI
thread through `TaskRunner.post_to_gui`.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from app.i18n import tr
from app.setting_checks import scanner_affix_problem
from app.settings import (
    SCALE_PORT,
    SCANNER_PREFIX,
    SCANNER_SERIAL_PORT,
    SCANNER_SUFFIX,
    SCANNER_TERMINATOR,
    WEDGE_GAP_MS,
)
from devices.scale import Scale
from devices.serial_link import PortStatus
from devices.serial_scanner import SerialScanner
from devices.wedge import SETUP_CODE, Terminator, WedgeSettings, learn_affixes
from devices.wedge_qt import WedgeScannerFilter
from ui.workstation import Workstation

log = logging.getLogger(__name__)


def wedge_settings(ws: Workstation) -> WedgeSettings:
    """The decoder's settings from the workstation's (gap in ms there, seconds here)."""
    s = ws.settings
    return WedgeSettings(
        max_gap=max(1, s[WEDGE_GAP_MS]) / 1000.0,
        prefix=s[SCANNER_PREFIX],
        suffix=s[SCANNER_SUFFIX],
        terminator=Terminator(s[SCANNER_TERMINATOR]),
    )


class ScannerHookup(QObject):
    """GUI thread. Owns the wedge filter installed on the application."""

    def __init__(self, ws: Workstation, frame: Any) -> None:
        super().__init__(frame.window)
        self.ws = ws
        self.frame = frame
        self.wedge: WedgeScannerFilter | None = None
        self.serial: SerialScanner | None = None
        self.apply()
        ws.events.settings_changed.connect(self.apply)

    def apply(self) -> None:
        app = QApplication.instance()
        if app is None:
            return
        self.remove()
        wedge = WedgeScannerFilter(wedge_settings(self.ws), parent=self)
        wedge.scanned.connect(lambda text, _source, _at: self.keyboard_scan(text))
        wedge.broken.connect(self.ws.notifier.wrong)
        wedge.install(app)
        self.wedge = wedge
        self.frame.window.status.set_scanner(True, tr("keyboard"))
        port = self.ws.settings[SCANNER_SERIAL_PORT]
        if port:
            self.serial = SerialScanner(
                port,
                on_scan=lambda text, _source, _at: self.ws.tasks.post_to_gui(
                    lambda: self.ws.scans.feed(text)
                ),
                on_status=lambda status: self.ws.tasks.post_to_gui(lambda: self._scanner_port(status)),
                on_rejected=lambda reason: self.ws.tasks.post_to_gui(lambda: self.ws.notifier.wrong(reason)),
            )
            self.serial.start()
        scale_port = self.ws.settings[SCALE_PORT]
        if scale_port:
            scale = Scale(
                scale_port,
                on_status=lambda status: self.ws.tasks.post_to_gui(lambda: self._scale_port(status)),
            )
            scale.start()
            self.ws.scale = scale
        self.frame.window.status.set_scale(False if scale_port else None)

    def keyboard_scan(self, text: str) -> None:
        """A scan from the keyboard-wedge scanner: the set-up code teaches Prepdesk the prefix and
        suffix the scanner now sends; every other scan goes to the frame."""
        if SETUP_CODE not in text.upper():
            self.ws.scans.feed(text)
            return
        ws = self.ws
        if text.strip().upper() == SETUP_CODE:
            prefix, suffix = ws.settings["scanner.prefix"], ws.settings["scanner.suffix"]
            if prefix:
                ws.notifier.right(
                    tr(
                        "The scanner is set up: prefix “{prefix}”, suffix “{suffix}”.",
                        prefix=prefix,
                        suffix=suffix,
                    )
                )
            else:
                ws.notifier.wrong(
                    tr(
                        "The scanner sends no prefix: set one with the prefix barcode of its manual "
                        "(a sign such as ~), then scan this code again."
                    )
                )
            return
        learned = learn_affixes(text)
        if learned is None:
            return
        prefix, suffix = learned
        problem = scanner_affix_problem(prefix, what=tr("The scanner's prefix")) or scanner_affix_problem(
            suffix, what=tr("The scanner's suffix")
        )
        if problem or not prefix:
            ws.notifier.wrong(problem or tr("The scanner sends no prefix."))
            return
        settings = ws.settings.copy()
        settings.update({"scanner.prefix": prefix, "scanner.suffix": suffix})

        def saved(_: object) -> None:
            ws.settings.update({"scanner.prefix": prefix, "scanner.suffix": suffix})
            ws.events.settings_changed.emit()  # the wedge is made again with them (apply)
            ws.notifier.right(
                tr(
                    "Scanner set up: prefix “{prefix}”, suffix “{suffix}”. Scans are now told from "
                    "typing by them, not by the keys' speed.",
                    prefix=prefix,
                    suffix=suffix,
                )
            )

        ws.tasks.run(
            lambda: settings.save(ws.store, ["scanner.prefix", "scanner.suffix"]),
            on_success=saved,
            owner=self,
        )

    def _scanner_port(self, status: PortStatus) -> None:
        """The serial scanner came or went (GUI thread)."""
        bar = self.frame.window.status
        if status.connected:
            bar.set_scanner(True, status.port)
        else:
            bar.set_scanner(False)
            bar.scanner.setToolTip(status.reason or "")

    def _scale_port(self, status: PortStatus) -> None:
        self.frame.window.status.set_scale(status.connected)
        self.frame.window.status.scale.setToolTip(status.reason or "")

    def remove(self) -> None:
        app = QApplication.instance()
        if self.wedge is not None and app is not None:
            self.wedge.uninstall(app)
            self.wedge.deleteLater()
            self.wedge = None
        if self.serial is not None:
            self.serial.stop()
            self.serial = None
        if self.ws.scale is not None:
            self.ws.scale.stop()
            self.ws.scale = None


def connect_scanners(ws: Workstation, frame: Any) -> ScannerHookup:
    hookup = ScannerHookup(ws, frame)
    ws.stops.append(hookup.remove)
    return hookup
