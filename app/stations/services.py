"""Prep services at the table, with no Qt: the server's price list kept in the store for offline
use, a service recorded on an order by click or by its barcode (`PDS-<CODE>`, on the command
sheet) with a quantity, and the order's services priced as the seller will be billed.

The price list is fetched on the sync lane (the server client's) and saved here; recording runs
on the store lane through `OrderActions.record_services`, which writes the store and the outbox
in one transaction. A code that is not on the price list is refused before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app import formats
from app.domain import Order, Service, ServiceOffer
from app.domain.codes import SERVICE_PREFIX
from app.flows import FlowRefused, OrderActions
from app.i18n import tr
from app.settings import load_cached, save_cached
from app.stations.verdict import Verdict
from app.store import Store

PRICE_LIST_CACHE = "price_list"
MAX_SERVICE_QUANTITY = 9999


def save_price_list(store: Store, offers: Sequence[ServiceOffer]) -> None:
    """Keep the server's price list for offline use (store lane, or the sync lane's own write)."""
    save_cached(store, PRICE_LIST_CACHE, [o.to_dict() for o in offers])


def fresh_price_list(ask: Callable[[], list[ServiceOffer]], store: Store) -> list[ServiceOffer]:
    """Sync lane: the server's newest price list, kept for offline use when it changed (a price
    list changes seldom; the store is written only then). Raises what the server call raises."""
    offers = ask()
    if [o.to_dict() for o in offers] != [o.to_dict() for o in cached_price_list(store)]:
        save_price_list(store, offers)
    return offers


def cached_price_list(store: Store) -> list[ServiceOffer]:
    """The price list as last fetched ([] before the first fetch)."""
    raw: Any = load_cached(store, PRICE_LIST_CACHE) or []
    offers = []
    for d in raw:
        try:
            offers.append(ServiceOffer.from_dict(d))
        except (KeyError, ValueError, ArithmeticError):
            continue  # a damaged entry is left out, not the whole list
    return offers


def asked_words(order: Order) -> str:
    """The prep services the seller asks for on `order`, in words for the packer ("" for none):
    "The seller asks for: Polybag × 2 · Insert"."""
    if not order.services_asked:
        return ""
    named = " · ".join(
        (s.name or s.code) + (f" × {s.quantity}" if s.quantity != 1 else "") for s in order.services_asked
    )
    return tr("The seller asks for: {services}", services=named)


def barcode_key(code: str) -> str:
    """A service code as its barcode carries it: upper case, `_` as `-` (our barcodes' letters)."""
    return code.upper().replace("_", "-")


def offer_for(offers: Sequence[ServiceOffer], code_or_payload: str) -> ServiceOffer | None:
    """The price-list entry a code (or a scanned `PDS-…` payload) names."""
    key = barcode_key(code_or_payload.removeprefix(SERVICE_PREFIX).removeprefix(SERVICE_PREFIX.lower()))
    return next((o for o in offers if barcode_key(o.code) == key), None)


@dataclass(frozen=True, slots=True)
class ServicesBill:
    """An order's services priced: per currency, and the ones the price list no longer has."""

    totals: tuple[tuple[str, Decimal], ...]
    unpriced: tuple[str, ...] = ()

    def words(self) -> str:
        if not self.totals and not self.unpriced:
            return tr("No services recorded.")
        parts = [formats.money(total, currency) for currency, total in self.totals]
        text = tr("Services total: {amount}", amount=" + ".join(parts)) if parts else ""
        if self.unpriced:
            more = tr("not on the price list: {codes}", codes=", ".join(self.unpriced))
            text = f"{text} ({more})" if text else more
        return text


def bill(order: Order, offers: Sequence[ServiceOffer]) -> ServicesBill:
    """The order's services as the seller will be billed: the server's price where it priced the
    service, else the price list's (a service still on its way to the server)."""
    totals: dict[str, Decimal] = {}
    unpriced: list[str] = []
    for service in order.services:
        price, currency = service.unit_price, service.currency
        if price is None:
            offer = offer_for(offers, service.code)
            if offer is None:
                unpriced.append(service.code)
                continue
            price, currency = offer.unit_price, offer.currency
        totals[currency] = totals.get(currency, Decimal(0)) + price * service.quantity
    return ServicesBill(tuple(sorted(totals.items())), tuple(unpriced))


class ServiceDesk:
    """Records prep services on orders. Store lane."""

    def __init__(self, store: Store, actions: OrderActions) -> None:
        self.store = store
        self.actions = actions

    def record(self, order_id: str, code: str, quantity: int) -> Verdict:
        """`quantity` of the service named by `code` (its code or its barcode) done on the order."""
        offers = cached_price_list(self.store)
        offer = offer_for(offers, code)
        if offer is None:
            if not offers:
                return Verdict.wrong(tr("The price list is not here yet: connect to the server once."))
            return Verdict.wrong(tr("“{code}” is not on the price list.", code=code))
        if not 1 <= quantity <= MAX_SERVICE_QUANTITY:
            return Verdict.wrong(tr("A quantity is 1 to {max}.", max=MAX_SERVICE_QUANTITY))
        try:
            self.actions.record_services(order_id, [Service(offer.code, quantity, offer.name)])
        except FlowRefused as refusal:
            return Verdict.wrong(refusal.message)
        total = offer.unit_price * quantity
        return Verdict.right(
            tr(
                "{service} × {n} recorded ({total} {currency}).",
                service=offer.name,
                n=quantity,
                total=formats.decimal(total),
                currency=offer.currency,
            )
        )
