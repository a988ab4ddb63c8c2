"""Where a scan goes, as a thin Qt adapter over `app.operations.take_scan` (the one scan path):
first to the page on screen (`handle_scan`), then every scan goes to the core on the store lane,
which journals it and answers its verdict — a page took it (only written down), a badge signs an
operator in, an order label opens the order, a parcel's tracking number opens its order, a
product code shows the orders that hold it, anything else is refused with the reason. The
verdict is written before the frame acts on it (DESIGN.md, "Never lose a scan"). A station page
(`journals_scans = True`: pick, pack & ship) writes each scan of its rounds with its effect in
its own transaction (`app.stations`), so a scan it took is not written twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.operations import ScanAct, ScanVerdict, take_scan
from app.operations.scan import product_code
from ui.workstation import Workstation

log = logging.getLogger(__name__)

__all__ = ["ScanRouter", "product_code"]


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
            if not getattr(page, "journals_scans", False):
                name = page.objectName() if page is not None else ""
                self._take(text, taken_by=name or "page")
            return
        self._take(text)

    def _take(self, text: str, *, taken_by: str = "") -> None:
        """The core journals the scan and answers its verdict (store lane); a scan no page took
        is then acted on. Nothing waits on the journal of a scan a page took."""
        ws = self.ws
        store, journal = ws.store, ws.flows.scans if ws.flows is not None else None
        ws.tasks.run(
            lambda: take_scan(store, journal, text, taken_by=taken_by),
            on_success=None if taken_by else self._act,
            owner=self,
        )

    def _act(self, verdict: ScanVerdict) -> None:
        ws, raw = self.ws, verdict.meaning.raw
        self.routed.emit(raw, verdict.where)
        if verdict.act is ScanAct.SIGN_IN:
            self.badge_scanned.emit(raw)
        elif verdict.act is ScanAct.OPEN_ORDER and verdict.order_id is not None:
            ws.events.open_order.emit(verdict.order_id)
        elif verdict.act is ScanAct.FIND_ORDERS:
            ws.events.find_orders.emit(verdict.search)
        elif verdict.act in (ScanAct.REFUSED, ScanAct.NOTHING):
            ws.notifier.wrong(verdict.message)
        else:
            log.warning("scan %r: no act for %s", raw, verdict.act)
