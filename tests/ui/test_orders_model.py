"""The order list's model on a few thousand orders: filters, search, sort, ticks, and a sync that
changes some orders without the list losing the operator's place."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime

from PySide6.QtCore import QPersistentModelIndex, Qt

from app.domain import OrderStatus
from app.order_list.rows import ListFilter, OrderListRow, changes_between, sort_key
from ui.models.order_table import CHECK_COLUMN, OrderTableModel

S = OrderStatus
STATUSES = [S.READY_TO_PRINT, S.AWAITING_STOCK, S.PRINT_ERROR, S.PRINTED, S.COLLECTED, S.SHIPPED, S.CANCELLED]


def make_rows(n: int, seed: int = 7) -> list[OrderListRow]:
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        number = f"PC-{100000 + i}"
        recipient = rnd.choice(["Anna Petrova", "李雷", "Jan de Vries", "Mary Smith"]) + f" {i}"
        rows.append(
            OrderListRow(
                id=str(i),
                number=number,
                status=STATUSES[i % len(STATUSES)],
                status_reason="",
                marketplace=rnd.choice(["Amazon", "eBay", "Walmart"]),
                seller=rnd.choice(["Acme", "Globex", "Initech"]),
                ship_by=datetime(2026, 11, 1 + i % 28, 12, tzinfo=UTC),
                carrier=rnd.choice(["UPS", "USPS", "DHL"]),
                recipient_name=recipient,
                units=rnd.randint(1, 30),
                line_count=rnd.randint(1, 5),
                failed_pushes=0,
                claim_workstation="",
                claim_operator="",
                updated_at=None,
                unsent_changes=False,
                notice="",
            )
        )
    return rows


def test_the_model_obeys_qts_rules_through_load_filter_sort_and_a_sync(qtmodeltester) -> None:
    model = OrderTableModel()
    qtmodeltester.check(model)
    model.set_rows(make_rows(300))
    model.set_filter(ListFilter(statuses=frozenset({S.READY_TO_PRINT, S.PRINTED})))
    model.sort(1, Qt.SortOrder.DescendingOrder)
    rows = model.all_rows()
    changed = [replace(rows[5], status=S.PRINTED), replace(rows[9], number="PC-000001")]
    model.apply_changes(changed, removed_ids=[rows[20].id])
    qtmodeltester.check(model, force_py=True)


def test_filters_narrow_the_list_to_what_the_operator_asked_for(qtbot) -> None:
    model = OrderTableModel()
    rows = make_rows(3000)
    model.set_rows(rows)
    assert model.rowCount() == 3000

    model.set_filter(ListFilter(statuses=frozenset({S.READY_TO_PRINT})))
    assert model.rowCount() == sum(1 for r in rows if r.status is S.READY_TO_PRINT)
    assert {r.status for r in model.visible_rows()} == {S.READY_TO_PRINT}

    model.set_filter(ListFilter(marketplace="eBay", seller="Acme", carrier="UPS"))
    expected = [r for r in rows if (r.marketplace, r.seller, r.carrier) == ("eBay", "Acme", "UPS")]
    assert {r.id for r in model.visible_rows()} == {r.id for r in expected}

    model.set_filter(ListFilter(ship_by_until=date(2026, 11, 3)))
    due = [r for r in rows if r.ship_by and r.ship_by.astimezone().date() <= date(2026, 11, 3)]
    assert due and {r.id for r in model.visible_rows()} == {r.id for r in due}


def test_a_search_shows_the_orders_the_store_found_within_the_other_filters(qtbot) -> None:
    model = OrderTableModel()
    rows = make_rows(3000)
    model.set_rows(rows)
    hits = frozenset({rows[0].id, rows[1].id, rows[7].id})  # 0 and 7 are ready to print, 1 not
    model.set_filter(ListFilter(search="anna", search_hits=hits))
    assert {r.id for r in model.visible_rows()} == hits
    model.set_filter(ListFilter(statuses=frozenset({S.READY_TO_PRINT}), search="anna", search_hits=hits))
    assert {r.id for r in model.visible_rows()} == {rows[0].id, rows[7].id}


def test_sorting_by_ship_by_puts_the_most_urgent_order_first(qtbot) -> None:
    model = OrderTableModel()
    model.set_rows(make_rows(2000))
    model.sort(3, Qt.SortOrder.AscendingOrder)
    dates = [r.ship_by for r in model.visible_rows()]
    assert dates == sorted(dates)
    model.sort(8, Qt.SortOrder.DescendingOrder)
    units = [r.units for r in model.visible_rows()]
    assert units == sorted(units, reverse=True)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert model.row_at(0).status is S.READY_TO_PRINT  # the flow's order, not the text's
    assert model.row_at(model.rowCount() - 1).status is S.CANCELLED


def test_select_all_ticks_only_what_the_filter_shows(qtbot) -> None:
    model = OrderTableModel()
    rows = make_rows(2000)
    model.set_rows(rows)
    model.set_filter(ListFilter(statuses=frozenset({S.READY_TO_PRINT})))
    with qtbot.waitSignal(model.checked_changed) as signal:
        model.set_all_checked(True)
    assert signal.args == [sum(1 for r in rows if r.status is S.READY_TO_PRINT), 0]  # shown, hidden
    assert {r.status for r in model.checked_rows()} == {S.READY_TO_PRINT}
    first = model.index(0, CHECK_COLUMN)
    model.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.data(first, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert len(model.checked_rows()) == signal.args[0] - 1


def test_a_sync_changes_only_the_rows_it_touched_and_keeps_the_operators_place(qtbot) -> None:
    model = OrderTableModel()
    rows = make_rows(3000)
    model.set_rows(rows)
    model.set_filter(ListFilter(statuses=frozenset({S.READY_TO_PRINT})))
    keep = model.row_at(100)
    place = QPersistentModelIndex(model.index(100, 1))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))

    first_ready = model.row_at(0)
    after = {r.id: r for r in rows}
    after[first_ready.id] = replace(first_ready, status=S.PRINTED)  # printed elsewhere: leaves
    after[rows[1].id] = replace(rows[1], status=S.READY_TO_PRINT)  # back to ready: joins
    del after[rows[14].id]  # gone from the store
    changed, removed = changes_between({r.id: r for r in model.all_rows()}, after.values())
    assert {r.id for r in changed} == {first_ready.id, rows[1].id} and removed == [rows[14].id]
    model.apply_changes(changed, removed)

    assert resets == []
    ids = [r.id for r in model.visible_rows()]
    assert first_ready.id not in ids and rows[1].id in ids and rows[14].id not in ids
    assert model.row_at(place.row()).id == keep.id
    expected = ListFilter(statuses=frozenset({S.READY_TO_PRINT})).select(
        sorted(after.values(), key=sort_key("ship_by"))
    )
    assert ids == [r.id for r in expected]


def test_a_sync_that_changes_hundreds_of_orders_keeps_the_current_order_under_the_cursor(
    qtmodeltester,
) -> None:
    model = OrderTableModel()
    rows = make_rows(3000)
    model.set_rows(rows)
    model.set_filter(ListFilter(statuses=frozenset({S.READY_TO_PRINT})))
    qtmodeltester.check(model, force_py=True)
    keep = model.row_at(250)
    place = QPersistentModelIndex(model.index(250, 2))
    after = {r.id: r for r in rows}
    ready = [r for r in model.visible_rows() if r.id != keep.id]
    for r in ready[:300]:
        after[r.id] = replace(r, status=S.PRINTED)  # printed at another table
    for r in [r for r in rows if r.status is S.AWAITING_STOCK][:100]:
        after[r.id] = replace(r, status=S.READY_TO_PRINT)  # replenished
    changed, removed = changes_between({r.id: r for r in model.all_rows()}, after.values())
    model.apply_changes(changed, removed)

    expected = ListFilter(statuses=frozenset({S.READY_TO_PRINT})).select(
        sorted(after.values(), key=sort_key("ship_by"))
    )
    assert [r.id for r in model.visible_rows()] == [r.id for r in expected]
    assert place.isValid() and model.row_at(place.row()).id == keep.id
