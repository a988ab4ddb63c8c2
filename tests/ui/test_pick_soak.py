"""The pick page under a long day: thousands of scans, right, wrong and over, through the wedge
filter, leave the window standing, every scan journalled and answered, and memory bounded."""

from __future__ import annotations

import gc
import time

from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.store import ScanRow
from tests.ui.conftest import synced
from tests.ui.test_frame_load import _rss_mb
from ui.main_window import PageKey
from ui.scanners import connect_scanners

MUG, STRANGER = "4006381333931", "5901234123457"


def test_three_thousand_scans_on_the_pick_page_leave_it_standing_with_bounded_memory(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    order_server.admin(
        "orders",
        {
            "number": "SOAK-1",
            "status": "6",
            "marketplace": "amazon",
            "seller": "Acme",
            "recipient": {"name": "Buyer", "street1": "1 Main St", "city": "Leeds", "country": "GB"},
            "lines": [{"sku": "MUG-1", "title": "Mug", "quantity": 9999, "ean": MUG, "bin_location": "A-01"}],
        },
    )
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    hookup = connect_scanners(ws, frame)
    synced(qtbot, frame)
    frame.window.show_page(PageKey.PICK)
    page = frame.window.pages[PageKey.PICK]
    answers = [0]
    page.answered.connect(lambda _a: answers.__setitem__(0, answers[0] + 1))
    wedge = hookup.wedge
    assert wedge is not None
    wedge.scanned.emit("PDO-SOAK-1", "keyboard", time.time())
    qtbot.waitUntil(lambda: answers[0] == 1, timeout=10000)
    scans = [MUG, MUG, STRANGER, MUG, "NOT A CODE", MUG, "PDC-QTY-5", MUG]

    def burst(n: int) -> None:
        for i in range(n):
            wedge.scanned.emit(scans[i % len(scans)], "keyboard", time.time())
            if i % 25 == 0:
                QApplication.processEvents()
        qtbot.waitUntil(lambda: not ws.tasks.is_busy(), timeout=120000)
        qtbot.wait(50)
        gc.collect()

    burst(600)  # warm up
    after_warm_up = _rss_mb()
    burst(2400)
    grown = _rss_mb() - after_warm_up
    print(f"\n2,400 pick scans after warm-up: RSS {after_warm_up:.0f} MB -> {after_warm_up + grown:.0f} MB")
    assert answers[0] == 1 + 3000
    assert frame.window.isVisible() and page.lines.rowCount() == 1
    # 5 of 8 scans count (one of them five units): 3,000 scans -> 375 rounds of 4 + 5 units.
    assert page.lines.line_at(0).picked == 375 * 9
    with ws.store.session() as s:
        assert s.scalar(select(func.count(ScanRow.id)).where(ScanRow.station == "pick")) == 3001
    assert grown < 40, f"memory grew by {grown:.0f} MB over 2,400 scans"
    hookup.remove()
