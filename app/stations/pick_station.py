"""The pick station's door: which printed orders wait, which pick this table left open, and an
order opened for picking (a `PickSession`) or the reason it cannot be, in words. Store lane."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.domain import Order, OrderStatus, utcnow
from app.flows import OrderActions, ScanJournal
from app.flows.scans import ROUND_BEGUN, round_rows
from app.i18n import tr
from app.scan import ScanContext, ScanKind, interpret
from app.stations.batch_pick import BATCH_SLOTS, BatchPick
from app.stations.pick import CHECK_STATION, REFUSED, RESUMED, STATION, PickSession, confirmed_labels
from app.stations.verdict import Verdict
from app.store import OrderRow, ScanRow, Store
from app.store.queries import load_order, order_id_by_number

S = OrderStatus
AliasLookup = Callable[[Session, str, str], "str | None"]  # (session, seller, code) -> SKU


def _no_aliases(s: Session, seller: str, code: str) -> str | None:
    return None


class PickStation:
    """Opens orders for picking at this table. Store lane."""

    def __init__(
        self,
        store: Store,
        actions: OrderActions,
        journal: ScanJournal,
        *,
        aliases: AliasLookup = _no_aliases,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.actions = actions
        self.journal = journal
        self.aliases = aliases
        self.clock = clock

    def open_scan(self, raw: str) -> PickSession | Verdict:
        """An order label scanned on the pick page: the order opens (or the reason it cannot)."""
        meaning = interpret(raw, ScanContext.PICK)
        if meaning.kind is not ScanKind.ORDER:
            with self.store.transaction() as s:
                jid = self.journal.write(s, raw, meaning.kind.value, None, REFUSED, station=STATION)
            return Verdict.wrong(tr("Scan an order's label first."), jid)
        with self.store.session() as s:
            order_id = order_id_by_number(s, meaning.value)
        if order_id is None:
            with self.store.transaction() as s:
                jid = self.journal.write(s, raw, "order", None, REFUSED, station=STATION)
            return Verdict.wrong(tr("No order {number} at this workstation.", number=meaning.value), jid)
        return self.open(order_id, raw)

    def open(self, order_id: str, raw: str = "", *, check: bool = False) -> PickSession | Verdict:
        """The order opens for picking: a new round, or the round this table left open (a crash,
        a restart) resumed with every journalled unit counted. `check`: a collected order
        verified again at packing, by the same rules, without a status move at the end."""
        station = CHECK_STATION if check else STATION
        with self.store.transaction() as s:
            order = load_order(s, order_id)
            if order is None:
                return Verdict.wrong(tr("Order {order} is not on this workstation.", order=order_id))
            why = self._why_not_checked(s, order) if check else self._why_not(s, order)
            if why:
                jid = self.journal.write(s, raw or order.number, "order", order_id, REFUSED, station=station)
                return Verdict.wrong(why, jid)
            rows = round_rows(s, order_id, station)
            if rows:
                self.journal.write(s, raw or order.number, "order", order_id, RESUMED, station=station)
            else:
                self.journal.write(s, raw or order.number, "order", order_id, ROUND_BEGUN, station=station)
                rows = round_rows(s, order_id, station)
            confirmed = confirmed_labels(s, order_id)
        return PickSession(self, order, rows, confirmed, check=check)

    def open_for_packing(self, order_id: str) -> PickSession | Verdict:
        """The pack table asked for this order's goods verified by scan: a printed order is
        picked (and collected), a collected one checked again (no status move)."""
        with self.store.session() as s:
            status = s.scalar(select(OrderRow.status).where(OrderRow.id == order_id))
        return self.open(order_id, check=status == S.COLLECTED.value)

    def _why_not_checked(self, s: Session, order: Order) -> str:
        if order.status is not S.COLLECTED:
            return tr(
                "Order {number} is “{status}”: it is checked at packing once collected.",
                number=order.number,
                status=order.status.label,
            )
        return self.held_elsewhere(s.get(OrderRow, order.id))

    def open_batch(self, order_ids: Sequence[str]) -> tuple[BatchPick, list[Verdict]]:
        """A batch of printed orders, one slot each in the given order (at most `BATCH_SLOTS`);
        the orders that cannot be picked now are left out, each with its reason."""
        sessions: list[PickSession] = []
        refused: list[Verdict] = []
        for order_id in order_ids:
            if len(sessions) == BATCH_SLOTS:
                break
            opened = self.open(order_id)
            if isinstance(opened, PickSession):
                sessions.append(opened)
            else:
                refused.append(opened)
        return BatchPick(sessions), refused

    def open_round(self) -> str | None:
        """The printed order whose pick this table left open (the program was closed or killed
        mid-pick), the newest first; None when none."""
        with self.store.session() as s:
            last = (
                select(ScanRow.order_id, func.max(ScanRow.id).label("last"))
                .where(ScanRow.station == STATION, ScanRow.order_id.is_not(None))
                .group_by(ScanRow.order_id)
                .subquery()
            )
            ids = s.scalars(
                select(OrderRow.id)
                .join(last, last.c.order_id == OrderRow.id)
                .where(OrderRow.status == S.PRINTED.value)
                .order_by(last.c.last.desc())
                .limit(20)
            )
            return next((order_id for order_id in ids if round_rows(s, order_id, STATION)), None)

    def waiting_orders(self, limit: int = 200) -> list[tuple[str, str, int]]:
        """Printed orders waiting to be picked, oldest ship-by first: (id, number, units); one
        another table holds (a live claim the store knows of) is not offered."""
        free = or_(
            OrderRow.claim_workstation.in_(("", self.journal.workstation)),
            OrderRow.claim_expires_at.is_(None),
            OrderRow.claim_expires_at <= self.clock(),
        )
        with self.store.session() as s:
            rows = s.execute(
                select(OrderRow.id, OrderRow.number, OrderRow.units)
                .where(OrderRow.status == S.PRINTED.value, free)
                .order_by(OrderRow.ship_by.is_(None), OrderRow.ship_by, OrderRow.number)
                .limit(limit)
            )
            return [(r[0], r[1], int(r[2] or 0)) for r in rows]

    def _why_not(self, s: Session, order: Order) -> str:
        """Why the order cannot be picked here now, in words ("" when it can)."""
        n = order.number
        if order.status is S.CANCELLED:
            return tr("Order {number} is cancelled. Do not pick it.", number=n)
        if order.status is not S.PRINTED:
            if order.status is S.COLLECTED:
                return tr("Order {number} is collected already.", number=n)
            if order.status is S.SHIPPED:
                return tr("Order {number} is shipped already.", number=n)
            if order.status is S.READY_TO_PRINT:
                return tr("Order {number} is not printed yet: print its labels first.", number=n)
            return tr(
                "Order {number} is “{status}”: it is not picked now.", number=n, status=order.status.label
            )
        if not order.lines or order.units <= 0:
            return tr("Order {number} has nothing to pick: its lines are empty.", number=n)
        return self.held_elsewhere(s.get(OrderRow, order.id))

    def held_elsewhere(self, row: OrderRow | None) -> str:
        """Who holds the order at another table, in words ("" when no one else holds it)."""
        if row is None or not row.claim_workstation or row.claim_workstation == self.journal.workstation:
            return ""
        expires = row.claim_expires_at
        if expires is None or expires <= self.clock():
            return ""
        return tr(
            "Order {number} is held at table {table} by {operator}.",
            number=row.number,
            table=row.claim_workstation,
            operator=row.claim_operator or tr("someone"),
        )
