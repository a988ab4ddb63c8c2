"""What the pick page shows of a pick session: frozen snapshots made on the store lane and read
on the GUI thread (the page repaints only the lines a verdict names)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from app.domain import Line
from app.i18n import ntr, tr
from app.stations.verdict import Verdict


class PickEnd(enum.StrEnum):
    """How a pick round ended ("" while it goes on); the values are the journal's words."""

    OPEN = ""
    COLLECTED = "collected"
    CHECKED = "checked"  # verified again at packing: every unit scanned, the order stays collected
    SHORT = "short pick"
    SKIPPED = "skipped"
    CANCELLED = "stopped: cancelled"
    STOPPED = "stopped"  # held at another table, or moved on elsewhere


@dataclass(frozen=True, slots=True)
class PickLine:
    """One order line as the picker works it: `position` is its place in the order."""

    position: int
    line: Line
    picked: int

    @property
    def remaining(self) -> int:
        return max(self.line.quantity - self.picked, 0)

    @property
    def done(self) -> bool:
        return self.picked >= self.line.quantity


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One journalled scan or key of this order's round, for the page's history."""

    journal_id: int
    at: datetime
    raw: str
    words: str
    accepted: bool
    operator: str = ""


@dataclass(frozen=True, slots=True)
class ItemLabelJob:
    """One unit's item label: printed once, whatever happens (the key is the unit's)."""

    job_key: str
    order_id: str
    position: int
    unit: int  # 1..quantity within the line


@dataclass(frozen=True, slots=True)
class PickView:
    """The order on the pick page after the last scan."""

    order_id: str
    number: str
    seller: str
    lines: tuple[PickLine, ...]
    end: PickEnd = PickEnd.OPEN
    quantity: int = 0  # a count waiting for the next item scan (0: none)
    item_labels: bool = False  # the order's services include FNSKU labelling
    labels_due: tuple[ItemLabelJob, ...] = ()
    teach_code: str = ""  # a code not on the order, offered to be taught to a line
    check: bool = False  # verifying a collected order again at packing (no status move)

    @property
    def units(self) -> int:
        return sum(pl.line.quantity for pl in self.lines)

    @property
    def picked(self) -> int:
        return sum(min(pl.picked, pl.line.quantity) for pl in self.lines)

    @property
    def next_line(self) -> PickLine | None:
        """The line to pick next: the first unfinished one in bin order."""
        return next((pl for pl in self.lines if not pl.done), None)

    @property
    def complete(self) -> bool:
        return all(pl.done for pl in self.lines)

    def prompt(self) -> str:
        """The one large instruction the picker reads from a step away."""
        if self.end in (PickEnd.COLLECTED, PickEnd.CHECKED):
            return tr("Done")
        if self.end is PickEnd.SHORT:
            return tr("Short: put the order aside")
        if self.end is PickEnd.SKIPPED:
            return tr("Skipped: put the goods back")
        if self.end in (PickEnd.CANCELLED, PickEnd.STOPPED):
            return tr("Stop: put the goods back")
        if self.complete:
            return tr("Waiting for the item labels")
        nxt = self.next_line
        if nxt is None:
            return tr("Done")
        if nxt.picked == 0:
            return tr("Scan the item")
        return ntr("Scan {n} more", "Scan {n} more", nxt.remaining)


@dataclass(frozen=True, slots=True)
class PickAnswer:
    """A verdict and the order as it now stands; `history` holds this answer's new entries."""

    verdict: Verdict
    view: PickView
    history: tuple[HistoryEntry, ...] = field(default=())
