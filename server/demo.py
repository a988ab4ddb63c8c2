"""Demo data: realistic orders from several marketplaces and sellers, deterministic for a seed,
inserted in bulk (10,000 orders in seconds: the sync benchmark uses them).

`--demo-data N` gives prep center A N orders it can see (most ready to print, some awaiting
stock, some with a broken address, a few further on or cancelled), plus orders of prep center B
and a few still with the seller (statuses 1-3) that no prep center may see.
"""

from __future__ import annotations

import random
import string
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select

from app.domain import OrderStatus, utcnow
from server.db import Database
from server.demo_catalogue import (
    ADDRESSES,
    BROKEN_ADDRESSES,
    BUYER_LANGUAGES,
    CANCEL_REASONS,
    KINDS,
    MARKET_COUNTRIES,
    SELLERS,
    SHIPPING,
    Seller,
)
from server.demo_tracking import tracking_number
from server.marketplace import REFUSALS
from server.models import (
    ActivityRow,
    Base,
    LineRow,
    OrderRow,
    ProductRow,
    ServiceAskedRow,
    ServiceRow,
    ShipmentRow,
)
from server.reference import PRICE_LIST

S = OrderStatus
# Share of each status among the orders a prep center sees.
STATUS_MIX = (
    (S.READY_TO_PRINT, 76),
    (S.AWAITING_STOCK, 7),
    (S.PRINT_ERROR, 7),
    (S.PRINTED, 4),
    (S.COLLECTED, 3),
    (S.SHIPPED, 2),
    (S.CANCELLED, 1),
)
LINE_COUNTS = ((1, 30), (2, 22), (3, 15), (4, 12), (5, 5), (6, 4), (8, 4), (10, 3), (14, 2), (20, 2), (30, 1))
OPERATORS = (("ann", "table-1"), ("boris", "table-2"), ("chen", "table-3"), ("daan", "table-4"))


def ean13(first12: str) -> str:
    """An EAN-13 with its check digit (weights 1,3,1,3… from the left)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


@dataclass(frozen=True)
class Product:
    seller: Seller
    sku: str
    title: str
    configuration: str
    fnsku: str
    ean: str
    asin: str
    weight_g: int
    price: Decimal
    photo: str
    bin_location: str


def _code(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(length))


def catalogue(rng: random.Random) -> list[Product]:
    """Every seller's goods: one product per kind, colour and size."""
    products = []
    for seller in SELLERS:
        item = 0
        for slug in seller.kinds:
            kind = KINDS[slug]
            for colour in kind.colours:
                for size in kind.sizes:
                    item += 1
                    config = ", ".join(
                        p for p in (colour.capitalize() if len(kind.colours) > 1 else "", size) if p
                    )
                    sku = (
                        f"{seller.sku_prefix}-{slug.upper()[:5]}-{rng.randint(100, 999)}"
                        + (f"-{colour[:3].upper()}" if len(kind.colours) > 1 else "")
                        + (f"-{size}" if size else "")
                    )
                    body = seller.ean_prefix + f"{item:05d}"
                    products.append(
                        Product(
                            seller=seller,
                            sku=sku,
                            title=kind.title,
                            configuration=config,
                            fnsku=("X00" + _code(rng, 7)) if seller.on_amazon else "",
                            ean=ean13(body[:12]),
                            asin=("B0" + _code(rng, 8)) if seller.on_amazon else "",
                            weight_g=rng.randint(*kind.grams),
                            price=Decimal(str(round(rng.uniform(*kind.price), 0) - 0.01)),
                            photo=f"{slug}-{colour}.png",
                            bin_location=""
                            if rng.random() < 0.05
                            else f"{rng.choice('ABCDEFGH')}-{rng.randint(1, 24):02d}-{rng.randint(1, 5)}",
                        )
                    )
    return products


def _market_order_id(rng: random.Random, market: str) -> str:
    d = lambda n: "".join(rng.choice(string.digits) for _ in range(n))  # noqa: E731
    return {
        "Amazon": lambda: f"{rng.randint(111, 114)}-{d(7)}-{d(7)}",
        "eBay": lambda: f"{rng.randint(10, 27)}-{d(5)}-{d(5)}",
        "Etsy": lambda: "3" + d(9),
        "Shopify": lambda: f"#{rng.randint(1001, 99999)}",
        "Walmart": lambda: "1" + d(14),
        "Ozon": lambda: f"{d(8)}-{d(4)}-{rng.randint(1, 3)}",
        "Bol.com": lambda: "A" + _code(rng, 9),
        "AliExpress": lambda: "8" + d(15),
    }[market]()


