"""The sync worker's engine: pushes the outbox to the order server in order, pulls what changed
since the cursor into the store (orders, and the codes taught as aliases at any table), and
renews the claims of the orders open at this table.

Threads: a `SyncEngine` and its client belong to the sync lane (app/lanes.py), which its entry
points assert; only `set_open_orders`, `open_orders`, `held_claims` and `wake` may be called
from other threads. Merging of server state and unsent local changes:
see app/store/orders.py ("Merging") — the server's word is the base, our unsent entries are
laid over it, an entry the server refused for good is removed with a notice on the order.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.api import OrderServerClient, RateLimited, RawOrderPage, Refused, ServerError, ServerFailed
from app.domain import Order, OrderStatus, utcnow
from app.domain.outbox import AliasTaught, ClaimTaken, ServerCommand
from app.i18n import tr
from app.lanes import Lane, assert_on_lane, enter
from app.store import Store
from app.store.aliases import forget_refused, keep_aliases
from app.store.models import OrderBody, OrderRow, OutboxEntry, SyncCursor, time_text
from app.store.notices import note_cancellation, note_refusal, refusal_text
from app.store.orders import (
    add_activity,
    holds_server_activity,
    refresh_many,
    refresh_shown,
    replay,
    save_order,
    server_word,
    set_claim_columns,
    void_confirmed_labels,
    write_orders,
)
from app.store.outbox import command_of

ORDERS_FEED = "orders"
ALIASES_FEED = "aliases"

log = logging.getLogger(__name__)


@dataclass
class SyncReport:
    """What one pass did; `error` is what stopped it early (None: the pass went through)."""

    pulled: int = 0
    pages: int = 0
    pushed: int = 0
    refused: list[str] = field(default_factory=list)  # the notices written, one per refusal
    cancelled: list[str] = field(default_factory=list)  # numbers of orders newly cancelled
    claims_renewed: int = 0
    claims_released: int = 0
    aliases: int = 0  # aliases pulled (taught at any table, this one included)
    error: ServerError | None = None
    changed: set[str] = field(default_factory=set)  # ids of orders this pass wrote to the store

    def summary(self) -> str:
        text = tr(
            "Pulled {pulled} orders in {pages} pages; pushed {pushed} changes; {refused} refused; "
            "{cancelled} newly cancelled; {claims} claims renewed, {released} given back.",
            pulled=self.pulled,
            pages=self.pages,
            pushed=self.pushed,
            refused=len(self.refused),
            cancelled=len(self.cancelled),
            claims=self.claims_renewed,
            released=self.claims_released,
        )
        if self.error is not None:
            text += " " + tr("Stopped: {reason}", reason=self.error.message)
        return text


class Backoff:
    """1 s, 2 s, 4 s … up to 60 s between passes while the server cannot take our changes."""

    def __init__(self, first_s: float = 1.0, ceiling_s: float = 60.0) -> None:
        self.first_s = first_s
        self.ceiling_s = ceiling_s
        self.current_s = 0.0

    def failed(self, at_least_s: float = 0.0) -> float:
        self.current_s = self.first_s if self.current_s == 0 else min(self.current_s * 2, self.ceiling_s)
        self.current_s = min(max(self.current_s, at_least_s), self.ceiling_s)
        return self.current_s

    def succeeded(self) -> None:
        self.current_s = 0.0


class SyncEngine:
    def __init__(
        self,
        store: Store,
        client: OrderServerClient,
        *,
        page_size: int = 500,
        claim_minutes: int = 10,
        renew_every_s: float = 120.0,
        confirm_every: int = 50,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.client = client
        if client.lane is None:
            client.lane = Lane.SYNC  # the engine's client is the sync lane's, whoever made it
        self.page_size = page_size
        self.claim_minutes = claim_minutes
        self.renew_every_s = renew_every_s
        self.confirm_every = confirm_every
        self.clock = clock
        self.backoff = Backoff()
        self._open_orders: frozenset[str] = frozenset()
        self._renewed: dict[str, float] = {}
        self._held: set[str] = set()  # orders this table claimed and has not given back yet
        self._held_lock = threading.Lock()  # the sync thread changes it; the closing window reads it
        self._wake = threading.Event()

    # -- called from other threads --

    def set_open_orders(self, order_ids: Iterable[str]) -> None:
        """The orders open at this table (the UI says so); their claims are kept alive, and the
        claim of an order no longer open is given back at the next pass, so another table can
        take it at once instead of after the lease."""
        self._open_orders = frozenset(order_ids)
        self.wake()

    @property
    def open_orders(self) -> frozenset[str]:
        return self._open_orders

    @property
    def held_claims(self) -> frozenset[str]:
        """The orders this table holds a claim on (renewed by this engine, not yet given back)."""
        with self._held_lock:
            return frozenset(self._held)

    def give_back_claims(self) -> None:
        """Every claim this table holds, given back as it closes: best effort, as the lease runs
        out by itself if the server cannot be reached. Sync worker thread."""
        _on_sync_lane()
        try:
            self.release_claims(SyncReport(), all_held=True)
        except ServerError as e:
            log.info("claims not given back (their leases run out by themselves): %s", e.message)

    def wake(self) -> None:
        """Run the next pass now (a flow just queued a change)."""
        self._wake.set()

    # -- the sync worker's loop --

    def run(
        self,
        stop: threading.Event,
        interval_s: float = 5.0,
        on_report: Callable[[SyncReport], None] | None = None,
    ) -> None:
        """Pass after pass until `stop` is set: every `interval_s`, or backing off after failures."""
        while not stop.is_set():
            report = self.run_once()
            if on_report is not None:
                on_report(report)
            self._wake.wait(self.next_delay(report, interval_s))
            self._wake.clear()

    def next_delay(self, report: SyncReport, interval_s: float) -> float:
        """Seconds until the next pass: `interval_s` after a good pass, else the backoff (1 s
        doubling to 60 s, at least a 429's Retry-After). For a caller that runs its own clock."""
        return interval_s if report.error is None else self._delay_after(report.error)

    def _delay_after(self, error: ServerError) -> float:
        at_least = (error.retry_after or 0.0) if isinstance(error, RateLimited) else 0.0
        if not error.retryable:  # a withdrawn token: try now and then, not in a loop
            return self.backoff.failed(self.backoff.ceiling_s)
        return self.backoff.failed(at_least)

    def run_once(self) -> SyncReport:
        """One pass: push everything unsent, pull every change, renew claims."""
        _on_sync_lane()
        report = SyncReport()
        try:
            self.push(report)
            self.pull(report)
            self.pull_aliases(report)
            self.renew_claims(report)
        except ServerError as e:
            report.error = e
        else:
            self.backoff.succeeded()
        return report

    # -- push --

    def push(self, report: SyncReport) -> None:
        """Send the outbox in order, each entry with its own key, until it is empty.

        Stops (raising) at the first failure that may pass (unreachable, timeout, 5xx, 429, 401):
        the entry and every later one stay, in order, for the next pass. The server's yeses are
        written down a few at a time (`confirm_every`): an entry confirmed but not yet written
        down when the program dies is sent again with its key, and the server answers it as
        before, changing nothing.
        """
        _on_sync_lane()
        while True:
            with self.store.session() as s:
                batch = list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.id).limit(200)))
            if not batch:
                return
            confirmed: list[tuple[OutboxEntry, dict[str, Any]]] = []
            try:
                for entry in batch:
                    command = command_of(entry)
                    try:
                        answer = self.client.send(
                            command, entry.idempotency_key, operator=entry.operator or None
                        )
                    except Refused as refusal:
                        self._write_down(confirmed, report)
                        report.refused.append(
                            self._refused(command, refusal, entry.operator, entry.workstation, entry.id)
                        )
                        report.changed.add(entry.order_id)
                        continue
                    except ServerError as e:
                        self._note_failure(entry, e)
                        raise  # the yeses so far are written down in `finally`
                    confirmed.append((entry, answer))
                    if len(confirmed) >= self.confirm_every:
                        self._write_down(confirmed, report)
            finally:
                self._write_down(confirmed, report)

    def _note_failure(self, entry: OutboxEntry, error: ServerError) -> None:
        with self.store.transaction() as s:
            row = s.get(OutboxEntry, entry.id)
            if row is not None:
                row.attempts += 1
                row.last_error = error.message

    def _write_down(self, confirmed: list[tuple[OutboxEntry, dict[str, Any]]], report: SyncReport) -> None:
        """Remove confirmed entries from the outbox and take the server's answers, in one transaction."""
        if not confirmed:
            return
        with self.store.transaction() as s:
            s.execute(delete(OutboxEntry).where(OutboxEntry.id.in_([e.id for e, _ in confirmed])))
            bases: dict[str, Mapping[str, Any] | None] = {}
            for entry, answer in confirmed:
                if "status" in answer and "id" in answer:
                    bases[entry.order_id] = answer  # a later answer is the later word
                else:
                    bases.setdefault(entry.order_id, None)
            try:
                with s.begin_nested():
                    refresh_many(s, bases)
            except (KeyError, TypeError, ValueError, AttributeError):
                # The server said yes but its answer is unreadable: the entries are done all the
                # same, so what the screen showed stands as the server's word until the next pull.
                shown = s.execute(
                    select(OrderBody.order_id, OrderBody.data).where(OrderBody.order_id.in_(bases))
                )
                refresh_many(s, {oid: json.loads(data) for oid, data in shown})
        report.pushed += len(confirmed)
        report.changed.update(e.order_id for e, _ in confirmed)
        confirmed.clear()

    def _refused(
        self,
        command: ServerCommand,
        refusal: Refused,
        operator: str,
        workstation: str,
        entry_id: int | None = None,
    ) -> str:
        """Remove the refused outbox entry (`entry_id`; None: a command sent at once, such as a
        claim), and say so on the order and in its activity log."""
        notice = refusal_notice(command, refusal)
        now = self.clock()
        with self.store.transaction() as s:
            row = s.get(OutboxEntry, entry_id) if entry_id is not None else None
            if row is not None:
                s.delete(row)
                s.flush()
            if isinstance(command, AliasTaught):  # the code does not stand for that SKU here either
                forget_refused(s, command.seller, command.code, command.sku)
            note_refusal(s, command.order_id, notice, refusal.code, operator, workstation, now)
            refresh_shown(s, command.order_id)
        return notice

    # -- pull --

    def pull(self, report: SyncReport) -> None:
        """Fetch every order changed since the cursor, a page per transaction (cursor included).

        While a page is written to the store, the next one is already on its way: a helper
        thread fetches it (and is the only user of the client until the pull ends), so the
        server's work and ours overlap.
        """
        _on_sync_lane()
        with self.store.session() as s:
            cursor = s.scalar(select(SyncCursor.cursor).where(SyncCursor.name == ORDERS_FEED)) or ""
        page = self.client.list_orders_raw(cursor=cursor or None, limit=self.page_size)
        fetcher: ThreadPoolExecutor | None = None
        try:
            while True:
                more = page.has_more and bool(page.orders)
                upcoming: Future[RawOrderPage] | None = None
                if more:
                    fetcher = fetcher or ThreadPoolExecutor(
                        max_workers=1,
                        thread_name_prefix="sync-fetch",
                        initializer=enter,
                        initargs=(Lane.SYNC,),
                    )
                    upcoming = fetcher.submit(
                        self.client.list_orders_raw, cursor=page.cursor or None, limit=self.page_size
                    )
                self._store_page(page, report)
                if upcoming is None:
                    return
                page = upcoming.result()
        finally:
            if fetcher is not None:
                fetcher.shutdown(wait=True, cancel_futures=True)

    def pull_aliases(self, report: SyncReport) -> None:
        """Fetch the codes taught at any table since the alias cursor, a page per transaction
        (cursor included). Nothing changed: one small call and no write to the store."""
        _on_sync_lane()
        with self.store.session() as s:
            cursor = s.scalar(select(SyncCursor.cursor).where(SyncCursor.name == ALIASES_FEED)) or ""
        while True:
            try:
                page = self.client.aliases_since(cursor or None, limit=self.page_size)
            except Refused as refusal:
                if refusal.status in (404, 405):  # a platform that keeps no aliases
                    log.info("the order server has no alias feed: %s", refusal.server_message)
                    return
                raise
            if not page.aliases:
                return
            with self.store.transaction() as s:
                report.aliases += keep_aliases(s, page.aliases)
                self._set_cursor(s, ALIASES_FEED, page.cursor)
            if not page.has_more:
                return
            cursor = page.cursor

    def _set_cursor(self, s: Session, feed: str, cursor: str) -> None:
        now = time_text(self.clock())
        statement = sqlite_insert(SyncCursor).values(name=feed, cursor=cursor, updated_at=now)
        s.execute(
            statement.on_conflict_do_update(
                index_elements=["name"], set_={"cursor": cursor, "updated_at": now}
            )
        )

    def _store_page(self, page: RawOrderPage, report: SyncReport) -> None:
        with self.store.transaction() as s:
            try:
                cancelled = self._apply_page(s, page.orders)
            except (KeyError, TypeError, ValueError, AttributeError) as e:
                # An order we cannot read: the page is not taken (rolled back), nor the cursor moved.
                raise ServerFailed(
                    tr(
                        "The order server sent an order Prepdesk cannot read ({detail}).",
                        detail=repr(e)[:120],
                    )
                ) from e
            report.cancelled += cancelled
            report.changed.update(str(d["id"]) for d in page.orders)
            self._set_cursor(s, ORDERS_FEED, page.cursor)
        report.pages += 1
        report.pulled += len(page.orders)

    def _apply_page(self, s: Session, orders: list[dict[str, Any]]) -> list[str]:
        """Store one page as the server sent it, unsent entries laid over; returns new cancellations."""
        if not orders:
            return []
        ids = [str(d["id"]) for d in orders]
        known: dict[str, tuple[int, str]] = {}
        waiting: dict[str, list[OutboxEntry]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for oid, version, status in s.execute(
                select(OrderRow.id, OrderRow.version, OrderRow.status).where(OrderRow.id.in_(chunk))
            ):
                known[oid] = (int(version), status)
            for entry in s.scalars(
                select(OutboxEntry).where(OutboxEntry.order_id.in_(chunk)).order_by(OutboxEntry.id)
            ):
                waiting.setdefault(entry.order_id, []).append(entry)
        shown: list[dict[str, Any]] = []
        bases: dict[str, str | None] = {}
        moved: list[tuple[dict[str, Any], str]] = []  # (order, its status before) for _notice_moves
        for d in orders:
            oid = str(d["id"])
            before = known.get(oid)
            if before is not None and int(d.get("version") or 1) < before[0]:
                continue  # we already hold a later word (a write's answer)
            if before is not None and d["status"] != before[1]:
                moved.append((d, before[1]))
            if oid in waiting:
                bases[oid] = json.dumps(d, ensure_ascii=False, separators=(",", ":"))
                shown.append(replay(d, waiting[oid]))
            else:
                shown.append(d)
        write_orders(s, shown, bases)
        return [
            str(d["number"])
            for d, before in moved
            if self._notice_moves(s, d, before, str(d["id"]) in waiting)
        ]

    def _void_labels_printed_before(self, s: Session, d: Mapping[str, Any]) -> None:
        """The server brought the order back to "ready to print" (labels voided at another table,
        stock arrived after a short pick, ...): a label this table printed for it before is not
        the one to use, so the next print makes a new one instead of taking the old as done."""
        if void_confirmed_labels(s, str(d["id"])):
            add_activity(
                s,
                str(d["id"]),
                "labels_voided",
                tr("Back to ready to print on the server: the next print makes a new label."),
                "",
                self.client.workstation,
                self.clock(),
            )

    def _flag_cancelled(self, s: Session, d: Mapping[str, Any]) -> None:
        now = self.clock()
        notice = tr(
            "Order {number} was cancelled. Stop work on it and put the goods back.", number=d["number"]
        )
        if d.get("status_reason"):
            notice += " " + tr("Reason: {reason}", reason=d["status_reason"])
        note_cancellation(s, str(d["id"]), notice, now)

    # -- claims and whole orders --

    def renew_claims(self, report: SyncReport) -> None:
        """Keep the claims of the orders open at this table alive (each renewal a new key)."""
        _on_sync_lane()
        now = time.monotonic()
        open_now = self._open_orders
        self._renewed = {k: v for k, v in self._renewed.items() if k in open_now}
        for order_id in sorted(open_now):
            if now - self._renewed.get(order_id, -1e9) < self.renew_every_s:
                continue
            try:
                claim = self.client.claim(order_id, str(uuid.uuid4()), self.claim_minutes)
            except Refused as refusal:
                refused = ClaimTaken(order_id, self.claim_minutes)
                operator = self.client.operator or ""
                report.refused.append(self._refused(refused, refusal, operator, self.client.workstation))
                holder = refusal.holder
                if holder is not None:  # who holds it, for the station that wanted it
                    with self.store.transaction() as s:
                        set_claim_columns(s, order_id, holder.workstation, holder.operator, holder.expires_at)
                report.changed.add(order_id)
                self._renewed[order_id] = now
                continue
            with self.store.transaction() as s:
                set_claim_columns(s, order_id, claim.workstation, claim.operator, claim.expires_at)
            self._renewed[order_id] = now
            with self._held_lock:
                self._held.add(order_id)
            report.claims_renewed += 1
            report.changed.add(order_id)
        self.release_claims(report)

    def release_claims(self, report: SyncReport, *, all_held: bool = False) -> None:
        """Give back the claims of orders this table no longer has open (`all_held`: every one,
        as the workstation closes). A refusal means the claim is not ours any more (taken over,
        or the order moved on): nothing to give back. A failure that may pass keeps the order
        for the next pass."""
        _on_sync_lane()
        open_now = frozenset() if all_held else self._open_orders
        for order_id in sorted(self.held_claims - open_now):
            try:
                self.client.release(order_id, str(uuid.uuid4()))
            except Refused:
                pass
            else:
                with self.store.transaction() as s:
                    set_claim_columns(s, order_id, "", "", None)
                report.claims_released += 1
                report.changed.add(order_id)
            with self._held_lock:
                self._held.discard(order_id)

    def fetch_order(self, order_id: str) -> Order:
        """Fetch one order whole (with its activity log) and store it; unsent changes stay on top.
        What a pull would have noticed in the change is noticed here too (a cancellation flagged,
        labels printed before voided), as the next pull finds the order already changed."""
        _on_sync_lane()
        order = self.client.get_order(order_id)
        with self.store.session() as s:  # a read: an order opened again, as the server had it, writes nothing
            if _already_stored(s, order):
                return order
        with self.store.transaction() as s:
            word = server_word(s, order_id)
            if word is None or order.version >= word[1]:
                before = s.scalar(select(OrderRow.status).where(OrderRow.id == order_id))
                waiting = s.scalar(select(OutboxEntry.id).where(OutboxEntry.order_id == order_id).limit(1))
                save_order(s, order)
                if before is not None:
                    self._notice_moves(s, order.to_dict(), before, waiting is not None)
        return order

    def _notice_moves(self, s: Session, d: Mapping[str, Any], before: str, ours_waiting: bool) -> bool:
        """What a move the server made means at this table: a cancellation is flagged for the
        operator; an order back to ready to print (and no change of ours waiting on it) has the
        labels this table printed for it voided. True for a new cancellation."""
        status = d["status"]
        if status == OrderStatus.CANCELLED.value and before != OrderStatus.CANCELLED.value:
            self._flag_cancelled(s, d)
            return True
        ready = OrderStatus.READY_TO_PRINT.value
        if status == ready and before != ready and not ours_waiting:
            self._void_labels_printed_before(s, d)
        return False


def _already_stored(s: Session, order: Order) -> bool:
    """Whether the store holds the server's word on `order` already: an older version than the
    one stored, or the same version with the same contents and the same activity log (which the
    server adds to without a new version). A read: no transaction, no write, no fsync."""
    word = server_word(s, order.id)
    if word is None:
        return False
    stored, version = word
    if order.version != version:
        return order.version < version
    came = json.loads(json.dumps(order.to_dict(), ensure_ascii=False))
    activity = came.pop("activity", [])
    stored = {k: v for k, v in stored.items() if k != "activity"}  # kept apart, in its own table
    return stored == came and holds_server_activity(s, order.id, activity)


def _on_sync_lane() -> None:
    assert_on_lane(Lane.SYNC, what="the sync engine")


def refusal_notice(command: ServerCommand, refusal: Refused) -> str:
    """The words the operator reads on the order when the server said no for good."""
    return refusal_text(command, refusal.server_message, refusal.holder)
