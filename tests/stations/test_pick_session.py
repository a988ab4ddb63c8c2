"""The pick session, without Qt, on a real store: every unit verified by scan, a wrong scan
changes nothing, and the journal is the progress."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain import Line, OrderStatus, Service
from app.flows import NothingToSend, OrderActions, ScanJournal, unsent_entries
from app.i18n import use_language
from app.stations.pick import PickSession
from app.stations.pick_station import PickStation
from app.stations.pick_view import PickEnd
from app.stations.verdict import Sound, Verdict
from app.store import ScanRow, Store, queries
from app.store.orders import write_orders
from tests.store.conftest import make_order

S = OrderStatus
MUG_EAN = "4006381333931"


@pytest.fixture
def station(store: Store) -> PickStation:
    return PickStation(store, OrderActions(store, "ann", "T1"), ScanJournal(store, "ann", "T1"))


@pytest.fixture
def printed(store: Store) -> Callable[..., str]:
    """A printed order (2 mugs by EAN, 1 cable by FNSKU) in the store; returns its id."""
    made = iter(range(1, 10_000))

    def put(status: OrderStatus = S.PRINTED, **extra: object) -> str:
        order = make_order(next(made), status, **extra)
        with store.transaction() as s:
            write_orders(s, [order.to_dict()])
        return order.id

    return put


def opened(station: PickStation, order_id: str) -> PickSession:
    session = station.open(order_id)
    assert isinstance(session, PickSession), session
    return session


def status_of(store: Store, order_id: str) -> OrderStatus:
    with store.session() as s:
        order = queries.load_order(s, order_id)
    assert order is not None
    return order.status


def journal_count(store: Store) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count(ScanRow.id))) or 0)


def test_an_order_is_collected_when_its_last_unit_is_scanned_and_not_before(
    store: Store, station: PickStation, printed: Callable[..., str]
) -> None:
    order_id = printed()
    session = opened(station, order_id)
    assert session.view().prompt() == "Scan the item"
    first = session.scan(MUG_EAN)
    assert first.verdict.accepted and first.verdict.sound is Sound.RIGHT
    assert first.view.prompt() == "Scan 1 more"
    assert status_of(store, order_id) is S.PRINTED
    session.scan(MUG_EAN)
    last = session.scan("X001ABCDEF")  # the cable, by its FNSKU
    assert last.view.end is PickEnd.COLLECTED and last.view.prompt() == "Done"
    assert status_of(store, order_id) is S.COLLECTED
    assert [json.loads(e.body) for e in unsent_entries(store)] == [{"status": "6.4"}]


def test_a_wrong_item_and_one_too_many_are_refused_and_count_nothing(
    store: Store, station: PickStation, printed: Callable[..., str]
) -> None:
    order_id = printed()
    session = opened(station, order_id)
    before = session.view()
    wrong = session.scan("5901234123457")  # an EAN-13 of no line of this order
    assert not wrong.verdict.accepted and wrong.verdict.sound is Sound.WRONG
    assert "Not on order" in wrong.verdict.message and wrong.verdict.code == "5901234123457"
    assert wrong.view.lines == before.lines
    session.scan("X001ABCDEF")
    over = session.scan("X001ABCDEF")
    assert not over.verdict.accepted and "picked already" in over.verdict.message
    assert [pl.picked for pl in over.view.lines] == [0, 1] or [pl.picked for pl in over.view.lines] == [1, 0]
    assert sum(pl.picked for pl in over.view.lines) == 1
    assert unsent_entries(store) == []  # nothing for the server
    # Every scan was journalled, refusals too, with the reason.
    with store.session() as s:
        words = [r.verdict for r in s.scalars(select(ScanRow).order_by(ScanRow.id))]
    assert words == ["round begun", "wrong item", "picked", "over-pick"]


def test_a_code_with_a_wrong_check_digit_says_so_and_counts_nothing(
    station: PickStation, printed: Callable[..., str]
) -> None:
    session = opened(station, printed())
    answer = session.scan("4006381333932")
    assert not answer.verdict.accepted and "check digit" in answer.verdict.message.lower()
    assert answer.view.picked == 0


def test_a_gs1_carton_counts_its_units_and_never_past_the_line(
    store: Store, station: PickStation, printed: Callable[..., str]
) -> None:
    order_id = printed(lines=[Line(id="1", sku="MUG", title="Mug", quantity=12, ean=MUG_EAN)])
    session = opened(station, order_id)
    carton = f"(02)0{MUG_EAN}(37)6"
    assert session.scan(carton).view.picked == 6
    too_many = session.scan(f"(02)0{MUG_EAN}(37)8")
    assert not too_many.verdict.accepted and too_many.view.picked == 6
    assert "Only 6 more" in too_many.verdict.message
    assert session.scan(carton).view.end is PickEnd.COLLECTED


def test_a_quantity_set_before_a_scan_counts_as_many_once(
    station: PickStation, printed: Callable[..., str]
) -> None:
    session = opened(station, printed(lines=[Line(id="1", sku="MUG", title="Mug", quantity=7, ean=MUG_EAN)]))
    session.scan("PDC-QTY-5")
    assert session.view().quantity == 5
    assert session.scan(MUG_EAN).view.picked == 5
    assert session.view().quantity == 0  # used once
    session.set_quantity(3)
    refused = session.scan(MUG_EAN)
    assert not refused.verdict.accepted and refused.view.picked == 5 and refused.view.quantity == 0
    assert session.scan(MUG_EAN).view.picked == 6


def test_a_short_pick_sends_exactly_what_is_missing(
    store: Store, station: PickStation, printed: Callable[..., str]
) -> None:
    order_id = printed()
    session = opened(station, order_id)
    session.scan(MUG_EAN)
    answer = session.scan("PDC-SHORT")
    assert answer.view.end is PickEnd.SHORT
    assert status_of(store, order_id) is S.AWAITING_STOCK
    [entry] = unsent_entries(store)
    body = json.loads(entry.body)
    assert body["status"] == "5.2"
    assert "SKU-1 × 1" in body["reason"] and "CABLE-USB-C × 1" in body["reason"]
    # The round has ended: a further scan is refused and counts nothing.
    assert not session.scan(MUG_EAN).verdict.accepted


def test_undo_takes_back_the_last_counted_scan_only(
    station: PickStation, printed: Callable[..., str]
) -> None:
    session = opened(station, printed())
    session.scan(MUG_EAN)
    session.scan("X001ABCDEF")
    undone = session.undo()
    assert undone.verdict.accepted and "CABLE-USB-C" in undone.verdict.message
    assert undone.view.picked == 1
    session.undo()
    assert session.view().picked == 0
    assert not session.undo().verdict.accepted  # nothing left to undo


def test_a_killed_pick_resumes_from_the_journal(
    store: Store, station: PickStation, printed: Callable[..., str], tmp_path: Path
) -> None:
    order_id = printed()
    session = opened(station, order_id)
    session.scan(MUG_EAN)
    session.scan("X001ABCDEF")
    session.undo()
    # A new program on the same file: a new station, nothing in memory.
    again = Store(tmp_path / "prepdesk.sqlite3")
    fresh = PickStation(again, OrderActions(again, "ann", "T1"), ScanJournal(again, "ann", "T1"))
    assert fresh.open_round() == order_id
    resumed = opened(fresh, order_id)
    assert resumed.view().picked == 1
    assert resumed.undo().view.picked == 0  # the undo stack came back too
    again.close()


def test_skip_ends_the_round_and_the_next_open_starts_afresh(
    station: PickStation, printed: Callable[..., str]
) -> None:
    order_id = printed()
    session = opened(station, order_id)
    session.scan(MUG_EAN)
    assert session.skip().view.end is PickEnd.SKIPPED
    assert station.open_round() is None
    assert opened(station, order_id).view().picked == 0


def test_collected_cannot_be_reached_without_every_unit_scanned(
    store: Store, printed: Callable[..., str]
) -> None:
    order_id = printed()
    actions = OrderActions(store, "ann", "T1")
    with pytest.raises(NothingToSend, match="not every unit"):
        actions.collected(order_id)
    assert unsent_entries(store) == [] and status_of(store, order_id) is S.PRINTED


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (S.READY_TO_PRINT, "not printed yet"),
        (S.COLLECTED, "collected already"),
        (S.SHIPPED, "shipped already"),
        (S.CANCELLED, "cancelled"),
        (S.AWAITING_STOCK, "not picked now"),
    ],
)
def test_an_order_that_is_not_printed_does_not_open(
    store: Store, station: PickStation, printed: Callable[..., str], status: OrderStatus, words: str
) -> None:
    answer = station.open(printed(status))
    assert isinstance(answer, Verdict) and not answer.accepted and words in answer.message
    assert journal_count(store) == 1  # the scan is journalled all the same


def test_a_cancellation_seen_mid_pick_stops_it(
    store: Store, station: PickStation, printed: Callable[..., str]
) -> None:
    order_id = printed()
    session = opened(station, order_id)
    session.scan(MUG_EAN)
    cancelled = make_order(1, S.CANCELLED)
    with store.transaction() as s:  # as the sync writes the server's word
        write_orders(s, [cancelled.to_dict()])
    answer = session.scan(MUG_EAN)
    assert not answer.verdict.accepted and "cancelled" in answer.verdict.message
    assert answer.view.end is PickEnd.CANCELLED and answer.view.picked == 1
    assert unsent_entries(store) == []


def test_another_orders_label_mid_pick_switches_only_when_scanned_twice(
    station: PickStation, printed: Callable[..., str]
) -> None:
    first, second = printed(), printed()
    session = opened(station, first)
    session.scan(MUG_EAN)
    once = session.scan("PDO-100002")
    assert not once.verdict.accepted and "Scan it again" in once.verdict.message
    assert once.view.picked == 1 and once.view.end is PickEnd.OPEN
    twice = session.scan("PDO-100002")
    assert twice.verdict.open_order == second and twice.view.end is PickEnd.SKIPPED


def test_an_order_held_at_another_table_does_not_open(
    store: Store, station: PickStation, printed: Callable[..., str]
) -> None:
    from datetime import timedelta

    from app.domain import utcnow
    from app.store.orders import set_claim_columns

    order_id = printed()
    with store.transaction() as s:
        set_claim_columns(s, order_id, "T2", "boris", utcnow() + timedelta(minutes=5))
    answer = station.open(order_id)
    assert isinstance(answer, Verdict) and "T2" in answer.message and "boris" in answer.message


def test_item_labels_are_due_one_per_unit_when_the_order_asks_for_fnsku_labelling(
    store: Store, station: PickStation, printed: Callable[..., str]
) -> None:
    order_id = printed(services=[Service("FNSKU_LABEL", 3)])
    session = opened(station, order_id)
    session.scan(MUG_EAN)
    session.scan(MUG_EAN)
    answer = session.scan("X001ABCDEF")
    assert answer.view.complete and answer.view.end is PickEnd.OPEN  # waits for the labels
    assert [j.job_key for j in answer.view.labels_due] == [
        f"item_label/{order_id}/0/1",
        f"item_label/{order_id}/0/2",
        f"item_label/{order_id}/1/1",
    ]
    assert status_of(store, order_id) is S.PRINTED


def test_item_labels_print_one_per_unit_and_never_twice_after_a_printer_fault(
    store: Store, station: PickStation, printed: Callable[..., str]
) -> None:
    from app.print_queue import PrintQueue
    from app.stations.item_labels import ItemLabelPrinter
    from printing.emulator import Fault, start_emulator
    from printing.transports import open_printer
    from ui.printers import StationDocuments

    order_id = printed(services=[Service("FNSKU_LABEL", 3)])
    emulator = start_emulator()
    try:
        printer = ItemLabelPrinter(
            PrintQueue(store, open_printer(emulator.uri), role="item_label"), StationDocuments()
        )
        session = opened(station, order_id)
        first = session.scan(MUG_EAN)
        assert printer.print_due(session.order, first.view.labels_due).confirmed
        assert len(emulator.labels) == 1
        emulator.set_fault(Fault.PAPER_OUT)
        second = session.scan(MUG_EAN)
        failed = printer.print_due(session.order, second.view.labels_due)
        assert not failed.confirmed and "paper" in failed.reason
        after_fault = session.scan("X001ABCDEF").view
        assert after_fault.complete and after_fault.end is PickEnd.OPEN  # not collected without its labels
        assert status_of(store, order_id) is S.PRINTED
        emulator.set_fault(Fault.NONE)
        # The retry prints what is missing (the second mug, the cable) and nothing twice.
        assert printer.print_due(session.order, session.labels_printed().view.labels_due).confirmed
        assert printer.print_due(session.order, session.view().labels_due).confirmed  # nothing left
        assert len(emulator.labels) == 3
        assert all(b"X001ABCDEF" in label or b"SKU-1" in label for label in emulator.labels)
        done = session.labels_printed()
        assert done.view.end is PickEnd.COLLECTED and status_of(store, order_id) is S.COLLECTED
    finally:
        emulator.stop()


@pytest.mark.parametrize("after", [3, 17, 41])
def test_a_pick_killed_mid_order_resumes_with_every_confirmed_scan_counted(
    tmp_path: Path, printed: Callable[..., str], store: Store, after: int
) -> None:
    import os
    import signal
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[2]
    order_id = printed(lines=[Line(id="1", sku="MUG", title="Mug", quantity=500, ean=MUG_EAN)])
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.stations.pick_worker", str(store.path), order_id, MUG_EAN],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(repo)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    confirmed = 0
    for line in child.stdout:
        if line.startswith("CONFIRMED"):
            confirmed = int(line.split()[1])
        if confirmed >= after:
            break
    child.send_signal(signal.SIGKILL)
    child.wait()
    station = PickStation(store, OrderActions(store, "ann", "T1"), ScanJournal(store, "ann", "T1"))
    assert station.open_round() == order_id
    resumed = opened(station, order_id)
    # Every scan the picker saw confirmed is counted; at most the one in flight more.
    assert confirmed <= resumed.view().picked <= confirmed + 1
    with store.session() as s:
        journalled = s.scalar(select(func.count(ScanRow.id)).where(ScanRow.verdict == "picked"))
    assert journalled == resumed.view().picked


def test_the_same_sku_on_two_lines_fills_the_first_in_bin_order(
    station: PickStation, printed: Callable[..., str]
) -> None:
    lines = [
        Line(id="1", sku="MUG", title="Mug", quantity=1, ean=MUG_EAN, bin_location="C-09"),
        Line(id="2", sku="MUG", title="Mug", quantity=1, ean=MUG_EAN, bin_location="A-01"),
    ]
    session = opened(station, printed(lines=lines))
    first = session.scan(MUG_EAN)
    assert first.verdict.lines == (1,)  # the line in bin A-01, walked first
    assert session.scan(MUG_EAN).verdict.lines == (0,)


def test_a_carton_that_says_it_holds_nothing_counts_nothing(
    station: PickStation, printed: Callable[..., str]
) -> None:
    session = opened(station, printed(lines=[Line(id="1", sku="MUG", title="Mug", quantity=5, ean=MUG_EAN)]))
    answer = session.scan(f"(02)0{MUG_EAN}(37)0")
    assert not answer.verdict.accepted and answer.view.picked == 0


def test_an_order_with_nothing_to_pick_does_not_open(
    station: PickStation, printed: Callable[..., str]
) -> None:
    answer = station.open(printed(lines=[]))
    assert isinstance(answer, Verdict) and "nothing to pick" in answer.message


def test_an_order_held_at_another_table_is_not_offered_as_waiting(
    store: Store, station: PickStation, printed: Callable[..., str]
) -> None:
    from datetime import timedelta

    from app.domain import utcnow
    from app.store.orders import set_claim_columns

    held, free, lapsed = printed(), printed(), printed()
    with store.transaction() as s:
        set_claim_columns(s, held, "T2", "boris", utcnow() + timedelta(minutes=5))
        set_claim_columns(s, lapsed, "T3", "chen", utcnow() - timedelta(minutes=1))
    assert sorted(order_id for order_id, _number, _units in station.waiting_orders()) == sorted(
        [free, lapsed]
    )


def test_a_scan_whose_commit_fails_counts_nothing_on_screen_either(
    store: Store, station: PickStation, printed: Callable[..., str]
) -> None:
    from sqlalchemy import text

    session = opened(station, printed())
    session.scan(MUG_EAN)
    with store.transaction() as s:  # the disk refuses the next journal row (a real SQLite abort)
        s.execute(
            text(
                "CREATE TRIGGER full_disk BEFORE INSERT ON scan_journal BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )
        )
    with pytest.raises(Exception, match="disk full"):
        session.scan(MUG_EAN)
    assert session.view().picked == 1 and session.view().end is PickEnd.OPEN
    with store.transaction() as s:
        s.execute(text("DROP TRIGGER full_disk"))
    answer = session.scan(MUG_EAN)
    assert answer.verdict.accepted and answer.view.picked == 2
    with store.session() as s:
        assert s.scalar(select(func.count(ScanRow.id)).where(ScanRow.verdict == "picked")) == 2


def test_a_resumed_rounds_history_speaks_the_operators_language(
    store: Store, station: PickStation, printed: Callable[..., str], tmp_path: Path
) -> None:
    """The journal keeps its words in English (it is a record); the history read back from it
    after a restart speaks the operator's language, like the answers given live."""
    order_id = printed()
    opened(station, order_id).scan(MUG_EAN)
    again = Store(tmp_path / "prepdesk.sqlite3")
    with use_language("ru"):
        fresh = PickStation(again, OrderActions(again, "ann", "T1"), ScanJournal(again, "ann", "T1"))
        history = [entry.words for entry in opened(fresh, order_id).history]
    again.close()
    assert len(history) == 2, history  # the round begun, the mug picked
    assert not any(word.startswith(("round begun", "picked")) for word in history), history
