"""An order open on screen is held for this table; leaving it, or closing the program, gives it
back at once, so the next table need not wait out the lease."""

from __future__ import annotations

import uuid

from app.api import OrderServerClient
from tests.ui.conftest import add_orders
from ui.main_window import PageKey


def _held_by(order_server, order_id: str):
    claim = OrderServerClient(order_server.url, order_server.token, "table-2").get_order(order_id).claim
    return claim.workstation if claim is not None else None


def test_an_open_order_is_held_and_going_back_to_the_list_gives_it_back(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    [order] = add_orders(order_server, 1)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    frame.sync.sync_now()
    qtbot.waitUntil(lambda: not frame.sync.running, timeout=15000)
    ws.events.open_order.emit(order["id"])
    frame.sync.sync_now()
    qtbot.waitUntil(lambda: _held_by(order_server, order["id"]) == "table-1", timeout=15000)

    frame.window.show_page(PageKey.ORDERS)  # the packer is done with it
    qtbot.waitUntil(lambda: _held_by(order_server, order["id"]) is None, timeout=15000)
    other = OrderServerClient(order_server.url, order_server.token, "table-2")
    assert other.claim(order["id"], str(uuid.uuid4())).workstation == "table-2"


def test_closing_the_program_gives_back_the_order_it_held(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    from ui.main import shut_down

    [order] = add_orders(order_server, 1)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    ws.events.open_order.emit(order["id"])
    frame.sync.sync_now()
    qtbot.waitUntil(lambda: _held_by(order_server, order["id"]) == "table-1", timeout=15000)
    qtbot.waitUntil(lambda: not frame.sync.running, timeout=15000)
    frame.close()
    shut_down(ws)
    assert _held_by(order_server, order["id"]) is None
