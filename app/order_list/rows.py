"""The order list's columns, filter and sort keys over the store's light rows (`app.store.queries`).
No Qt.

A workstation may hold 50,000 orders: the list keeps every `OrderListRow` (a slotted frozen
dataclass, well under 1 kB) in memory, so filters and sorts answer in milliseconds. Sort keys
are computed once per row where the rows are read (`SortIndex`, in the store worker). The text
search is the store's own (`queries.list_orders` with `search`, one LIKE over its search
column), run in the worker; its answer is a set of order ids that the filter intersects.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple

from app.domain import OrderStatus
from app.i18n import tr
from app.store.queries import OrderListRow

__all__ = [
    "COLUMNS",
    "Column",
    "FacetValues",
    "ListFilter",
    "OrderListRow",
    "SortIndex",
    "SortSpec",
    "facets_of",
    "note_of",
    "sort_key",
    "sorted_rows",
]

_NEVER = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class ListFilter:
    """What the operator narrowed the list to. Empty fields narrow nothing.

    `search` is the text in the box; `search_hits` the ids the store found for it (None while
    no search is active)."""

    statuses: frozenset[OrderStatus] = frozenset()
    marketplace: str = ""
    seller: str = ""
    carrier: str = ""
    ship_by_until: date | None = None  # orders due on or before this (local) day
    search: str = ""
    search_hits: frozenset[str] | None = None
    failed_pushes_only: bool = False  # a tracking number the marketplace refused
    notices_only: bool = False  # a refusal or cancellation the operator has not read

    def select(self, rows: Sequence[OrderListRow]) -> list[OrderListRow]:
        """The rows that pass, in their order: one C-speed comprehension per narrowing field."""
        out: Sequence[OrderListRow] = rows
        if self.statuses:
            wanted = self.statuses
            out = [r for r in out if r.status in wanted]
        if self.marketplace:
            m = self.marketplace
            out = [r for r in out if r.marketplace == m]
        if self.seller:
            s = self.seller
            out = [r for r in out if r.seller == s]
        if self.carrier:
            c = self.carrier
            out = [r for r in out if r.carrier == c]
        if self.ship_by_until is not None:
            limit = datetime.combine(self.ship_by_until + timedelta(days=1), time(0)).astimezone()
            out = [r for r in out if r.ship_by is not None and r.ship_by < limit]
        if self.failed_pushes_only:
            out = [r for r in out if r.failed_pushes]
        if self.notices_only:
            out = [r for r in out if r.notice]
        if self.search_hits is not None:
            hits = self.search_hits
            out = [r for r in out if r.id in hits]
        return list(out)


# The statuses a prep center's list shows, in the flow's order (5.1 before 6): the status
# filter offers them so, and sorting by status follows it.
LIST_STATUSES = (
    OrderStatus.READY_TO_PRINT,
    OrderStatus.AWAITING_STOCK,
    OrderStatus.PRINT_ERROR,
    OrderStatus.PRINTED,
    OrderStatus.COLLECTED,
    OrderStatus.SHIPPED,
    OrderStatus.CANCELLED,
)
_FLOW_ORDER = {s: i for i, s in enumerate(LIST_STATUSES)}


def sort_key(field_name: str) -> Callable[[OrderListRow], Any]:
    """The key that sorts rows by one field; the order number breaks ties, so sorting is stable
    and the same on every workstation. Statuses sort in the flow's order (5.1 before 6)."""
    if field_name == "status":
        return lambda r: (_FLOW_ORDER.get(r.status, 99), r.number)
    if field_name == "ship_by":
        return lambda r: (r.ship_by or _NEVER, r.number)
    if field_name in ("number", "id"):
        return lambda r: r.number
    if field_name in ("units", "line_count", "failed_pushes"):
        return lambda r: (getattr(r, field_name), r.number)
    return lambda r: (getattr(r, field_name).casefold(), r.number)


# The fields a sort key is kept for, beside the order number's own order. Text is casefolded.
_TEXT_FIELDS = ("marketplace", "seller", "carrier", "recipient_name", "notice")
_COUNT_FIELDS = ("units", "line_count", "failed_pushes")


