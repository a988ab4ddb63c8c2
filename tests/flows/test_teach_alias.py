"""Teaching a code at the pick station: a code an item can carry, for a SKU on the order, not
already another item's, becomes an alias at this table at once with one outbox entry; anything
else is refused in words and writes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from app.domain import OrderStatus
from app.flows import AliasRefused, OrderActions, OrderCancelled, OrderUnknown, unsent_entries
from app.store import ActivityRow, ProductAliasRow, Store, queries

S = OrderStatus
CABLE = (
    "CABLE-USB-C"  # the second line of every test order: FNSKU X001ABCDEF; the first has EAN 4006381333931
)


def _seller(store: Store, order_id: str) -> str:
    with store.session() as s:
        order = queries.load_order(s, order_id)
    assert order is not None
    return order.seller


def _nothing_written(store: Store) -> None:
    assert unsent_entries(store) == []
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(ProductAliasRow)) == 0
        assert s.scalar(select(func.count()).select_from(ActivityRow)) == 0


def test_a_taught_code_counts_for_its_sku_at_once_with_one_entry_for_the_server(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str]
) -> None:
    order_id = order_in(S.PRINTED)
    seller = _seller(store, order_id)
    order = actions.teach_alias(order_id, CABLE, "Supplier 0042")
    assert order.id == order_id and order.status is S.PRINTED
    with store.session() as s:
        assert queries.alias_sku(s, seller, "Supplier 0042") == CABLE
        assert queries.alias_sku(s, seller, "SUPPLIER 0042") == CABLE  # a scanner on Caps Lock
        assert queries.alias_sku(s, seller, "sUPPLIER 0042") == CABLE
        assert queries.alias_sku(s, seller, "Supplier 004") is None
        assert queries.alias_sku(s, "another seller", "Supplier 0042") is None
        row = s.get(ProductAliasRow, (seller, "Supplier 0042"))
        assert row is not None and (row.taught_by, row.workstation) == ("ann", "T1")
        [note] = s.scalars(select(ActivityRow).where(ActivityRow.order_id == order_id)).all()
    assert note.action == "alias" and "Supplier 0042" in note.detail and CABLE in note.detail
    [entry] = unsent_entries(store)
    assert (entry.kind, entry.path, entry.order_id, entry.operator) == (
        "alias",
        "products/aliases",
        order_id,
        "ann",
    )
    assert json.loads(entry.body) == {"seller": seller, "sku": CABLE, "code": "Supplier 0042"}

    actions.teach_alias(order_id, CABLE, "Supplier 0042")  # scanned and taught again
    assert len(unsent_entries(store)) == 1


def test_the_same_code_in_capitals_for_the_same_item_is_fine(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str]
) -> None:
    order_id = order_in(S.PRINTED)
    seller = _seller(store, order_id)
    actions.teach_alias(order_id, CABLE, "abc-1")
    actions.teach_alias(order_id, CABLE, "ABC-1")  # the same item, in capitals: also fine
    with store.session() as s:
        assert queries.alias_sku(s, seller, "abc-1") == CABLE
        assert queries.alias_sku(s, seller, "Abc-1") == CABLE


@pytest.mark.parametrize(
    ("sku", "code", "words"),
    [
        (CABLE, "", "empty"),
        (CABLE, " X1", "space"),
        (CABLE, "X1\t", "ASCII"),
        (CABLE, "X\u200b1", "ASCII"),  # a zero-width space
        (CABLE, "X" * 10_000, "64"),
        (CABLE, "pdo-100001", "Prepdesk"),
        (CABLE, "PDB-ANN-1042", "Prepdesk"),
        (CABLE, "Pdc-Confirm", "Prepdesk"),
        ("NOT-ON-THE-ORDER", "X1", "NOT-ON-THE-ORDER"),
        (CABLE.lower(), "X1", CABLE.lower()),  # SKUs are exact
        (CABLE, "4006381333931", "SKU-"),  # the other line's EAN
        (CABLE, "sku-1", "SKU-1"),  # the other line's SKU, in another case
        ("SKU-1", "x001abcdef", CABLE),  # the cable's FNSKU, from a scanner on Caps Lock
    ],
)
def test_a_code_that_cannot_be_taught_is_refused_in_words_and_writes_nothing(
    store: Store,
    actions: OrderActions,
    order_in: Callable[[OrderStatus], str],
    sku: str,
    code: str,
    words: str,
) -> None:
    order_id = order_in(S.PRINTED)  # the first order: lines SKU-1 and CABLE-USB-C
    with pytest.raises(AliasRefused) as refused:
        actions.teach_alias(order_id, sku, code)
    assert words in refused.value.message
    _nothing_written(store)


def test_a_code_already_taught_for_another_sku_is_refused(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str]
) -> None:
    order_id = order_in(S.PRINTED)
    actions.teach_alias(order_id, CABLE, "BOX-5")
    with pytest.raises(AliasRefused) as refused:
        actions.teach_alias(order_id, "SKU-1", "box-5")
    assert CABLE in refused.value.message
    assert len(unsent_entries(store)) == 1


def test_no_code_is_taught_on_a_cancelled_or_unknown_order(
    store: Store, actions: OrderActions, order_in: Callable[[OrderStatus], str]
) -> None:
    cancelled = order_in(S.CANCELLED)
    with pytest.raises(OrderCancelled):
        actions.teach_alias(cancelled, CABLE, "X1")
    with pytest.raises(OrderUnknown):
        actions.teach_alias("no-such-order", CABLE, "X1")
    _nothing_written(store)
