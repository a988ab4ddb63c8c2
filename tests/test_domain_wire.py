"""An order survives the trip to JSON and back unchanged, money and times included."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

from app.domain import (
    Activity,
    Claim,
    Line,
    Order,
    OrderStatus,
    PushState,
    Recipient,
    Service,
    ServiceAsked,
    Shipment,
)


def test_an_order_round_trips_through_json_unchanged() -> None:
    at = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    order = Order(
        id="17",
        number="100017",
        status=OrderStatus.SHIPPED,
        recipient=Recipient(name="Анна Петрова", city="Москва", postcode="101000", country="RU"),
        lines=[Line(id="1", sku="MUG-RED", title="Mug ^XA", quantity=3, price=Decimal("4.99"), weight_g=350)],
        shipments=[
            Shipment(
                tracking_number="1Z999AA10123456784",
                carrier="ups",
                push_state=PushState.FAILED,
                push_reason="Order already shipped",
                created_at=at,
            )
        ],
        services=[Service(code="POLYBAG", quantity=3, unit_price=Decimal("0.35"), done_at=at)],
        activity=[Activity(action="status", detail="6 → 6.4", operator="ann", workstation="T1", at=at)],
        claim=Claim(operator="ann", workstation="T1", expires_at=at),
        ship_by=at,
        updated_at=at,
        version=7,
        buyer_language="ru",
        services_asked=[
            ServiceAsked("POLYBAG", 2, "Polybag with suffocation warning"),
            ServiceAsked("INSERT"),
        ],
    )
    again = Order.from_dict(json.loads(json.dumps(order.to_dict())))
    assert again == order
    assert again.lines[0].total == Decimal("14.97")
    assert again.services[0].total == Decimal("1.05")
