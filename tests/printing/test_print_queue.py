"""The print queue tells the truth: a job is confirmed only when the printer said so, failed
with the printer's reason otherwise, and a confirmed job is never printed twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain import Order
from app.print_queue import CONFIRMED, FAILED, PrintQueue
from app.print_station import PrintDocument
from app.store import ActivityRow, Store
from printing.emulator import Fault
from printing.render import documents, render
from printing.transports import open_printer
from tests.printing.conftest import order_dict


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "workstation.sqlite")
    yield s
    s.close()


def _label() -> PrintDocument:
    return PrintDocument("zpl", render(documents("shipping", [Order.from_dict(order_dict())]), "zpl"))


def test_a_label_is_confirmed_only_after_the_printer_took_it(store, emulator) -> None:  # type: ignore[no-untyped-def]
    queue = PrintQueue(store, open_printer(emulator.uri), role="shipping_label")
    verdict = queue.print_job(
        job_key="label/1/0", order_id="id-1", document="shipping_label", payload=_label(), copies=2
    )
    assert verdict.confirmed
    assert len(emulator.labels) == 2  # two copies
    (job,) = queue.jobs()
    assert (job.state, job.attempts, job.copies) == (CONFIRMED, 1, 2)


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        (Fault.PAPER_OUT, "out of paper"),
        (Fault.HEAD_OPEN, "head is open"),
        (Fault.PAUSED, "paused"),
        (Fault.BUFFER_FULL, "buffer"),
        (Fault.SILENT, "not responding"),
        (Fault.HANG_UP, "hung up"),
        (Fault.GARBAGE, "garbled"),
        (Fault.PAPER_OUT_AFTER_JOB, "After the job"),
    ],
)
def test_a_printer_fault_fails_the_job_with_the_reason(store, emulator, fault: Fault, words: str) -> None:  # type: ignore[no-untyped-def]
    emulator.set_fault(fault)
    queue = PrintQueue(store, open_printer(emulator.uri), role="shipping_label")
    verdict = queue.print_job(
        job_key="label/1/0", order_id="id-1", document="shipping_label", payload=_label(), copies=1
    )
    assert not verdict.confirmed and words in verdict.reason
    (job,) = queue.jobs()
    assert job.state == FAILED and words in job.reason


def test_a_retry_after_paper_out_prints_once_and_never_again(store, emulator) -> None:  # type: ignore[no-untyped-def]
    queue = PrintQueue(store, open_printer(emulator.uri), role="shipping_label")
    emulator.set_fault(Fault.PAPER_OUT)
    queue.print_job(
        job_key="label/1/0", order_id="id-1", document="shipping_label", payload=_label(), copies=1
    )
    emulator.set_fault(Fault.NONE)
    results = queue.retry_failed()
    assert [v.confirmed for _, v in results] == [True]
    assert queue.retry_failed() == []
    # the station asking again under the same key is the same job: not sent a second time
    again = queue.print_job(
        job_key="label/1/0", order_id="id-1", document="shipping_label", payload=_label(), copies=1
    )
    assert again.confirmed and len(emulator.labels) == 1


def test_a_reprint_is_a_new_job_with_its_reason_in_the_activity_log(store, emulator) -> None:  # type: ignore[no-untyped-def]
    queue = PrintQueue(store, open_printer(emulator.uri), role="shipping_label", workstation="table-3")
    queue.print_job(
        job_key="label/1/0", order_id="id-1", document="shipping_label", payload=_label(), copies=1
    )
    (first,) = queue.jobs()
    assert not queue.reprint(first.id, "  ").confirmed
    assert queue.reprint(first.id, "label torn", operator="ann").confirmed
    jobs = queue.jobs(order_id="id-1")
    assert [j.job_key for j in jobs] == ["label/1/0", "label/1/0/reprint-1"]
    assert all(j.state == CONFIRMED for j in jobs) and len(emulator.labels) == 2
    with store.session() as s:
        (entry,) = s.scalars(select(ActivityRow).where(ActivityRow.action == "reprint"))
    assert "label torn" in entry.detail and entry.operator == "ann" and entry.workstation == "table-3"


def test_a_job_survives_a_restart_of_the_workstation(tmp_path: Path, emulator) -> None:  # type: ignore[no-untyped-def]
    emulator.set_fault(Fault.HEAD_OPEN)
    first = Store(tmp_path / "w.sqlite")
    PrintQueue(first, open_printer(emulator.uri), role="documents").print_job(
        job_key="pick/1",
        order_id=None,
        document="pick_list",
        payload=PrintDocument("zpl", b"^XA^XZ"),
        copies=1,
    )
    first.close()
    emulator.set_fault(Fault.NONE)
    again = Store(tmp_path / "w.sqlite")
    ((_job, verdict),) = PrintQueue(again, open_printer(emulator.uri), role="documents").retry_failed()
    assert verdict.confirmed and emulator.labels == [b"^XA^XZ"]
    again.close()
