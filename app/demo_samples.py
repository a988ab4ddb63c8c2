"""What demo mode's on-screen scanner offers to scan (store lane, no Qt): a few orders waiting at
this table and the codes of their items, tracking numbers with right check digits, badges; while a
station holds an order, that order's codes first and one item no order holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from app.domain import OrderStatus, badge_barcode, order_barcode
from app.settings import OPERATORS_CACHE, load_cached
from app.store import LineRow, OrderRow, ShipmentRow

# Tracking numbers with valid check digits (UPS, Royal Mail S10), for the pack-and-ship flow.
SAMPLE_TRACKING = ("1Z999AA10123456784", "RR123456785GB")
SAMPLES_PER_KIND = 6


@dataclass
class Samples:
    orders: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    badges: list[str] = field(default_factory=list)
    tracking: list[str] = field(default_factory=list)


# An EAN-13 with a right check digit that no demo order holds: the pick station's wrong item.
SAMPLE_WRONG_ITEM = "5901234123457"


def read_samples(store: Any, holding: Sequence[str] = ()) -> Samples:
    """Store lane: a few orders waiting at this table and the codes of their items; while a
    station holds an order, the codes of every line of that order first (and one wrong item)."""
    samples = Samples()
    with store.session() as s:
        # A few of each: printed (for Pick), collected (for Pack & Ship), ready to print (for Print).
        rows = [
            row
            for status in (OrderStatus.PRINTED, OrderStatus.COLLECTED, OrderStatus.READY_TO_PRINT)
            for row in s.execute(
                select(OrderRow.id, OrderRow.number)
                .where(OrderRow.status == status.value)
                .order_by(OrderRow.ship_by, OrderRow.number)
                .limit(SAMPLES_PER_KIND // 3)
            ).all()
        ]
        samples.orders = [order_barcode(number) for _id, number in rows]
        ids = list(holding) or [order_id for order_id, _ in rows]
        for sku, ean, fnsku in s.execute(
            select(LineRow.sku, LineRow.ean, LineRow.fnsku)
            .where(LineRow.order_id.in_(ids))
            .order_by(LineRow.order_id, LineRow.position)
            .limit(SAMPLES_PER_KIND * 2 if holding else SAMPLES_PER_KIND)
        ):
            code = ean or fnsku or sku
            if code and code not in samples.items:
                samples.items.append(code)
        if holding:
            samples.items.append(SAMPLE_WRONG_ITEM)
        # Parcels already on orders here (scanned, they open their order), then fresh numbers.
        parcels = s.scalars(
            select(ShipmentRow.tracking_number).where(ShipmentRow.tracking_number != "").limit(3)
        ).all()
    samples.tracking = list(dict.fromkeys([*parcels, *SAMPLE_TRACKING]))
    operators = load_cached(store, OPERATORS_CACHE) or []
    samples.badges = [badge_barcode(o.get("badge") or o["code"]) for o in operators][:SAMPLES_PER_KIND]
    return samples
