"""The day in figures, with no Qt: per operator, over a range of time, the orders they collected
and shipped, the units they picked, their scans and wrong scans, and orders per hour; read from
the scan journal and the activity log of this table. And the activity log as CSV.

Store lane (a read). Definitions, as a shift lead counts them:
- an order counts for the operator who moved it to collected (6.4) or shipped (7.1) at this
  table in the range (its activity entry); an order both collected and shipped counts once;
- units: the units the operator's pick scans counted, less the ones undone;
- scans: every journalled scan or key of the operator (not the rows a station wrote by itself,
  such as "collected" after the last unit); wrong scans: the ones a station refused;
- orders per hour: orders over the time from the operator's first to last scan or move in the
  range, at least a quarter of an hour (two orders in a minute is not 120 an hour).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.stations.pick import STATION_MADE
from app.store import ActivityRow, ScanRow, Store
from app.store.queries import StatusCounts, counts_by_status

# The journal words of a refused scan (app/stations): wrong item, one too many, unreadable…
WRONG_SCANS = frozenset(
    {
        "wrong item",
        "over-pick",
        "more than the line needs",
        "unreadable",
        "refused",
        "another order",
        "unknown order",
    }
)
DONE_MOVES = ("→ 6.4", "→ 7.1")
MIN_HOURS = 0.25


@dataclass
class OperatorFigures:
    operator: str
    orders: int = 0
    collected: int = 0
    shipped: int = 0
    units: int = 0
    scans: int = 0
    wrong_scans: int = 0
    first: datetime | None = None
    last: datetime | None = None
    orders_by_hour: dict[datetime, int] = field(default_factory=dict)  # the hour's start -> orders

    @property
    def hours(self) -> float:
        if self.first is None or self.last is None:
            return 0.0
        return max((self.last - self.first).total_seconds() / 3600, MIN_HOURS)

    @property
    def orders_per_hour(self) -> float:
        return self.orders / self.hours if self.hours else 0.0

    def _saw(self, at: datetime) -> None:
        self.first = at if self.first is None or at < self.first else self.first
        self.last = at if self.last is None or at > self.last else self.last


def status_counts(store: Store) -> StatusCounts:
    """The dashboard's tiles: orders by status, shipped today, failed pushes, notices (store lane)."""
    with store.session() as s:
        return counts_by_status(s)


def day_figures(store: Store, start: datetime, end: datetime) -> list[OperatorFigures]:
    """Each operator's figures for [start, end), the busiest first."""
    by: dict[str, OperatorFigures] = {}

    def of(operator: str) -> OperatorFigures:
        return by.setdefault(operator, OperatorFigures(operator))

    with store.session() as s:
        for at, operator, verdict, units in s.execute(
            select(ScanRow.at, ScanRow.operator, ScanRow.verdict, ScanRow.units).where(
                ScanRow.at >= start, ScanRow.at < end, ScanRow.meaning_kind != STATION_MADE
            )
        ):
            f = of(operator)
            f.scans += 1
            f.wrong_scans += verdict in WRONG_SCANS or verdict.startswith("refused")  # pack: "refused: …"
            if verdict in ("picked", "undone"):
                f.units += units
            f._saw(at)
        done: dict[tuple[str, str], datetime] = {}
        for at, operator, order_id, detail in _moves(s, start, end):
            f = of(operator)
            f.collected += "→ 6.4" in detail
            f.shipped += "→ 7.1" in detail
            f._saw(at)
            done.setdefault((operator, order_id), at)
        for (operator, _order_id), at in done.items():
            f = of(operator)
            f.orders += 1
            hour = at.replace(minute=0, second=0, microsecond=0)
            f.orders_by_hour[hour] = f.orders_by_hour.get(hour, 0) + 1
    return sorted(by.values(), key=lambda f: (-f.orders, -f.scans, f.operator))


def _moves(s: Session, start: datetime, end: datetime) -> list[tuple[datetime, str, str, str]]:
    rows = s.execute(
        select(ActivityRow.at, ActivityRow.operator, ActivityRow.order_id, ActivityRow.detail)
        .where(
            ActivityRow.action == "status",
            ActivityRow.origin == "local",
            ActivityRow.at >= start,
            ActivityRow.at < end,
        )
        .order_by(ActivityRow.at, ActivityRow.id)
    )
    return [
        (at, op, oid, detail)
        for at, op, oid, detail in rows
        if at is not None and any(m in detail for m in DONE_MOVES)
    ]


def hours_of(figures: list[OperatorFigures]) -> list[datetime]:
    """Every hour in which someone finished an order, in order (the chart's axis)."""
    return sorted({hour for f in figures for hour in f.orders_by_hour})


CSV_COLUMNS = ("at", "order_id", "action", "detail", "operator", "workstation", "origin")


def activity_csv(store: Store, start: datetime, end: datetime, operator: str = "") -> str:
    """The activity log of [start, end) as CSV (UTC times in ISO 8601), oldest first; one
    operator's entries only where `operator` is given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    with store.session() as s:
        statement = (
            select(ActivityRow)
            .where(ActivityRow.at >= start, ActivityRow.at < end)
            .order_by(ActivityRow.at, ActivityRow.id)
        )
        if operator:
            statement = statement.where(ActivityRow.operator == operator)
        for row in s.scalars(statement):
            at = row.at.isoformat() if row.at is not None else ""
            writer.writerow(
                [at, row.order_id, row.action, _cell(row.detail), row.operator, row.workstation, row.origin]
            )
    return out.getvalue()


def _cell(text: str) -> str:
    """A cell a spreadsheet opens as text: one that starts like a formula gets a quote first
    (a buyer's name "=HYPERLINK(…)" stays words)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
