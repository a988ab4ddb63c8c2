"""Pages take their services from the wiring, and what the table gets only once it is connected
(its flows, its server clients) is read at each use: a page built before it (the window paints
before the table connects) works once it has come, and says so, changing nothing, before."""

from __future__ import annotations

from pathlib import Path

from app.domain import OrderStatus
from app.store.queries import load_order
from tests.ui.orders_world import orders_page_on

S = OrderStatus


def test_a_bulk_move_asked_before_the_table_connected_changes_nothing_and_says_why_then_works(
    tmp_path: Path, qtbot
) -> None:
    with orders_page_on(tmp_path, qtbot, 40) as (ws, page, orders):
        flows, ws.flows = ws.flows, None  # as between the first paint and `connect_table`
        ready = next(o for o in orders if o.status is S.READY_TO_PRINT)
        page.model.set_checked([ready.id])
        said: list[tuple[str, str]] = []
        ws.notifier.said.connect(lambda text, tone: said.append((text, tone)))

        page.move_ticked("print_error", "Street number missing")
        assert said == [("The workstation is still starting: try again in a moment.", "wrong")]
        with ws.store.session() as s:
            assert load_order(s, ready.id).status is S.READY_TO_PRINT

        ws.flows = flows  # the table connected: the same page, no rebuild
        page.move_ticked("print_error", "Street number missing")
        qtbot.waitUntil(lambda: len(said) == 2, timeout=5000)
        assert said[1] == ("1 order moved to “Print error”.", "right")
        with ws.store.session() as s:
            assert load_order(s, ready.id).status is S.PRINT_ERROR
