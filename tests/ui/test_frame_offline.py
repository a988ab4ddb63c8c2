"""The frame when the server goes away, and when the server cancels an order the table has open."""

from __future__ import annotations

import pytest

from app.flows import OrderCancelled
from tests.ui.conftest import add_orders, synced
from ui.main_window import PageKey


def test_the_server_stopped_mid_session_the_table_keeps_working_and_the_outbox_drains_once(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    orders = add_orders(order_server, 4)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    status = frame.window.status
    assert status.online is True and status.outbox == 0

    order_server.stop()
    for done, order in enumerate(orders, start=1):
        marked: list[object] = []
        ws.tasks.run(lambda order=order: ws.flows.orders.mark_printed(order["id"]), on_success=marked.append)
        qtbot.waitUntil(lambda marked=marked: bool(marked), timeout=5000)
        synced(qtbot, frame)
        assert status.online is False and "OFFLINE" in status.server.text()
        assert status.outbox == done and f"{done} to send" in status.server.text()

    order_server.start()
    synced(qtbot, frame)
    assert status.online is True and status.outbox == 0 and "0 to send" in status.server.text()
    for order in orders:
        on_server = ws.server.get_order(order["id"])
        assert on_server.status.value == "6"
        assert [a.action for a in on_server.activity].count("status") == 1


def test_an_order_cancelled_on_the_server_while_open_is_announced_in_red_and_refuses_work(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    [order] = add_orders(order_server, 1)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    ws.events.open_order.emit(order["id"])
    assert frame.window.current_key() == PageKey.ORDER_DETAIL
    sounds: list[str] = []
    ws.notifier.sounded.connect(sounds.append)

    order_server.admin(f"orders/{order['id']}/status", {"status": "0", "reason": "buyer cancelled"})
    synced(qtbot, frame)

    assert frame.sync.last.newly_cancelled == ((order["id"], order["number"]),)
    banner = frame.window.banner
    assert banner.tone == "wrong" and order["number"] in banner.text() and "cancelled" in banner.text()
    assert "wrong" in sounds
    with pytest.raises(OrderCancelled):
        ws.flows.orders.mark_printed(order["id"])
    detail = frame.window.pages[PageKey.ORDER_DETAIL]
    if hasattr(detail, "locked_reason"):  # UI-B's page shows its own red banner and locks
        qtbot.waitUntil(lambda: bool(detail.locked_reason()), timeout=5000)


def test_a_change_made_at_the_table_leaves_at_once_while_the_server_is_there(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    [order] = add_orders(order_server, 1)
    ws = make_workstation(order_server)  # the timer says every 30 s: the change must not wait for it
    frame = frame_of(ws)
    synced(qtbot, frame)
    counts: list[int] = []
    frame.sync.outbox_changed.connect(counts.append)
    ws.tasks.run(lambda: ws.flows.orders.mark_printed(order["id"]))
    qtbot.waitUntil(lambda: ws.server.get_order(order["id"]).status.value == "6", timeout=10000)
    qtbot.waitUntil(lambda: frame.window.status.outbox == 0 and not frame.sync.running, timeout=10000)
    assert 1 in counts  # the status bar counted it while it waited
