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


def test_the_pack_page_opened_before_the_table_connected_takes_its_session_at_the_next_scan(
    tmp_path: Path, qtbot
) -> None:
    from tests.stations.conftest import UPS_1, put_orders
    from tests.store.conftest import make_order
    from tests.ui.orders_world import workstation_on_store
    from ui import page_wiring as wiring

    ws = workstation_on_store(tmp_path)
    order = make_order(1, S.COLLECTED)
    put_orders(ws.store, order)
    flows, ws.flows = ws.flows, None  # the packer opened Pack & Ship in the first second
    page = wiring.pack_ship_page(ws)
    qtbot.addWidget(page)
    try:
        assert page.handle_scan(f"PDO-{order.number}")
        assert page.verdict.text() == "The workstation is still starting: try again in a moment."
        assert page.view.order_id is None

        ws.flows = flows  # connected: the same page, the next scans are the pack session's
        for text in (f"PDO-{order.number}", f"PDO-{order.number}", UPS_1):
            with qtbot.waitSignal(page.answered, timeout=10000):
                assert page.handle_scan(text)
        assert page.view.order_id == order.id and [p.tracking for p in page.view.parcels] == [UPS_1]
    finally:
        ws.tasks.shutdown()
        ws.store.close()
