"""Sorting the order list by a header click, in the store worker, over a real store: recipients
in the operator's alphabet (case aside, the order number breaking ties), ticks and the selected
order kept, and a sync landing while a sort runs still ending with the right rows in order."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from app.domain import Order, OrderStatus
from app.store.orders import write_orders
from tests.ui.orders_world import fill_store, make_orders, workstation_on_store
from ui import page_wiring as wiring
from ui.pages.orders import OrdersPage
from ui.tasks import Lane
from ui.workstation import Workstation

S = OrderStatus
RECIPIENT = 7  # the list's "Recipient" column
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()


@pytest.fixture
def world(tmp_path: Path, qtbot) -> Iterator[tuple[Workstation, OrdersPage, list[Order]]]:
    ws = workstation_on_store(tmp_path)
    orders = make_orders(2000)
    # The same names in other cases, and the very same name twice: only the number may part them.
    orders[10].recipient = replace(orders[10].recipient, name="anna able")
    orders[11].recipient = replace(orders[11].recipient, name="ANNA ABLE")
    orders[12].recipient = replace(orders[12].recipient, name="Anna Able")
    fill_store(ws.store, orders)
    page = wiring.orders_page(ws)
    qtbot.addWidget(page)
    page.resize(1600, 700)  # every header on screen, to be clicked
    page.show()
    with qtbot.waitSignal(page.rows_loaded, timeout=20000):
        page.page_shown()
    yield ws, page, orders
    ws.tasks.shutdown()
    ws.store.close()


def click_header(page: OrdersPage, qtbot, column: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def by_recipient(orders: list[Order], descending: bool = False) -> list[str]:
    ranked = sorted(orders, key=lambda o: (o.recipient.name.casefold(), o.number), reverse=descending)
    return [o.id for o in ranked]


def shown_ids(page: OrdersPage) -> list[str]:
    return [r.id for r in page.model.visible_rows()]


def test_clicking_recipient_sorts_by_recipient_and_a_second_click_turns_it_round(world, qtbot) -> None:
    _ws, page, orders = world
    header = page.table.horizontalHeader()
    click_header(page, qtbot, RECIPIENT)
    assert header.sortIndicatorSection() == RECIPIENT  # the header shows the asked sort at once
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    qtbot.waitUntil(lambda: shown_ids(page) == by_recipient(orders), timeout=10000)
    names = [r.recipient_name for r in page.model.visible_rows()]
    able = [n for n in names if n.casefold() == "anna able"]
    assert able == ["anna able", "ANNA ABLE", "Anna Able"]  # same name: order number order
    latin = [n for n in names if n[0].isascii()]
    assert latin[:3] == able  # "anna" in lower case first too, not after "Mary…"

    click_header(page, qtbot, RECIPIENT)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    qtbot.waitUntil(lambda: shown_ids(page) == by_recipient(orders, descending=True), timeout=10000)
    assert page.model.rowCount() == len(orders)


def test_ticks_and_the_selected_order_survive_a_sort(world, qtbot) -> None:
    _ws, page, orders = world
    ticked = {orders[3].id, orders[500].id, orders[1999].id}
    page.model.set_checked(ticked)
    page.table.selectRow(42)
    chosen = page.model.row_at(42).id

    click_header(page, qtbot, RECIPIENT)
    qtbot.waitUntil(lambda: shown_ids(page) == by_recipient(orders), timeout=10000)

    assert {r.id for r in page.model.checked_rows()} == ticked
    assert page.ticked_ids() and set(page.ticked_ids()) == ticked
    current = page.table.currentIndex()
    assert current.isValid() and page.model.row_at(current.row()).id == chosen
    selected = page.table.selectionModel().selectedRows()
    assert [page.model.row_at(ix.row()).id for ix in selected] == [chosen]


@pytest.mark.parametrize("sync_first", [False, True], ids=["sort-then-sync", "sync-then-sort"])
def test_a_sync_that_lands_while_a_sort_runs_still_ends_with_the_right_rows_in_order(
    world, qtbot, sync_first: bool
) -> None:
    ws, page, orders = world
    gate = threading.Event()
    ws.tasks.run(lambda: gate.wait(20), lane=Lane.STORE)  # the store lane is busy for now
    # A sync wrote: one order renamed to the top of the alphabet and printed, one new order.
    renamed = replace(orders[700], status=S.PRINTED, version=2)
    renamed.recipient = replace(renamed.recipient, name="aaron aardvark")
    new = make_orders(1, start=2000)[0]
    with ws.store.transaction() as s:
        write_orders(s, [renamed.to_dict(), new.to_dict()])
    after = [o for o in orders if o.id != renamed.id] + [renamed, new]

    if sync_first:
        ws.events.synced.emit(None)  # the reload is read with the old sort (ship-by)
        click_header(page, qtbot, RECIPIENT)
    else:
        click_header(page, qtbot, RECIPIENT)
        ws.events.synced.emit(None)  # the reload is read with the new sort
    assert page.model.sorting  # nothing sorted yet: the lane still holds the gate
    gate.set()

    qtbot.waitUntil(lambda: shown_ids(page) == by_recipient(after), timeout=10000)
    first = page.model.row_at(0)
    assert first.id == renamed.id and first.status is S.PRINTED
    assert not page.model.sorting
    qtbot.wait(200)  # nothing late (an older sort, a stale reload) turns the list round again
    assert shown_ids(page) == by_recipient(after)


def test_with_a_synchronous_runner_a_click_sorts_at_once(tmp_path: Path, qtbot) -> None:
    ws = workstation_on_store(tmp_path, synchronous=True)
    orders = make_orders(300)
    fill_store(ws.store, orders)
    page = wiring.orders_page(ws)
    qtbot.addWidget(page)
    page.page_shown()  # loaded before it returns
    page.table.sortByColumn(RECIPIENT, Qt.SortOrder.DescendingOrder)
    assert not page.model.sorting and shown_ids(page) == by_recipient(orders, descending=True)
    ws.store.close()
