"""The print station against the reference server, the printer emulator on loopback (labels) and a
print folder (documents): a batch prints one label per order, its pick list and packing slips,
and the orders end printed on the server; a printer out of paper leaves them ready to print with
the reason on screen, and nothing prints twice once paper is back. The operation's own tests,
without Qt, are in tests/operations/test_print_batch.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain import OrderStatus
from app.print_queue import PrintQueue
from app.print_station import DOCUMENTS, SHIPPING_LABEL, PrintStation
from app.store.queries import OrderFilter, list_orders, load_order, print_jobs_of
from printing.emulator import PrinterEmulator
from printing.transports import open_printer
from server.harness import RunningServer
from tests.ui.orders_world import workstation_on_store
from ui import page_wiring as wiring
from ui.models.print_batch import PrintState
from ui.pages.print_station import PrintStationPage
from ui.printers import StationDocuments
from ui.workstation import Workstation

S = OrderStatus


@pytest.fixture
def server(demo_server: RunningServer) -> RunningServer:
    return demo_server


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    folder = tmp_path / "documents-printer"
    folder.mkdir()
    return folder


@pytest.fixture
def ws(
    tmp_path: Path, server: RunningServer, printer: PrinterEmulator, documents: Path
) -> Iterator[Workstation]:
    workstation = workstation_on_store(tmp_path, server=server)
    assert workstation.sync.run_once().error is None
    store = workstation.store
    queues = {
        SHIPPING_LABEL: PrintQueue(
            store, open_printer(printer.uri), role=SHIPPING_LABEL, workstation="table-1"
        ),
        DOCUMENTS: PrintQueue(store, open_printer(documents.as_uri()), role=DOCUMENTS, workstation="table-1"),
    }
    workstation.printers = queues
    assert workstation.flows is not None
    workstation.print_station = PrintStation(store, workstation.flows.orders, queues, StationDocuments())
    yield workstation
    workstation.tasks.shutdown()
    workstation.server.close()
    workstation.store.close()


@pytest.fixture
def page(ws: Workstation, qtbot) -> PrintStationPage:
    widget = wiring.print_station_page(ws)
    qtbot.addWidget(widget)
    return widget


def _ready(ws: Workstation, n: int) -> list[str]:
    with ws.store.session() as s:
        rows = list_orders(s, OrderFilter(statuses=(S.READY_TO_PRINT,)), limit=n).rows
    assert len(rows) == n
    return [r.id for r in rows]


def _print(page: PrintStationPage, qtbot, again: bool = False) -> object:
    with qtbot.waitSignal(page.batch_printed, timeout=20000) as done:
        page.print_again() if again else page.print_batch()
    return done.args[0]


def _printed_files(folder: Path) -> list[bytes]:
    return [f.read_bytes() for f in sorted(folder.glob("job-*.prn"))]


def _pdf_text(content: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(content)
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def _label_of(labels: list[bytes], number: str) -> list[bytes]:
    return [label for label in labels if f"^FDPDO-{number}^FS".encode() in label]


def _server_status(ws: Workstation, order_id: str) -> OrderStatus:
    return ws.server.get_order(order_id).status


def test_printing_a_batch_prints_one_label_per_order_and_the_server_ends_with_them_printed(
    ws, page, qtbot, printer, documents
) -> None:
    ids = _ready(ws, 3)
    with qtbot.waitSignal(page.batch_changed, timeout=10000):
        page.take_orders(ids)
    assert page.model.order_ids() == ids

    report = _print(page, qtbot)

    numbers = [page.model.entries()[i].row.number for i in range(3)]
    assert len(printer.labels) == 3
    assert [len(_label_of(printer.labels, n)) for n in numbers] == [1, 1, 1]
    assert report.pick_list.confirmed and report.packing_slips.confirmed
    pick_list, slips = _printed_files(documents)
    assert pick_list.startswith(b"%PDF") and slips.startswith(b"%PDF")
    assert all(n in _pdf_text(pick_list) for n in numbers)
    assert all(n in _pdf_text(slips) for n in numbers)
    assert {e.state for e in page.model.entries()} == {PrintState.PRINTED}
    assert ws.sync.run_once().error is None
    assert [_server_status(ws, i) for i in ids] == [S.PRINTED] * 3


def test_a_printer_out_of_paper_leaves_the_orders_ready_and_nothing_prints_twice_after(
    ws, page, qtbot, printer, documents
) -> None:
    ids = _ready(ws, 3)
    with qtbot.waitSignal(page.batch_changed, timeout=10000):
        page.take_orders(ids)
    printer.set_fault("paper_out")

    _print(page, qtbot)

    assert printer.labels == [] and _printed_files(documents) == []
    assert {e.state for e in page.model.entries()} == {PrintState.FAILED}
    reason = page.model.entries()[0].reason
    assert "paper" in reason.lower()
    assert all(e.reason == reason for e in page.model.entries())
    assert not page.verdict.isHidden() and reason in page.verdict.text()
    assert not page.retry_button.isHidden() and page.retry_button.isEnabled()
    with ws.store.session() as s:
        assert [load_order(s, i).status for i in ids] == [S.READY_TO_PRINT] * 3
    assert ws.sync.run_once().error is None
    assert [_server_status(ws, i) for i in ids] == [S.READY_TO_PRINT] * 3

    printer.set_fault("none")  # the operator loads paper and presses "print again"
    _print(page, qtbot, again=True)
    assert {e.state for e in page.model.entries()} == {PrintState.PRINTED}
    numbers = [e.row.number for e in page.model.entries()]
    said: list[str] = []
    ws.notifier.said.connect(lambda text, *_: said.append(text))
    with qtbot.waitSignal(page.batch_changed, timeout=10000):
        page.take_orders(ids)  # the same orders scanned into the batch again by mistake
    assert page.model.entries() == []  # refused as they are added, not at printing
    assert all(f"Order {n} is already printed" in said[-1] for n in numbers)
    page.print_batch()

    assert [len(_label_of(printer.labels, n)) for n in numbers] == [1, 1, 1]  # one each, never two
    assert len(_printed_files(documents)) == 2  # the pick list and slips of the batch that printed
    assert ws.sync.run_once().error is None
    assert [_server_status(ws, i) for i in ids] == [S.PRINTED] * 3


def test_an_order_not_ready_to_print_is_refused_with_the_reason_when_it_is_added(
    ws, page, qtbot, printer
) -> None:
    """Issue 14, point 3: a collected (or any not printable) order is refused as it is added to
    the batch, with the reason; the ready one beside it joins."""
    with ws.store.session() as s:
        waiting = list_orders(s, OrderFilter(statuses=(S.AWAITING_STOCK,)), limit=1).rows[0]
    ready = _ready(ws, 1)
    said: list[tuple[str, str]] = []
    ws.notifier.said.connect(lambda text, tone, *_: said.append((text, tone)))
    with qtbot.waitSignal(page.batch_changed, timeout=10000):
        page.take_orders([waiting.id, *ready])
    assert page.model.order_ids() == ready
    assert said and said[-1][1] == "wrong"
    assert waiting.number in said[-1][0] and "Awaiting stock" in said[-1][0]
    assert printer.labels == []


def test_a_reprint_voids_the_labels_with_the_reason_and_prints_them_once_more(
    ws, page, qtbot, printer
) -> None:
    ids = _ready(ws, 1)
    with qtbot.waitSignal(page.batch_changed, timeout=10000):
        page.take_orders(ids)
    _print(page, qtbot)
    assert ws.sync.run_once().error is None
    page.copies.setValue(2)
    with qtbot.waitSignal(page.batch_printed, timeout=20000):
        page.reprint([0], "Label smudged")  # the printed row, selected, "Reprint selected…"

    number = page.model.entries()[0].row.number
    assert len(_label_of(printer.labels, number)) == 3  # the first print, then two copies of the reprint
    assert ws.sync.run_once().error is None
    order = ws.server.get_order(ids[0])
    assert order.status is S.PRINTED
    assert any("Label smudged" in a.detail for a in order.activity)


def test_print_error_moves_the_selected_order_to_5_3_with_the_reason(ws, page, qtbot) -> None:
    ids = _ready(ws, 2)
    with qtbot.waitSignal(page.batch_changed, timeout=10000):
        page.take_orders(ids)
    page.mark_print_error([0], "House number missing")
    qtbot.waitUntil(lambda: page.model.entries()[0].row.status is S.PRINT_ERROR, timeout=10000)
    assert ws.sync.run_once().error is None
    order = ws.server.get_order(ids[0])
    assert (order.status, order.status_reason) == (S.PRINT_ERROR, "House number missing")
    assert _server_status(ws, ids[1]) is S.READY_TO_PRINT


def test_the_scanner_alone_fills_the_batch_and_prints_it(ws, page, qtbot, printer) -> None:
    ids = _ready(ws, 2)
    with ws.store.session() as s:
        numbers = [load_order(s, i).number for i in ids]
    for number in numbers:
        with qtbot.waitSignal(page.batch_changed, timeout=10000):
            assert page.handle_scan(f"PDO-{number}")
    assert sorted(page.model.order_ids()) == sorted(ids)
    with qtbot.waitSignal(page.batch_printed, timeout=20000):
        assert page.handle_scan("PDC-CONFIRM")
    assert [len(_label_of(printer.labels, n)) for n in numbers] == [1, 1]
    assert not page.handle_scan("4006381333931")  # a product code is not the print station's


def test_an_order_with_a_carrier_label_prints_the_servers_label_as_it_is(ws, page, qtbot, printer) -> None:
    with ws.store.session() as s:
        ready = list_orders(s, OrderFilter(statuses=(S.READY_TO_PRINT,)), limit=100).rows
        orders = [load_order(s, r.id) for r in ready]
    bought = {o.carrier_label: o for o in orders if o.carrier_label}
    assert {"zpl", "pdf"} <= bought.keys(), "the demo data has bought labels of both kinds"
    with qtbot.waitSignal(page.batch_changed, timeout=10000):
        page.take_orders([bought["zpl"].id, bought["pdf"].id])
    assert {e.row.carrier_label for e in page.model.entries()} == {"zpl", "pdf"}

    report = _print(page, qtbot)

    assert len(report.printed) == 2 and len(printer.labels) == 2
    zpl = ws.server.carrier_label(bought["zpl"].id).content
    assert zpl.strip() in printer.labels  # passed through untouched
    rasterised = [label for label in printer.labels if label != zpl.strip()]
    assert len(rasterised) == 1 and b"^GFA" in rasterised[0]  # the PDF, drawn for the thermal printer
    assert not _label_of(printer.labels, bought["zpl"].number)  # not our own label instead


def test_labels_voided_at_another_table_are_printed_anew_here_not_taken_as_done(
    ws, server, qtbot, printer, tmp_path
) -> None:
    """Table 1 printed the order; table 2 voided its labels (a reprint there, 6 -> 5.1). When the
    order comes back to table 1 ready to print, its old confirmed label must not count: the next
    print sends a new label, and the activity says why."""
    station = ws.print_station
    order_id = _ready(ws, 1)[0]
    report = station.print_labels(station.plan([order_id]))
    assert [o.printed for o in report.outcomes] == [True] and len(printer.labels) == 1
    assert ws.sync.run_once().error is None
    assert _server_status(ws, order_id) is S.PRINTED

    other = workstation_on_store(tmp_path / "table-2", server=server)
    try:
        assert other.sync.run_once().error is None
        other.flows.orders.void_labels(order_id, "Label torn at table 2")
        assert other.sync.run_once().error is None
    finally:
        other.tasks.shutdown()
        other.server.close()
        other.store.close()
    assert _server_status(ws, order_id) is S.READY_TO_PRINT

    assert ws.sync.run_once().error is None  # table 1 hears of it
    again = station.print_labels(station.plan([order_id]))

    assert [o.printed for o in again.outcomes] == [True]
    assert len(printer.labels) == 2  # a new label, not the old one taken as done
    with ws.store.session() as s:
        assert [j.state for j in print_jobs_of(s, order_id)] == ["voided", "confirmed"]
        assert any(a.action == "labels_voided" for a in load_order(s, order_id).activity)


def test_confirm_scanned_with_nothing_in_the_batch_says_so_in_red(ws, page, qtbot, printer) -> None:
    sounds: list[str] = []
    ws.notifier.sounded.connect(sounds.append)
    said: list[str] = []
    ws.notifier.said.connect(lambda text, *_: said.append(text))
    assert page.handle_scan("PDC-CONFIRM")
    assert sounds == ["wrong"] and "Nothing in the batch" in said[-1]
    assert printer.labels == []


def test_labels_voided_elsewhere_and_first_heard_of_by_opening_the_order_are_printed_anew(
    ws, server, qtbot, printer, tmp_path
) -> None:
    """As above, but this table hears of the void through the order detail's whole-order fetch
    (the packer opened the order), before any pull: the next print still makes a new label."""
    station = ws.print_station
    order_id = _ready(ws, 1)[0]
    station.print_labels(station.plan([order_id]))
    assert ws.sync.run_once().error is None and len(printer.labels) == 1

    other = workstation_on_store(tmp_path / "table-2", server=server)
    try:
        assert other.sync.run_once().error is None
        other.flows.orders.void_labels(order_id, "Label torn at table 2")
        assert other.sync.run_once().error is None
    finally:
        other.tasks.shutdown()
        other.server.close()
        other.store.close()

    ws.sync.fetch_order(order_id)  # the order opened at this table
    assert ws.sync.run_once().error is None
    again = station.print_labels(station.plan([order_id]))

    assert [o.printed for o in again.outcomes] == [True]
    assert len(printer.labels) == 2


def test_an_order_label_read_in_small_letters_still_joins_the_batch(ws, page, qtbot) -> None:
    """A scanner with Caps Lock on types our codes in small letters: they still count."""
    [order_id] = _ready(ws, 1)
    with ws.store.session() as s:
        number = load_order(s, order_id).number
    with qtbot.waitSignal(page.batch_changed, timeout=10000):
        assert page.handle_scan(f"pdo-{number}".lower())
    assert page.model.order_ids() == [order_id]
    assert page.handle_scan("pdc-cancel")
    assert page.model.order_ids() == []


def test_a_scanned_label_of_an_order_not_ready_to_print_is_refused_at_once_with_the_reason(
    ws, page, qtbot
) -> None:
    with ws.store.session() as s:
        waiting = list_orders(s, OrderFilter(statuses=(S.AWAITING_STOCK,)), limit=1).rows[0]
    said: list[tuple[str, str]] = []
    ws.notifier.said.connect(lambda text, tone, *_: said.append((text, tone)))
    with qtbot.waitSignal(page.batch_changed, timeout=10000):
        assert page.handle_scan(f"PDO-{waiting.number}")
    assert page.model.order_ids() == []
    assert said[-1][1] == "wrong" and waiting.number in said[-1][0] and "Awaiting stock" in said[-1][0]


def test_the_batch_shows_an_order_moved_elsewhere_from_the_changes_signal(ws, page, qtbot) -> None:
    """The order list moved an order of the batch (a bulk print error): its row follows."""
    from app.operations import mark_print_errors

    ids = _ready(ws, 2)
    with qtbot.waitSignal(page.batch_changed, timeout=10000):
        page.take_orders(ids)
    outcome = mark_print_errors(ws.flows.orders, [ids[1]], "Postcode missing")
    ws.events.changed.emit(outcome.changes)
    qtbot.waitUntil(lambda: page.model.entries()[1].row.status is S.PRINT_ERROR, timeout=10000)
    assert page.model.entries()[0].row.status is S.READY_TO_PRINT
