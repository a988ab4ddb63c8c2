"""The pick page at a table: an order from printed to collected by scans alone, through the
frame's scan bus, against the real server; wrong scans change nothing anywhere."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select

from app.store import ScanRow
from tests.ui.conftest import synced
from ui.main_window import PageKey

MUG, CABLE, STRANGER = "4006381333931", "5901234123457", "036000291452"


def printed_order(server, number: str = "P00001") -> dict:
    return server.admin(
        "orders",
        {
            "number": number,
            "status": "6",
            "marketplace": "amazon",
            "seller": "Acme",
            "recipient": {"name": "Buyer", "street1": "1 Main St", "city": "Leeds", "country": "GB"},
            "lines": [
                {"sku": "MUG-1", "title": "Mug", "quantity": 2, "ean": MUG, "bin_location": "A-01"},
                {"sku": "CABLE-1", "title": "Cable", "quantity": 1, "ean": CABLE, "bin_location": "B-07"},
            ],
        },
    )


def shot(page, name: str) -> None:
    """A PNG of the page for a person to look at, where PREPDESK_SHOTS names a folder."""
    folder = os.environ.get("PREPDESK_SHOTS")
    if folder:
        from PySide6.QtWidgets import QApplication

        from ui import theme

        theme.apply(QApplication.instance())
        page.window().resize(1366, 768)  # the packing table's laptop
        QApplication.processEvents()
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.window().grab().save(str(Path(folder) / f"{name}.png"))


def at_the_pick_page(qtbot, order_server, make_workstation, frame_of):
    """A table signed in, synced with the server, on its pick page: (workstation, frame, page)."""
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    frame.window.show_page(PageKey.PICK)
    return ws, frame, frame.window.pages[PageKey.PICK]


def scan(qtbot, ws, page, text: str):
    with qtbot.waitSignal(page.answered, timeout=10000) as blocker:
        ws.scans.feed(text)
    return blocker.args[0]


def test_an_order_is_picked_by_scans_alone_and_the_server_ends_at_collected(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    order = printed_order(order_server)
    ws, frame, page = at_the_pick_page(qtbot, order_server, make_workstation, frame_of)
    sounds: list[str] = []
    ws.notifier.sounded.connect(sounds.append)

    opened = scan(qtbot, ws, page, "PDO-P00001")
    assert opened.view.number == "P00001" and page.prompt.text() == "Scan the item"
    assert page.lines.rowCount() == 2
    shot(page, "01-pick-order")

    wrong = scan(qtbot, ws, page, STRANGER)
    assert not wrong.verdict.accepted and sounds[-1] == "wrong"
    assert wrong.view.picked == 0 and page.prompt.property("role") == "prompt-wrong"
    shot(page, "02-pick-wrong-item")

    right = scan(qtbot, ws, page, MUG)
    assert right.verdict.accepted and sounds[-1] == "right" and page.prompt.text() == "Scan 1 more"
    assert page.lines.data(page.lines.index(0, 4)) == "1 of 2"
    shot(page, "03-pick-right-item")
    scan(qtbot, ws, page, MUG)
    over = scan(qtbot, ws, page, MUG)
    assert not over.verdict.accepted and "picked already" in over.verdict.message
    shot(page, "04-pick-over-pick")

    done = scan(qtbot, ws, page, CABLE)
    assert done.view.complete and page.prompt.text() == "Done"
    shot(page, "05-pick-done")
    synced(qtbot, frame)
    on_server = ws.server.get_order(order["id"])
    assert on_server.status.value == "6.4"
    assert any(a.action == "status" and "6.4" in a.detail for a in on_server.activity)
    with ws.store.session() as s:
        words = [
            r.verdict
            for r in s.scalars(select(ScanRow).where(ScanRow.station == "pick").order_by(ScanRow.id))
        ]
    assert words == ["round begun", "wrong item", "picked", "picked", "over-pick", "picked", "collected"]


def test_a_short_pick_from_the_page_leaves_the_server_awaiting_stock_with_what_is_missing(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    order = printed_order(order_server)
    ws, frame, page = at_the_pick_page(qtbot, order_server, make_workstation, frame_of)
    scan(qtbot, ws, page, "PDO-P00001")
    scan(qtbot, ws, page, MUG)
    short = scan(qtbot, ws, page, "PDC-SHORT")
    shot(page, "06-pick-short")
    assert short.view.end.value == "short pick"
    synced(qtbot, frame)
    on_server = ws.server.get_order(order["id"])
    assert on_server.status.value == "5.2"
    assert "MUG-1 × 1" in on_server.status_reason and "CABLE-1 × 1" in on_server.status_reason


def test_a_cancellation_on_the_server_mid_pick_stops_the_page_loudly(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    order = printed_order(order_server)
    ws, frame, page = at_the_pick_page(qtbot, order_server, make_workstation, frame_of)
    scan(qtbot, ws, page, "PDO-P00001")
    scan(qtbot, ws, page, MUG)
    order_server.admin(f"orders/{order['id']}/status", {"status": "0", "reason": "Buyer cancelled"})
    with qtbot.waitSignal(page.answered, timeout=20000, check_params_cb=lambda a: a.view.end.value != ""):
        frame.sync.sync_now()
    assert "cancelled" in page.message.text() and page.prompt.property("role") == "prompt-wrong"
    shot(page, "07-pick-cancelled")


def test_a_batch_is_walked_then_sorted_into_slots_and_each_order_is_collected(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    first = printed_order(order_server, "P00001")
    second = order_server.admin(
        "orders",
        {
            "number": "P00002",
            "status": "6",
            "marketplace": "amazon",
            "seller": "Acme",
            "recipient": {"name": "Buyer 2", "street1": "2 Main St", "city": "Leeds", "country": "GB"},
            "lines": [{"sku": "MUG-1", "title": "Mug", "quantity": 1, "ean": MUG, "bin_location": "A-01"}],
        },
    )
    ws, frame, page = at_the_pick_page(qtbot, order_server, make_workstation, frame_of)
    qtbot.waitUntil(lambda: len(page.waiting.order_ids()) == 2, timeout=5000)
    assert page.waiting.batch_button.text() == "Pick these 2 as a batch"  # not "the first 12"
    page.waiting.batch_button.click()
    qtbot.waitUntil(lambda: page._batch is not None, timeout=5000)
    assert page.prompt.text() == "A-01: 3 × MUG-1"
    shot(page, "08-pick-batch-walk")

    def batch_scan(text: str):
        with qtbot.waitSignal(page.batch_answered, timeout=10000) as blocker:
            ws.scans.feed(text)
        return blocker.args[0]

    for code in (MUG, MUG, MUG, CABLE):
        batch_scan(code)
    assert page.batch.model.rowCount() == 2  # the walk is over: the rack's two slots
    assert batch_scan(MUG).verdict.message.startswith("Slot 1 · order P00001")
    assert page.prompt.text() == "Slot 1 · order P00001"
    batch_scan(MUG)
    assert batch_scan(MUG).verdict.message.startswith("Slot 2 · order P00002")
    shot(page, "09-pick-batch-sort")
    last = batch_scan(CABLE)
    assert "collected" in last.verdict.message and page.prompt.text().endswith("batch done")
    synced(qtbot, frame)
    assert ws.server.get_order(first["id"]).status.value == "6.4"
    assert ws.server.get_order(second["id"]).status.value == "6.4"
    third = printed_order(order_server, "P00003")
    synced(qtbot, frame)
    opened = scan(qtbot, ws, page, "PDO-P00003")  # the batch is done: a label starts the next pick
    assert page._batch is None and opened.view.order_id == third["id"]


def test_a_code_the_order_does_not_know_is_taught_to_the_chosen_line_from_the_page(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    printed_order(order_server)
    ws, frame, page = at_the_pick_page(qtbot, order_server, make_workstation, frame_of)
    scan(qtbot, ws, page, "PDO-P00001")
    refused = scan(qtbot, ws, page, "BOX-CABLE-77")  # the supplier's own label on the cable
    assert not refused.verdict.accepted and page.teach_button.isVisibleTo(page)
    shot(page, "10-pick-teach")
    page.table.selectRow(page.lines.row_of(1))  # the cable's line
    with qtbot.waitSignal(page.answered, timeout=10000) as blocker:
        page.teach_button.click()
    taught = blocker.args[0]
    assert taught.verdict.accepted and taught.view.lines[page.lines.row_of(1)].picked == 1
    assert not page.teach_button.isVisibleTo(page)
    synced(qtbot, frame)
    assert [p.sku for p in ws.server.products("BOX-CABLE-77")] == ["CABLE-1"]


def test_the_days_figures_show_the_pick_and_the_log_exports_as_csv(
    qtbot, tmp_path, order_server, make_workstation, frame_of
) -> None:
    import csv

    printed_order(order_server)
    ws, frame, page = at_the_pick_page(qtbot, order_server, make_workstation, frame_of)
    for code in ("PDO-P00001", MUG, STRANGER, MUG, CABLE):
        scan(qtbot, ws, page, code)
    frame.window.show_page(PageKey.FIGURES)
    figures = frame.window.pages[PageKey.FIGURES]
    qtbot.waitUntil(lambda: figures.model.rowCount() == 1, timeout=5000)
    row = [figures.model.data(figures.model.index(0, c)) for c in range(6)]
    assert row[1:5] == ["1", "3", "5", "1"]  # 1 order, 3 units, 5 scans, 1 wrong
    shot(figures, "11-figures")
    out = tmp_path / "activity.csv"
    figures.export_to(str(out))
    qtbot.waitUntil(lambda: "written" in figures.said.text(), timeout=5000)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert any(r["action"] == "status" and "6.4" in r["detail"] for r in rows)


def test_services_are_added_on_the_order_by_click_and_by_barcode_and_billed(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    order = printed_order(order_server)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    ws.events.open_order.emit(order["id"])
    detail = frame.window.pages[PageKey.ORDER_DETAIL]
    panel = detail.services_panel
    qtbot.waitUntil(lambda: panel.choice.count() > 0, timeout=10000)  # the price list, fetched
    panel.choice.setCurrentIndex(panel.choice.findData("POLYBAG"))
    panel.quantity.setValue(3)
    with qtbot.waitSignal(panel.recorded, timeout=10000) as clicked:
        panel.add_button.click()
    assert clicked.args[0].accepted
    with qtbot.waitSignal(panel.recorded, timeout=10000) as scanned:
        ws.scans.feed("PDS-BUBBLE-WRAP")
    assert scanned.args[0].accepted
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=10000)
    with qtbot.waitSignal(panel.recorded, timeout=10000) as unknown:
        ws.scans.feed("PDS-GIFT-WRAP")
    assert not unknown.args[0].accepted and "price list" in unknown.args[0].message
    shot(detail, "12-services")
    if os.environ.get("PREPDESK_SHOTS"):
        panel.grab().save(str(Path(os.environ["PREPDESK_SHOTS"]) / "12b-services-panel.png"))
    synced(qtbot, frame)
    on_server = ws.server.get_order(order["id"])
    assert sorted((s.code, s.quantity) for s in on_server.services) == [("BUBBLE_WRAP", 1), ("POLYBAG", 3)]
    total = sum(s.total for s in on_server.services)
    qtbot.waitUntil(lambda: f"{total:.2f}" in panel.total.text(), timeout=10000)