@dataclass(frozen=True, slots=True)
class SortIndex:
    """Every row's sort keys, computed once where the rows are built (the store worker), so a
    sort is one C-speed pass over ready keys, on any thread.

    `by_number` holds the rows in order-number order; `keys[field][i]` is the key of
    `by_number[i]` for that field (casefolded text, the status's place in the flow, ship-by as a
    timestamp). A sort is stable over the number order, so the order number breaks ties, the
    same as `sort_key`. Immutable: a sync that changes rows builds a new index."""

    by_number: list[OrderListRow]
    keys: dict[str, list[Any]]

    @classmethod
    def of(cls, rows: Iterable[OrderListRow]) -> SortIndex:
        by_number = sorted(rows, key=_number_of)
        keys: dict[str, list[Any]] = {
            "status": [_FLOW_ORDER.get(r.status, 99) for r in by_number],
            "ship_by": [r.ship_by.timestamp() if r.ship_by else math.inf for r in by_number],
        }
        for name in _COUNT_FIELDS:
            keys[name] = [getattr(r, name) for r in by_number]
        for name in _TEXT_FIELDS:
            folded: dict[str, str] = {}  # few marketplaces, sellers, carriers: fold each once
            column = []
            for r in by_number:
                text = getattr(r, name)
                key = folded.get(text)
                if key is None:
                    key = folded[text] = text.casefold()
                column.append(key)
            keys[name] = column
        return cls(by_number, keys)

    def __len__(self) -> int:
        return len(self.by_number)

    def sorted_by(self, field_name: str, descending: bool = False) -> list[OrderListRow]:
        """The rows sorted by one field, as `sort_key(field_name)` sorts them."""
        rows = self.by_number
        if field_name in ("number", "id"):
            return rows[::-1] if descending else list(rows)
        column = self.keys.get(field_name)
        if column is None:  # a field without a kept key: sorted the slow way, still right
            return sorted(rows, key=sort_key(field_name), reverse=descending)
        # Stable: equal keys keep the number order (descending: the reversed number order, as
        # sorting by the (key, number) tuple in reverse gives).
        positions = range(len(rows) - 1, -1, -1) if descending else range(len(rows))
        order = sorted(positions, key=column.__getitem__, reverse=descending)
        return [rows[i] for i in order]


def _number_of(row: OrderListRow) -> str:
    return row.number


class SortSpec(NamedTuple):
    column: int
    descending: bool


def sorted_rows(
    rows: Iterable[OrderListRow], spec: SortSpec, index: SortIndex | None = None
) -> list[OrderListRow]:
    """Rows in the list's order for `spec` (any thread: a worker sorts 50,000 rows for the GUI).
    With the rows' `index`, the sort uses its ready keys (`rows` is then not read)."""
    if index is not None:
        return index.sorted_by(COLUMNS[spec.column].key, spec.descending)
    return sorted(rows, key=sort_key(COLUMNS[spec.column].key), reverse=spec.descending)


class Column(NamedTuple):
    key: str  # the field of OrderListRow it shows
    title: Callable[[], str]  # translated on demand, so a language switch shows at once


COLUMNS: list[Column] = [
    Column("id", lambda: ""),  # the tick box
    Column("number", lambda: tr("Order")),
    Column("status", lambda: tr("Status")),
    Column("ship_by", lambda: tr("Ship by")),
    Column("marketplace", lambda: tr("Marketplace")),
    Column("seller", lambda: tr("Seller")),
    Column("carrier", lambda: tr("Carrier")),
    Column("recipient_name", lambda: tr("Recipient")),
    Column("units", lambda: tr("Units")),
    Column("line_count", lambda: tr("Lines")),
    Column("notice", lambda: tr("Note")),
]


def note_of(row: OrderListRow) -> str:
    """What the operator should know about an order, in one line."""
    if row.notice:
        return row.notice
    if row.status_reason:
        return row.status_reason
    if row.failed_pushes:
        return tr("A tracking number was refused by the marketplace.")
    if row.claim_workstation:
        return tr("Open at {workstation}", workstation=row.claim_workstation)
    if row.unsent_changes:
        return tr("Waiting to reach the server")
    return ""


@dataclass(slots=True)
class FacetValues:
    """The values the filter boxes offer, gathered from the rows."""

    marketplaces: list[str] = field(default_factory=list)
    sellers: list[str] = field(default_factory=list)
    carriers: list[str] = field(default_factory=list)


def facets_of(rows: Iterable[OrderListRow]) -> FacetValues:
    marketplaces: set[str] = set()
    sellers: set[str] = set()
    carriers: set[str] = set()
    for r in rows:
        marketplaces.add(r.marketplace)
        sellers.add(r.seller)
        carriers.add(r.carrier)
    return FacetValues(
        sorted(m for m in marketplaces if m),
        sorted(s for s in sellers if s),
        sorted(c for c in carriers if c),
    )


def changes_between(
    before: dict[str, OrderListRow], after: Iterable[OrderListRow]
) -> tuple[list[OrderListRow], list[str]]:
    """What a reload found changed: the new or different rows, and the ids that are gone.
    Runs in the worker, on a snapshot of the list's rows (rows are frozen, so sharing is safe)."""
    changed: list[OrderListRow] = []
    seen: set[str] = set()
    for row in after:
        seen.add(row.id)
        if before.get(row.id) != row:
            changed.append(row)
    return changed, [i for i in before if i not in seen]
