"""At start-up no "N new orders are ready to print" while the tiles still read 0: when the
banner speaks, the dashboard already shows the count it speaks of (issue 14, point 11)."""

from __future__ import annotations

from tests.ui.conftest import add_orders, synced
from ui.main_window import PageKey


def test_when_new_orders_are_announced_the_ready_tile_already_counts_them(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    add_orders(order_server, 3)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    dashboard = frame.window.pages[PageKey.DASHBOARD]
    frame.window.show_page(PageKey.DASHBOARD)
    tile_when_said: list[str] = []

    def said(text: str, tone: str) -> None:
        if tone == "new_orders":
            tile_when_said.append(dashboard.tiles["5.1"].number.text())

    ws.notifier.said.connect(said)
    synced(qtbot, frame)
    assert tile_when_said == ["3"]
