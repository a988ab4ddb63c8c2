"""The order list page over a real store of a few thousand orders: filters, search, sort, ticks,
bulk status moves through the flows, and a sync that touches only what changed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.domain import OrderStatus, PushState
from app.store import OrderFlag
from app.store.orders import write_orders
from app.store.queries import load_order
from tests.ui.orders_world import orders_page_on
from ui.pages.orders import OrdersPage
from ui.workstation import Workstation

S = OrderStatus


@pytest.fixture
def world(tmp_path: Path, qtbot) -> Iterator[tuple[Workstation, OrdersPage, list]]:
    with orders_page_on(tmp_path, qtbot, 3000) as world:
        yield world


def test_the_list_holds_every_order_and_the_dashboard_can_narrow_it_to_a_status(world) -> None:
    _ws, page, orders = world
    assert page.model.rowCount() == 3000
    page.show_status("5.3")
    shown = page.model.visible_rows()
    assert len(shown) == sum(1 for o in orders if o.status is S.PRINT_ERROR)
    assert {r.status for r in shown} == {S.PRINT_ERROR}
    assert "Street number missing" in page.model.data(page.model.index(0, 10))
    page.show_status("")
    assert page.model.rowCount() == 3000


def test_search_finds_an_order_by_sku_tracking_number_and_recipient(world, qtbot) -> None:
    _ws, page, orders = world
    sku = orders[42].lines[0].sku
    page.search_box.setText(sku)  # typed: waits for the pause
    wanted = {o.id for o in orders if any(line.sku == sku for line in o.lines)}
    qtbot.waitUntil(lambda: {r.id for r in page.model.visible_rows()} == wanted, timeout=5000)

    shipped = next(o for o in orders if o.shipments)
    assert page.handle_scan(shipped.shipments[0].tracking_number)  # a scan searches at once
    qtbot.waitUntil(lambda: [r.id for r in page.model.visible_rows()] == [shipped.id], timeout=5000)

    page.search_box.setText(orders[7].recipient.name)
    qtbot.waitUntil(lambda: orders[7].id in {r.id for r in page.model.visible_rows()}, timeout=5000)
    page.status_box.setCurrentIndex(page.status_box.findData(S.SHIPPED.value))
    if orders[7].status is not S.SHIPPED:
        assert orders[7].id not in {r.id for r in page.model.visible_rows()}
    assert not page.handle_scan("PDO-PC-100007")  # an order label is the frame's to open


def test_filters_by_marketplace_and_sorting_by_units(world, qtbot) -> None:
    _ws, page, orders = world
    page.marketplace_box.setCurrentIndex(page.marketplace_box.findData("eBay"))
    assert {r.marketplace for r in page.model.visible_rows()} == {"eBay"}
    assert page.model.rowCount() == sum(1 for o in orders if o.marketplace == "eBay")
    page.table.sortByColumn(8, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not page.model.sorting, timeout=5000)  # sorted in the store worker
    units = [r.units for r in page.model.visible_rows()]
    assert units == sorted(units, reverse=True)
    assert (
        "eBay of" not in page.count_label.text() and f"{page.model.rowCount():,}" in page.count_label.text()
    )


def test_a_bulk_print_error_moves_the_ready_orders_and_refuses_the_others_with_the_reason(
    world, qtbot
) -> None:
    ws, page, orders = world
    ready = [o for o in orders if o.status is S.READY_TO_PRINT][:3]
    shipped = next(o for o in orders if o.status is S.SHIPPED)
    page.model.set_checked([o.id for o in [*ready, shipped]])
    said: list[tuple[str, str]] = []
    ws.notifier.said.connect(lambda text, tone: said.append((text, tone)))

    page.move_ticked("print_error", "Street number missing")
    qtbot.waitUntil(lambda: len(said) >= 2, timeout=5000)
    with ws.store.session() as s:
        assert [load_order(s, o.id).status for o in ready] == [S.PRINT_ERROR] * 3
        assert load_order(s, shipped.id).status is S.SHIPPED
    assert ("3 orders moved to “Print error”.", "right") in said
    wrong = [text for text, tone in said if tone == "wrong"]
    assert wrong and shipped.number in wrong[0]
    qtbot.waitUntil(
        lambda: page.model.all_rows() and _status(page, ready[0].id) is S.PRINT_ERROR, timeout=5000
    )


def test_a_move_that_needs_a_reason_is_refused_without_one(world, qtbot) -> None:
    ws, page, orders = world
    ready = next(o for o in orders if o.status is S.READY_TO_PRINT)
    page.model.set_checked([ready.id])
    said: list[tuple[str, str]] = []
    ws.notifier.said.connect(lambda text, tone: said.append((text, tone)))
    page.move_ticked("print_error", "  ")
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    assert said[0][1] == "wrong" and "needs a reason" in said[0][0]
    with ws.store.session() as s:
        assert load_order(s, ready.id).status is S.READY_TO_PRINT


def test_a_sync_updates_the_changed_rows_without_resetting_the_list(world, qtbot) -> None:
    ws, page, orders = world
    page.show_status(S.READY_TO_PRINT.value)
    first = page.model.row_at(0)
    resets: list[int] = []
    page.model.modelReset.connect(lambda: resets.append(1))
    printed = replace(next(o for o in orders if o.id == first.id), status=S.PRINTED, version=2)
    back = replace(
        next(o for o in orders if o.status is S.AWAITING_STOCK), status=S.READY_TO_PRINT, version=2
    )
    with ws.store.transaction() as s:
        write_orders(s, [printed.to_dict(), back.to_dict()])

    with qtbot.waitSignal(page.rows_loaded, timeout=10000):
        ws.events.synced.emit(None)
    ids = {r.id for r in page.model.visible_rows()}
    assert first.id not in ids and back.id in ids
    assert resets == []


def _status(page: OrdersPage, order_id: str) -> OrderStatus | None:
    return next((r.status for r in page.model.all_rows() if r.id == order_id), None)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()
def test_the_keyboard_alone_ticks_orders_and_opens_one(world, qtbot) -> None:
    ws, page, _orders = world
    page.show()
    page.show_status(S.READY_TO_PRINT.value)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 1))
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert page.ticked_ids() == [page.model.row_at(0).id, page.model.row_at(1).id]
    with qtbot.waitSignal(page.print_requested) as asked:
        page.print_button.click()  # (Ctrl+P in the window: shortcuts need an active window)
    assert asked.args == [page.ticked_ids(), ""]
    opened: list[str] = []
    ws.events.open_order.connect(opened.append)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [page.model.row_at(1).id]


def test_the_dashboards_failed_pushes_and_attention_tiles_open_their_orders(world, qtbot) -> None:
    ws, page, orders = world
    shipped = [o for o in orders if o.status is S.SHIPPED][:2]
    refused = replace(
        shipped[0],
        shipments=[replace(shipped[0].shipments[0], push_state=PushState.FAILED, push_reason="Bad carrier")],
        version=2,
    )
    told = shipped[1]
    with ws.store.transaction() as s:
        write_orders(s, [refused.to_dict()])
        s.add(
            OrderFlag(
                order_id=told.id, refused_reason="Another table holds this order", refused_code="claimed"
            )
        )
    with qtbot.waitSignal(page.rows_loaded, timeout=10000):
        ws.events.synced.emit(None)

    page.show_status("failed_pushes")
    assert [r.id for r in page.model.visible_rows()] == [refused.id]
    page.show_status("notices")
    assert [r.id for r in page.model.visible_rows()] == [told.id]
    assert "Another table" in page.model.data(page.model.index(0, 10))
