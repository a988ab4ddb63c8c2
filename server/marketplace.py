"""The demo marketplace: takes the tracking numbers pushed to it, confirms most after a delay, and
refuses a set share with the reasons real marketplaces give. Deterministic for a given seed.
"""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.domain import OrderStatus, PushState, utcnow
from server.db import Database
from server.models import ActivityRow, MarketplaceSettingsRow, OrderRow, ShipmentRow
from server.order_book import record_change

log = logging.getLogger(__name__)

REFUSALS = (
    "Tracking number already used on another order",
    "Carrier not supported for this marketplace",
    "Tracking number format is not valid for the carrier",
    "Order was already marked as shipped on the marketplace",
    "Ship date is before the order date",
    "Carrier has no scan for this tracking number yet",
)


@dataclass
class MarketplaceSettings:
    confirm_after_s: float = 2.0
    refuse_share: float = 0.1
    seed: int = 1


def _due(due: datetime, query: Select[Any]) -> Select[Any]:
    """The pushes waiting since `due` or longer; never those of a cancelled order."""
    return query.join(OrderRow, OrderRow.id == ShipmentRow.order_id).where(
        ShipmentRow.push_state == PushState.PENDING.value,
        ShipmentRow.pushed_at <= due,
        OrderRow.status != OrderStatus.CANCELLED.value,
    )


class DemoMarketplace:
    """A background thread answering pending pushes; `tick()` is one pass (tests may call it)."""

    def __init__(self, db: Database, settings: MarketplaceSettings) -> None:
        self.db = db
        self.settings = settings
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def verdict(self, shipment: ShipmentRow) -> str | None:
        """None to confirm, or the refusal's reason: fixed by the seed, the parcel and the attempt."""
        draw = random.Random(f"{self.settings.seed}:{shipment.tracking_number}:{shipment.push_attempts}")
        if draw.random() < self.settings.refuse_share:
            return draw.choice(REFUSALS)
        return None

    def save(self, session: Session) -> None:
        """Keep the settings in the database: every worker process reads them at each pass."""
        row = session.get(MarketplaceSettingsRow, 1)
        if row is None:
            row = MarketplaceSettingsRow(id=1)
            session.add(row)
        row.confirm_after_s = self.settings.confirm_after_s
        row.refuse_share = self.settings.refuse_share
        row.seed = self.settings.seed

    def load(self, session: Session) -> MarketplaceSettings:
        row = session.get(MarketplaceSettingsRow, 1)
        if row is not None:
            self.settings = MarketplaceSettings(row.confirm_after_s, row.refuse_share, row.seed)
        return self.settings

    def tick(self) -> int:
        """Answer every push older than confirm_after_s; returns how many were answered."""
        with self.db.read() as session:  # most passes find nothing: no need for the write lock
            due = utcnow() - timedelta(seconds=self.load(session).confirm_after_s)
            waiting = session.scalar(_due(due, select(ShipmentRow.id)).limit(1))
        if waiting is None:
            return 0
        with self.db.write() as session:
            shipments = session.scalars(
                _due(due, select(ShipmentRow)).order_by(ShipmentRow.pushed_at).limit(500)
            ).all()
            touched: dict[str, OrderRow] = {}
            now = utcnow()
            for shipment in shipments:
                reason = self.verdict(shipment)
                shipment.push_state = (PushState.FAILED if reason else PushState.CONFIRMED).value
                shipment.push_reason = reason or ""
                order = touched.get(shipment.order_id) or session.get(OrderRow, shipment.order_id)
                assert order is not None
                touched[order.id] = order
                session.add(
                    ActivityRow(
                        order_id=order.id,
                        action="push_failed" if reason else "push_confirmed",
                        detail=f"{shipment.tracking_number}: {reason}"
                        if reason
                        else shipment.tracking_number,
                        operator="",
                        workstation="marketplace",
                        at=now,
                    )
                )
            for order in touched.values():
                record_change(self.db, session, order, now)
        return len(shipments)

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="demo-marketplace", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:  # a locked or vanished database must not kill the marketplace
                log.exception("demo marketplace pass failed")
            self._stop.wait(min(0.5, max(0.05, self.settings.confirm_after_s / 4)))
