"""The status bar that is always true: server and outbox, each printer, scanner and scale, and
who works at which table. It only shows; controllers (sync, printers, devices) tell it.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app import formats
from app.i18n import tr
from ui.context import PrinterRole
from ui.theme import set_role


def _chip(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    set_role(label, "chip-neutral")
    return label


class WorkstationStatusBar(QStatusBar):
    """GUI thread only. Each setter replaces one fact; nothing here guesses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.busy = QLabel()
        self.busy.setObjectName("busy")
        self.addWidget(self.busy, 1)
        self.server = _chip("server")
        self.printers: dict[str, QLabel] = {role: _chip(f"printer_{role}") for role in PrinterRole.ALL}
        self.scanner = _chip("scanner")
        self.scale = _chip("scale")
        self.who = _chip("who")
        for chip in (self.server, *self.printers.values(), self.scanner, self.scale, self.who):
            self.addPermanentWidget(chip)
        self.online: bool | None = None
        self.outbox = 0
        self._last_sync: datetime | None = None
        self._problem = ""
        self.set_server(online=None, outbox=0, last_sync=None)
        for role in PrinterRole.ALL:
            self.set_printer(role, configured=False)
        self.set_scanner(False)
        self.set_scale(None)
        self.set_who("", "")

    def set_busy(self, text: str) -> None:
        self.busy.setText(text)

    def set_server(
        self, *, online: bool | None, outbox: int, last_sync: datetime | None, problem: str = ""
    ) -> None:
        """`online` None = not asked yet. One chip: state · changes to send · last good sync."""
        self.online, self.outbox = online, outbox
        self._last_sync, self._problem = last_sync, problem
        state = (
            tr("Server: connecting…")
            if online is None
            else tr("Server online")
            if online
            else tr("Server OFFLINE")
        )
        waiting = tr("{count} to send", count=outbox)
        synced = (
            tr("never synced") if last_sync is None else tr("synced {time}", time=formats.clock(last_sync))
        )
        self.server.setText(f"{state} · {waiting} · {synced}")
        self.server.setToolTip(problem)
        set_role(self.server, "chip-neutral" if online is None else "chip-good" if online else "chip-bad")

    def set_outbox(self, outbox: int) -> None:
        """Only the count of changes waiting for the server changed (a flow queued one)."""
        if outbox != self.outbox:
            self.set_server(
                online=self.online, outbox=outbox, last_sync=self._last_sync, problem=self._problem
            )

    def set_printer(
        self, role: str, *, configured: bool = True, ready: bool = False, fault: str = ""
    ) -> None:
        chip = self.printers[role]
        name = PrinterRole.short_label(role)
        if not configured:
            chip.setText(tr("{printer}: none", printer=name))
            set_role(chip, "chip-neutral")
        elif ready:
            chip.setText(tr("{printer}: ready", printer=name))
            set_role(chip, "chip-good")
        else:
            chip.setText(tr("{printer}: {fault}", printer=name, fault=fault or tr("not answering")))
            set_role(chip, "chip-bad")

    def set_scanner(self, connected: bool, name: str = "") -> None:
        self.scanner.setText(
            tr("Scanner: {name}", name=name or tr("ready")) if connected else tr("Scanner: none")
        )
        set_role(self.scanner, "chip-good" if connected else "chip-bad")

    def set_scale(self, connected: bool | None) -> None:
        """None: no scale set up at this table."""
        if connected is None:
            self.scale.setText(tr("Scale: none"))
            set_role(self.scale, "chip-neutral")
        else:
            self.scale.setText(tr("Scale: ready") if connected else tr("Scale: unplugged"))
            set_role(self.scale, "chip-good" if connected else "chip-bad")

    def set_who(self, operator: str, workstation: str) -> None:
        if operator:
            self.who.setText(tr("{operator} · {workstation}", operator=operator, workstation=workstation))
            set_role(self.who, "chip-neutral")
        else:
            self.who.setText(tr("Nobody signed in · {workstation}", workstation=workstation))
            set_role(self.who, "chip-bad")
