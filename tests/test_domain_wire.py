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


def test_what_the_server_may_legitimately_send_empty_or_as_a_number_reads_as_before() -> None:
    """Reading the wire strictly refuses the wrong kind of value, never a value the server sends:
    a parcel of an untracked service has an empty tracking number, ids may come as numbers,
    money as a number or as text."""
    d = Order(id="o-1", number="100001", status=OrderStatus.SHIPPED, recipient=Recipient("Ann")).to_dict()
    d["id"], d["number"] = 17, 100001
    d["shipments"] = [{"id": 3, "tracking_number": "", "carrier": "Own van", "weight_g": None}]
    d["lines"] = [{"id": 5, "sku": "S", "quantity": "2", "price": 4.5, "weight_g": 120.0}]
    order = Order.from_dict(d)
    assert (order.id, order.number) == ("17", "100001")
    assert order.shipments[0].tracking_number == "" and order.shipments[0].id == "3"
    line = order.lines[0]
    assert (line.id, line.quantity, str(line.price), line.weight_g) == ("5", 2, "4.5", 120)
