"""Printing a label or a packing slip again at the pack station: a reason is needed; the reprint
is journalled with it and written to the order's activity; the label printed before stays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain import OrderStatus
from app.flows import ScanJournal
from app.print_queue import PrintQueue
from app.stations.reprint import PACKING_SLIP, Reprints
from app.store import ActivityRow, ScanRow, Store
from app.store.orders import write_orders
from printing.emulator import PrinterEmulator, start_emulator
from printing.transports import open_printer
from tests.store.conftest import make_order
from ui.printers import StationDocuments


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "prepdesk.sqlite3")
    with s.transaction() as t:
        write_orders(t, [make_order(1, OrderStatus.COLLECTED).to_dict()])
    yield s
    s.close()


@pytest.fixture
def printer() -> Iterator[PrinterEmulator]:
    emulator = start_emulator()
    yield emulator
    emulator.stop()


def reprints(store: Store, printer: PrinterEmulator, folder: Path) -> Reprints:
    label = PrintQueue(store, open_printer(printer.uri), role="shipping_label", workstation="T1")
    documents = PrintQueue(store, open_printer(folder.as_uri()), role="documents", workstation="T1")
    return Reprints(
        store,
        {"shipping_label": label, "documents": documents},
        StationDocuments(),
        ScanJournal(store, "ann", "T1"),
    )


def test_a_label_printed_again_needs_a_reason_and_is_journalled_with_it(
    store: Store, printer: PrinterEmulator, tmp_path: Path
) -> None:
    desk = reprints(store, printer, tmp_path / "docs")
    first = desk.queues["shipping_label"].print_job(
        job_key="shipping_label/1/1",
        order_id="1",
        document="shipping_label",
        payload=StationDocuments().item_label(make_order(1).lines[0]),
        copies=1,
    )
    assert first.confirmed and len(printer.labels) == 1
    assert not desk.reprint("1", "shipping_label", "  ").confirmed  # no reason, no reprint
    assert not desk.reprint("1", "shipping_label", "\u200b").confirmed
    assert len(printer.labels) == 1
    again = desk.reprint("1", "shipping_label", "Label torn on the box")
    assert again.confirmed and len(printer.labels) == 2 and printer.labels[1] == printer.labels[0]
    with store.session() as s:
        journal = [(r.raw, r.verdict, r.station) for r in s.scalars(select(ScanRow))]
        activity = [a.detail for a in s.scalars(select(ActivityRow).where(ActivityRow.action == "reprint"))]
    assert journal == [("Label torn on the box", "reprint shipping_label", "pack")]
    assert activity == ["Reprinted shipping_label: Label torn on the box"]


def test_a_packing_slip_printed_again_goes_to_the_documents_printer(
    store: Store, printer: PrinterEmulator, tmp_path: Path
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    verdict = reprints(store, printer, folder).reprint("1", PACKING_SLIP, "Slip left out of the box")
    assert verdict.confirmed
    [pdf] = list(folder.iterdir())
    assert pdf.read_bytes().startswith(b"%PDF")


def test_no_label_printed_here_means_nothing_to_print_again(
    store: Store, printer: PrinterEmulator, tmp_path: Path
) -> None:
    verdict = reprints(store, printer, tmp_path / "docs").reprint("1", "shipping_label", "Torn")
    assert not verdict.confirmed and "has not printed a label" in verdict.reason
