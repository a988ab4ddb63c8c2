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


def test_every_page_opened_before_the_table_connected_has_its_services_once_it_has(
    tmp_path: Path, qtbot, order_server
) -> None:
    """The window paints from `open_table`; `connect_table` brings the flows, the server clients,
    the sync and the printers a moment later. A page opened in between reads them when it needs
    them, never a copy taken while there was none."""
    from ui import page_wiring as wiring
    from ui.main import connect_table, shut_down

    folder = tmp_path / "table"
    from ui.main import open_table

    labels = tmp_path / "label-printer"
    labels.mkdir()
    table = open_table(
        folder,
        server_url=order_server.url,
        name="table-1",
        sounds=False,
        settings_given={"printer.shipping_label": labels.as_uri()},
    )
    pages = {
        make.__name__: make(table)
        for make in (
            wiring.dashboard_page,
            wiring.sign_in_page,
            wiring.orders_page,
            wiring.order_detail_page,
            wiring.print_station_page,
            wiring.pick_page,
            wiring.pack_ship_page,
            wiring.activity_page,
            wiring.figures_page,
            wiring.settings_page,
        )
    }
    for page in pages.values():
        qtbot.addWidget(page)
    assert table.flows is None and table.server is None  # nothing connected yet
    try:
        connect_table(table, folder, token=order_server.token)
        assert pages["pick_page"]._station() is table.flows.pick
        assert pages["pack_ship_page"]._table_session() is not None
        assert pages["print_station_page"].station is table.print_station is not None
        assert pages["orders_page"]._orders() is table.flows.orders
        assert pages["order_detail_page"]._orders() is table.flows.orders
        assert pages["order_detail_page"]._fetch_order() is not None  # the sync engine's, now
        assert pages["sign_in_page"]._who_works_here() is not None
        assert pages["settings_page"]._tokens() is table.tokens is not None
        pages["sign_in_page"].load()  # the server's names reach the page built before the server
        qtbot.waitUntil(lambda: len(pages["sign_in_page"].operators) == 4, timeout=10000)
    finally:
        shut_down(table)
