"""The pack & ship station, with no Qt: a scan (or a key, or the scale's reading) in, a verdict
out. Scan the order (collected, 6.4) → scan the label on the box (it must be this order's) →
for each parcel its tracking number and its weight → ship, which queues the parcels and the
move to shipped (7.1) for the server → the next collected order is offered.

Every scan is journalled (station "pack") in the same transaction as its effect; the draft (the
parcels so far) is the journal, so a killed program resumes with its parcels (`resume`).
Runs on the store worker thread (ui/tasks.py `Lane.STORE`): a session is used by one thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import Line, Order, OrderStatus, Shipment, utcnow
from app.domain.codes import Command, order_barcode
from app.flows import FlowRefused, OrderActions, OrderCancelled, ScanJournal
from app.i18n import ntr, tr
from app.scan import ScanContext, ScanKind, ScanMeaning, interpret
from app.stations.pack_draft import (
    NO_TRACKING,
    REFUSED,
    STATION,
    PackDraft,
    PackEntry,
    PackStep,
    ParcelDraft,
    draft_of,
    order_at_table,
    order_holding_parcel,
    parcel_numbers,
    prompt_of,
    step_of,
    weight_refusal,
)
from app.stations.pack_table import next_to_pack, waiting_for_tracking, why_not_packable
from app.stations.services import asked_words
from app.stations.verdict import Sound, Verdict
from app.stations.verify import AT_PICK, needs_verifying
from app.store import Store
from app.store.models import OrderRow
from app.store.queries import load_order, order_id_by_number, order_ids_by_tracking

S = OrderStatus


@dataclass(frozen=True, slots=True)
class PackView:
    """What the page shows, as one frozen snapshot (it crosses from the store lane to the GUI)."""

    step: PackStep
    prompt: str
    order_id: str | None = None
    order_number: str = ""
    shipping_service: str = ""
    recipient: str = ""
    lines: tuple[Line, ...] = ()
    parcels: tuple[ParcelDraft, ...] = ()
    next_order: tuple[str, str] | None = None  # (id, number) offered when the table is free
    awaiting_tracking: tuple[str, ...] = ()  # numbers of orders whose parcels wait for a number
    asked: str = ""  # the prep services the seller asks for, in words ("" for none)


class PackSession:
    """One pack table's station. `journal` and `actions` carry the operator signed in."""

    def __init__(
        self,
        store: Store,
        actions: OrderActions,
        journal: ScanJournal,
        *,
        clock: Callable[[], datetime] = utcnow,
        verify_at: Callable[[], str] = lambda: AT_PICK,
    ) -> None:
        self.store = store
        self.actions = actions
        self.journal = journal
        self.clock = clock
        self.verify_at = verify_at  # where goods are verified by scan (the table's setting)
        self._order: Order | None = None
        self._draft: PackDraft | None = None
        self._next: tuple[str, str] | None = None
        self._awaiting: tuple[str, ...] = ()
        self._thread: int | None = None  # the one thread that uses the session (the store lane)

    # -- what the page calls ------------------------------------------------------------------

    def resume(self) -> PackView:
        """Take up where the table stood: the order it was packing, with its parcels. One
        cancelled while the program was down is taken up too, so that `check()` stops it red."""
        self._one_thread()
        with self.store.session() as s:
            order_id = order_at_table(s)
            order = load_order(s, order_id) if order_id else None
            if order is not None and order.status in (S.COLLECTED, S.CANCELLED):
                self._take(s, order)
        self._look_around()
        return self.view()

    def scan(self, text: str) -> Verdict:
        """One scan at the pack table."""
        self._one_thread()
        meaning = interpret(text, ScanContext.SHIP)
        stopped = self._cancelled_meanwhile(text, meaning.kind.value)
        if stopped is not None:
            return stopped
        if meaning.kind is ScanKind.COMMAND:
            if meaning.command is Command.CONFIRM:
                return self.ship(text)
            if meaning.command is Command.CANCEL:
                return self.set_aside(text)
            return self._refuse(
                text, "command", tr("“{command}” is not used at the pack table.", command=meaning.value)
            )
        if meaning.kind is ScanKind.ORDER and meaning.format == "order":
            return self._order_label(text, meaning.value)
        if meaning.kind is ScanKind.TRACKING:
            return self._tracking(text, meaning)
        if meaning.kind is ScanKind.UNKNOWN:
            reason = meaning.reason or tr("unknown code")
            return self._refuse(text, meaning.kind.value, tr("“{scan}”: {reason}", scan=text, reason=reason))
        return self._refuse(
            text,
            meaning.kind.value,
            tr("“{scan}” means nothing at the pack table. {prompt}.", scan=text, prompt=self._prompt()),
        )

    def weigh(self, grams: float, *, typed: bool = False) -> Verdict:
        """The last parcel's weight, typed or from the scale's stable reading."""
        self._one_thread()
        raw = f"{grams:g} g"
        kind = "typed" if typed else "scale"
        stopped = self._cancelled_meanwhile(raw, kind)
        if stopped is not None:
            return stopped
        if self._order is None or self._draft is None:
            return self._refuse(raw, kind, tr("Scan the order first, then weigh its parcels."))
        if not self._draft.parcels:
            return self._refuse(raw, kind, tr("Scan the parcel's tracking number first, then weigh it."))
        parcel = self._draft.parcels[-1]
        weight = round(grams)
        why = weight_refusal(weight, parcel.carrier, parcel.carrier_name)
        if why:
            return self._refuse(raw, kind, why)
        again = parcel.weight_g is not None
        journal_id = self._step(PackEntry.WEIGHT, raw, kind, parcel=parcel.number, grams=weight)
        words = (
            tr("Parcel {n} weighed again: {grams} g.", n=parcel.number, grams=weight)
            if again
            else tr("Parcel {n}: {grams} g.", n=parcel.number, grams=weight)
        )
        return Verdict.right(words, journal_id=journal_id)

    def without_tracking(self) -> Verdict:
        """A parcel handed over before its tracking number is known (README, "Decisions")."""
        self._one_thread()
        raw, kind = "", NO_TRACKING
        stopped = self._cancelled_meanwhile(raw, kind)
        if stopped is not None:
            return stopped
        blocked = self._parcel_blocked(raw, kind)
        if blocked is not None:
            return blocked
        assert self._draft is not None
        number = len(self._draft.parcels) + 1
        journal_id = self._step(PackEntry.PARCEL, raw, kind, parcel=number)
        words = tr("Parcel {n} added; its tracking number can be scanned when it comes.", n=number)
        return Verdict.quiet(words, journal_id=journal_id)

    def take(self, order_id: str) -> Verdict:
        """The order on the table as if its label were scanned (the order detail sends one whose
        parcel waits for its tracking number)."""
        with self.store.session() as s:
            order = load_order(s, order_id)
        if order is None:
            return Verdict.wrong(tr("Order {order} is not on this workstation.", order=order_id))
        return self.scan(order_barcode(order.number))

    def undo(self) -> Verdict:
        """Take back the last parcel."""
        self._one_thread()
        stopped = self._cancelled_meanwhile("", "key")
        if stopped is not None:
            return stopped
        if self._draft is None or not self._draft.parcels:
            return self._refuse("", "key", tr("No parcel to take back."))
        parcel = self._draft.parcels[-1]
        journal_id = self._step(PackEntry.UNDO, "", "key", parcel=parcel.number)
        return Verdict.quiet(tr("Parcel {n} taken back.", n=parcel.number), journal_id=journal_id)

    def set_aside(self, raw: str = "") -> Verdict:
        """Leave the order for now; its parcels are kept for when it is scanned again."""
        self._one_thread()
        if self._order is None or self._draft is None:
            return self._refuse(raw, "key", tr("No order at the table to put aside."))
        number, kept = self._order.number, len(self._draft.parcels)
        journal_id = self._step(PackEntry.ASIDE, raw, "key")
        self._leave()
        words = ntr(
            "Order {number} put aside; its {n} parcel is kept.",
            "Order {number} put aside; its {n} parcels are kept.",
            kept,
            number=number,
        )
        return Verdict.quiet(words, journal_id=journal_id)

    def ship(self, raw: str = "") -> Verdict:
        """Ship the order with its parcels: queued for the server (parcels, then 6.4 → 7.1)."""
        self._one_thread()
        kind = "command" if raw else "key"
        stopped = self._cancelled_meanwhile(raw, kind)
        if stopped is not None:
            return stopped
        order, draft = self._order, self._draft
        if order is None or draft is None:
            return self._refuse(raw, kind, tr("Scan the order first."))
        if not draft.parcels:
            return self._refuse(raw, kind, tr("No parcel yet: {prompt}", prompt=self._prompt()))
        unweighed = next((p for p in draft.parcels if p.weight_g is None), None)
        if unweighed is not None:
            return self._refuse(raw, kind, tr("Weigh parcel {n} before shipping.", n=unweighed.number))
        untracked = draft.first_without_tracking()
        if untracked is not None:
            return self._refuse(
                raw,
                kind,
                tr(
                    "Parcel {n} has no tracking number yet: scan it, or put the order aside "
                    "(its parcels are kept) until the number comes.",
                    n=untracked.number,
                ),
            )
        parcels = [Shipment(p.tracking, p.carrier, p.weight_g, parcel_no=p.number) for p in draft.parcels]
        try:
            with self.actions.together() as s:
                self.actions.shipped(order.id, parcels)
                journal_id = self._write(s, raw, kind, order.id, PackEntry.SHIPPED)
        except OrderCancelled:
            return self._stop_cancelled(order, raw, kind)
        except FlowRefused as refused:
            return self._refuse(raw, kind, refused.message)
        self._leave()
        words = ntr(
            "Order {number} shipped with {n} parcel: {numbers}.",
            "Order {number} shipped with {n} parcels: {numbers}.",
            len(parcels),
            number=order.number,
            numbers=parcel_numbers(draft.parcels),
        )
        if self._next is not None:
            words += " " + tr("Next: order {number}.", number=self._next[1])
        return Verdict.right(words, journal_id=journal_id)

    def check(self) -> Verdict | None:
        """After a sync: was the order at the table cancelled meanwhile? (The red stop, or None.)"""
        self._one_thread()
        return self._cancelled_meanwhile("", "sync")

    def view(self) -> PackView:
        self._one_thread()
        order, draft = self._order, self._draft
        if order is None or draft is None:
            return PackView(
                PackStep.ORDER, self._prompt(), next_order=self._next, awaiting_tracking=self._awaiting
            )
        return PackView(
            self._step_now(),
            self._prompt(),
            order.id,
            order.number,
            order.shipping_service,
            order.recipient.name,
            tuple(order.lines),
            tuple(draft.parcels),
            None,
            self._awaiting,
            asked_words(order),
        )

    def _one_thread(self) -> None:
        """A session's state belongs to one thread: asserted, not only written in a docstring."""
        here = threading.get_ident()
        if self._thread is None:
            self._thread = here
        assert self._thread == here, "a PackSession is used by one thread only (the store lane)"

    # -- the steps ----------------------------------------------------------------------------

    def _order_label(self, raw: str, number: str) -> Verdict:
        if self._order is not None:
            if number == self._order.number:
                journal_id = self._step(PackEntry.LABEL, raw, "order")
                return Verdict.right(tr("The label is this order's."), journal_id=journal_id)
            return self._refuse(
                raw,
                "order",
                tr(
                    "STOP: this label is order {other}'s, not order {number}'s. Nothing recorded: "
                    "check the box and its label.",
                    other=number,
                    number=self._order.number,
                ),
            )
        with self.store.session() as s:
            order_id = order_id_by_number(s, number)
            order = load_order(s, order_id) if order_id else None
            verify = order is not None and needs_verifying(s, order, self.verify_at())
        if verify and order is not None:
            with self.store.transaction() as s:
                journal_id = self.journal.write(s, raw, "order", order.id, "verify first", station=STATION)
            words = tr("Order {number}: its goods are verified by scan first.", number=order.number)
            return Verdict(False, words, Sound.NONE, journal_id=journal_id, verify_order=order.id)
        with self.store.session() as s:
            refusal = why_not_packable(order, number, self.journal.workstation, self.clock())
            if refusal:
                return self._refuse(raw, "order", refusal, order_id)
            assert order is not None
        with self.store.transaction() as s:
            journal_id = self.journal.write(s, raw, "order", order.id, PackEntry.OPEN, station=STATION)
            self._take(s, order)
        kept = len(self._draft.parcels) if self._draft else 0
        words = tr("Order {number}.", number=order.number)
        if kept:
            words += " " + ntr("{n} parcel kept from before.", "{n} parcels kept from before.", kept)
        return Verdict.right(words, journal_id=journal_id)

    def _tracking(self, raw: str, meaning: ScanMeaning) -> Verdict:
        number = meaning.value
        if self._order is None:
            return self._refuse(
                raw, "tracking", tr("Scan the order first, then its parcels' tracking numbers.")
            )
        with self.store.session() as s:
            others = [o for o in order_ids_by_tracking(s, number) if o != self._order.id]
            aside = None if others else order_holding_parcel(s, number, self._order.id)
            if aside is not None:
                others = [aside]
            other = load_order(s, others[0]) if others else None
        if others:
            return self._refuse(
                raw,
                "tracking",
                tr(
                    "STOP: tracking number {tracking} is order {other}'s. This box carries another "
                    "order's label: nothing recorded.",
                    tracking=number,
                    other=other.number if other else others[0],
                ),
            )
        draft = self._draft
        assert draft is not None
        twice = next((p for p in draft.parcels if p.tracking == number), None)
        if twice is not None:
            return self._refuse(
                raw, "tracking", tr("{tracking} is parcel {n} already.", tracking=number, n=twice.number)
            )
        waiting = draft.first_without_tracking()
        if waiting is not None:
            journal_id = self._step(PackEntry.TRACKING, raw, "tracking", parcel=waiting.number)
            return self._parcel_verdict(waiting.number, journal_id)
        blocked = self._parcel_blocked(raw, "tracking", carrier_label=bool(self._order.carrier_label))
        if blocked is not None:
            return blocked
        number_of_parcel = len(draft.parcels) + 1
        journal_id = self._step(PackEntry.PARCEL, raw, "tracking", parcel=number_of_parcel)
        return self._parcel_verdict(number_of_parcel, journal_id)

    def _parcel_verdict(self, number: int, journal_id: int) -> Verdict:
        assert self._draft is not None
        parcel = next(p for p in self._draft.parcels if p.number == number)
        words = tr(
            "Parcel {n}: {carrier} {tracking}.",
            n=number,
            carrier=parcel.carrier_name,
            tracking=parcel.tracking,
        )
        if parcel.warning:
            words += " " + tr("Note: {warning}", warning=parcel.warning)
        return Verdict.right(words, journal_id=journal_id)

    def _parcel_blocked(self, raw: str, kind: str, *, carrier_label: bool = False) -> Verdict | None:
        """Why a new parcel cannot start now (no order, label unchecked, last one unweighed)."""
        draft = self._draft
        if self._order is None or draft is None:
            return self._refuse(raw, kind, tr("Scan the order first."))
        if not draft.label_checked and not carrier_label:
            return self._refuse(
                raw, kind, tr("Scan the label on the box first (the order barcode on it), then the parcels.")
            )
        if draft.parcels and draft.parcels[-1].weight_g is None:
            return self._refuse(raw, kind, tr("Weigh parcel {n} first.", n=draft.parcels[-1].number))
        return None

    # -- plumbing -----------------------------------------------------------------------------

    def _step_now(self) -> PackStep:
        return step_of(self._draft if self._order is not None else None)

    def _prompt(self) -> str:
        return prompt_of(self._draft if self._order is not None else None)

    def _take(self, s: Session, order: Order) -> None:
        self._order = order
        self._draft = draft_of(s, order.id, order.shipping_service)
        self._next = None

    def _leave(self) -> None:
        self._order, self._draft = None, None
        self._look_around()

    def _look_around(self) -> None:
        """The next collected order to offer, and the orders whose parcels wait for a number."""
        now = self.clock()
        here = self.journal.workstation
        current = self._order.id if self._order else ""
        with self.store.session() as s:
            waiting = waiting_for_tracking(s, besides=current)
            self._awaiting = tuple(sorted(waiting.values()))
            # Parcels waiting for their number are not the next box to pack: they wait aside.
            self._next = next_to_pack(s, [current, *waiting], here, now)

    def _cancelled_meanwhile(self, raw: str, kind: str) -> Verdict | None:
        """The sync may have brought a cancellation: the session stops, red, goods back."""
        if self._order is None:
            return None
        with self.store.session() as s:
            # The status alone, before every step: a whole order (its body, its log) costs ~1 ms.
            status = s.scalar(select(OrderRow.status).where(OrderRow.id == self._order.id))
        if status != S.CANCELLED.value:
            return None
        return self._stop_cancelled(self._order, raw, kind)

    def _stop_cancelled(self, order: Order, raw: str = "", kind: str = "sync") -> Verdict:
        with self.store.transaction() as s:
            journal_id = self.journal.write(s, raw, kind, order.id, PackEntry.CANCELLED, station=STATION)
        self._leave()
        return Verdict.wrong(OrderCancelled(order.number).message, journal_id=journal_id)

    def _step(
        self, entry: PackEntry, raw: str, kind: str, *, parcel: int | None = None, grams: int = 0
    ) -> int:
        """Journal an accepted step and lay it on the draft (the same `apply` a rebuild uses)."""
        assert self._order is not None and self._draft is not None
        with self.store.transaction() as s:
            journal_id = self._write(s, raw, kind, self._order.id, entry, parcel=parcel, grams=grams)
        self._draft.apply(entry, raw, kind, parcel, grams, self._order.shipping_service)
        return journal_id

    def _write(
        self,
        s: Session,
        raw: str,
        kind: str,
        order_id: str | None,
        verdict: str,
        *,
        parcel: int | None = None,
        grams: int = 0,
    ) -> int:
        return self.journal.write(
            s, raw, kind, order_id, verdict, station=STATION, line_position=parcel, units=grams
        )

    def _refuse(self, raw: str, kind: str, words: str, order_id: str | None = None) -> Verdict:
        """Nothing changes but the journal's note of the refused scan."""
        about = order_id or (self._order.id if self._order else None)
        with self.store.transaction() as s:
            journal_id = self._write(s, raw, kind, about, REFUSED + words)
        return Verdict.wrong(words, journal_id=journal_id)


__all__ = ["PackSession", "PackStep", "PackView", "ParcelDraft"]
