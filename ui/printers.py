"""The printers of this table: one persistent print queue per role (`app.print_queue`) on the
transport its URI names (`printing.transports.open_printer`), the print station's use case, a
printer's state in words, and the test print of the settings page.

Everything here that touches a printer runs on that printer's lane (`printer:<role>`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from app.domain import Line, Order, OrderStatus, Recipient
from app.i18n import tr
from app.print_queue import PrintQueue
from app.print_station import JobVerdict, PrintDocument, PrintStation
from app.settings import PRINTERS, Settings
from app.stations.item_labels import ItemLabelPrinter
from printing.render import OrderDocumentMaker, render
from printing.templates.item import item_label
from printing.transports import PrinterFault, open_printer
from ui.context import PrinterRole

log = logging.getLogger(__name__)

LABEL_ROLES = (PrinterRole.SHIPPING_LABEL, PrinterRole.ITEM_LABEL)


def make_printers(settings: Settings, store: Any, workstation: str = "") -> dict[str, PrintQueue]:
    """A print queue per role that has a printer URI; roles without one are left out. A URI
    that names no known transport is logged and left out (the status bar says "none")."""
    queues: dict[str, PrintQueue] = {}
    for role in PrinterRole.ALL:
        uri = settings[PRINTERS[role]]
        if not uri:
            continue
        try:
            printer = open_printer(uri)
        except PrinterFault as fault:
            log.warning("printer for %s not opened: %s", role, fault.reason)
            continue
        queues[role] = PrintQueue(store, printer, role=role, workstation=workstation)
    return queues


class StationDocuments:
    """`printing`'s document maker as the print station asks for it (`OrderDocuments`): the same
    bytes, in the station's own `PrintDocument` (app/ cannot name printing/'s `Document`)."""

    def __init__(self, maker: OrderDocumentMaker | None = None) -> None:
        self.maker = maker or OrderDocumentMaker()

    @staticmethod
    def _doc(document: Any) -> PrintDocument:
        return PrintDocument(document.format, document.content, document.cannot_draw)

    def shipping_label(self, order: Order) -> PrintDocument:
        return self._doc(self.maker.shipping_label(order))

    def carrier_label(self, order: Order, label: PrintDocument) -> PrintDocument:
        return self._doc(self.maker.carrier_label(order, label))

    def pick_list(self, orders: Sequence[Order]) -> PrintDocument:
        return self._doc(self.maker.pick_list(orders))

    def packing_slips(self, orders: Sequence[Order]) -> PrintDocument:
        return self._doc(self.maker.packing_slips(orders))

    def item_label(self, line: Line) -> PrintDocument:
        """One unit's item label, in ZPL for the thermal item-label printer."""
        return PrintDocument("zpl", render(item_label(line), "zpl"))


def make_print_station(store: Any, orders: Any, printers: dict[str, PrintQueue]) -> PrintStation | None:
    """The print station's use case, where a shipping-label printer is set up: labels in ZPL for
    the thermal printer, pick list and packing slips as PDF for the documents printer."""
    if PrinterRole.SHIPPING_LABEL not in printers:
        return None
    return PrintStation(store, orders, printers, StationDocuments())


def make_item_labels(printers: dict[str, PrintQueue]) -> ItemLabelPrinter | None:
    """The pick station's item labels, where an item-label printer is set up."""
    queue = printers.get(PrinterRole.ITEM_LABEL)
    return ItemLabelPrinter(queue, StationDocuments()) if queue is not None else None


def printer_state(queue: PrintQueue) -> tuple[bool, str]:
    """(ready, what is wrong in words). Printer lane: asks the printer (e.g. ZPL ~HS)."""
    check = getattr(queue.printer, "check", None)
    if check is None:
        return True, ""
    try:
        check()
    except PrinterFault as fault:
        return False, fault.reason
    except OSError as error:
        return False, str(error)
    return True, ""


def _test_order() -> Order:
    return Order(
        id="test",
        number="TEST-1",
        status=OrderStatus.READY_TO_PRINT,
        recipient=Recipient(
            name=tr("Prepdesk test label"),
            street1="1 Test Street",
            city="Leeds",
            postcode="LS1 1AA",
            country="GB",
        ),
        lines=[Line(id="1", sku="TEST-SKU", title=tr("Test item"), quantity=1, price=Decimal("1.00"))],
        shipping_service=tr("Test print"),
    )


def print_test_page(queue: PrintQueue, role: str) -> JobVerdict:
    """Print a test page on the printer of `role` (printer lane): a 4x6 label for label
    printers, a one-order pick list for the documents printer."""
    documents = StationDocuments()
    order = _test_order()
    document = documents.shipping_label(order) if role in LABEL_ROLES else documents.pick_list([order])
    return queue.print_job(
        job_key=f"test/{role}/{uuid.uuid4()}", order_id=None, document="test", payload=document, copies=1
    )
