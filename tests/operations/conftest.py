"""Operation fixtures, no Qt: a store with orders in it (as the flows' tests), the flows and the
scan journal of operator "ann" at table T1, and a print station whose label printer is the
emulated Zebra on loopback TCP and whose documents printer is a folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.flows import OrderActions, ScanJournal
from app.print_queue import PrintQueue
from app.print_station import DOCUMENTS, SHIPPING_LABEL, PrintDocument, PrintStation
from app.store import Store
from printing.emulator import PrinterEmulator, start_emulator
from printing.render import OrderDocumentMaker
from printing.transports import open_printer
from tests.flows.conftest import actions, order_in, store

__all__ = ["actions", "order_in", "store"]


@pytest.fixture
def journal(store: Store) -> ScanJournal:
    return ScanJournal(store, "ann", "T1")


@pytest.fixture
def printer() -> Iterator[PrinterEmulator]:
    """The emulated Zebra on a loopback port."""
    emulator = start_emulator()
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    folder = tmp_path / "documents-printer"
    folder.mkdir()
    return folder


@pytest.fixture
def station(store: Store, actions: OrderActions, printer: PrinterEmulator, documents: Path) -> PrintStation:
    queues = {
        SHIPPING_LABEL: PrintQueue(store, open_printer(printer.uri), role=SHIPPING_LABEL, workstation="T1"),
        DOCUMENTS: PrintQueue(store, open_printer(documents.as_uri()), role=DOCUMENTS, workstation="T1"),
    }
    return PrintStation(store, actions, queues, OrderDocumentMaker(document=PrintDocument))
