"""Where a scan goes: first to the page on screen (`handle_scan`), else the frame acts on it —
an order label opens the order, a badge signs an operator in. Every scan the frame acts on is
written to the scan journal first (DESIGN.md, "Never lose a scan").
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.i18n import tr
from app.scan import ScanKind, interpret
from app.store import queries
from ui.context import Workstation

log = logging.getLogger(__name__)


class ScanRouter(QObject):
    """GUI thread. `current_page` tells which page is on screen."""

    badge_scanned = Signal(str)  # operator badge payload, e.g. "PDB-ann": the sign-in listens
    routed = Signal(str, str)  # (scan, where it went): for tests and the virtual scanner's echo

    def __init__(
        self,
        workstation: Workstation,
        current_page: Callable[[], QWidget | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = workstation
        self.current_page = current_page
        workstation.scans.scanned.connect(self.route)

    def route(self, text: str) -> None:
        page = self.current_page()
        handle = getattr(page, "handle_scan", None)
        if callable(handle) and handle(text):
            self.routed.emit(text, "page")
            return
        meaning = interpret(text)
        if meaning.kind is ScanKind.BADGE:
            self.routed.emit(text, "badge")
            self.badge_scanned.emit(text)
            return
        if meaning.kind is ScanKind.ORDER:
            self.routed.emit(text, "order")
            self._open_order(text, meaning.value)
            return
        self.routed.emit(text, "nothing")
        if meaning.kind is ScanKind.UNKNOWN:
            self.ws.notifier.wrong(
                tr("“{scan}”: {reason}", scan=text, reason=meaning.reason or tr("unknown code"))
            )
        else:
            self.ws.notifier.wrong(tr("“{scan}” means nothing on this page.", scan=text))

    def _open_order(self, raw: str, number: str) -> None:
        ws = self.ws

        def find() -> str | None:
            with ws.store.session() as s:
                order_id = queries.order_id_by_number(s, number)
            if ws.flows is not None:
                verdict = "opened" if order_id else "unknown order"
                ws.flows.scans.journal_scan(raw, "order", order_id, verdict)
            return order_id

        def found(order_id: str | None) -> None:
            if order_id is None:
                ws.notifier.wrong(tr("No order {number} at this workstation.", number=number))
                return
            ws.events.open_order.emit(order_id)

        ws.tasks.run(
            find, on_success=found, busy_text=tr("Finding order {number}…", number=number), owner=self
        )
