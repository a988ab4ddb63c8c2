"""Store fixtures: a fresh workstation store in a temporary folder, and orders to fill it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain import Line, Order, OrderStatus, Recipient, Shipment
from app.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "prepdesk.sqlite3")
    yield s
    s.close()


def make_order(n: int, status: OrderStatus = OrderStatus.READY_TO_PRINT, **extra: object) -> Order:
    base = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    order = Order(
        id=str(n),
        number=f"{100000 + n}",
        status=status,
        recipient=Recipient(name=extra.pop("name", f"Buyer {n}"), city="Utrecht", country="NL"),  # type: ignore[arg-type]
        lines=[
            Line(
                id=f"{n}-1",
                sku=f"SKU-{n % 7}",
                title="Mug",
                quantity=2,
                ean="4006381333931",
                price=Decimal("4.99"),
            ),
            Line(id=f"{n}-2", sku="CABLE-USB-C", title="Cable", quantity=1, fnsku="X001ABCDEF"),
        ],
        marketplace=["amazon", "ebay", "bol"][n % 3],
        seller=["acme", "globex"][n % 2],
        ship_by=base + timedelta(days=n % 5),
        updated_at=base + timedelta(minutes=n),
        version=1,
    )
    for key, value in extra.items():
        setattr(order, key, value)
    return order


def parcel(tracking: str, carrier: str = "ups") -> Shipment:
    return Shipment(tracking_number=tracking, carrier=carrier, id=f"s-{tracking}")
