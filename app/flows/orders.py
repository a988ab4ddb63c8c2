"""The operator's actions on an order, with no Qt: each checks the move locally, then writes the
order as shown, its activity and the outbox command (or commands, app/domain/outbox.py) for the
server in ONE transaction.

Runs on the store lane, and on a printer's lane for the print station's "printed" (app/lanes.py:
a store transaction asserts it). A method that returns has committed: the action survives a
crash and reaches the server exactly once (app/sync.py sends it with its idempotency key).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import Order, OrderStatus, Service, Shipment, alias_code_problem, check_move, utcnow
from app.domain.outbox import (
    AliasTaught,
    Parcel,
    ParcelsAdded,
    PushDismissal,
    PushRetry,
    ServerCommand,
    ServiceCount,
    ServicesDone,
    StatusMove,
)
from app.domain.parcels import normal_tracking, why_not_shippable
from app.domain.values import (
    ValueRefused,
    carrier_text,
    parcel_weight_g,
    reason_text,
    service_code,
    service_quantity,
)
from app.flows.errors import AliasRefused, MoveNotAllowed, NothingToSend, OrderCancelled, OrderUnknown
from app.flows.scans import counted_units, round_rows
from app.i18n import tr
from app.store import Store
from app.store.aliases import teach_here
from app.store.models import OrderFlag, OutboxEntry, ProductAliasRow
from app.store.orders import add_activity, refresh_shown, void_confirmed_labels
from app.store.outbox import queue_command
from app.store.queries import alias_sku, load_order

S = OrderStatus

# The transaction of the `together()` block open on this thread, per store (by id). A unit of
# work belongs to the lane that opened it, never to the `OrderActions` instance: the store lane
# and the printer lanes share one instance, and a block open on one lane must not take in the
# actions another lane runs meanwhile (contextvars are per thread).
_open_units: ContextVar[dict[int, Session]] = ContextVar("open_units", default={})  # noqa: B039


@dataclass(frozen=True, slots=True)
class MissingItem:
    """What a short pick lacks: so many units of a SKU."""

    sku: str
    missing: int


class OrderActions:
    """The status moves, parcels and services an operator makes at one workstation.

    `operator` changes when another operator signs in at the table.
    """

    def __init__(
        self, store: Store, operator: str, workstation: str, *, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self.store = store
        self.operator = operator
        self.workstation = workstation
        self.clock = clock

    # -- status moves --

    def mark_printed(self, order_id: str) -> Order:
        return self._move(order_id, S.PRINTED, within=(S.READY_TO_PRINT,))

    def print_error(self, order_id: str, reason: str) -> Order:
        """The order's data is wrong (most often the address): 5.1 -> 5.3 with the reason."""
        return self._move(order_id, S.PRINT_ERROR, reason)

    def short_pick(self, order_id: str, missing: Sequence[MissingItem], note: str = "") -> Order:
        """Goods are missing: 5.1 or 6 -> 5.2, naming what is missing."""
        parts = [tr("{sku} × {n}", sku=m.sku, n=m.missing) for m in missing if m.missing > 0]
        reason = tr("Missing: {items}", items=", ".join(parts)) if parts else ""
        if note.strip():
            reason = f"{reason}. {note.strip()}" if reason else note.strip()
        return self._move(order_id, S.AWAITING_STOCK, reason)

    def void_labels(self, order_id: str, reason: str) -> Order:
        """The labels are void and will be printed again: 6 -> 5.1. The order's confirmed label
        jobs turn voided in the same transaction, so its next print is a new label."""
        return self._move(order_id, S.READY_TO_PRINT, reason, within=(S.PRINTED,), also=void_confirmed_labels)

    def collected(self, order_id: str) -> Order:
        """6 -> 6.4, only when the pick station's journal shows every unit of every line scanned
        in the order's current round (DESIGN.md, "Stations": nothing collected unchecked)."""
        with self.together(), self._transaction() as s:
            order = self._current(s, order_id)
            if order.status is S.PRINTED:  # other statuses: the move's own refusal says why
                _every_unit_scanned(s, order)
            return self._move(order_id, S.COLLECTED)

    def reopen(self, order_id: str, reason: str) -> Order:
        """A packed order is opened again: 6.4 -> 6."""
        return self._move(order_id, S.PRINTED, reason, within=(S.COLLECTED,))

    def shipped(self, order_id: str, parcels: Sequence[Shipment]) -> Order:
        """Handed to the carrier: the parcels, then 6.4 -> 7.1 (two outbox entries, in that order)."""
        if not parcels or any(not p.tracking_number.strip() for p in parcels):
            raise NothingToSend(tr("Every parcel needs a tracking number."))
        # The server's rules, checked here first: nothing is confirmed that it would refuse.
        sent = ParcelsAdded(order_id, tuple(_parcel(p) for p in parcels))
        with self._transaction() as s:
            order = self._current(s, order_id)
            check_move(order.status, S.SHIPPED)
            why = why_not_shippable(order.shipping_service, [p.tracking_number for p in sent.parcels])
            if why:
                raise NothingToSend(why)
            numbers = ", ".join(p.tracking_number for p in sent.parcels)
            self._queue(s, sent)
            self._queue(s, StatusMove(order_id, S.SHIPPED))
            self._note(s, order_id, "shipment", tr("Parcels: {numbers}", numbers=numbers))
            self._note(s, order_id, "status", f"{order.status.value} → {S.SHIPPED.value}")
            refresh_shown(s, order_id)
            return self._shown(s, order_id)

    # -- services and pushes --

    def record_services(self, order_id: str, services: Sequence[Service]) -> Order:
        """Prep services done on the order, priced later by the server from its price list."""
        wanted = tuple(
            ServiceCount(_checked(service_code, x.code), _checked(service_quantity, x.quantity))
            for x in services
            if x.quantity > 0
        )
        if not wanted:
            raise NothingToSend(tr("No services to record."))
        with self._transaction() as s:
            self._current(s, order_id)
            self._queue(s, ServicesDone(order_id, wanted))
            done = ", ".join(f"{w.code} × {w.quantity}" for w in wanted)
            self._note(s, order_id, "services", done)
            refresh_shown(s, order_id)
            return self._shown(s, order_id)

    def retry_push(self, order_id: str, shipment_id: str) -> Order:
        return self._push_decision(PushRetry(order_id, shipment_id))

    def dismiss_push(self, order_id: str, shipment_id: str) -> Order:
        return self._push_decision(PushDismissal(order_id, shipment_id))

    # -- codes taught at the pick station --

    def teach_alias(self, order_id: str, sku: str, code: str) -> Order:
        """Teach `code` (scanned, unknown) as another name of `sku`, a line of the order, for
        the order's seller: it counts for that SKU at this table at once, offline too, and the
        server hears of it once (outbox), so every table knows it after its next sync. The same
        code for the same SKU again changes nothing. Raises AliasRefused (nothing written) for
        a code an item cannot carry, a SKU not on the order, or a code another of the order's
        SKUs or another alias already has; OrderUnknown, OrderCancelled."""
        problem = alias_code_problem(code)
        if problem is not None:
            raise AliasRefused(problem)
        with self._transaction() as s:
            order = self._current(s, order_id)
            if not any(line.sku == sku for line in order.lines):
                raise AliasRefused(tr("Order {number} has no line of {sku}.", number=order.number, sku=sku))
            taken = alias_sku(s, order.seller, code)
            owner = taken if taken is not None and taken != sku else self._line_with_code(order, sku, code)
            if owner is not None:
                raise AliasRefused(tr("“{code}” is already a code of {sku}.", code=code, sku=owner))
            known = s.get(ProductAliasRow, (order.seller, code))
            if known is not None and known.sku == sku:
                return order  # taught before, here or at another table: nothing to send
            teach_here(s, order.seller, code, sku, self.operator, self.workstation, self.clock())
            self._queue(s, AliasTaught(order_id, order.seller, sku, code))
            self._note(s, order_id, "alias", tr("Code “{code}” taught for {sku}.", code=code, sku=sku))
            refresh_shown(s, order_id)
            return self._shown(s, order_id)

    @staticmethod
    def _line_with_code(order: Order, sku: str, code: str) -> str | None:
        """The SKU of another line of the order that already carries `code` (in any case)."""
        wanted = code.upper()
        for line in order.lines:
            if line.sku != sku and wanted in {
                c.upper() for c in (line.sku, line.ean, line.fnsku, line.asin) if c
            }:
                return line.sku
        return None

    def acknowledge_notice(self, order_id: str) -> None:
        """The operator has read the order's refusal or cancellation notice."""
        with self._transaction() as s:
            flag = s.get(OrderFlag, order_id)
            if flag is not None:
                flag.acknowledged_at = self.clock()

    @contextmanager
    def together(self) -> Iterator[Session]:
        """Many actions in ONE transaction (a bulk move of 500 orders: one commit, not 500).

        An action refused inside (MoveNotAllowed, FlowRefused) has written nothing and the others
        stand; any other error undoes them all. Nothing is confirmed before the block ends. The
        block is given the transaction, so a station can write its scan in the same commit as
        the action the scan caused (DESIGN.md, "Never lose a scan").
        """
        shared = _open_units.get().get(id(self.store))
        if shared is not None:
            yield shared
            return
        with self.store.transaction() as s:
            token = _open_units.set({**_open_units.get(), id(self.store): s})
            try:
                yield s
            finally:
                _open_units.reset(token)

    # -- plumbing --

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        shared = _open_units.get().get(id(self.store))
        if shared is not None:
            yield shared
        else:
            with self.store.transaction() as s:
                yield s

    def _move(
        self,
        order_id: str,
        target: OrderStatus,
        reason: str = "",
        within: Sequence[OrderStatus] = (),
        also: Callable[[Session, str], object] | None = None,
    ) -> Order:
        """Move the order to `target`; `within`: the only statuses this action starts from (printing
        is 5.1 -> 6; coming back to 6 from 6.4 is a reopen, which needs its reason); `also`: more
        local writes that belong to the move, in its transaction."""
        reason = _checked(reason_text, reason.strip()) if reason.strip() else ""
        with self._transaction() as s:
            order = self._current(s, order_id)
            if within and order.status not in within:
                raise MoveNotAllowed(
                    order.status,
                    target,
                    tr(
                        "This is not done to an order in “{current}”.",
                        current=order.status.label,
                    ),
                )
            check_move(order.status, target, reason=reason)
            self._queue(s, StatusMove(order_id, target, reason))
            detail = f"{order.status.value} → {target.value}" + (f": {reason}" if reason else "")
            self._note(s, order_id, "status", detail)
            if also is not None:
                also(s, order_id)
            refresh_shown(s, order_id)
            return self._shown(s, order_id)

    def _push_decision(self, decision: PushRetry | PushDismissal) -> Order:
        order_id = decision.order_id
        with self._transaction() as s:
            order = self._current(s, order_id)
            parcel = next((p for p in order.shipments if p.id and p.id == decision.shipment_id), None)
            if parcel is None or parcel.push_state.value != "failed":
                raise NothingToSend(tr("Only a parcel the marketplace refused can be retried or dismissed."))
            self._queue(s, decision)
            self._note(s, order_id, decision.kind.value, parcel.tracking_number)
            refresh_shown(s, order_id)
            return self._shown(s, order_id)

    def _current(self, s: Session, order_id: str) -> Order:
        order = load_order(s, order_id)
        if order is None:
            raise OrderUnknown(order_id)
        if order.status is S.CANCELLED:
            raise OrderCancelled(order.number)
        return order

    def _shown(self, s: Session, order_id: str) -> Order:
        order = load_order(s, order_id)
        assert order is not None
        return order

    def _queue(self, s: Session, command: ServerCommand) -> None:
        queue_command(s, command, operator=self.operator, workstation=self.workstation, at=self.clock())

    def _note(self, s: Session, order_id: str, action: str, detail: str) -> None:
        add_activity(s, order_id, action, detail, self.operator, self.workstation, self.clock())


