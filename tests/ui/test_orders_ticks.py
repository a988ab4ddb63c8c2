"""Ticks and filters on the order list (issue 14, points 1 and 2): a bulk action acts on the
ticked orders the person sees and says which ticked orders a filter hides; a scan's lookup
shows every order that holds the product, whatever status the list was narrowed to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain import OrderStatus
from app.store.queries import load_order
from tests.ui.orders_world import orders_page_on
from ui.pages.orders import OrdersPage
from ui.workstation import Workstation

S = OrderStatus


@pytest.fixture
def world(tmp_path: Path, qtbot) -> Iterator[tuple[Workstation, OrdersPage, list]]:
    with orders_page_on(tmp_path, qtbot, 600) as world:
        yield world


def test_a_bulk_move_leaves_out_a_ticked_order_a_new_filter_hides_and_says_so(world, qtbot) -> None:
    ws, page, orders = world
    ready = [o for o in orders if o.status is S.READY_TO_PRINT]
    seen = next(o for o in ready if o.marketplace == "eBay")
    hidden = next(o for o in ready if o.marketplace != "eBay")
    page.model.set_checked([seen.id, hidden.id])
    assert page.ticked_label.text() == "2 orders ticked"

    page.marketplace_box.setCurrentIndex(page.marketplace_box.findData("eBay"))  # a new filter
    assert hidden.id not in {r.id for r in page.model.visible_rows()}
    assert page.ticked_label.text() == "1 order ticked"
    assert not page.hidden_ticked_label.isHidden()
    assert "+1" in page.hidden_ticked_label.text() and "left out" in page.hidden_ticked_label.text()
    assert hidden.number in page.hidden_ticked_label.toolTip()

    said: list[tuple[str, str]] = []
    ws.notifier.said.connect(lambda text, tone: said.append((text, tone)))
    page.move_ticked("print_error", "Street number missing")
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    with ws.store.session() as s:
        assert load_order(s, seen.id).status is S.PRINT_ERROR
        assert load_order(s, hidden.id).status is S.READY_TO_PRINT  # not seen, not moved
    assert said[0] == ("1 order moved to “Print error”.", "right")


def test_print_ticked_sends_only_the_orders_shown(world, qtbot) -> None:
    _ws, page, orders = world
    collected = next(o for o in orders if o.status is S.COLLECTED)
    ready = next(o for o in orders if o.status is S.READY_TO_PRINT)
    page.model.set_checked([collected.id, ready.id])
    page.show_status(S.READY_TO_PRINT.value)  # the collected order is out of sight now
    with qtbot.waitSignal(page.print_requested) as asked:
        page.print_button.click()
    assert asked.args == [[ready.id], ""]

    page.show_status("")  # shown again: ticked still, and acted on again
    assert set(page.ticked_ids()) == {collected.id, ready.id}
    assert page.hidden_ticked_label.isHidden()


def test_ticking_all_shown_then_narrowing_leaves_nothing_hidden_to_act_on(world) -> None:
    _ws, page, _orders = world
    page.show_status(S.PRINTED.value)
    page.tick_all.setChecked(True)
    printed = len(page.model.visible_rows())
    page.show_status(S.READY_TO_PRINT.value)
    assert page.ticked_ids() == [] and not page.print_button.isEnabled()
    assert page.ticked_label.text() == "0 orders ticked"
    assert f"+{printed}" in page.hidden_ticked_label.text()


def test_a_product_scan_shows_every_order_holding_it_whatever_the_status_filter(world, qtbot) -> None:
    _ws, page, orders = world
    shipped = next(o for o in orders if o.status is S.SHIPPED)
    ean = shipped.lines[0].ean
    holding = {o.id for o in orders if any(line.ean == ean for line in o.lines)}
    page.show_status(S.READY_TO_PRINT.value)  # the list was left on "ready to print"
    page.marketplace_box.setCurrentIndex(page.marketplace_box.findData("Etsy"))

    assert page.handle_scan(ean)
    qtbot.waitUntil(lambda: {r.id for r in page.model.visible_rows()} == holding, timeout=5000)
    assert page.status_box.currentData() == "" and page.marketplace_box.currentData() == ""
    assert page.search_box.text() == ean


def test_a_typed_search_keeps_the_filters_the_person_chose(world, qtbot) -> None:
    _ws, page, orders = world
    page.show_status(S.READY_TO_PRINT.value)
    sku = orders[0].lines[0].sku
    page.search_box.setText(sku)
    wanted = {o.id for o in orders if o.status is S.READY_TO_PRINT and any(ln.sku == sku for ln in o.lines)}
    qtbot.waitUntil(lambda: {r.id for r in page.model.visible_rows()} == wanted, timeout=5000)
    assert page.status_box.currentData() == S.READY_TO_PRINT.value


def test_the_columns_fit_their_longest_text_and_a_dragged_width_survives_a_sync(world, qtbot) -> None:
    from dataclasses import replace

    from PySide6.QtGui import QFontMetrics

    from app.store.orders import write_orders

    ws, page, orders = world
    seller = max(
        {o.seller for o in orders}, key=lambda s: QFontMetrics(page.table.font()).horizontalAdvance(s)
    )
    assert page.table.columnWidth(5) > QFontMetrics(page.table.font()).horizontalAdvance(seller)
    page.table.setColumnWidth(5, 400)  # the operator drags the seller column wider
    changed = replace(orders[0], status_reason="Moved", version=2)
    with ws.store.transaction() as s:
        write_orders(s, [changed.to_dict()])
    with qtbot.waitSignal(page.rows_loaded, timeout=10000):
        ws.events.synced.emit(None)
    assert page.table.columnWidth(5) == 400
