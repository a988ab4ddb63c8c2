"""What the print-station tests stand on: the station wired to print queues and documents.

`JournalQueue` and `PlainDocuments` stand in for `app.print_queue` and `printing/` only until
those land (the labels issue); they keep the same contract: a job is journalled in the store's
`print_jobs` under its key, a confirmed job is never sent again, a printer fault fails the job
with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from app.domain import Order, utcnow
from app.print_station import JobVerdict, PrintDocument
from app.store import PrintJob, Store


@dataclass
class JournalQueue:
    store: Store
    role: str
    fault: str = ""  # "" = ready; else the printer's fault in words (paper out…)
    received: list[bytes] = field(default_factory=list)  # what reached the printer

    def print_job(
        self, *, job_key: str, order_id: str | None, document: str, payload: PrintDocument, copies: int
    ) -> JobVerdict:
        with self.store.transaction() as s:
            job = s.scalar(select(PrintJob).where(PrintJob.job_key == job_key))
            if job is None:
                job = PrintJob(
                    job_key=job_key,
                    order_id=order_id,
                    role=self.role,
                    printer_uri="test://",
                    document=document,
                    format=payload.format,
                    payload=payload.content,
                    copies=copies,
                    state="queued",
                    reason="",
                    attempts=0,
                    created_at=utcnow(),
                    updated_at=utcnow(),
                )
                s.add(job)
            if job.state == "confirmed":
                return JobVerdict(True)
            job.attempts += 1
            job.updated_at = utcnow()
            if self.fault:
                job.state, job.reason = "failed", self.fault
                return JobVerdict(False, self.fault)
            self.received.extend([payload.content] * copies)
            job.state, job.reason = "confirmed", ""
            return JobVerdict(True)


class PlainDocuments:
    def shipping_label(self, order: Order) -> PrintDocument:
        return PrintDocument("zpl", f"^XA^FDlabel {order.number}^FS^XZ".encode())

    def carrier_label(self, order: Order, label: PrintDocument) -> PrintDocument:
        return label

    def pick_list(self, orders: Sequence[Order]) -> PrintDocument:
        return PrintDocument("pdf", ("pick " + ",".join(o.number for o in orders)).encode())

    def packing_slips(self, orders: Sequence[Order]) -> PrintDocument:
        return PrintDocument("pdf", ("slips " + ",".join(o.number for o in orders)).encode())
