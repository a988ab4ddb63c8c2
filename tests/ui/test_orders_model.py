"""The order list's model on a few thousand orders: filters, search, sort, ticks, and a sync that
changes some orders without the list losing the operator's place."""

from __future__ import annotations

import random
from datetime import date

from PySide6.QtCore import QPersistentModelIndex, Qt

from app.domain import OrderStatus
from ui.models.order_rows import OrderFilter, OrderListRow, haystack_of
from ui.models.order_table import CHECK_COLUMN, OrderTableModel

STATUSES = ["5.1", "5.2", "5.3", "6", "6.4", "7.1", "0"]


def make_rows(n: int, seed: int = 7) -> list[OrderListRow]:
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        number = f"PC-{100000 + i}"
        sku = f"SKU-{rnd.randint(1, 400):04d}"
        tracking = f"1Z{rnd.randint(10**15, 10**16 - 1)}" if i % 3 == 0 else ""
        recipient = rnd.choice(["Anna Petrova", "李雷", "Jan de Vries", "Mary Smith"]) + f" {i}"
        rows.append(
            OrderListRow(
                id=str(i),
                number=number,
                status=STATUSES[i % len(STATUSES)],
                ship_by=f"2026-11-{1 + i % 28:02d} 12:00:00.000000",
                marketplace=rnd.choice(["Amazon", "eBay", "Walmart"]),
                seller=rnd.choice(["Acme", "Globex", "Initech"]),
                carrier=rnd.choice(["UPS", "USPS", "DHL"]),
                recipient=recipient,
                country="US",
                units=rnd.randint(1, 30),
                tracking=tracking,
                push_failed=False,
                status_reason="",
                haystack=haystack_of(number, recipient, sku, tracking),
            )
        )
    return rows


def test_the_model_obeys_qts_rules_through_load_filter_sort_and_a_sync(qtmodeltester) -> None:
    model = OrderTableModel()
    qtmodeltester.check(model)
    model.set_rows(make_rows(300))
    model.set_filter(OrderFilter(statuses=frozenset({"5.1", "6"})))
    model.sort(1, Qt.SortOrder.DescendingOrder)
    rows = model.all_rows()
    changed = [rows[5]._replace(status="6"), rows[9]._replace(number="PC-000001")]
    model.apply_changes(changed, removed_ids=[rows[20].id])
    qtmodeltester.check(model, force_py=True)


def test_filters_narrow_the_list_to_what_the_operator_asked_for(qtbot) -> None:
    model = OrderTableModel()
    rows = make_rows(3000)
    model.set_rows(rows)
    assert model.rowCount() == 3000

    model.set_filter(OrderFilter(statuses=frozenset({OrderStatus.READY_TO_PRINT.value})))
    assert model.rowCount() == sum(1 for r in rows if r.status == "5.1")
    assert {r.status for r in model.visible_rows()} == {"5.1"}

    model.set_filter(OrderFilter(marketplace="eBay", seller="Acme", carrier="UPS"))
    expected = [r for r in rows if (r.marketplace, r.seller, r.carrier) == ("eBay", "Acme", "UPS")]
    assert {r.id for r in model.visible_rows()} == {r.id for r in expected}

    model.set_filter(OrderFilter(ship_by_until=date(2026, 11, 3)))
    assert model.visible_rows()
    assert all(r.ship_by[:10] <= "2026-11-03" for r in model.visible_rows())
    assert len(model.visible_rows()) == sum(1 for r in rows if r.ship_by[:10] <= "2026-11-03")


def test_search_finds_an_order_by_number_sku_tracking_or_recipient(qtbot) -> None:
    model = OrderTableModel()
    rows = make_rows(3000)
    model.set_rows(rows)
    model.set_filter(OrderFilter(search="pc-101234"))
    assert [r.number for r in model.visible_rows()] == ["PC-101234"]
    tracked = next(r for r in rows if r.tracking)
    model.set_filter(OrderFilter(search=tracked.tracking.lower()))
    assert [r.id for r in model.visible_rows()] == [tracked.id]
    model.set_filter(OrderFilter(search="李雷 7"))
    assert model.visible_rows() and all("李雷 7" in r.recipient for r in model.visible_rows())
    model.set_filter(OrderFilter(search="sku-0042"))
    assert model.visible_rows() and all("sku-0042" in r.haystack for r in model.visible_rows())


def test_sorting_by_ship_by_puts_the_most_urgent_order_first(qtbot) -> None:
    model = OrderTableModel()
    model.set_rows(make_rows(2000))
    model.sort(3, Qt.SortOrder.AscendingOrder)
    dates = [r.ship_by for r in model.visible_rows()]
    assert dates == sorted(dates)
    model.sort(9, Qt.SortOrder.DescendingOrder)
    units = [r.units for r in model.visible_rows()]
    assert units == sorted(units, reverse=True)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert model.row_at(0).status == "5.1"  # the flow's order, not the text's


def test_select_all_ticks_only_what_the_filter_shows(qtbot) -> None:
    model = OrderTableModel()
    rows = make_rows(2000)
    model.set_rows(rows)
    model.set_filter(OrderFilter(statuses=frozenset({"5.1"})))
    with qtbot.waitSignal(model.checked_changed) as signal:
        model.set_all_checked(True)
    assert signal.args == [sum(1 for r in rows if r.status == "5.1")]
    assert {r.status for r in model.checked_rows()} == {"5.1"}
    first = model.index(0, CHECK_COLUMN)
    model.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.data(first, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert len(model.checked_rows()) == signal.args[0] - 1


def test_a_sync_changes_only_the_rows_it_touched_and_keeps_the_operators_place(qtbot) -> None:
    model = OrderTableModel()
    rows = make_rows(3000)
    model.set_rows(rows)
    model.set_filter(OrderFilter(statuses=frozenset({"5.1"})))
    keep = model.row_at(100)
    place = QPersistentModelIndex(model.index(100, 1))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))

    first_ready = model.row_at(0)
    printed = first_ready._replace(status="6")  # printed elsewhere: leaves the 5.1 list
    newcomer = rows[1]._replace(status="5.1")  # back to ready: joins it
    model.apply_changes([printed, newcomer])

    assert resets == []
    ids = [r.id for r in model.visible_rows()]
    assert first_ready.id not in ids and newcomer.id in ids
    assert model.row_at(place.row()).id == keep.id
    expected = OrderFilter(statuses=frozenset({"5.1"})).select(
        sorted(model.all_rows(), key=lambda r: (r.ship_by, r.number))
    )
    assert ids == [r.id for r in expected]
