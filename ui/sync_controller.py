"""The sync worker's clock: a pass every N seconds (settings) and on demand (F5, the button),
always through the task runner on the "sync" lane, never on the GUI thread.

After each pass it reads from the store what the frame shows (outbox count, new orders ready to
print, new cancellations) and emits one `SyncOutcome`; the status bar, the dashboard and the
notifier listen.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import select

from app.api import ServerTimeout, ServerUnreachable, Unauthorised
from app.domain import OrderStatus, utcnow
from app.figures import status_counts
from app.i18n import ntr, tr
from app.store import OrderFlag, OrderRow, queries
from ui.context import Workstation
from ui.tasks import Lane

log = logging.getLogger(__name__)

SYNC_LANE = Lane.SYNC  # the sync engine's one thread; anything using its client runs here too


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What one sync pass means for the frame."""

    online: bool | None
    outbox: int
    last_sync: datetime | None
    problem: str = ""
    newly_ready: tuple[str, ...] = ()  # order numbers that became ready to print in this pass
    newly_cancelled: tuple[tuple[str, str], ...] = ()  # (order id, number) cancelled in this pass
    report: Any = None  # the sync engine's own report (app.sync.SyncReport)
    # The dashboard's counts as this pass left the store (app.figures.StatusCounts): the tiles
    # show them before any "new orders" banner speaks of them.
    counts: Any = None


@dataclass
class _Seen:
    ready: set[str] = field(default_factory=set)
    cancelled: set[str] = field(default_factory=set)


class SyncController(QObject):
    """GUI thread object; its pass runs on the sync lane (the sync engine's one thread)."""

    outcome = Signal(object)  # SyncOutcome
    outbox_changed = Signal(int)  # changes waiting for the server, counted between passes

    OUTBOX_WATCH_MS = 2000

    def __init__(self, workstation: Workstation, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = workstation
        self.running = False
        self.last: SyncOutcome | None = None
        self._again = False
        self._seen: _Seen | None = None
        self._last_ok: datetime | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        self.apply_interval()
        workstation.events.settings_changed.connect(self.apply_interval)
        # Between passes: count the outbox (a flow may just have queued a change), so the status
        # bar stays true, and send new changes at once while the server is reachable.
        self._outbox = 0
        self._counting = False
        self.watch = QTimer(self)
        self.watch.timeout.connect(self.count_outbox)
        self.watch.start(self.OUTBOX_WATCH_MS)

    def apply_interval(self) -> None:
        seconds = max(5, int(self.ws.settings["sync.interval_s"]))
        self.timer.start(seconds * 1000)

    def stop(self) -> None:
        self.timer.stop()
        self.watch.stop()

    def count_outbox(self) -> None:
        """Store lane: how many changes wait; a rise while online starts a pass now."""
        if self._counting or self.ws.store is None:
            return
        self._counting = True
        store = self.ws.store

        def count() -> int:
            with store.session() as s:
                return queries.unsent_count(s)

        self.ws.tasks.run(count, on_success=self._counted, on_failure=self._count_failed, owner=self)

    def _counted(self, outbox: int) -> None:
        self._counting = False
        rose = outbox > self._outbox
        self._outbox = outbox
        self.outbox_changed.emit(outbox)
        if rose and not self.running and self.last is not None and self.last.online:
            self.sync_now()

    def _count_failed(self, error: BaseException) -> None:
        self._counting = False
        log.warning("outbox not counted: %r", error)

    def sync_now(self) -> None:
        """Start a pass unless one is running (then one more follows it). GUI thread."""
        if self.ws.sync is None:
            return
        if self.running:
            self._again = True
            return
        self.running = True
        self.ws.tasks.run(
            self._pass,
            on_success=self._finished,
            on_failure=self._failed,
            busy_text=tr("Syncing with the server…"),
            lane=SYNC_LANE,
            owner=self,
        )

    # -- on the sync lane -------------------------------------------------------------------

    def _pass(self) -> SyncOutcome:
        if self._seen is None:
            # What the store held before the first pass is not news: orders that arrive from now on are.
            _, ready, cancelled = self._read_store()
            self._seen = _Seen(set(ready), set(cancelled))
        sync = self.ws.sync
        assert sync is not None  # sync_now starts no pass without one
        report = sync.run_once()
        error = getattr(report, "error", None)
        online: bool | None = True
        problem = ""
        if error is None:
            self._last_ok = utcnow()
        elif isinstance(error, Unauthorised):
            problem = tr("The server refused the token: {reason}", reason=error.message)
        elif isinstance(error, (ServerUnreachable, ServerTimeout)) or getattr(error, "retryable", False):
            online, problem = False, error.message
        else:
            problem = error.message
        outbox, ready, cancelled = self._read_store()
        counts = status_counts(self.ws.store)
        seen = self._seen or _Seen()
        newly_ready = tuple(sorted(n for i, n in ready.items() if i not in seen.ready))
        newly_cancelled = tuple(sorted((i, n) for i, n in cancelled.items() if i not in seen.cancelled))
        self._seen = _Seen(set(ready), set(cancelled))
        return SyncOutcome(
            online, outbox, self._last_ok, problem, newly_ready, newly_cancelled, report, counts
        )

    def _read_store(self) -> tuple[int, dict[str, str], dict[str, str]]:
        """The outbox count, the orders ready to print and the unacknowledged cancellations."""
        with self.ws.store.session() as s:
            outbox = queries.unsent_count(s)
            ready = {
                row.id: row.number
                for row in s.execute(
                    select(OrderRow.id, OrderRow.number).where(
                        OrderRow.status == OrderStatus.READY_TO_PRINT.value
                    )
                )
            }
            cancelled = {
                row.order_id: row.number
                for row in s.execute(
                    select(OrderFlag.order_id, OrderRow.number)
                    .join(OrderRow, OrderRow.id == OrderFlag.order_id)
                    .where(OrderFlag.cancelled_notice != "", OrderFlag.acknowledged_at.is_(None))
                )
            }
        return outbox, ready, cancelled

    # -- back on the GUI thread -------------------------------------------------------------

    def _finished(self, outcome: SyncOutcome) -> None:
        self.running = False
        self.last = outcome
        self._outbox = outcome.outbox
        self.outcome.emit(outcome)
        self.ws.events.synced.emit(outcome)
        if outcome.newly_ready:
            count = len(outcome.newly_ready)
            self.ws.notifier.new_orders(
                tr("New orders to print"),
                ntr("{n} new order is ready to print.", "{n} new orders are ready to print.", count),
            )
        for _order_id, number in outcome.newly_cancelled:
            self.ws.notifier.wrong(
                tr("Order {number} was cancelled on the server. Stop work on it.", number=number)
            )
        if self._again:
            self._again = False
            self.sync_now()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        log.error("sync pass failed: %r", error)
        self.ws.notifier.wrong(tr("Sync failed: {reason}", reason=error))
        if self._again:
            self._again = False
            self.sync_now()