PICK_STATION = "pick"
T = TypeVar("T")


def _checked(rule: Callable[[Any], T], value: Any) -> T:
    """A value by the contract's own rule (app.domain.values): what the server would refuse is
    refused here, before the screen says it was done, and nothing is written."""
    try:
        return rule(value)
    except ValueRefused as refused:
        raise NothingToSend(str(refused)) from None


def _parcel(parcel: Shipment) -> Parcel:
    return Parcel(
        _checked(normal_tracking, parcel.tracking_number),
        _checked(carrier_text, parcel.carrier),
        _checked(parcel_weight_g, parcel.weight_g),
    )


def _every_unit_scanned(s: Session, order: Order) -> None:
    counts = counted_units(round_rows(s, order.id, PICK_STATION))
    short = [
        tr("{sku}: {picked} of {quantity}", sku=line.sku, picked=counts.get(i, 0), quantity=line.quantity)
        for i, line in enumerate(order.lines)
        if counts.get(i, 0) < line.quantity
    ]
    if short:
        raise NothingToSend(
            tr(
                "Order {number} is not collected: not every unit was scanned ({lines}).",
                number=order.number,
                lines="; ".join(short[:5]) + ("…" if len(short) > 5 else ""),
            )
        )


def unsent_entries(store: Store) -> list[OutboxEntry]:
    """Every change still waiting for the server, oldest first (for a status panel)."""
    with store.session() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.id)))


__all__ = ["MissingItem", "MoveNotAllowed", "OrderActions", "unsent_entries"]
