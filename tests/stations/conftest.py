"""Station fixtures: a real store in tmp_path with orders put in it as the sync would, and the
pack session of operator "ann" at table T1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.domain import Order, OrderStatus
from app.flows import OrderActions, ScanJournal
from app.stations.pack import PackSession
from app.store import Store
from app.store.orders import write_orders
from tests.store.conftest import make_order, parcel

# Valid numbers (check digits right) of three carriers, and one with its check digit wrong.
UPS_1 = "1Z999AA10123456784"
UPS_2 = "1Z12345E6605272234"
ROYAL_MAIL = "RR123456785GB"
FEDEX = "123456789012"
UPS_WRONG_CHECK = "1Z999AA10123456785"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "prepdesk.sqlite3")
    yield s
    s.close()


def new_session(store: Store) -> PackSession:
    return PackSession(store, OrderActions(store, "ann", "T1"), ScanJournal(store, "ann", "T1"))


@pytest.fixture
def session(store: Store) -> PackSession:
    return new_session(store)


def put_orders(store: Store, *orders: Order) -> None:
    """Orders written into the store as a pull from the server writes them."""
    with store.transaction() as s:
        write_orders(s, [o.to_dict() for o in orders])


@pytest.fixture
def collected(store: Store) -> Callable[..., Order]:
    """`collected(n, service="UPS Ground", **fields)`: an order already collected (6.4) in the store."""

    def put(n: int, service: str = "UPS Ground", **fields: object) -> Order:
        order = make_order(n, OrderStatus.COLLECTED, shipping_service=service, **fields)
        put_orders(store, order)
        return order

    return put


@pytest.fixture
def shipped_with(store: Store) -> Callable[[int, str], Order]:
    """An order shipped earlier with a parcel of this tracking number."""

    def put(n: int, tracking: str) -> Order:
        order = make_order(n, OrderStatus.SHIPPED, shipments=[parcel(tracking)])
        put_orders(store, order)
        return order

    return put
