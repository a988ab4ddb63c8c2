"""The activity log reads in words (issue 14, point 13): status moves by the statuses' names, a
move this table logged and the server logged again is one entry of the order's timeline, and
counts take their plural forms."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain import OrderStatus, utcnow
from app.store.orders import add_activity
from app.store.queries import OrderFilter, list_orders
from server.harness import RunningServer, start_server
from tests.ui.orders_world import workstation_on_store
from ui import page_wiring as wiring
from ui.workstation import Workstation

S = OrderStatus


@pytest.fixture
def server() -> Iterator[RunningServer]:
    running = start_server(demo_orders=20, seed=3)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def ws(tmp_path: Path, server: RunningServer) -> Iterator[Workstation]:
    workstation = workstation_on_store(tmp_path, server=server)
    assert workstation.sync.run_once().error is None
    yield workstation
    workstation.tasks.shutdown()
    workstation.server.close()
    workstation.store.close()


def _timeline(ws: Workstation, qtbot, order_id: str) -> list[list[str]]:

    page = wiring.order_detail_page(ws)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.order_shown, timeout=10000):
        page.show_order(order_id)
    qtbot.waitUntil(lambda: not ws.tasks.is_busy(), timeout=10000)
    model = page.activity
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())
    ]


def test_a_move_logged_here_and_by_the_server_is_one_entry_of_the_timeline_in_words(ws, qtbot) -> None:
    with ws.store.session() as s:
        order_id = list_orders(s, OrderFilter(statuses=(S.READY_TO_PRINT,)), limit=1).rows[0].id
    ws.flows.orders.print_error(order_id, "Street missing")
    assert ws.sync.run_once().error is None
    ws.sync.fetch_order(order_id)  # the server's log of the order, its copy of the move with it

    rows = _timeline(ws, qtbot, order_id)
    moves = [row for row in rows if "Status changed" in row]
    assert len(moves) == 1, rows
    assert "Ready to print → Print error: Street missing" in moves[0]
    assert not any("5.1 → 5.3" in str(cell) for row in rows for cell in row)


def test_a_move_made_twice_stays_twice(ws, qtbot) -> None:
    with ws.store.session() as s:
        order_id = list_orders(s, OrderFilter(statuses=(S.READY_TO_PRINT,)), limit=1).rows[0].id
    ws.flows.orders.print_error(order_id, "Street missing")
    assert ws.sync.run_once().error is None
    with ws.store.transaction() as s:  # the same move logged here again, later, not yet sent
        add_activity(s, order_id, "status", "5.1 → 5.3: Street missing", "ann", "table-1", utcnow())
    ws.sync.fetch_order(order_id)
    moves = [row for row in _timeline(ws, qtbot, order_id) if "Status changed" in row]
    assert len(moves) == 2


def test_the_activity_page_names_the_statuses_of_a_move(qtbot, make_workstation) -> None:

    ws = make_workstation()
    with ws.store.transaction() as s:
        add_activity(s, "o1", "status", "5.1 → 6", "ann", "table-1", utcnow())
        add_activity(s, "o2", "status", "6 → 5.1: Torn label", "ann", "table-1", utcnow())
        add_activity(s, "o3", "status", "9.9 → 6", "ann", "table-1", utcnow())  # unknown: as it came
    page = wiring.activity_page(ws)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: len(page.model.lines) == 3, timeout=5000)
    details = {page.model.data(page.model.index(r, 6)) for r in range(3)}
    assert details == {"Ready to print → Printed", "Printed → Ready to print: Torn label", "9.9 → Printed"}


@pytest.mark.parametrize(("waiting", "words"), [(1, "1 change waits"), (3, "3 changes wait")])
def test_the_dashboard_counts_unsent_changes_in_the_right_plural(
    qtbot, make_workstation, waiting, words
) -> None:
    from app.store.queries import StatusCounts

    page = wiring.dashboard_page(make_workstation())
    qtbot.addWidget(page)
    page._show(StatusCounts({}, 0, 0, 0, waiting))
    assert page.unsent.text().startswith(words)
