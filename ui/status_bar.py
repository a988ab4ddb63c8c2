"""The status bar that is always true: a band with the server, the changes waiting for it and any
printer fault, in type readable from a step away, and chips for each printer, scanner and scale,
and who works at which table. It only shows; controllers (sync, printers, devices) tell it.

The band is always there and keeps its height (calm, amber or red, the same type size), so
nothing on the page moves when the server comes and goes; when something is wrong the whole
bar takes the band's colour, from edge to edge.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget

from app import formats
from app.i18n import ntr, tr
from ui.context import PrinterRole
from ui.theme import set_role


def _chip(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    set_role(label, "chip-neutral")
    return label


BAND_MAX_WIDTH = 640  # px: the chips of a 1024 px wide window keep the rest


class Band:
    """The band's states, worst last."""

    CALM = "band-calm"
    WARN = "band-warn"
    BAD = "band-bad"


class WorkstationStatusBar(QStatusBar):
    """GUI thread only. Each setter replaces one fact; nothing here guesses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_bar")
        self.setSizeGripEnabled(False)
        # The band: the server's state, what waits for it, and printer faults (`server` for the
        # tests and pages that read the server's words).
        self.server = QLabel()
        self.server.setObjectName("server")
        # Long words may be cut at the right rather than push the chips off the bar.
        self.server.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.band = self.server
        self.addWidget(self.server)
        # What the background lanes are doing: the band comes first, this takes what is left.
        self.busy = QLabel()
        self.busy.setObjectName("busy")
        self.busy.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.addWidget(self.busy, 1)
        self.printers: dict[str, QLabel] = {role: _chip(f"printer_{role}") for role in PrinterRole.ALL}
        # Every printer ready: one chip says so, and the band keeps the room of the others.
        self.printers_ready = _chip("printers_ready")
        set_role(self.printers_ready, "chip-good")
        self.scanner = _chip("scanner")
        self.scale = _chip("scale")
        self.who = _chip("who")
        for chip in (self.printers_ready, *self.printers.values(), self.scanner, self.scale, self.who):
            self.addPermanentWidget(chip)
        self.online: bool | None = None
        self.no_server = False  # no server address set up at this table (first start skipped)
        self.outbox = 0
        self._last_sync: datetime | None = None
        self._problem = ""
        self._faults: dict[str, str] = {}  # printer role -> its fault, for the band
        self._shown: dict[QLabel, bool] = {}  # chips of what this table has (none: no room taken)
        set_role(self, Band.CALM)
        set_role(self.server, Band.CALM)
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
        """`online` None = not asked yet. The band: state · changes to send · last good sync."""
        self.no_server = False
        self.online, self.outbox = online, outbox
        self._last_sync, self._problem = last_sync, problem
        self._show_band()

    def set_connecting(self) -> None:
        """A new server address or token was just taken: not asked yet (the outbox and the last
        good sync stand)."""
        self.set_server(online=None, outbox=self.outbox, last_sync=self._last_sync)

    def set_no_server(self) -> None:
        """No server set up at this table: the band says where to give one."""
        self.online, self._problem, self.no_server = None, "", True
        self._show_band()

    def set_outbox(self, outbox: int) -> None:
        """Only the count of changes waiting for the server changed (a flow queued one)."""
        if outbox != self.outbox:
            self.outbox = outbox
            self._show_band()

    def _show_band(self) -> None:
        online, outbox, last_sync = self.online, self.outbox, self._last_sync
        state = (
            tr("No server set up")
            if self.no_server
            else tr("Server: connecting…")
            if online is None
            else tr("Server online")
            if online
            else tr("Server OFFLINE")
        )
        waiting = tr("{count} to send", count=outbox)
        synced = (
            tr("never synced") if last_sync is None else tr("synced {time}", time=formats.clock(last_sync))
        )
        parts = [state, waiting, synced]
        parts += [
            tr("{printer}: {fault}", printer=PrinterRole.short_label(role), fault=fault)
            for role, fault in self._faults.items()
        ]
        self.server.setText(" · ".join(parts))
        tips = [self._problem] if self._problem else []
        if self.no_server:
            tips.append(
                tr(
                    "Give the server address and this table's token in Settings: the table "
                    "connects as they are saved. Changes are kept here until then."
                )
            )
        elif outbox and online is False:
            tips.append(tr("The changes are kept at this table and sent when the server is back."))
        self.server.setToolTip("\n".join(tips))
        if online is False or self._faults:
            band = Band.BAD
        elif self._problem or self.no_server or (outbox and online is None):
            band = Band.WARN
        else:
            band = Band.CALM
        set_role(self.server, band)
        set_role(self, band)
        self._arrange_chips()
        # The band's words keep their room (up to a share of the bar; the rest may be cut).
        self.server.ensurePolished()
        wanted = self.server.fontMetrics().horizontalAdvance(self.server.text()) + 48
        self.server.setMinimumWidth(min(wanted, BAND_MAX_WIDTH))

    def _arrange_chips(self) -> None:
        """While the band speaks, the chips that only say "ready" give it their room."""
        calm = self.server.property("role") == Band.CALM
        printers = [chip for chip in self.printers.values() if self._shown.get(chip)]
        all_ready = bool(printers) and all(chip.property("role") == "chip-good" for chip in printers)
        self.printers_ready.setText(
            ntr("Printer: ready", "{n} printers: ready", len(printers)) if len(printers) > 1 else ""
        )
        self.printers_ready.setVisible(calm and all_ready and len(printers) > 1)
        for chip, present in self._shown.items():
            merged = chip in printers and all_ready and len(printers) > 1
            chip.setVisible(present and not merged and (calm or chip.property("role") != "chip-good"))

    def set_printer(
        self, role: str, *, configured: bool = True, ready: bool = False, fault: str = ""
    ) -> None:
        chip = self.printers[role]
        name = PrinterRole.short_label(role)
        self._faults.pop(role, None)
        if not configured:
            chip.setText(tr("{printer}: none", printer=name))
            set_role(chip, "chip-neutral")
        elif ready:
            chip.setText(tr("{printer}: ready", printer=name))
            set_role(chip, "chip-good")
        else:
            self._faults[role] = fault or tr("not answering")
            chip.setText(tr("{printer}: {fault}", printer=name, fault=self._faults[role]))
            set_role(chip, "chip-bad")
        # A printer this table has none of takes no room: the band needs it more.
        self._shown[chip] = configured
        self._show_band()

    def set_scanner(self, connected: bool, name: str = "") -> None:
        self.scanner.setText(
            tr("Scanner: {name}", name=name or tr("ready")) if connected else tr("Scanner: none")
        )
        set_role(self.scanner, "chip-good" if connected else "chip-bad")
        self._shown[self.scanner] = True
        self._arrange_chips()

    def set_scale(self, connected: bool | None) -> None:
        """None: no scale set up at this table."""
        if connected is None:
            self.scale.setText(tr("Scale: none"))
            set_role(self.scale, "chip-neutral")
        else:
            self.scale.setText(tr("Scale: ready") if connected else tr("Scale: unplugged"))
            set_role(self.scale, "chip-good" if connected else "chip-bad")
        self._shown[self.scale] = connected is not None
        self._arrange_chips()

    def set_who(self, operator: str, workstation: str) -> None:
        if operator:
            self.who.setText(tr("{operator} · {workstation}", operator=operator, workstation=workstation))
            set_role(self.who, "chip-neutral")
        else:
            self.who.setText(tr("Nobody signed in · {workstation}", workstation=workstation))
            set_role(self.who, "chip-bad")
