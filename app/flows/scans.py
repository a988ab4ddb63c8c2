"""The scan journal: every scan is written down before the screen says it was accepted.

Runs on the store worker thread; `journal_scan` returns only after the commit (synchronous=FULL),
so a scan the operator saw accepted survives a crash or a power cut.

A station's scans also say which order line they counted for and how many units (negative for
an undo): the station's progress on an order IS the sum of its journal rows since the row that
began the current round (`round_rows`), so a program killed mid-pick resumes where it stood.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import utcnow
from app.store import Store
from app.store.models import ScanRow

# The journal words of a station's round: one begins it, one of ROUND_ENDINGS closes it.
ROUND_BEGUN = "round begun"
ROUND_ENDINGS = frozenset({"collected", "checked", "short pick", "skipped", "stopped: cancelled", "stopped"})


@dataclass(frozen=True, slots=True)
class JournalRow:
    """One journalled scan of a station's round, as the station reads its progress back."""

    id: int
    at: datetime
    raw: str
    verdict: str
    line_position: int | None
    units: int
    operator: str


class ScanJournal:
    def __init__(
        self, store: Store, operator: str, workstation: str, *, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self.store = store
        self.operator = operator  # changes when another operator signs in
        self.workstation = workstation
        self.clock = clock

    def journal_scan(self, raw: str, meaning_kind: str, order_id: str | None, verdict: str) -> int:
        """Commit one scan (what was read, what it meant, for which order, accepted or why not);
        returns its journal number."""
        with self.store.transaction() as s:
            return self.write(s, raw, meaning_kind, order_id, verdict)

    def write(
        self,
        s: Session,
        raw: str,
        meaning_kind: str,
        order_id: str | None,
        verdict: str,
        *,
        station: str = "",
        line_position: int | None = None,
        units: int = 0,
    ) -> int:
        """One scan written in the caller's transaction (a station writes the scan and its effect
        together); returns its journal number."""
        row = ScanRow(
            at=self.clock(),
            raw=raw,
            meaning_kind=meaning_kind,
            order_id=order_id,
            verdict=verdict,
            operator=self.operator,
            workstation=self.workstation,
            station=station,
            line_position=line_position,
            units=units,
        )
        s.add(row)
        s.flush()
        return int(row.id)


def round_rows(s: Session, order_id: str, station: str) -> list[JournalRow]:
    """The rows of the station's current round on the order, oldest first: from its last
    `ROUND_BEGUN` row on; [] when no round is open (none begun, or the last one ended)."""
    begun = s.scalar(
        select(ScanRow.id)
        .where(ScanRow.order_id == order_id, ScanRow.station == station, ScanRow.verdict == ROUND_BEGUN)
        .order_by(ScanRow.id.desc())
        .limit(1)
    )
    if begun is None:
        return []
    rows = [
        JournalRow(r.id, r.at, r.raw, r.verdict, r.line_position, r.units, r.operator)
        for r in s.scalars(
            select(ScanRow)
            .where(ScanRow.order_id == order_id, ScanRow.station == station, ScanRow.id >= begun)
            .order_by(ScanRow.id)
        )
    ]
    if any(r.verdict in ROUND_ENDINGS for r in rows):
        return []
    return rows


def counted_units(rows: Sequence[JournalRow]) -> dict[int, int]:
    """Units counted per line position over a round's rows (undos included)."""
    counts: dict[int, int] = {}
    for r in rows:
        if r.line_position is not None and r.units:
            counts[r.line_position] = counts.get(r.line_position, 0) + r.units
    return counts
