"""The day in figures on a scripted day at one table, counted by hand; and the activity log as
CSV holds exactly the log's rows for the range."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain import OrderStatus, Shipment
from app.figures import activity_csv, day_figures, hours_of
from app.flows import OrderActions, ScanJournal
from app.stations.pick import PickSession
from app.stations.pick_station import PickStation
from app.store import ActivityRow, Store
from app.store.orders import add_activity, write_orders
from tests.store.conftest import make_order

S = OrderStatus
MUG, CABLE = "4006381333931", "X001ABCDEF"  # every test order: 2 mugs, 1 cable
DAY = datetime(2026, 11, 30, tzinfo=UTC)


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def step(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "prepdesk.sqlite3")
    with s.transaction() as t:
        write_orders(t, [make_order(n, S.PRINTED).to_dict() for n in range(1, 6)])
    yield s
    s.close()


def table(store: Store, operator: str, clock: Clock) -> tuple[OrderActions, PickStation]:
    actions = OrderActions(store, operator, "T1", clock=clock)
    return actions, PickStation(store, actions, ScanJournal(store, operator, "T1", clock=clock), clock=clock)


def pick(station: PickStation, clock: Clock, order_id: str, scans: list[str]) -> PickSession:
    session = station.open(order_id)
    assert isinstance(session, PickSession)
    for code in scans:
        clock.step(seconds=20)
        session.scan(code)
    return session


def scripted_day(store: Store) -> None:
    clock = Clock(DAY.replace(hour=9))
    ann_actions, ann = table(store, "ann", clock)
    pick(ann, clock, "1", [MUG, MUG, CABLE])  # 3 scans + the label = 4 scans, 3 units, collected
    pick(ann, clock, "2", [MUG, "5901234123457", MUG, MUG, CABLE])  # a wrong item, an over-pick
    clock.step(minutes=30)
    ann_actions.shipped("1", [Shipment("1Z999AA10123456784", "ups", 700)])  # order 1 again: counts once
    clock.at = DAY.replace(hour=10, minute=5)
    _boris_actions, boris = table(store, "boris", clock)
    session = pick(boris, clock, "3", [MUG])
    session.undo()  # 1 unit, then taken back: 0 units
    session.short()  # short: no order done
    pick(boris, clock, "4", [MUG, MUG, CABLE])
    clock.at = DAY + timedelta(days=1, hours=9)  # tomorrow: outside the range
    pick(boris, clock, "5", [MUG, MUG, CABLE])


def test_the_days_figures_match_a_hand_count(store: Store) -> None:
    scripted_day(store)
    ann, boris = day_figures(store, DAY, DAY + timedelta(days=1))
    # ann: orders 1 and 2 collected, order 1 shipped -> 2 orders; units 3 + 3; scans: two labels +
    # 3 + 5; wrong: the stranger and the over-pick.
    assert (ann.operator, ann.orders, ann.collected, ann.shipped) == ("ann", 2, 2, 1)
    assert (ann.units, ann.scans, ann.wrong_scans) == (6, 10, 2)
    # boris: order 3 short (label, one mug, the undo, the short), order 4 collected (label + 3).
    assert (boris.operator, boris.orders, boris.collected, boris.shipped) == ("boris", 1, 1, 0)
    assert (boris.units, boris.scans, boris.wrong_scans) == (3, 8, 0)
    # ann worked 09:00:00 (the first label) to 09:32:40 (the shipment, 30 min after her 8th
    # item scan at 09:02:40): 2 orders in 32 min 40 s.
    assert ann.orders_per_hour == pytest.approx(2 / ((32 * 60 + 40) / 3600))
    assert boris.orders_per_hour == pytest.approx(1 / 0.25)  # 2m40s of work counts as a quarter hour
    assert hours_of([ann, boris]) == [DAY.replace(hour=9), DAY.replace(hour=10)]
    [tomorrow] = day_figures(store, DAY + timedelta(days=1), DAY + timedelta(days=2))
    assert (tomorrow.operator, tomorrow.orders, tomorrow.units) == ("boris", 1, 3)


def test_the_csv_holds_exactly_the_logs_rows_for_the_range_and_operator(store: Store) -> None:
    scripted_day(store)
    with store.transaction() as s:  # a detail a spreadsheet would take for a formula
        add_activity(s, "5", "note", '=HYPERLINK("http://x")', "ann", "T1", DAY.replace(hour=11))
    start, end = DAY.replace(hour=9), DAY.replace(hour=12)
    rows = list(csv.DictReader(io.StringIO(activity_csv(store, start, end))))
    with store.session() as s:
        expected = [
            a
            for a in s.query(ActivityRow).order_by(ActivityRow.at, ActivityRow.id)
            if a.at is not None and start <= a.at < end
        ]
    assert [(r["order_id"], r["action"], r["operator"]) for r in rows] == [
        (a.order_id, a.action, a.operator) for a in expected
    ]
    assert rows[-1]["detail"] == '\'=HYPERLINK("http://x")'
    only_boris = list(csv.DictReader(io.StringIO(activity_csv(store, start, end, "boris"))))
    assert only_boris and {r["operator"] for r in only_boris} == {"boris"}
    assert len(only_boris) == sum(a.operator == "boris" for a in expected)
