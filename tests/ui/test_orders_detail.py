"""The order detail page against the reference server: a cancelled order shows a red banner and
refuses every action; a parcel the marketplace refused shows the reason and can be sent again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain import OrderStatus, PushState, Shipment
from app.flows import unsent_entries
from app.store.queries import OrderFilter, list_orders
from server.harness import RunningServer, start_server
from tests.ui.orders_world import workstation_on_store
from ui.context import Workstation
from ui.pages.order_detail import OrderDetailPage

S = OrderStatus


@pytest.fixture
def server() -> Iterator[RunningServer]:
    running = start_server(
        demo_orders=20, seed=3, marketplace_confirm_after_s=0.1, marketplace_refuse_share=1.0
    )
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


def _first(ws: Workstation, status: OrderStatus) -> str:
    with ws.store.session() as s:
        return list_orders(s, OrderFilter(statuses=(status,)), limit=1).rows[0].id


def _open(page: OrderDetailPage, qtbot, order_id: str) -> None:
    """Open the order and let its fetch from the server land (the page shows it twice)."""
    with qtbot.waitSignal(page.order_shown, timeout=10000):
        page.show_order(order_id)
    qtbot.waitUntil(lambda: not page._ws.tasks.is_busy(), timeout=10000)


def test_an_order_cancelled_while_open_shows_a_red_banner_and_takes_no_action(ws, server, qtbot) -> None:
    page = OrderDetailPage(ws)
    qtbot.addWidget(page)
    order_id = _first(ws, S.READY_TO_PRINT)
    _open(page, qtbot, order_id)
    assert page.banner.isHidden() and page.print_button.isEnabled()
    preview = page.preview.pixmap()
    assert not page.preview.isHidden() and not preview.isNull()  # the label as it will print
    assert preview.height() > preview.width() * 1.3

    server.admin(f"orders/{order_id}/status", {"status": "0", "reason": "The buyer cancelled"})
    assert ws.sync.run_once().error is None
    ws.events.synced.emit(None)
    qtbot.waitUntil(lambda: page.order is not None and page.order.status is S.CANCELLED, timeout=10000)
    assert not page.banner.isHidden() and "cancelled" in page.banner.text()
    assert not page.print_button.isEnabled() and not page.print_error_button.isEnabled()
    said: list[tuple[str, str]] = []
    ws.notifier.said.connect(lambda text, tone: said.append((text, tone)))
    printing: list[object] = []
    page.print_requested.connect(lambda ids, reason: printing.append(ids))
    outbox_before = len(unsent_entries(ws.store))

    page.print_error("Address is wrong")
    page.request_print()
    qtbot.wait(100)

    assert printing == []
    assert len(unsent_entries(ws.store)) == outbox_before  # nothing went toward the server
    assert said and all(tone == "wrong" and "cancelled" in text for text, tone in said)


def test_a_parcel_the_marketplace_refused_shows_why_and_can_be_sent_again(ws, server, qtbot) -> None:
    order_id = _first(ws, S.COLLECTED)
    ws.flows.orders.shipped(order_id, [Shipment("1Z999AA10123456784", "UPS", 800)])
    assert ws.sync.run_once().error is None
    qtbot.waitUntil(lambda: _refused(ws, server, order_id), timeout=10000)
    page = OrderDetailPage(ws)
    qtbot.addWidget(page)
    _open(page, qtbot, order_id)

    parcel = page.order.shipments[0]
    assert parcel.push_state is PushState.FAILED and parcel.push_reason
    shown = page.parcels_box.texts()
    assert any(parcel.push_reason in text for text in shown)
    assert any("ups.com" in text and parcel.tracking_number in text for text in shown)  # a tracking link

    with qtbot.waitSignal(page.order_shown, timeout=10000):
        page.retry_push(parcel.id)
    assert [e.kind for e in unsent_entries(ws.store)] == ["retry_push"]
    assert ws.sync.run_once().error is None
    assert unsent_entries(ws.store) == []
    retries = [a for a in ws.server.get_order(order_id).activity if a.action == "push_retry"]
    assert [(a.detail, a.operator, a.workstation) for a in retries] == [
        (parcel.tracking_number, "ann", "table-1")
    ]


def _refused(ws: Workstation, server: RunningServer, order_id: str) -> bool:
    ws.sync.run_once()
    with ws.store.session() as s:
        from app.store.queries import load_order

        order = load_order(s, order_id)
    return bool(order and order.shipments and order.shipments[0].push_state is PushState.FAILED)


def test_a_move_the_server_refused_shows_its_reason_and_locks_the_order_until_read(ws, server, qtbot) -> None:
    order_id = _first(ws, S.READY_TO_PRINT)
    server.admin(f"orders/{order_id}/status", {"status": "5.3", "reason": "Postcode does not exist"})
    ws.flows.orders.short_pick(order_id, [], note="Shelf empty")  # made before the news arrived
    assert ws.sync.run_once().error is None  # the server refuses the move: 5.3 -> 5.2 is not ours
    page = OrderDetailPage(ws)
    qtbot.addWidget(page)
    _open(page, qtbot, order_id)

    assert page.notice is not None and not page.banner.isHidden()
    assert "refused" in page.banner.text()
    assert not page.acknowledge_button.isHidden()
    said: list[tuple[str, str]] = []
    ws.notifier.said.connect(lambda text, tone: said.append((text, tone)))
    page.print_error("Wrong street")
    assert said and said[0][1] == "wrong" and unsent_entries(ws.store) == []

    with qtbot.waitSignal(page.order_shown, timeout=10000):
        page.acknowledge()
    assert page.notice is None and page.banner.isHidden()
    assert page.order.status is S.PRINT_ERROR and page.order.status_reason == "Postcode does not exist"


def test_the_order_timeline_names_the_operator_and_says_what_was_done(ws, server, qtbot) -> None:
    from app.settings import OPERATORS_CACHE, save_cached

    save_cached(ws.store, OPERATORS_CACHE, [{"code": "ann", "name": "Ann Miller", "badge": "ANN-1"}])
    order_id = _first(ws, S.READY_TO_PRINT)
    ws.flows.orders.print_error(order_id, "Street missing")
    assert ws.sync.run_once().error is None
    page = OrderDetailPage(ws)
    qtbot.addWidget(page)
    _open(page, qtbot, order_id)
    model = page.activity
    rows = [
        [model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())
    ]
    assert any("Ann Miller (ann)" in row and "Status changed" in row for row in rows), rows
