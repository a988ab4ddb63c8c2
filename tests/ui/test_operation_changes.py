"""One notification of what changed: an operation started on a screen hands its `Changes` to the
frame's event bus, and the sync controller sends what the outbox gained at once (no F5, no wait
for the sync clock)."""

from __future__ import annotations

from app.api import OrderServerClient
from app.domain import OrderStatus
from app.operations import Changes
from tests.ui.conftest import add_orders, synced
from ui.main_window import PageKey

S = OrderStatus


def test_a_bulk_move_on_the_order_list_reaches_the_server_without_asking_for_a_sync(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    orders = add_orders(order_server, 2)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    heard: list[Changes] = []
    ws.events.changed.connect(heard.append)
    asked: list[bool] = []
    ws.events.sync_requested.connect(lambda: asked.append(True))
    frame.window.show_page(PageKey.ORDERS)
    page = frame.window.pages[PageKey.ORDERS]
    qtbot.waitUntil(lambda: len(page.model.all_rows()) == 2, timeout=10000)
    page.model.set_checked([orders[0]["id"]])
    frame.sync.timer.stop()  # neither the sync clock nor the outbox watch: only the changes
    frame.sync.watch.stop()

    page.move_ticked("print_error", "Street number missing")

    looker = OrderServerClient(order_server.url, order_server.token, "T9")  # another table's eyes
    try:
        qtbot.waitUntil(lambda: looker.get_order(orders[0]["id"]).status is S.PRINT_ERROR, timeout=20000)
        assert looker.get_order(orders[1]["id"]).status is S.READY_TO_PRINT
    finally:
        looker.close()
    assert heard[0] == Changes(frozenset({orders[0]["id"]}), outbox_grew=True)
    assert asked == []  # the changes woke the sync, nobody had to ask
