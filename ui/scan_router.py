"""Where a scan goes: first to the page on screen (`handle_scan`), else the frame acts on it —
an order label opens the order, a badge signs an operator in, a parcel's tracking number opens
its order, a product code shows the orders that hold it. Every scan is written to the scan
journal: a station page (`journals_scans = True`: pick, pack & ship) writes each with its effect
in one transaction; a scan any other page takes is written here, and every scan the frame acts
on is written before it acts (DESIGN.md, "Never lose a scan").
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.i18n import tr
from app.scan import ScanKind, ScanMeaning, interpret
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
            # A station writes each scan with its effect; any other page's scan is written here.
            if not getattr(page, "journals_scans", False):
                self._journal(
                    text, interpret(text).kind.value, f"taken by {page.objectName() if page else ''}"
                )
            self.routed.emit(text, "page")
            return
        meaning = interpret(text)
        if meaning.kind is ScanKind.BADGE:
            self.routed.emit(text, "badge")
            self._journal_then(text, "badge", "sign-in", lambda: self.badge_scanned.emit(text))
            return
        if meaning.kind is ScanKind.ORDER:
            self.routed.emit(text, "order")
            self._open_order(text, meaning.value)
            return
        if meaning.kind is ScanKind.TRACKING:
            self.routed.emit(text, "tracking")
            self._open_parcel(text, meaning.value)
            return
        code = product_code(meaning)
        if code:
            self.routed.emit(text, "product")
            self._journal_then(
                text, meaning.kind.value, "orders searched", lambda: self.ws.events.find_orders.emit(code)
            )
            return
        self.routed.emit(text, "nothing")
        if meaning.kind is ScanKind.UNKNOWN:
            self.ws.notifier.wrong(
                tr("“{scan}”: {reason}", scan=text, reason=meaning.reason or tr("unknown code"))
            )
        else:
            self.ws.notifier.wrong(tr("“{scan}” means nothing on this page.", scan=text))

    def _journal(self, raw: str, kind: str, verdict: str) -> None:
        """Write the scan down (store lane); nothing waits on it."""
        scans = self.ws.flows.scans if self.ws.flows is not None else None
        if scans is not None:
            self.ws.tasks.run(lambda: scans.journal_scan(raw, kind, None, verdict), owner=self)

    def _journal_then(self, raw: str, kind: str, verdict: str, act: Callable[[], None]) -> None:
        """Write the scan down (store lane), then act on it."""
        scans = self.ws.flows.scans if self.ws.flows is not None else None
        if scans is None:
            act()
            return
        self.ws.tasks.run(
            lambda: scans.journal_scan(raw, kind, None, verdict), on_success=lambda _n: act(), owner=self
        )

    def _open_parcel(self, raw: str, tracking_number: str) -> None:
        """A parcel's label: the order it belongs to opens; several orders: the list shows them."""
        ws = self.ws

        def find() -> list[str]:
            with ws.store.session() as s:
                found = queries.order_ids_by_tracking(s, tracking_number)
            if ws.flows is not None:
                verdict = "opened" if len(found) == 1 else f"{len(found)} orders"
                ws.flows.scans.journal_scan(raw, "tracking", found[0] if len(found) == 1 else None, verdict)
            return found

        def found(order_ids: list[str]) -> None:
            if not order_ids:
                ws.notifier.wrong(
                    tr("No parcel with tracking number {number} at this workstation.", number=tracking_number)
                )
            elif len(order_ids) == 1:
                ws.events.open_order.emit(order_ids[0])
            else:
                ws.events.find_orders.emit(tracking_number)

        ws.tasks.run(find, on_success=found, owner=self)

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


def product_code(meaning: ScanMeaning) -> str:
    """The code to look orders up by, for a product scan: the EAN/UPC/FNSKU as scanned, or a GS1
    string's GTIN (as an EAN-13 where it starts with 0, as the lines keep it); "" for others."""
    if meaning.kind is ScanKind.PRODUCT:
        return meaning.value
    gtin = meaning.gs1.gtin if meaning.kind is ScanKind.GS1 and meaning.gs1 is not None else None
    if gtin:
        return gtin[1:] if gtin.startswith("0") else gtin
    return ""
