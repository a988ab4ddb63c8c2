"""The pick station's first words count units and lines, each in its own plural form (issue 14,
point 13): "1 unit on 1 line", never "1 unit on 1 lines"."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain import OrderStatus
from app.flows import OrderActions, ScanJournal
from app.stations.pick import PickSession
from app.stations.pick_station import PickStation
from app.store import Store
from app.store.orders import write_orders
from tests.store.conftest import make_order


@pytest.mark.parametrize(
    ("quantities", "words"),
    [((1,), "1 unit on 1 line."), ((2,), "2 units on 1 line."), ((1, 2), "3 units on 2 lines.")],
)
def test_an_opened_order_counts_its_units_and_lines_in_the_right_plural(
    store: Store, quantities: tuple[int, ...], words: str
) -> None:
    order = make_order(1, OrderStatus.PRINTED)
    first = order.lines[0]
    order = replace(
        order,
        lines=[replace(first, id=f"1-{n}", sku=f"SKU-{n}", quantity=q) for n, q in enumerate(quantities)],
    )
    with store.transaction() as s:
        write_orders(s, [order.to_dict()])
    station = PickStation(store, OrderActions(store, "ann", "T1"), ScanJournal(store, "ann", "T1"))
    session = station.open(order.id)
    assert isinstance(session, PickSession), session
    assert session.answer().verdict.message == f"Order {order.number}: {words}"
