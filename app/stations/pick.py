"""The pick station's use case, with no Qt: an order's goods verified by scan, unit by unit, and
the order collected (6 -> 6.4) only when every unit was scanned.

Store lane (ui/tasks.py `Lane.STORE`): every call here writes the scan journal and its effect in
ONE transaction and returns a `PickAnswer` only after the commit, so what the page shows green
has been written down. The session's progress IS the journal (`app.flows.scans.round_rows`):
a program killed mid-pick opens the order again where it stood.

Rules, in the warehouse's words:
- an item counts for the first unfinished line whose SKU, FNSKU, EAN/UPC (as a GTIN) or taught
  alias it carries; a GS1 carton with a count (AI 37 or 30) counts that many; a quantity set
  before the scan (typed, or `PDC-QTY-n`) counts that many; never past the line's quantity;
- a wrong item, one too many, an unreadable code: refused in words, nothing counted;
- another order's label: refused; scanned again, this order is skipped and that one opens;
- skip and short end the round (the goods go back; a short pick moves the order to 5.2 naming
  what is missing); a cancellation seen at a scan stops it loudly;
- item labels: where the order's services include FNSKU labelling, one label per unit, keyed by
  the unit (`item_label/<order>/<line>/<n>`), so a retry never prints a unit's label twice; the
  order is collected once every unit is scanned and every unit's label confirmed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import Order, OrderStatus
from app.domain.codes import Command
from app.flows import FlowRefused, MissingItem
from app.flows.orders import PICK_STATION
from app.flows.scans import ROUND_BEGUN, JournalRow, counted_units
from app.i18n import ntr, tr
from app.scan import ScanContext, ScanKind, ScanMeaning, interpret
from app.stations.pick_codes import line_keys, scan_keys
from app.stations.pick_view import HistoryEntry, ItemLabelJob, PickAnswer, PickEnd, PickLine, PickView
from app.stations.verdict import Sound, Verdict
from app.store import OrderRow, PrintJob
from app.store.models import JOB_CONFIRMED
from app.store.queries import order_id_by_number

if TYPE_CHECKING:
    from app.stations.pick_station import PickStation

S = OrderStatus
STATION = PICK_STATION
CHECK_STATION = "pack-check"  # the round of an order verified again at packing (no status move)
FNSKU_LABELLING = "FNSKU_LABEL"  # the price list's code of the service
MAX_QUANTITY = 9999

# The journal's words for what the pick station did with a scan or key.
PICKED, UNDONE, RESUMED = "picked", "undone", "resumed"
WRONG_ITEM, OVER_PICK, TOO_MANY = "wrong item", "over-pick", "more than the line needs"
UNREADABLE, OTHER_ORDER, REFUSED, QUANTITY = "unreadable", "another order", "refused", "quantity"
TAUGHT = "code taught"
STATION_MADE = "station"  # the kind of a journal row the station wrote by itself, no scan behind it


class PickSession:
    """One order picked at this table: a scan or key in, a `PickAnswer` out. Store lane; the
    page holds the session and hands every call to that lane."""

    def __init__(
        self,
        station: PickStation,
        order: Order,
        rows: Sequence[JournalRow],
        confirmed: set[str],
        *,
        check: bool = False,
    ) -> None:
        self.station = station
        self.check_only = check  # a collected order verified again at packing
        self._station_name = CHECK_STATION if check else STATION
        self.order = order
        self.order_id = order.id
        self._keys = line_keys(order)
        counts = counted_units(rows)
        self._picked = [counts.get(i, 0) for i in range(len(order.lines))]
        self._undo: list[tuple[int, int]] = []  # (position, units) of the counted scans, newest last
        for r in rows:
            if r.line_position is not None and r.units > 0:
                self._undo.append((r.line_position, r.units))
            elif r.line_position is not None and r.units < 0 and self._undo:
                self._undo.pop()
        # Bin order: the picker walks the shelves once; lines with no bin come last.
        self._rows = sorted(
            range(len(order.lines)),
            key=lambda i: (not order.lines[i].bin_location, order.lines[i].bin_location, i),
        )
        self._row_at = {position: row for row, position in enumerate(self._rows)}
        self._lines = [PickLine(i, order.lines[i], self._picked[i]) for i in self._rows]
        self._confirmed = confirmed
        self._needs_labels = any(sv.code == FNSKU_LABELLING for sv in order.services)
        self._quantity = 0
        self._teach_code = ""
        self._switch = ""
        self._end = PickEnd.OPEN
        self.history: list[HistoryEntry] = [
            HistoryEntry(
                r.id,
                r.at,
                r.raw,
                self._words(r),
                r.verdict in (PICKED, UNDONE, ROUND_BEGUN, RESUMED),
                r.operator,
            )
            for r in rows
        ]

    # -- what the page shows --

    def view(self) -> PickView:
        return PickView(
            self.order_id,
            self.order.number,
            self.order.seller,
            tuple(self._lines),
            self._end,
            self._quantity,
            self._needs_labels and not self.check_only,
            self._labels_due(),
            self._teach_code,
            check=self.check_only,
        )

    def answer(self) -> PickAnswer:
        """The order as it stands, with no scan (the page's first paint)."""
        view = self.view()
        # Two counts, each in its own plural form ("1 unit on 1 line", "3 units on 2 lines").
        words = tr(
            "Order {number}: {units} on {lines}.",
            number=self.order.number,
            units=ntr("{n} unit", "{n} units", view.units),
            lines=ntr("{n} line", "{n} lines", len(view.lines)),
        )
        if view.picked:
            words += " " + tr("{picked} picked before: go on.", picked=view.picked)
        return PickAnswer(Verdict.quiet(words), view)

    # -- scans and keys --

    def scan(self, raw: str) -> PickAnswer:
        """One scan on the pick page."""
        meaning = interpret(raw, ScanContext.PICK)
        if meaning.kind is ScanKind.COMMAND and meaning.command is not None:
            return self.command(meaning.command, raw)
        if meaning.kind is ScanKind.ORDER:
            return self._order_label(raw, meaning)
        with self._writing() as s:
            ended = self._ended(s, raw, meaning.kind.value)
            if ended is not None:
                return ended
            positions = self._lines_for(s, meaning)
            quantity, self._quantity = self._quantity, 0
            if not positions:
                if meaning.kind is ScanKind.UNKNOWN:
                    why = tr(
                        "“{scan}”: {reason}", scan=meaning.text, reason=meaning.reason or tr("unknown code")
                    )
                    return self._refuse(s, raw, meaning.kind.value, UNREADABLE, why)
                code = meaning.value if meaning.kind is ScanKind.PRODUCT else (meaning.gtin or meaning.value)
                self._teach_code = meaning.text if meaning.kind is ScanKind.PRODUCT else ""
                why = tr(
                    "Not on order {number}: {code}. Put it back.", number=self.order.number, code=meaning.text
                )
                return self._refuse(s, raw, meaning.kind.value, WRONG_ITEM, why, code=code)
            positions = sorted(positions, key=self._row_at.__getitem__)  # the first in bin order
            position = next((p for p in positions if self._picked[p] < self.order.lines[p].quantity), None)
            line = self.order.lines[positions[0] if position is None else position]
            if position is None:
                why = tr(
                    "All {quantity} of {sku} are picked already. Put this one back.",
                    quantity=line.quantity,
                    sku=line.sku,
                )
                return self._refuse(s, raw, meaning.kind.value, OVER_PICK, why)
            carton = meaning.gs1.count if meaning.gs1 is not None else None
            if carton == 0:
                why = tr("The carton's label says it holds no units: count them one by one.")
                return self._refuse(s, raw, meaning.kind.value, REFUSED, why)
            units = max(quantity, 1) * (carton or 1)
            remaining = line.quantity - self._picked[position]
            if units > remaining:
                why = tr(
                    "Only {remaining} more of {sku} on this order: {units} not counted.",
                    remaining=remaining,
                    sku=line.sku,
                    units=units,
                )
                return self._refuse(s, raw, meaning.kind.value, TOO_MANY, why)
            self._teach_code = ""
            return self._count(s, raw, meaning.kind.value, position, units)

    def command(self, command: Command, raw: str = "") -> PickAnswer:
        """A command barcode (or its key on the page)."""
        if command is Command.SHORT:
            return self.short(raw or "PDC-SHORT")
        if command is Command.CANCEL:
            return self.undo(raw or "PDC-CANCEL")
        if command.quantity:
            return self.set_quantity(self._quantity + command.quantity, raw)
        with self._writing() as s:  # CONFIRM, REPRINT: print the item labels still missing
            ended = self._ended(s, raw, "command")
            if ended is not None:
                return ended
            jid = self._write(s, raw or command.value, "command", command.value.lower())
            if not self._needs_labels:
                return self._say(
                    s, Verdict.quiet(tr("Nothing to confirm: scan the items."), journal_id=jid), raw
                )
            due = len(self._labels_due())
            text = tr("Printing {n} item labels again.", n=due) if due else tr("Every item label is printed.")
            return self._say(s, Verdict.quiet(text, journal_id=jid), raw)

    def set_quantity(self, quantity: int, raw: str = "") -> PickAnswer:
        """How many units the next item scan counts (typed, or `PDC-QTY-n`)."""
        with self._writing() as s:
            ended = self._ended(s, raw, "quantity")
            if ended is not None:
                return ended
            if not 0 <= quantity <= MAX_QUANTITY:
                return self._refuse(
                    s,
                    raw or str(quantity),
                    "quantity",
                    REFUSED,
                    tr("A quantity is 1 to {max}.", max=MAX_QUANTITY),
                )
            self._quantity = quantity
            jid = self._write(s, raw or tr("quantity {n}", n=quantity), "quantity", QUANTITY)
            text = tr("The next scan counts {n}.", n=quantity) if quantity else tr("The next scan counts 1.")
            return self._say(s, Verdict.quiet(text, journal_id=jid), raw)

    def undo(self, raw: str = "") -> PickAnswer:
        """The last counted scan taken back (the unit goes back on the shelf)."""
        with self._writing() as s:
            ended = self._ended(s, raw, "undo")
            if ended is not None:
                return ended
            if not self._undo:
                return self._refuse(s, raw or tr("undo"), "undo", REFUSED, tr("Nothing to undo."))
            position, units = self._undo.pop()
            line = self.order.lines[position]
            jid = self._write(s, raw or tr("undo"), "undo", UNDONE, position, -units)
            self._add_units(position, -units)
            text = tr("Undone: {sku} × {units}. Put it back.", sku=line.sku, units=units)
            return self._say(s, Verdict.quiet(text, (position,), jid), raw)

    def short(self, raw: str = "") -> PickAnswer:
        """The goods not on the shelf: the order waits for stock (6 -> 5.2) naming what is missing."""
        with self._writing() as s:
            ended = self._ended(s, raw, "command")
            if ended is not None:
                return ended
            if self.check_only:
                why = tr(
                    "A unit missing at packing: reopen the order (6.4 → 6) from its page, with the reason."
                )
                return self._refuse(s, raw or "PDC-SHORT", "command", REFUSED, why)
            missing = [
                MissingItem(line.sku, line.quantity - self._picked[i])
                for i, line in enumerate(self.order.lines)
                if self._picked[i] < line.quantity
            ]
            if not missing:
                return self._refuse(
                    s, raw or "PDC-SHORT", "command", REFUSED, tr("Every unit is picked: nothing is short.")
                )
            try:
                self.station.actions.short_pick(self.order_id, missing)
            except FlowRefused as refusal:
                return self._refuse(s, raw or "PDC-SHORT", "command", REFUSED, refusal.message)
            jid = self._end_round(s, raw or "PDC-SHORT", PickEnd.SHORT, "command")
            items = ", ".join(tr("{sku} × {n}", sku=m.sku, n=m.missing) for m in missing)
            text = tr(
                "Order {number} waits for stock: {items} missing. Put its picked units aside.",
                number=self.order.number,
                items=items,
            )
            return self._say(s, Verdict(True, text, Sound.WRONG, (), jid), raw)

    def skip(self, raw: str = "") -> PickAnswer:
        """Not now: the round ends, the goods go back, the order comes back later (its claim is
        given back by the page)."""
        with self._writing() as s:
            ended = self._ended(s, raw, "command")
            if ended is not None:
                return ended
            jid = self._end_round(s, raw or tr("skip"), PickEnd.SKIPPED, "command")
            text = tr(
                "Order {number} skipped: put its {n} picked units back.",
                number=self.order.number,
                n=sum(self._picked),
            )
            return self._say(s, Verdict.quiet(text, journal_id=jid), raw)

    def teach(self, code: str, position: int, raw: str = "") -> PickAnswer:
        """The code just refused is the code of this line's SKU: taught as an alias (for this
        seller, on the server through the outbox, here at once), then the unit in hand counted."""
        with self._writing() as s:
            ended = self._ended(s, raw or code, "product")
            if ended is not None:
                return ended
            if not code or code != self._teach_code:
                why = tr("Scan the code the order does not know first, then teach it.")
                return self._refuse(s, raw or code, "product", REFUSED, why)
            if not 0 <= position < len(self.order.lines):
                return self._refuse(s, raw or code, "product", REFUSED, tr("Choose a line of this order."))
            line = self.order.lines[position]
            try:
                self.station.actions.teach_alias(self.order_id, line.sku, code)
            except FlowRefused as refusal:
                return self._refuse(s, raw or code, "product", REFUSED, refusal.message)
            self._teach_code = ""
            self._keys.setdefault(code.upper(), [])
            for i, other in enumerate(self.order.lines):
                if other.sku == line.sku and i not in self._keys[code.upper()]:
                    self._keys[code.upper()].append(i)
            self._write(s, raw or code, "product", TAUGHT)
            target = next(
                (i for i in self._keys[code.upper()] if self._picked[i] < self.order.lines[i].quantity), None
            )
            if target is None:
                text = tr("{code} is now a code of {sku}.", code=code, sku=line.sku)
                return self._say(s, Verdict.quiet(text), raw)
            return self._count(s, raw or code, "product", target, 1)

    def labels_printed(self) -> PickAnswer:
        """After the item-label printer answered: the order is collected once every unit is
        scanned and every unit's label confirmed."""
        with self._writing() as s:
            self._confirmed = confirmed_labels(s, self.order_id)
            if self._end is PickEnd.OPEN and self.view().complete and not self._labels_due():
                return self._collect(s, "", None, ())
            return self._say(s, Verdict.quiet(self.view().prompt()), "")

    def check(self) -> PickAnswer | None:
        """After a sync: a cancellation (or a move made elsewhere) stops the pick loudly."""
        with self._writing() as s:
            if self._end is not PickEnd.OPEN:
                return None
            return self._ended(s, tr("sync"), STATION_MADE)

    # -- the steps --

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """One transaction for a scan's journal row and its effect (the order actions' own).
        Should it fail (a full disk, a lock held too long), nothing was written, and the
        session's counts go back to what they were: memory never runs ahead of the journal."""
        kept = (
            list(self._picked),
            list(self._lines),
            list(self._undo),
            self._end,
            self._quantity,
            self._teach_code,
            self._switch,
            set(self._confirmed),
            len(self.history),
            dict(self._keys),  # teach adds a key (a code no line had): a shallow copy keeps it out
        )
        try:
            with self.station.actions.together() as s:
                yield s
        except BaseException:
            picked, lines, undo, end, quantity, teach, switch, confirmed, seen, keys = kept
            self._picked, self._lines, self._undo, self._end = picked, lines, undo, end
            self._quantity, self._teach_code, self._switch = quantity, teach, switch
            self._confirmed, self._keys = confirmed, keys
            del self.history[seen:]
            raise

    def _ended(self, s: Session, raw: str, kind: str) -> PickAnswer | None:
        """A refusal when the round has ended or the order moved away from printed; None to go on."""
        if self._end is not PickEnd.OPEN:
            why = tr("The pick of order {number} has ended. Scan the next order.", number=self.order.number)
            return self._refuse(s, raw, kind, REFUSED, why)
        row = s.get(OrderRow, self.order_id)
        status = row.status if row is not None else None
        if status == (S.COLLECTED.value if self.check_only else S.PRINTED.value):
            held = self.station.held_elsewhere(row)
            if not held:
                return None
            jid = self._end_round(s, raw, PickEnd.STOPPED, kind)
            return self._say(s, Verdict.wrong(held + " " + tr("Stop and put the goods back."), jid), raw)
        if status == S.CANCELLED.value:
            jid = self._end_round(s, raw, PickEnd.CANCELLED, kind)
            why = tr("Order {number} was cancelled. Stop and put the goods back.", number=self.order.number)
        else:
            jid = self._end_round(s, raw, PickEnd.STOPPED, kind)
            label = S(status).label if status is not None and status in S._value2member_map_ else "?"
            why = tr(
                "Order {number} is now “{status}”. Stop and put the goods back.",
                number=self.order.number,
                status=label,
            )
        return self._say(s, Verdict.wrong(why, jid), raw)

    @property
    def is_open(self) -> bool:
        """The round goes on (not collected, checked, short, skipped or stopped)."""
        return self._end is PickEnd.OPEN

    def needs(self, keys: Sequence[str]) -> bool:
        """Whether a line named by one of these codes still waits for units (batch sorting)."""
        return any(
            self._picked[p] < self.order.lines[p].quantity for k in keys for p in self._keys.get(k, ())
        )

    def _lines_for(self, s: Session, meaning: ScanMeaning) -> list[int]:
        for key in scan_keys(meaning):
            if key in self._keys:
                return self._keys[key]
        sku = self.station.aliases(s, self.order.seller, meaning.text)
        return self._keys.get(sku.upper(), []) if sku else []

    def _count(self, s: Session, raw: str, kind: str, position: int, units: int) -> PickAnswer:
        line = self.order.lines[position]
        jid = self._write(s, raw, kind, PICKED, position, units)
        self._add_units(position, units)
        self._undo.append((position, units))
        if self._complete() and not self._labels_due():
            return self._collect(s, raw, jid, (position,))
        text = tr(
            "{sku}: {picked} of {quantity}",
            sku=line.sku,
            picked=self._picked[position],
            quantity=line.quantity,
        )
        return self._say(s, Verdict.right(text, (position,), jid), raw)

    def _collect(self, s: Session, raw: str, jid: int | None, lines: tuple[int, ...]) -> PickAnswer:
        if self.check_only:  # collected already: the check ends, the order moves nowhere
            self._end_round(s, raw or tr("checked"), PickEnd.CHECKED, STATION_MADE)
            text = tr("Order {number}: every unit checked.", number=self.order.number)
            return self._say(s, Verdict.right(text, lines, jid), raw)
        try:
            self.station.actions.collected(self.order_id)
        except FlowRefused as refusal:
            return self._say(s, Verdict(True, refusal.message, Sound.WRONG, lines, jid), raw)
        self._end_round(s, raw or tr("collected"), PickEnd.COLLECTED, STATION_MADE)
        text = tr("Order {number} is collected.", number=self.order.number)
        return self._say(s, Verdict.right(text, lines, jid), raw)

    def _order_label(self, raw: str, meaning: ScanMeaning) -> PickAnswer:
        with self._writing() as s:
            number = meaning.value
            if number == self.order.number:
                jid = self._write(s, raw, "order", RESUMED)
                return self._say(
                    s, Verdict.quiet(tr("This is the order you are picking."), journal_id=jid), raw
                )
            other = order_id_by_number(s, number)
            if other is None:
                return self._refuse(
                    s, raw, "order", OTHER_ORDER, tr("No order {number} at this workstation.", number=number)
                )
            if self._switch == number or self._end is not PickEnd.OPEN:
                jid = (
                    self._end_round(s, raw, PickEnd.SKIPPED, "order")
                    if self._end is PickEnd.OPEN
                    else self._write(s, raw, "order", OTHER_ORDER)
                )
                text = tr("Order {number} opens.", number=number)
                return self._say(s, Verdict(True, text, Sound.NONE, (), jid, open_order=other), raw)
            self._switch = number
            why = tr(
                "That is order {other}'s label. Scan it again to put order {number} back and pick {other}.",
                other=number,
                number=self.order.number,
            )
            return self._refuse(s, raw, "order", OTHER_ORDER, why)

    def _refuse(self, s: Session, raw: str, kind: str, word: str, why: str, *, code: str = "") -> PickAnswer:
        jid = self._write(s, raw, kind, word)
        return self._say(s, Verdict.wrong(why, jid, code), raw)

    def _end_round(self, s: Session, raw: str, end: PickEnd, kind: str) -> int:
        """The round's last row. `kind`: the scan or key that ended it ("command", "order"…), or
        STATION_MADE where the station ends it by itself (the last unit in, a sync's news), so
        the day's figures count people's scans and keys only."""
        self._end = end
        self._quantity = 0
        self._teach_code = ""
        return self._write(s, raw, kind, end.value)

    def _write(
        self, s: Session, raw: str, kind: str, word: str, position: int | None = None, units: int = 0
    ) -> int:
        return self.station.journal.write(
            s, raw, kind, self.order_id, word, station=self._station_name, line_position=position, units=units
        )

    def _say(self, s: Session, verdict: Verdict, raw: str) -> PickAnswer:
        """The answer, with the verdict in the page's history."""
        entry = HistoryEntry(
            verdict.journal_id or 0,
            self.station.clock(),
            raw,
            verdict.message,
            verdict.accepted,
            self.station.journal.operator,
        )
        if verdict.journal_id is not None:
            self.history.append(entry)
        if verdict.accepted and verdict.open_order == "":
            self._switch = ""
        return PickAnswer(verdict, self.view(), (entry,) if verdict.journal_id is not None else ())

    def _add_units(self, position: int, units: int) -> None:
        """Count (or take back) units of a line; its row in the view alone is made anew."""
        self._picked[position] += units
        row = self._row_at[position]
        self._lines[row] = PickLine(position, self.order.lines[position], self._picked[position])

    def _complete(self) -> bool:
        return all(pl.done for pl in self._lines)

    def _labels_due(self) -> tuple[ItemLabelJob, ...]:
        if not self._needs_labels:
            return ()
        due: list[ItemLabelJob] = []
        for i, line in enumerate(self.order.lines):
            for unit in range(1, min(self._picked[i], line.quantity) + 1):
                key = f"item_label/{self.order_id}/{i}/{unit}"
                if key not in self._confirmed:
                    due.append(ItemLabelJob(key, self.order_id, i, unit))
        return tuple(due)

    def _words(self, row: JournalRow) -> str:
        """A journal row of this round in words, for the history after a restart."""
        if row.line_position is not None and 0 <= row.line_position < len(self.order.lines):
            sku = self.order.lines[row.line_position].sku
            return tr("{word}: {sku} × {units}", word=row.verdict, sku=sku, units=abs(row.units))
        return row.verdict


def confirmed_labels(s: Session, order_id: str) -> set[str]:
    """The item-label jobs of the order that the printer confirmed."""
    prefix = f"item_label/{order_id}/"
    return set(
        s.scalars(
            select(PrintJob.job_key).where(
                PrintJob.job_key.like(prefix + "%"), PrintJob.state == JOB_CONFIRMED
            )
        )
    )
