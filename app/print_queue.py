"""The persistent print queue of one printer role: every job is written to the store's
`print_jobs` before it is sent, and moves queued -> sending -> sent -> confirmed, or failed with
the printer's reason. A job the printer confirmed is never sent again; a reprint is a new job,
with its reason in the activity log.

The queue knows printers only through the `Printer` protocol below; printing/ transports
(`printing.transports.open_printer(uri)`) satisfy it, and the bootstrap passes one in.
Runs on the printer's own lane, "printer:<role>" (one thread per printer), which its entry
points assert (app/lanes.py); each step is its own short transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import select

from app.i18n import tr
from app.lanes import Lane, assert_on_lane
from app.print_station import JobVerdict, PrintDocument
from app.store import PrintJob, Store
from app.store.models import JOB_CONFIRMED as CONFIRMED
from app.store.models import JOB_FAILED as FAILED
from app.store.models import JOB_QUEUED as QUEUED
from app.store.models import JOB_SENDING as SENDING
from app.store.models import JOB_SENT as SENT
from app.store.orders import add_activity

log = logging.getLogger(__name__)


class Printer(Protocol):
    """A printer as the queue needs it. `send` delivers one job and returns only when the
    printer took it and (where it can tell, e.g. ZPL over TCP with ~HS) reports no fault after
    it; otherwise it raises an exception whose `reason` attribute says why, in words."""

    uri: str

    def send(self, payload: bytes) -> None: ...


@dataclass(frozen=True, slots=True)
class JobInfo:
    id: int
    job_key: str
    order_id: str | None
    document: str
    format: str
    copies: int
    state: str
    reason: str
    attempts: int


def _info(job: PrintJob) -> JobInfo:
    return JobInfo(
        job.id,
        job.job_key,
        job.order_id,
        job.document,
        job.format,
        job.copies,
        job.state,
        job.reason,
        job.attempts,
    )


def _reason(error: BaseException) -> str:
    reason = getattr(error, "reason", "") or str(error)
    return reason or tr("The printer failed without saying why.")


class PrintQueue:
    """The print jobs of one role (shipping_label, documents, item…) on one printer."""

    def __init__(
        self,
        store: Store,
        printer: Printer,
        *,
        role: str,
        operator: str = "",
        workstation: str = "",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.printer = printer
        self.role = role
        self.operator = operator
        self.workstation = workstation
        self.clock = clock

    # -- queueing ----------------------------------------------------------------------------

    def submit(
        self,
        *,
        job_key: str,
        document: str,
        format: str,
        payload: bytes,
        copies: int = 1,
        order_id: str | None = None,
    ) -> JobInfo:
        """Queue a job; a key already in the queue is that same job (nothing new is queued)."""
        self._on_own_lane()
        now = self.clock()
        with self.store.transaction() as s:
            job = s.scalars(select(PrintJob).where(PrintJob.job_key == job_key)).first()
            if job is None:
                job = PrintJob(
                    job_key=job_key,
                    order_id=order_id,
                    role=self.role,
                    printer_uri=self.printer.uri,
                    document=document,
                    format=format,
                    payload=payload,
                    copies=max(1, int(copies)),
                    state=QUEUED,
                    reason="",
                    attempts=0,
                    created_at=now,
                    updated_at=now,
                )
                s.add(job)
                s.flush()
            return _info(job)

    def _on_own_lane(self) -> None:
        """The queue's printer is one thread's: the lane "printer:<role>" (app/lanes.py)."""
        assert_on_lane(f"{Lane.PRINTER}:{self.role}", what=f"the {self.role} print queue")

    def _set(self, job_id: int, state: str, reason: str = "", attempt: bool = False) -> JobInfo:
        with self.store.transaction() as s:
            job = s.get(PrintJob, job_id)
            assert job is not None
            job.state = state
            job.reason = reason
            job.updated_at = self.clock()
            if attempt:
                job.attempts += 1
            return _info(job)

    def job(self, job_id: int) -> JobInfo | None:
        with self.store.session() as s:
            job = s.get(PrintJob, job_id)
            return _info(job) if job is not None else None

    def jobs(self, order_id: str | None = None, states: tuple[str, ...] = ()) -> list[JobInfo]:
        """This role's jobs, oldest first; of one order and in some states if asked."""
        query = select(PrintJob).where(PrintJob.role == self.role)
        if order_id is not None:
            query = query.where(PrintJob.order_id == order_id)
        if states:
            query = query.where(PrintJob.state.in_(states))
        with self.store.session() as s:
            return [_info(job) for job in s.scalars(query.order_by(PrintJob.id))]

    # -- sending -----------------------------------------------------------------------------

    def send(self, job_id: int) -> JobVerdict:
        """Send a job unless the printer already confirmed it; answer the printer's verdict."""
        self._on_own_lane()
        with self.store.session() as s:
            job = s.get(PrintJob, job_id)
            if job is None:
                return JobVerdict(False, tr("This print job no longer exists."))
            if job.state == CONFIRMED:
                return JobVerdict(True)
            payload, copies = job.payload, job.copies
        self._set(job_id, SENDING, attempt=True)
        try:
            self.printer.send(payload * copies)
        except Exception as error:  # every printer failure is the job's failure, with its reason
            reason = _reason(error)
            log.info("print job %s failed: %s", job_id, reason)
            self._set(job_id, FAILED, reason)
            return JobVerdict(False, reason)
        # `send` returned: the printer took the job and said nothing is wrong after it
        self._set(job_id, SENT)
        self._set(job_id, CONFIRMED)
        return JobVerdict(True)

    def print_job(
        self, *, job_key: str, order_id: str | None, document: str, payload: PrintDocument, copies: int = 1
    ) -> JobVerdict:
        """Queue (or find) the job under `job_key` and send it unless already confirmed."""
        self._on_own_lane()
        job = self.submit(
            job_key=job_key,
            order_id=order_id,
            document=document,
            format=payload.format,
            payload=payload.content,
            copies=copies,
        )
        return self.send(job.id)

    def retry_failed(self) -> list[tuple[JobInfo, JobVerdict]]:
        """Send again every job not confirmed (failed, or cut off while sending), oldest first."""
        self._on_own_lane()
        return [(job, self.send(job.id)) for job in self.jobs(states=(QUEUED, SENDING, SENT, FAILED))]

    def reprint(self, job_id: int, reason: str, operator: str = "") -> JobVerdict:
        """Print a job again as a new job (the old one stays as it was), with `reason` written to
        the order's activity log. A reprint needs a reason."""
        self._on_own_lane()
        if not reason.strip():
            return JobVerdict(False, tr("A reprint needs a reason."))
        with self.store.session() as s:
            old = s.get(PrintJob, job_id)
            if old is None:
                return JobVerdict(False, tr("This print job no longer exists."))
            count = len(
                list(s.scalars(select(PrintJob.id).where(PrintJob.job_key.like(f"{old.job_key}/reprint-%"))))
            )
            key, order_id, document = f"{old.job_key}/reprint-{count + 1}", old.order_id, old.document
            fmt, payload, copies = old.format, old.payload, old.copies
        new = self.submit(
            job_key=key, document=document, format=fmt, payload=payload, copies=copies, order_id=order_id
        )
        if order_id:
            with self.store.transaction() as s:
                add_activity(
                    s,
                    order_id,
                    "reprint",
                    tr("Reprinted {document}: {reason}", document=document, reason=reason.strip()),
                    operator or self.operator,
                    self.workstation,
                    self.clock(),
                )
        return self.send(new.id)
