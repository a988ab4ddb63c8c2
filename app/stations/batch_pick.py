"""Batch picking, with no Qt: a batch of printed orders picked together by the pick list's
aggregated lines (in bin order), then sorted into the orders: each unit scanned in the sort says,
in large type, which order and which slot it goes to.

Store lane. The sort is where units are verified and counted: each order of the batch has its
own pick session (`app.stations.pick`), and a unit sorted into a slot is a scan of that order's
session, with the same rules and the same journal; an order whose units are all sorted is
collected by its session. The walk along the shelves before it is a tally for the picker (every
scan journalled, station "batch"), not a count of any order: a program killed during the walk
comes back to the sort, where nothing counted was lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.i18n import tr
from app.scan import ScanContext, ScanKind, interpret
from app.stations.pick import PickSession
from app.stations.pick_codes import line_keys, scan_keys
from app.stations.pick_view import PickAnswer, PickEnd
from app.stations.verdict import Sound, Verdict

BATCH_STATION = "batch"
BATCH_SLOTS = 12  # a sorting rack's slots: the most orders one batch takes


@dataclass(frozen=True, slots=True)
class BatchLine:
    """One line of the pick list: a product summed over the batch's orders."""

    key: str  # the SKU, as the orders name it
    sku: str
    title: str
    bin_location: str
    needed: int
    walked: int  # units tallied on the walk

    @property
    def done(self) -> bool:
        return self.walked >= self.needed


@dataclass(frozen=True, slots=True)
class BatchSlot:
    slot: int
    order_id: str
    number: str
    units: int
    sorted_units: int
    end: PickEnd


@dataclass(frozen=True, slots=True)
class BatchView:
    lines: tuple[BatchLine, ...]
    slots: tuple[BatchSlot, ...]
    sorting: bool
    slot_now: int = 0  # the slot the last unit went to (0: none)

    @property
    def done(self) -> bool:
        """Every order of the batch has ended (collected, short, skipped or stopped)."""
        return all(s.end is not PickEnd.OPEN for s in self.slots)

    def prompt(self) -> str:
        if not self.sorting:
            nxt = next((line for line in self.lines if not line.done), None)
            if nxt is None:
                return tr("Sort into the slots")
            where = nxt.bin_location or tr("no bin")
            return tr("{bin}: {n} × {sku}", bin=where, n=nxt.needed - nxt.walked, sku=nxt.sku)
        done = self.done
        if self.slot_now:  # where the unit in hand goes comes first, also for the last one
            slot = self.slots[self.slot_now - 1]
            where = tr("Slot {slot} · order {number}", slot=slot.slot, number=slot.number)
            return tr("{where} · batch done", where=where) if done else where
        if done:
            return tr("Batch done")
        return tr("Scan a unit to sort it")


@dataclass(frozen=True, slots=True)
class BatchAnswer:
    verdict: Verdict
    view: BatchView
    order: PickAnswer | None = None  # the answer of the order the unit was sorted into


