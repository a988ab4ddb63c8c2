"""Prep services at the table: recorded from the price list kept for offline use, by code or by
its barcode, priced as the seller will be billed; an unknown code is refused before anything is
written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain import OrderStatus, ServiceOffer
from app.flows import OrderActions, unsent_entries
from app.scan import ScanKind, interpret
from app.stations.services import ServiceDesk, bill, cached_price_list, save_price_list
from app.store import Store, queries
from app.store.orders import write_orders
from tests.store.conftest import make_order

PRICES = [
    ServiceOffer("FNSKU_LABEL", "FNSKU labelling", Decimal("0.30"), "USD"),
    ServiceOffer("POLYBAG", "Polybag", Decimal("0.25"), "USD"),
    ServiceOffer("BUBBLE_WRAP", "Bubble wrap", Decimal("0.40"), "USD"),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "prepdesk.sqlite3")
    with s.transaction() as t:
        write_orders(t, [make_order(1, OrderStatus.COLLECTED).to_dict()])
    yield s
    s.close()


def shown(store: Store):  # type: ignore[no-untyped-def]
    with store.session() as s:
        return queries.load_order(s, "1")


def test_a_service_barcode_means_a_service() -> None:
    meaning = interpret("pds-bubble-wrap")  # a scanner on Caps Lock, too
    assert (meaning.kind, meaning.value) == (ScanKind.SERVICE, "BUBBLE-WRAP")


def test_services_recorded_by_code_and_barcode_are_billed_at_the_price_list(store: Store) -> None:
    save_price_list(store, PRICES)
    desk = ServiceDesk(store, OrderActions(store, "ann", "T1"))
    assert desk.record("1", "POLYBAG", 3).accepted
    assert desk.record("1", "PDS-BUBBLE-WRAP", 2).accepted
    entries = unsent_entries(store)
    assert [json.loads(e.body) for e in entries] == [
        {"services": [{"code": "POLYBAG", "quantity": 3}]},
        {"services": [{"code": "BUBBLE_WRAP", "quantity": 2}]},
    ]
    order = shown(store)
    assert bill(order, cached_price_list(store)).totals == (("USD", Decimal("1.55")),)  # 3×0.25 + 2×0.40


@pytest.mark.parametrize(
    ("code", "quantity", "words"),
    [("GIFT_WRAP", 1, "not on the price list"), ("POLYBAG", 0, "quantity"), ("POLYBAG", 10_000, "quantity")],
)
def test_an_unknown_service_or_a_silly_quantity_is_refused_and_writes_nothing(
    store: Store, code: str, quantity: int, words: str
) -> None:
    save_price_list(store, PRICES)
    verdict = ServiceDesk(store, OrderActions(store, "ann", "T1")).record("1", code, quantity)
    assert not verdict.accepted and words in verdict.message
    assert unsent_entries(store) == [] and shown(store).services == []


def test_without_a_price_list_nothing_is_recorded_and_the_reason_is_said(store: Store) -> None:
    verdict = ServiceDesk(store, OrderActions(store, "ann", "T1")).record("1", "POLYBAG", 1)
    assert not verdict.accepted and "price list" in verdict.message
    assert unsent_entries(store) == []
