"""The sync worker's clock: a pass every N seconds (settings), on demand (F5, the button), and
when an operation's changes say the outbox grew (`WorkstationEvents.changed`) — always through
the task runner on the "sync" lane, never on the GUI thread.

Each pass is `app.operations.sync_pass.SyncPasses.run`, which also reads what the frame shows
(outbox count, new orders ready to print, new cancellations); the controller emits its
`SyncOutcome` (the status bar, the dashboard and the notifier listen) and the orders it wrote
as `Changes` on `WorkstationEvents.changed`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from app.i18n import ntr, tr
from app.operations import Changes
from app.operations.sync_pass import SyncOutcome, SyncPasses, changes_waiting
from app.settings import SYNC_INTERVAL_S
from ui.tasks import Lane
from ui.workstation import Workstation

log = logging.getLogger(__name__)

SYNC_LANE = Lane.SYNC  # the sync engine's one thread; anything using its client runs here too

__all__ = ["SYNC_LANE", "SyncController", "SyncOutcome"]


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
        self._passes: SyncPasses | None = None
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
        workstation.events.changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        """An operation queued changes for the server: they should reach it (and every other
        table) now, not at the next tick of the sync clock."""
        if changes.outbox_grew:
            self.count_outbox()
            self.sync_now()

    def apply_interval(self) -> None:
        seconds = max(5, self.ws.settings[SYNC_INTERVAL_S])
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
        self.ws.tasks.run(
            lambda: changes_waiting(store),
            on_success=self._counted,
            on_failure=self._count_failed,
            owner=self,
        )

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
        sync = self.ws.sync
        assert sync is not None  # sync_now starts no pass without one
        if self._passes is None:
            self._passes = SyncPasses(sync, self.ws.store)
        self._passes.sync = sync  # a new engine (the server changed in settings) keeps what was news
        return self._passes.run()

    # -- back on the GUI thread -------------------------------------------------------------

    def _finished(self, outcome: SyncOutcome) -> None:
        self.running = False
        self.last = outcome
        self._outbox = outcome.outbox
        self.outcome.emit(outcome)
        self.ws.events.synced.emit(outcome)
        if outcome.changes:
            self.ws.events.changed.emit(outcome.changes)
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