class BatchPick:
    """A batch in hand: `walk(raw)` tallies the pick list, `sort(raw)` puts a unit in its slot.
    The sessions are opened by the station (`PickStation.open`) in slot order."""

    def __init__(self, sessions: Sequence[PickSession]) -> None:
        self.sessions = list(sessions)[:BATCH_SLOTS]
        self.sorting = False
        self._slot_now = 0
        lines: dict[str, BatchLine] = {}
        for session in self.sessions:
            for pl in session.view().lines:
                line, key = pl.line, pl.line.sku.upper()
                left = pl.remaining
                have = lines.get(key)
                if have is None:
                    lines[key] = BatchLine(key, line.sku, line.title, line.bin_location, left, 0)
                else:
                    lines[key] = BatchLine(
                        key, have.sku, have.title, have.bin_location, have.needed + left, 0
                    )
        self._lines = sorted(
            (bl for bl in lines.values() if bl.needed),
            key=lambda bl: (not bl.bin_location, bl.bin_location, bl.sku),
        )
        self._index = {bl.key: i for i, bl in enumerate(self._lines)}
        self._codes: dict[str, str] = {}  # any code of a line -> its SKU key
        for session in self.sessions:
            for code, positions in line_keys(session.order).items():
                self._codes.setdefault(code, session.order.lines[positions[0]].sku.upper())

    def view(self) -> BatchView:
        views = [s.view() for s in self.sessions]
        slots = tuple(
            BatchSlot(i + 1, v.order_id, v.number, v.units, v.picked, v.end) for i, v in enumerate(views)
        )
        return BatchView(tuple(self._lines), slots, self.sorting, self._slot_now)

    def walk(self, raw: str) -> BatchAnswer:
        """A unit taken from the shelf on the walk: tallied against the pick list."""
        if self.sorting:
            return self.sort(raw)
        meaning = interpret(raw, ScanContext.PICK)
        key = next((self._codes[k] for k in scan_keys(meaning) if k in self._codes), None)
        station = self.sessions[0].station if self.sessions else None
        if station is None:
            return BatchAnswer(Verdict.wrong(tr("The batch is empty.")), self.view())
        if meaning.kind in (ScanKind.ORDER, ScanKind.COMMAND):
            return self._not_a_unit(raw, meaning.kind.value)
        if meaning.kind is ScanKind.UNKNOWN or key is None:
            why = (
                tr("“{scan}”: {reason}", scan=meaning.text, reason=meaning.reason or "")
                if meaning.kind is ScanKind.UNKNOWN
                else tr("Not in this batch: {code}. Put it back.", code=meaning.text)
            )
            word = "unreadable" if meaning.kind is ScanKind.UNKNOWN else "wrong item"
            with station.store.transaction() as s:
                jid = station.journal.write(s, raw, meaning.kind.value, None, word, station=BATCH_STATION)
            return BatchAnswer(Verdict.wrong(why, jid, meaning.value), self.view())
        i = self._index[key]
        line = self._lines[i]
        units = meaning.gs1.count if meaning.gs1 is not None and meaning.gs1.count else 1
        with station.store.transaction() as s:
            if line.walked + units > line.needed:
                jid = station.journal.write(
                    s, raw, meaning.kind.value, None, "over-pick", station=BATCH_STATION
                )
                why = tr("The batch needs {n} of {sku}: put this one back.", n=line.needed, sku=line.sku)
                return BatchAnswer(Verdict.wrong(why, jid), self.view())
            jid = station.journal.write(
                s, raw, meaning.kind.value, None, "walked", station=BATCH_STATION, units=units
            )
        self._lines[i] = BatchLine(
            line.key, line.sku, line.title, line.bin_location, line.needed, line.walked + units
        )
        if all(bl.done for bl in self._lines):
            self.sorting = True
        text = tr("{sku}: {walked} of {needed}", sku=line.sku, walked=line.walked + units, needed=line.needed)
        return BatchAnswer(Verdict.right(text, (i,), jid), self.view())

    def start_sorting(self) -> BatchView:
        """The walk is over (or skipped): every unit scanned from now on is sorted."""
        self.sorting = True
        return self.view()

    def sort(self, raw: str) -> BatchAnswer:
        """A unit from the tote: the first order (in slot order) that still needs it takes it,
        through that order's own pick session."""
        meaning = interpret(raw, ScanContext.PICK)
        if meaning.kind in (ScanKind.ORDER, ScanKind.COMMAND):
            return self._not_a_unit(raw, meaning.kind.value)
        keys = scan_keys(meaning)
        waiting = [(slot, session) for slot, session in enumerate(self.sessions, start=1) if session.is_open]
        if not waiting:
            self._slot_now = 0
            return BatchAnswer(Verdict.wrong(tr("Every order of this batch is done.")), self.view())
        # The first order that still needs the code; none does: the first open order's session
        # answers (a taught alias only it can look up, or the refusal, journalled there).
        needed = next(((slot, session) for slot, session in waiting if session.needs(keys)), None)
        slot, session = needed or waiting[0]
        answer = session.scan(raw)
        if answer.verdict.accepted:
            self._slot_now = slot
            text = tr("Slot {slot} · order {number}", slot=slot, number=session.order.number)
            if answer.view.end is PickEnd.COLLECTED:
                text = tr("{where} — collected", where=text)
            verdict = Verdict(True, text, Sound.RIGHT, answer.verdict.lines, answer.verdict.journal_id)
            return BatchAnswer(verdict, self.view(), answer)
        self._slot_now = 0
        if needed is not None or meaning.kind is ScanKind.UNKNOWN:
            return BatchAnswer(answer.verdict, self.view(), answer)
        why = tr("No order of this batch needs {code}. Put it back.", code=meaning.text)
        return BatchAnswer(
            Verdict.wrong(why, answer.verdict.journal_id, answer.verdict.code), self.view(), answer
        )

    def check(self) -> BatchAnswer | None:
        """After a sync: an order of the batch cancelled (or held elsewhere) stops its slot loudly;
        None when every order goes on."""
        stopped = [a for s in self.sessions if s.is_open and (a := s.check()) is not None]
        if not stopped:
            return None
        return BatchAnswer(stopped[0].verdict, self.view(), stopped[0])

    def leave(self) -> BatchView:
        """The batch is put down: every order still open is skipped (its units go back) and comes
        back later."""
        for session in self.sessions:
            if session.is_open:
                session.skip()
        return self.view()

    def _not_a_unit(self, raw: str, kind: str) -> BatchAnswer:
        """An order label or a command in a batch: the batch takes units only (an order is
        picked alone from the order list of the pick page)."""
        station = self.sessions[0].station
        with station.store.transaction() as s:
            jid = station.journal.write(s, raw, kind, None, "refused", station=BATCH_STATION)
        return BatchAnswer(Verdict.wrong(tr("A batch takes units only: scan the items."), jid), self.view())
