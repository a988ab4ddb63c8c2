"""The order list's Qt model: light `OrderListRow` tuples, filtered and sorted in memory.

GUI thread only. Rows are loaded in a worker (ui/tasks.py) and handed over with `set_rows`;
after a sync, `apply_changes` inserts, removes and repaints only the rows that changed, so the
operator's scroll position, current row and ticks stay where they were. Given a `TaskRunner`,
a header click sorts on the store lane over the rows' ready keys (`SortIndex`) and the model
swaps the sorted rows in when they come back; without one (tests), it sorts at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app import formats
from app.domain import OrderStatus
from app.order_list.rows import (
    COLUMNS,
    ListFilter,
    OrderListRow,
    SortIndex,
    SortSpec,
    note_of,
    sorted_rows,
)
from ui.tasks import Lane, TaskRunner

Index = QModelIndex | QPersistentModelIndex

# Past this many changes in one sync, one reset is cheaper than many small updates.
_GRANULAR_LIMIT = 2000
# Past this many rows coming or going, one layout change is cheaper than row-by-row updates.
_ROW_BY_ROW_LIMIT = 50

_ON_TINT = QBrush(QColor("#111111"))


CHECK_COLUMN = 0
NOTE_COLUMN = 10

# Status colours: dark text on a light tint, readable from a step away (contrast > 7:1).
STATUS_TINT = {
    OrderStatus.READY_TO_PRINT: "#d7f5dd",
    OrderStatus.AWAITING_STOCK: "#fff1c2",
    OrderStatus.PRINT_ERROR: "#ffd6d6",
    OrderStatus.PRINTED: "#dbe8ff",
    OrderStatus.COLLECTED: "#e6dcff",
    OrderStatus.SHIPPED: "#e8e8e8",
    OrderStatus.CANCELLED: "#ff9e9e",
}


class OrderTableModel(QAbstractTableModel):
    """Every order of the store as one row; the view shows those that pass `order_filter`."""

    # How many ticked orders are shown, and how many more are ticked but hidden by the filter.
    # A bulk action acts on the shown ones only (`checked_rows`); the hidden stay ticked, left
    # out, and come back into play when the filter shows them again (README, Decisions).
    checked_changed = Signal(int, int)

    def __init__(self, parent: Any = None, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks  # None: sort on the calling thread, at once
        self._by_id: dict[str, OrderListRow] = {}
        self._index: SortIndex | None = None  # the rows' sort keys; None: built when next needed
        self._rows_version = 0  # counts row changes, so a sort of older rows is not swapped in
        self._sorted: list[OrderListRow] = []  # every row, in the order `_shown_spec`
        self._visible: list[OrderListRow] = []  # those passing the filter
        self._filter = ListFilter()
        self._sort_column = 3  # ship-by first: the oldest due date is the most urgent
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._shown_spec = SortSpec(3, False)  # the sort `_sorted` is in (the asked one, once done)
        self._sort_ticket = 0  # the newest sort request; older answers are dropped
        self._checked: set[str] = set()
        self._bold = QFont()
        self._bold.setBold(True)
        self._alarm = QBrush(QColor("#b00020"))
        self._tints = {k: QBrush(QColor(v)) for k, v in STATUS_TINT.items()}

    # -- what the page calls ----------------------------------------------------------------

    @property
    def sort_spec(self) -> SortSpec:
        """The sort the operator asked for (the header shows it): hand it to a worker with
        `sorted_rows`. The rows may still be on their way from the worker (`sorting`)."""
        return SortSpec(self._sort_column, self._sort_order == Qt.SortOrder.DescendingOrder)

    @property
    def sorting(self) -> bool:
        """A sort asked for is still running in the worker (the rows show the previous one)."""
        return self._shown_spec != self.sort_spec

    def set_rows(
        self,
        rows: Iterable[OrderListRow],
        presorted: SortSpec | None = None,
        index: SortIndex | None = None,
    ) -> None:
        """Replace every row (first load). Rows already sorted by `presorted` (in a worker, with
        `sorted_rows`) are taken as they are when that is the list's sort (or the one it shows
        while a newer sort runs); `index`, their sort keys, spares the next sort building them."""
        rows = list(rows)
        self.beginResetModel()
        self._by_id = {r.id: r for r in rows}
        self._rows_version += 1
        self._index = index
        if presorted is not None and presorted in (self.sort_spec, self._shown_spec):
            self._sorted, self._shown_spec = rows, presorted
        else:
            self._resort()
        self._visible = self._filter.select(self._sorted)
        self._checked &= self._by_id.keys()
        self.endResetModel()
        self._emit_ticked()
        self._sort_if_behind()

    def apply_changes(
        self,
        changed: Sequence[OrderListRow],
        removed_ids: Iterable[str] = (),
        every_row: list[OrderListRow] | None = None,
        presorted: SortSpec | None = None,
        index: SortIndex | None = None,
    ) -> None:
        """Merge what a sync changed: only the affected rows are inserted, removed or repainted.
        `every_row`, sorted by `presorted` in the worker, spares the GUI thread the sort; `index`
        holds the sort keys of `every_row`. A sort asked for while the sync's rows were read
        (another `presorted`) is run again over the new rows, in the worker."""
        removed = set(removed_ids)
        changed_ids = {r.id for r in changed}
        if not changed_ids and not removed:
            return
        for rid in removed:
            self._by_id.pop(rid, None)
        for row in changed:
            self._by_id[row.id] = row
        self._rows_version += 1
        self._index = index if every_row is not None else None
        ready = None
        if (
            every_row is not None
            and presorted is not None
            and presorted in (self.sort_spec, self._shown_spec)
        ):
            ready = every_row
        if len(changed_ids) + len(removed) > _GRANULAR_LIMIT:
            if ready is not None:
                self.set_rows(ready, presorted, self._index)
            else:
                self.set_rows(list(self._by_id.values()), None, self._index)
            return
        if ready is not None and presorted is not None:
            self._sorted, self._shown_spec = ready, presorted
        else:
            self._resort()
        target = self._filter.select(self._sorted)
        self._morph_into(target, changed_ids)
        self._checked -= removed
        if self._checked:  # a ticked order the sync moved out of the filter is no longer acted on
            self._emit_ticked()
        self._sort_if_behind()

    def set_filter(self, order_filter: ListFilter) -> None:
        self._filter = order_filter
        self.beginResetModel()
        self._visible = order_filter.select(self._sorted)
        self.endResetModel()
        self._emit_ticked()

    @property
    def order_filter(self) -> ListFilter:
        return self._filter

    def all_rows(self) -> list[OrderListRow]:
        return self._sorted

    def visible_rows(self) -> list[OrderListRow]:
        return self._visible

    def row_at(self, position: int) -> OrderListRow:
        return self._visible[position]

    def position_of(self, order_id: str) -> int:
        for i, row in enumerate(self._visible):
            if row.id == order_id:
                return i
        return -1

    def checked_rows(self) -> list[OrderListRow]:
        """The ticked orders the person sees, in list order: what a bulk action acts on."""
        checked = self._checked
        return [r for r in self._visible if r.id in checked] if checked else []

    def hidden_checked_rows(self) -> list[OrderListRow]:
        """The orders ticked earlier that the filter now hides: kept ticked, never acted on."""
        if not self._checked:
            return []
        shown = {r.id for r in self.checked_rows()}
        return [r for r in self._sorted if r.id in self._checked and r.id not in shown]

    def set_all_checked(self, checked: bool) -> None:
        """Tick (or untick) every order the filter shows."""
        ids = {r.id for r in self._visible}
        if checked:
            self._checked |= ids
        else:
            self._checked -= ids
        if self._visible:
            self.dataChanged.emit(
                self.index(0, CHECK_COLUMN),
                self.index(len(self._visible) - 1, CHECK_COLUMN),
                [Qt.ItemDataRole.CheckStateRole],
            )
        self._emit_ticked()

    def set_checked(self, order_ids: Iterable[str], checked: bool = True) -> None:
        ids = set(order_ids) & self._by_id.keys()
        self._checked = self._checked | ids if checked else self._checked - ids
        self._emit_check_rows(ids)
        self._emit_ticked()

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._visible[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == CHECK_COLUMN:
                return None
            if column == 2:
                return row.status.label
            if column == 3:
                return formats.date_time(row.ship_by)
            if column == NOTE_COLUMN:
                return note_of(row)
            return getattr(row, COLUMNS[column].key)
        if role == Qt.ItemDataRole.CheckStateRole and column == CHECK_COLUMN:
            return Qt.CheckState.Checked if row.id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and column == 2:
            return self._tints.get(row.status)
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and row.status in self._tints:
            return _ON_TINT  # the tints are light in either theme: dark words on them
        if role == Qt.ItemDataRole.FontRole and column in (1, 2):
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and column == NOTE_COLUMN and row.notice:
            return self._alarm
        if role == Qt.ItemDataRole.ToolTipRole:
            return note_of(row) or None
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (8, 9):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != CHECK_COLUMN:
            return False
        order_id = self._visible[index.row()].id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(order_id)
        else:
            self._checked.discard(order_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self._emit_ticked()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == CHECK_COLUMN:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title()
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: with a task runner, the rows are sorted on the store lane and swapped
        in when they come back (the header shows the new sort at once); else sorted here."""
        if column == CHECK_COLUMN:
            return
        self._sort_column, self._sort_order = column, order
        if self._tasks is None:
            self._resort()
            self._relayout(self._filter.select(self._sorted))
            return
        self._sort_ticket += 1  # whatever sort still runs is superseded by this one
        self._sort_if_behind()

    # -- inside ------------------------------------------------------------------------------

    def _resort(self) -> None:
        """Sort every row here and now, by the sort asked for (tests, and rows given unsorted)."""
        if self._index is None:
            self._index = SortIndex.of(self._by_id.values())
        self._shown_spec = self.sort_spec
        self._sorted = sorted_rows((), self._shown_spec, self._index)

    def _sort_if_behind(self) -> None:
        """Ask the store lane for the rows in the sort asked for, if they are not shown so yet."""
        if self._tasks is None or not self.sorting:
            return
        self._sort_ticket += 1
        ticket, version, spec, index = self._sort_ticket, self._rows_version, self.sort_spec, self._index
        rows = list(self._by_id.values()) if index is None else []

        def sort_in_worker() -> tuple[SortIndex, list[OrderListRow]]:
            keys = index if index is not None else SortIndex.of(rows)
            return keys, sorted_rows((), spec, keys)

        self._tasks.run(
            sort_in_worker,
            on_success=lambda answer: self._sorted_arrived(ticket, version, spec, *answer),
            lane=Lane.STORE,
            owner=self,
        )

    def _sorted_arrived(
        self, ticket: int, version: int, spec: SortSpec, index: SortIndex, rows: list[OrderListRow]
    ) -> None:
        """A sort came back from the worker: swap it in unless something newer came first."""
        if ticket != self._sort_ticket:
            return  # a newer sort (or a sync that asked for one again) supersedes this one
        if version != self._rows_version:
            self._sort_if_behind()  # the rows changed while it ran: sort the rows of now
            return
        self._index = index
        if spec == self._shown_spec or spec != self.sort_spec:
            return
        self._sorted, self._shown_spec = rows, spec
        self._relayout(self._filter.select(rows))

    def _morph_into(self, target: list[OrderListRow], changed_ids: set[str]) -> None:
        """Turn the visible rows into `target` with row removals, insertions and repaints only."""
        target_ids = [r.id for r in target]
        target_set = set(target_ids)
        current_ids = [r.id for r in self._visible]
        # A changed row whose place in the sort moved leaves and comes back at its new place.
        kept = [i for i in current_ids if i in target_set]
        kept_set = set(kept)
        kept_order = [i for i in target_ids if i in kept_set]
        leaving = {i for i in current_ids if i not in target_set}
        if kept != kept_order:
            leaving |= {i for i in kept if i in changed_ids}
        if len(leaving) + max(0, len(target_ids) - len(kept)) > _ROW_BY_ROW_LIMIT:
            self._relayout(target)  # one layout change costs less than hundreds of row updates
            return
        # Removals, bottom-up, in contiguous runs.
        positions = [n for n, i in enumerate(current_ids) if i in leaving]
        for first, last in reversed(_runs(positions)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._visible[first : last + 1]
            self.endRemoveRows()
        remaining = [r.id for r in self._visible]
        remaining_set = set(remaining)
        if remaining != [i for i in target_ids if i in remaining_set]:
            self.set_rows(list(self._by_id.values()))  # should not happen: start afresh
            return
        # Insertions, top-down: `remaining` is now a subsequence of the target.
        n = 0
        while n < len(target):
            if n < len(self._visible) and self._visible[n].id == target_ids[n]:
                n += 1
                continue
            end = n
            present = {r.id for r in self._visible[n : n + 1]}
            while end < len(target) and target_ids[end] not in present:
                end += 1
            self.beginInsertRows(QModelIndex(), n, end - 1)
            self._visible[n:n] = target[n:end]
            self.endInsertRows()
            n = end
        # Repaint the rows that changed in place.
        self._visible = target
        for n, rid in enumerate(target_ids):
            if rid in changed_ids and rid not in leaving:
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))

    def _relayout(self, target: list[OrderListRow]) -> None:
        """Swap in `target` as one layout change, keeping the operator's current row and
        selection on the same orders (persistent indexes follow their order ids)."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._visible[i.row()].id if 0 <= i.row() < len(self._visible) else "" for i in old]
        self._visible = target
        where = _positions(target, set(ids) - {""})
        self.changePersistentIndexList(
            old,
            [
                self.index(where[i], p.column()) if i in where else QModelIndex()
                for i, p in zip(ids, old, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _emit_ticked(self) -> None:
        checked = self._checked
        shown = sum(1 for r in self._visible if r.id in checked) if checked else 0
        self.checked_changed.emit(shown, len(checked) - shown)

    def _emit_check_rows(self, ids: set[str]) -> None:
        for n, row in enumerate(self._visible):
            if row.id in ids:
                ix = self.index(n, CHECK_COLUMN)
                self.dataChanged.emit(ix, ix, [Qt.ItemDataRole.CheckStateRole])


def _positions(rows: list[OrderListRow], wanted: set[str]) -> dict[str, int]:
    """Where the `wanted` orders are in `rows`. The view holds a few persistent indexes (the
    current row, the selection): finding those few at C speed beats mapping 50,000 ids."""
    if not wanted:
        return {}
    if len(wanted) > 64:
        return {r.id: n for n, r in enumerate(rows) if r.id in wanted}
    ids = [r.id for r in rows]
    where: dict[str, int] = {}
    for order_id in wanted:
        with contextlib.suppress(ValueError):  # an order no longer shown: its index goes invalid
            where[order_id] = ids.index(order_id)
    return where


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for p in positions:
        if runs and runs[-1][1] == p - 1:
            runs[-1] = (runs[-1][0], p)
        else:
            runs.append((p, p))
    return runs
