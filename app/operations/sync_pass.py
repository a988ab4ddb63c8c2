"""One sync pass and what it means for the frame: online or not, the changes waiting, the orders
that became ready to print and the cancellations heard of in this pass, and the orders it wrote
(its `Changes`). No Qt; runs on the sync lane (the sync engine's one thread).

What the store held before the first pass is not news: orders that arrive from now on are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.api import ServerTimeout, ServerUnreachable, Unauthorised
from app.domain import OrderStatus, utcnow
from app.figures import status_counts
from app.i18n import tr
from app.operations.changes import NOTHING, Changes
from app.store import OrderFlag, OrderRow, Store, queries
from app.sync import SyncEngine


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
    changes: Changes = NOTHING  # the orders this pass wrote
    # The dashboard's counts as this pass left the store (app.figures.StatusCounts): the tiles
    # show them before any "new orders" banner speaks of them.
    counts: Any = None


@dataclass
class _Seen:
    ready: set[str] = field(default_factory=set)
    cancelled: set[str] = field(default_factory=set)


def changes_waiting(store: Store) -> int:
    """How many changes wait for the server (the status bar's count)."""
    with store.session() as s:
        return queries.unsent_count(s)


class SyncPasses:
    """The passes of one table's sync engine, remembering what was already news."""

    def __init__(self, sync: SyncEngine, store: Store) -> None:
        self.sync = sync
        self.store = store
        self._seen: _Seen | None = None
        self._last_ok: datetime | None = None

    def run(self) -> SyncOutcome:
        if self._seen is None:
            _, ready, cancelled = self._read_store()
            self._seen = _Seen(set(ready), set(cancelled))
        report = self.sync.run_once()
        error = report.error
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
        seen = self._seen
        newly_ready = tuple(sorted(n for i, n in ready.items() if i not in seen.ready))
        newly_cancelled = tuple(sorted((i, n) for i, n in cancelled.items() if i not in seen.cancelled))
        self._seen = _Seen(set(ready), set(cancelled))
        changes = Changes.of(getattr(report, "changed", ()), outbox_grew=False)
        return SyncOutcome(
            online,
            outbox,
            self._last_ok,
            problem,
            newly_ready,
            newly_cancelled,
            report,
            changes,
            status_counts(self.store),
        )

    def _read_store(self) -> tuple[int, dict[str, str], dict[str, str]]:
        """The outbox count, the orders ready to print and the unacknowledged cancellations."""
        with self.store.session() as s:
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
