"""Printing a batch as one operation (no Qt): the emulated Zebra on loopback takes the labels, a
folder the pick list and slips. An order is printed only when the printer confirmed its label;
each order's outcome is told as its label is done; the changes name the orders printed. (The
station's own tests moved here from the print station page's.)"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from app.domain import OrderStatus
from app.operations import print_batch
from app.print_station import SHIPPING_LABEL, PrintDocument
from app.store.queries import load_order, print_jobs_of, unsent_count
from printing.render import OrderDocumentMaker

S = OrderStatus
T = TypeVar("T")


def _label_of(labels: list[bytes], number: str) -> list[bytes]:
    return [label for label in labels if f"^FDPDO-{number}^FS".encode() in label]


def _numbers(store, ids) -> list[str]:
    with store.session() as s:
        return [load_order(s, i).number for i in ids]


def _statuses(store, ids) -> list[OrderStatus]:
    with store.session() as s:
        return [load_order(s, i).status for i in ids]


def _printed_files(folder: Path) -> list[bytes]:
    return [f.read_bytes() for f in sorted(folder.glob("job-*.prn"))]


class ThreadLanes:
    """Lanes as the task runner keeps them: one thread each, here without Qt."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.ran_on: list[str] = []
        self._lanes: dict[str, ThreadPoolExecutor] = {}

    def call(self, lane: str, fn: Callable[[], T]) -> T:
        self.asked.append(lane)
        executor = self._lanes.setdefault(lane, ThreadPoolExecutor(1, thread_name_prefix=lane))

        def run() -> T:
            self.ran_on.append(threading.current_thread().name.split("_")[0])
            return fn()

        return executor.submit(run).result()

    def close(self) -> None:
        for executor in self._lanes.values():
            executor.shutdown()


def test_a_batch_prints_one_label_per_order_then_its_pick_list_and_slips_on_the_documents_lane(
    station, store, order_in, printer, documents
) -> None:
    ids = [order_in(S.READY_TO_PRINT) for _ in range(3)]
    numbers = _numbers(store, ids)
    heard: list[tuple[str, bool, int]] = []
    lanes = ThreadLanes()
    try:
        printed = print_batch(
            station,
            ids,
            lanes=lanes,
            progress=lambda o: heard.append((o.order_id, o.printed, len(printer.labels))),
        )
    finally:
        lanes.close()

    assert [len(_label_of(printer.labels, n)) for n in numbers] == [1, 1, 1]
    assert _statuses(store, ids) == [S.PRINTED] * 3
    assert printed.report.pick_list.confirmed and printed.report.packing_slips.confirmed
    assert [f[:4] for f in _printed_files(documents)] == [b"%PDF", b"%PDF"]
    assert [(order_id, ok) for order_id, ok, _ in heard] == [
        (o.order_id, True) for o in printed.report.outcomes
    ]
    assert [labels_then for _, _, labels_then in heard] == [1, 2, 3]  # told after each label
    assert lanes.asked == lanes.ran_on == ["printer:documents"]  # no carrier label: no server
    assert printed.changes.orders == frozenset(ids) and printed.changes.outbox_grew
    with store.session() as s:
        assert unsent_count(s) == 3


def test_a_printer_out_of_paper_changes_nothing_and_nothing_prints_twice_after(
    station, store, order_in, printer, documents
) -> None:
    ids = [order_in(S.READY_TO_PRINT) for _ in range(3)]
    numbers = _numbers(store, ids)
    printer.set_fault("paper_out")

    failed = print_batch(station, ids)

    assert printer.labels == [] and _printed_files(documents) == []
    assert _statuses(store, ids) == [S.READY_TO_PRINT] * 3
    assert all("paper" in o.reason.lower() for o in failed.report.outcomes)
    assert not failed.changes

    printer.set_fault("none")  # the operator loads paper and prints again
    again = print_batch(station, ids)
    twice = print_batch(station, ids)  # the same orders by mistake

    assert len(again.report.printed) == 3 and twice.report.printed == []
    assert all("already printed" in o.reason for o in twice.report.outcomes)
    assert [len(_label_of(printer.labels, n)) for n in numbers] == [1, 1, 1]  # one each, never two
    assert not twice.changes


def test_a_label_confirmed_just_before_a_crash_is_not_printed_again_and_a_reprint_is(
    station, store, order_in, printer
) -> None:
    """The program died after the printer confirmed a label and before "printed" was written:
    the next print finds the confirmed label, sends nothing, and marks the order printed. Voiding
    the labels (a reprint) then prints a new one."""
    order_id = order_in(S.READY_TO_PRINT)
    # What the print station had done before the crash: the label job, confirmed by the printer.
    order = station.plan([order_id]).orders[0]
    verdict = station.queues[SHIPPING_LABEL].print_job(
        job_key=station._label_key(order_id),
        order_id=order_id,
        document=SHIPPING_LABEL,
        payload=OrderDocumentMaker(document=PrintDocument).shipping_label(order),
    )
    assert verdict.confirmed and len(printer.labels) == 1

    report = print_batch(station, [order_id]).report

    assert [o.printed for o in report.outcomes] == [True]
    assert len(printer.labels) == 1  # the confirmed label was not sent again
    assert _statuses(store, [order_id]) == [S.PRINTED]

    reprint = print_batch(station, [order_id], reprint_reason="Label torn")

    assert [o.printed for o in reprint.report.outcomes] == [True]
    assert len(printer.labels) == 2
    assert reprint.changes.orders == {order_id}
    with store.session() as s:
        labels = [j.state for j in print_jobs_of(s, order_id) if j.document == SHIPPING_LABEL]
    assert labels == ["voided", "confirmed"]


def test_a_label_with_letters_no_font_draws_prints_and_says_which_so_the_packer_checks_it(
    station, store, printer
) -> None:
    from dataclasses import replace

    from app.store.orders import write_orders
    from tests.store.conftest import make_order

    plain = make_order(801, S.READY_TO_PRINT)
    odd = make_order(802, S.READY_TO_PRINT)
    odd = replace(odd, recipient=replace(odd.recipient, street1="Elm 5 \u16a0\u16a2"))  # runes
    with store.transaction() as s:
        write_orders(s, [plain.to_dict(), odd.to_dict()])

    printed = print_batch(station, [plain.id, odd.id])

    by_id = {o.order_id: o for o in printed.report.outcomes}
    assert by_id[plain.id].printed and by_id[plain.id].note == ""
    assert by_id[odd.id].printed  # the label is printed: the rest of it is right
    assert "ᚠ ᚢ" in by_id[odd.id].note and "?" in by_id[odd.id].note
    assert _statuses(store, [plain.id, odd.id]) == [S.PRINTED, S.PRINTED]
    [label] = _label_of(printer.labels, odd.number)
    assert "\u16a0".encode() not in label  # drawn as "?" in the label's own picture of the line
