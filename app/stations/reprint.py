"""Printing an order's shipping label or packing slip again at the pack station, with no Qt:
a reprint needs a reason; it is journalled (station "pack", with the reason) and written to the
order's activity log, and printed as a new job — the job printed before stays as it was.

Runs on the lane of the printer of the document's role (`printer:shipping_label`,
`printer:documents`), which owns that printer; its print queue writes its jobs to the store from
there, as every print queue does, and so does the journal row here.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Protocol

from sqlalchemy import select

from app.domain import Order
from app.domain.values import ValueRefused, reason_text
from app.flows import ScanJournal
from app.i18n import tr
from app.print_station import DOCUMENTS, SHIPPING_LABEL, JobVerdict, PrintDocument, PrintQueue
from app.store import PrintJob, Store
from app.store.models import JOB_CONFIRMED, SHIPPING_LABEL_DOCUMENT
from app.store.orders import add_activity
from app.store.queries import load_order

PACKING_SLIP = "packing_slip"
ROLE_OF = {SHIPPING_LABEL: SHIPPING_LABEL, PACKING_SLIP: DOCUMENTS}


class ReprintQueue(PrintQueue, Protocol):
    """A print queue that can print a confirmed job again (`app.print_queue.PrintQueue`)."""

    def reprint(self, job_id: int, reason: str, operator: str = "") -> JobVerdict: ...


class PackingSlips(Protocol):
    def packing_slips(self, orders: list[Order]) -> PrintDocument: ...


class Reprints:
    def __init__(
        self, store: Store, queues: Mapping[str, ReprintQueue], slips: PackingSlips, journal: ScanJournal
    ) -> None:
        self.store = store
        self.queues = queues
        self.slips = slips
        self.journal = journal

    def reprint(self, order_id: str, document: str, reason: str) -> JobVerdict:
        """`document` (SHIPPING_LABEL or PACKING_SLIP) of the order, printed again for `reason`."""
        with self.store.session() as s:
            order = load_order(s, order_id)
        if order is None:
            return JobVerdict(False, tr("Order {order} is not on this workstation.", order=order_id))
        try:
            why = reason_text(reason.strip())
        except ValueRefused as refused:
            return JobVerdict(False, str(refused))
        if not why:
            return JobVerdict(False, tr("A reprint needs a reason."))
        queue = self.queues.get(ROLE_OF.get(document, ""))
        if queue is None:
            return JobVerdict(False, tr("No printer is set up for this document."))
        with self.store.transaction() as s:
            self.journal.write(s, why, "reprint", order.id, f"reprint {document}", station="pack")
        if document == SHIPPING_LABEL:
            return self._label(order, queue, why)
        with self.store.transaction() as s:
            add_activity(
                s,
                order.id,
                "reprint",
                tr("Reprinted {document}: {reason}", document=PACKING_SLIP, reason=why),
                self.journal.operator,
                self.journal.workstation,
                self.journal.clock(),
            )
        return queue.print_job(
            job_key=f"{PACKING_SLIP}/{order.id}/reprint-{uuid.uuid4().hex[:8]}",
            order_id=order.id,
            document=PACKING_SLIP,
            payload=self.slips.packing_slips([order]),
            copies=1,
        )

    def _label(self, order: Order, queue: ReprintQueue, reason: str) -> JobVerdict:
        with self.store.session() as s:
            job_id = s.scalar(
                select(PrintJob.id)
                .where(
                    PrintJob.order_id == order.id,
                    PrintJob.document == SHIPPING_LABEL_DOCUMENT,
                    PrintJob.state == JOB_CONFIRMED,
                )
                .order_by(PrintJob.id.desc())
                .limit(1)
            )
        if job_id is None:
            return JobVerdict(
                False, tr("This table has not printed a label for order {number}.", number=order.number)
            )
        return queue.reprint(job_id, reason, self.journal.operator)
