"""The order list of a big store (issue 13, point 4): the first screenful shows, in the list's
order, before every row has been read; then every row, the first screenful unchanged on top."""

from __future__ import annotations

from pathlib import Path

from app.order_list.loading import SCREENFUL
from tests.ui.orders_world import fill_store, make_orders, workstation_on_store
from ui import page_wiring as wiring


def test_the_first_screenful_shows_before_every_order_is_read(tmp_path: Path, qtbot) -> None:
    ws = workstation_on_store(tmp_path)
    fill_store(ws.store, make_orders(SCREENFUL * 4))
    page = wiring.orders_page(ws)
    qtbot.addWidget(page)
    shown: list[list[str]] = []  # the rows on the list at each reset, in order
    page.model.modelReset.connect(
        lambda: shown.append([page.model.row_at(n).id for n in range(page.model.rowCount())])
    )
    try:
        with qtbot.waitSignal(page.rows_loaded, timeout=20000):
            page.page_shown()
        assert [len(rows) for rows in shown] == [SCREENFUL, SCREENFUL * 4]
        assert shown[1][:SCREENFUL] == shown[0]  # every row arrived behind the first ones
    finally:
        ws.tasks.shutdown()
        ws.store.close()