def _weighted(rng: random.Random, table: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


class _Builder:
    """Collects rows for the bulk inserts."""

    def __init__(self, rng: random.Random, products: list[Product], now: datetime) -> None:
        self.rng = rng
        self.now = now
        self.by_seller: dict[str, list[Product]] = {}
        for p in products:
            self.by_seller.setdefault(p.seller.name, []).append(p)
        self.orders: list[dict[str, Any]] = []
        self.lines: list[dict[str, Any]] = []
        self.shipments: list[dict[str, Any]] = []
        self.activity: list[dict[str, Any]] = []
        self.services: list[dict[str, Any]] = []
        self.asked: list[dict[str, Any]] = []

    def order(self, prep_center: str, number: int, status: OrderStatus, seq: int) -> None:
        rng = self.rng
        seller = rng.choice([s for s in SELLERS if s.prep_center == prep_center])
        market = rng.choice(seller.marketplaces)
        country = rng.choice(MARKET_COUNTRIES[market])
        name, company, street1, street2, city, region, postcode, phone, email = rng.choice(ADDRESSES[country])
        recipient = {
            "r_name": name,
            "r_company": company,
            "r_street1": street1,
            "r_street2": street2,
            "r_city": city,
            "r_region": region,
            "r_postcode": postcode,
            "r_country": country,
            "r_phone": phone,
            "r_email": email,
        }
        reason = ""
        if status is S.PRINT_ERROR:
            field, value, reason = rng.choice(BROKEN_ADDRESSES)
            recipient["r_" + field] = value
        order_id = uuid.UUID(int=rng.getrandbits(128), version=4).hex
        created = self.now - timedelta(minutes=rng.randint(5, 72 * 60))
        service = rng.choice(SHIPPING[country])
        count = min(_weighted(rng, LINE_COUNTS), len(self.by_seller[seller.name]))
        chosen = rng.sample(self.by_seller[seller.name], count)
        for position, p in enumerate(chosen, start=1):
            self.lines.append(
                {
                    "id": f"{order_id}-{position}",
                    "order_id": order_id,
                    "position": position,
                    "sku": p.sku,
                    "title": p.title,
                    "quantity": rng.choice((1, 1, 1, 1, 1, 1, 2, 2, 3, rng.randint(4, 12))),
                    "fnsku": p.fnsku,
                    "ean": p.ean,
                    "asin": p.asin,
                    "vendor": p.seller.vendor,
                    "configuration": p.configuration,
                    "weight_g": p.weight_g,
                    "price": str(p.price),
                    "currency": seller.currency,
                    "photo_url": f"/api/v1/photos/{p.photo}",
                    "bin_location": p.bin_location,
                }
            )
        if status is S.AWAITING_STOCK:
            short = chosen[0]
            reason = (
                f"Waiting for stock: {rng.randint(1, 5)} × {short.sku} (inbound shipment FBA{_code(rng, 9)})"
            )
        elif status is S.CANCELLED:
            reason = rng.choice(CANCEL_REASONS)
        label = "" if rng.random() > 0.12 else rng.choice(("zpl", "zpl", "pdf"))
        self.orders.append(
            {
                "id": order_id,
                "prep_center_id": prep_center,
                "number": str(number),
                "status": status.value,
                "status_reason": reason,
                "marketplace": market,
                "marketplace_order_id": _market_order_id(rng, market),
                "seller": seller.name,
                "ship_by": created + timedelta(days=rng.randint(1, 3)),
                "shipping_service": service,
                "carrier_label": label,
                **recipient,
                "buyer_language": BUYER_LANGUAGES.get(name, ""),
                "claim_operator": "",
                "claim_workstation": "",
                "claim_expires_at": None,
                "created_at": created,
                "updated_at": created,
                "version": 1,
                "seq": seq,
            }
        )
        self._history(order_id, status, created, market, seller.name, service, reason)
        self._fnsku_labelling(order_id, number, market, status, created, self.lines[-count:])
        self._services_asked(order_id, number, status, self.lines[-count:])

    def _services_asked(
        self, order_id: str, number: int, status: OrderStatus, lines: list[dict[str, Any]]
    ) -> None:
        """About one order in five still to pack asks for prep services, as an imported order file
        would: glass, mugs and candles bubble-wrapped with a fragile sticker, the rest polybagged,
        now and then a seller's flyer. Its own random stream: the rest of the demo stays as it was."""
        if status not in (S.READY_TO_PRINT, S.PRINTED, S.COLLECTED) or not lines:
            return
        rng = random.Random(number * 7919)
        if rng.random() >= 0.2:
            return
        units = sum(int(line["quantity"]) for line in lines)
        fragile = any(word in line["title"].lower() for line in lines for word in ("glass", "mug", "candle"))
        asked = [("BUBBLE_WRAP", units), ("FRAGILE_STICKER", 1)] if fragile else [("POLYBAG", units)]
        if rng.random() < 0.3:
            asked.append(("INSERT", 1))
        names = {code: name for code, name, _price, _unit in PRICE_LIST}
        self.asked += [
            {"order_id": order_id, "code": code, "quantity": quantity, "name": names[code]}
            for code, quantity in asked
        ]

    def _fnsku_labelling(
        self,
        order_id: str,
        number: int,
        market: str,
        status: OrderStatus,
        at: datetime,
        lines: list[dict[str, Any]],
    ) -> None:
        """About half the Amazon orders whose every unit has an FNSKU come with FNSKU labelling
        bought by the seller, one label a unit (the pick station prints them as it counts).
        Its own random stream, so the rest of the demo stays as it was for a given seed."""
        if market != "Amazon" or not lines or not all(line["fnsku"] for line in lines):
            return
        if status not in (S.READY_TO_PRINT, S.PRINTED) or random.Random(number).random() < 0.5:
            return
        code, name, price, _unit = next(entry for entry in PRICE_LIST if entry[0] == "FNSKU_LABEL")
        self.services.append(
            {
                "order_id": order_id,
                "code": code,
                "quantity": sum(int(line["quantity"]) for line in lines),
                "name": name,
                "unit_price": price,
                "currency": lines[0]["currency"],
                "operator": "",
                "done_at": at,
            }
        )

    def _history(
        self,
        order_id: str,
        status: OrderStatus,
        created: datetime,
        market: str,
        seller: str,
        service: str,
        reason: str,
    ) -> None:
        rng = self.rng
        self.activity.append(
            {
                "order_id": order_id,
                "action": "received",
                "detail": f"{market} · {seller}",
                "operator": "",
                "workstation": "",
                "at": created,
            }
        )
        path = {S.PRINTED: ("6",), S.COLLECTED: ("6", "6.4"), S.SHIPPED: ("6", "6.4", "7.1")}.get(status, ())
        operator, table = rng.choice(OPERATORS)
        at = created
        previous = "5.1"
        for step in path:
            at += timedelta(minutes=rng.randint(3, 90))
            self.activity.append(
                {
                    "order_id": order_id,
                    "action": "status",
                    "detail": f"{previous} → {step}",
                    "operator": operator,
                    "workstation": table,
                    "at": at,
                }
            )
            previous = step
        if status in (S.PRINT_ERROR, S.AWAITING_STOCK, S.CANCELLED):
            self.activity.append(
                {
                    "order_id": order_id,
                    "action": "status",
                    "detail": f"5.1 → {status.value}: {reason}",
                    "operator": "",
                    "workstation": "",
                    "at": created,
                }
            )
        if status is S.SHIPPED:
            for parcel in range(1, rng.choice((1, 1, 1, 2)) + 1):
                tracking, carrier = tracking_number(rng, service)
                refused = rng.random() < 0.15
                self.shipments.append(
                    {
                        "id": f"{order_id}-p{parcel}",
                        "order_id": order_id,
                        "tracking_number": tracking,
                        "carrier": carrier,
                        "weight_g": rng.randint(150, 4000),
                        "parcel_no": parcel,
                        "push_state": "failed" if refused else "confirmed",
                        "push_reason": rng.choice(REFUSALS) if refused else "",
                        "push_attempts": 1,
                        "pushed_at": at,
                        "created_at": at,
                    }
                )


def add_demo_orders(db: Database, count: int, seed: int = 1) -> int:
    """Fill an empty database with `count` orders visible to prep center A (and the others);
    returns how many orders were added (0 if the database already has orders)."""
    rng = random.Random(seed)
    with db.write() as session:
        if session.scalar(select(func.count()).select_from(OrderRow)):
            return 0
        products = catalogue(rng)
        builder = _Builder(rng, products, utcnow())
        plan: list[tuple[str, int, OrderStatus]] = []
        plan += [("A", 100_001 + i, _weighted(rng, STATUS_MIX)) for i in range(count)]
        plan += [("B", 500_001 + i, _weighted(rng, STATUS_MIX)) for i in range(max(3, count // 10))]
        hidden = (S.NEW, S.AWAITING_PAYMENT, S.PAID_UNCHECKED)
        plan += [("A", 800_001 + i, hidden[i % 3]) for i in range(max(3, count // 50))]
        plan += [("B", 880_001 + i, hidden[i % 3]) for i in range(3)]
        rng.shuffle(plan)  # the change sequence mixes prep centers and statuses, as in life
        first = db.reserve_seqs(session, len(plan))
        for offset, (center, number, status) in enumerate(plan):
            builder.order(center, number, status, first + offset)
        session.execute(
            insert(ProductRow),
            [
                {
                    "prep_center_id": p.seller.prep_center,
                    "seller": p.seller.name,
                    "sku": p.sku,
                    "title": f"{p.title}" + (f" ({p.configuration})" if p.configuration else ""),
                    "fnsku": p.fnsku,
                    "ean": p.ean,
                    "asin": p.asin,
                    "vendor": p.seller.vendor,
                    "weight_g": p.weight_g,
                    "photo_url": f"/api/v1/photos/{p.photo}",
                }
                for p in products
            ],
        )
        for table, rows in (
            (OrderRow, builder.orders),
            (LineRow, builder.lines),
            (ShipmentRow, builder.shipments),
            (ActivityRow, builder.activity),
            (ServiceRow, builder.services),
            (ServiceAskedRow, builder.asked),
        ):
            for start in range(0, len(rows), 5000):
                session.execute(insert(Base.metadata.tables[table.__tablename__]), rows[start : start + 5000])
        return len(plan)
