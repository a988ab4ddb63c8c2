"""Flow fixtures: a store with orders in it, and the actions of operator "ann" at table T1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.domain import OrderStatus
from app.flows import OrderActions
from app.store import Store
from app.store.orders import write_orders
from tests.store.conftest import make_order


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "prepdesk.sqlite3")
    yield s
    s.close()


@pytest.fixture
def actions(store: Store) -> OrderActions:
    return OrderActions(store, "ann", "T1")


@pytest.fixture
def order_in(store: Store) -> Callable[[OrderStatus], str]:
    """Put an order in `status` into the store as if the server had sent it; returns its id."""
    made = iter(range(1, 10_000))

    def put(status: OrderStatus) -> str:
        order = make_order(next(made), status)
        with store.transaction() as s:
            write_orders(s, [order.to_dict()])
        return order.id

    return put
