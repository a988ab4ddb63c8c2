"""Reading the order list's rows from the store, in the store worker (no widgets here).

The list keeps every order's light row in memory; these run off the GUI thread and hand back
rows already sorted the way the list shows them, with their sort keys (`SortIndex`) computed
once here, so the GUI thread only swaps them in and a header click sorts over ready keys.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from app.order_list.rows import (
    COLUMNS,
    FacetValues,
    OrderListRow,
    SortIndex,
    SortSpec,
    changes_between,
    facets_of,
    sorted_rows,
)
from app.store.queries import OrderFilter, SortKey, list_orders, matching_order_ids

EVERYTHING = 10**9  # list_orders' limit when the list wants every row
SCREENFUL = 120  # the rows the list shows first, while the others are read behind them


class Loaded(NamedTuple):
    """The first load's answer from the worker: every row sorted by `spec`, with its keys."""

    rows: list[OrderListRow]
    facets: FacetValues
    index: SortIndex  # type: ignore[assignment]  # a field named "index" hides tuple.index, on purpose
    spec: SortSpec


def load_rows(store: Any, spec: SortSpec) -> Loaded:
    """Every order's list row, sorted as the list is, and the filter choices (store worker)."""
    with store.session() as s:
        rows = list_orders(s, OrderFilter(), limit=EVERYTHING).rows
    index = SortIndex.of(rows)
    return Loaded(sorted_rows((), spec, index), facets_of(rows), index, spec)


def first_screen(store: Any, spec: SortSpec) -> Loaded | None:
    """The list's first screenful in its sort, read by the store's index (store worker): what
    shows while every row is read behind it. None for a sort the store cannot do itself."""
    try:
        sort = SortKey(COLUMNS[spec.column].key)
    except ValueError:
        return None
    with store.session() as s:
        rows = list_orders(s, OrderFilter(), sort=sort, descending=spec.descending, limit=SCREENFUL).rows
    index = SortIndex.of(rows)
    return Loaded(sorted_rows((), spec, index), facets_of(rows), index, spec)


def search_ids(store: Any, text: str) -> frozenset[str]:
    """The orders the store finds for a search text (store worker)."""
    with store.session() as s:
        return frozenset(matching_order_ids(s, OrderFilter(search=text)))


class Reloaded(NamedTuple):
    """A reload's answer from the worker: what changed, and every row sorted as the list was."""

    changed: list[OrderListRow]
    removed: list[str]
    facets: FacetValues
    every_row: list[OrderListRow]
    spec: SortSpec
    index: SortIndex  # type: ignore[assignment]  # the sort keys of `every_row` (hides tuple.index)


def reload_rows(store: Any, shown: list[OrderListRow], spec: SortSpec) -> Reloaded:
    """A reload after the first: the rows again, and what changed against those `shown`."""
    loaded = load_rows(store, spec)
    changed, removed = changes_between({r.id: r for r in shown}, loaded.rows)
    return Reloaded(changed, removed, loaded.facets, loaded.rows, spec, loaded.index)
