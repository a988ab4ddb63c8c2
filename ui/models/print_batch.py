"""The print station's batch as a Qt model: the orders about to print, and what became of each.

GUI thread. Each row is an order (`app.print_station.BatchOrder`) plus the outcome of its last print in this
session: waiting, printing, printed, or not printed with the printer's reason.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app import formats
from app.i18n import ntr, tr
from app.print_station import BatchOrder, BatchReport, OrderOutcome

Index = QModelIndex | QPersistentModelIndex


class PrintState(enum.StrEnum):
    WAITING = "waiting"
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return {
            PrintState.WAITING: tr("Waiting"),
            PrintState.PRINTING: tr("Printing…"),
            PrintState.PRINTED: tr("Printed ✓"),
            PrintState.FAILED: tr("Not printed"),
        }[self]


@dataclass(slots=True)
class BatchEntry:
    row: BatchOrder
    state: PrintState = PrintState.WAITING
    reason: str = ""


# The order number first and what the printer said next: the two a packer reads. The recipient,
# last, takes the room that is left and shows whole in its tooltip. (No status column: the
# batch admits only orders ready to print, or printed ones for a reprint, which its banner says.)
_COLUMNS = [
    lambda: tr("Order"),
    lambda: tr("Print"),
    lambda: tr("Ship by"),
    lambda: tr("Marketplace"),
    lambda: tr("Label"),
    lambda: tr("Recipient"),
]
ORDER, PRINT, SHIP_BY, MARKETPLACE, LABEL, RECIPIENT = range(len(_COLUMNS))
_TINT = {
    PrintState.PRINTED: QColor("#d7f5dd"),
    PrintState.FAILED: QColor("#ffd6d6"),
    PrintState.PRINTING: QColor("#fff1c2"),
}
_LOOK_AT = QColor("#ffe9a8")  # printed, with something to look at on the label


class PrintBatchModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[BatchEntry] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # -- the batch ------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[BatchOrder]) -> None:
        self.beginResetModel()
        self._entries = [BatchEntry(r) for r in rows]
        self.endResetModel()

    def add_rows(self, rows: Iterable[BatchOrder]) -> int:
        have = {e.row.id for e in self._entries}
        new = [BatchEntry(r) for r in rows if r.id not in have]
        if new:
            self.beginInsertRows(QModelIndex(), len(self._entries), len(self._entries) + len(new) - 1)
            self._entries.extend(new)
            self.endInsertRows()
        return len(new)

    def remove_positions(self, positions: Iterable[int]) -> None:
        for p in sorted(set(positions), reverse=True):
            if 0 <= p < len(self._entries):
                self.beginRemoveRows(QModelIndex(), p, p)
                del self._entries[p]
                self.endRemoveRows()

    def entries(self) -> list[BatchEntry]:
        return self._entries

    def order_ids(self, states: Iterable[PrintState] | None = None) -> list[str]:
        wanted = set(states) if states is not None else None
        return [e.row.id for e in self._entries if wanted is None or e.state in wanted]

    def mark(self, order_ids: Iterable[str], state: PrintState, reason: str = "") -> None:
        ids = set(order_ids)
        for n, entry in enumerate(self._entries):
            if entry.row.id in ids:
                entry.state, entry.reason = state, reason
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(_COLUMNS) - 1))

    def apply_outcome(self, outcome: OrderOutcome) -> None:
        """One order's outcome, as the batch goes on (GUI thread)."""
        for n, entry in enumerate(self._entries):
            if entry.row.id == outcome.order_id:
                entry.state = PrintState.PRINTED if outcome.printed else PrintState.FAILED
                entry.reason = outcome.reason or outcome.note
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(_COLUMNS) - 1))

    def apply_report(self, report: BatchReport) -> None:
        """Show what the printer said of each order."""
        by_id = {o.order_id: o for o in report.outcomes}
        for n, entry in enumerate(self._entries):
            outcome = by_id.get(entry.row.id)
            if outcome is None:
                continue
            entry.state = PrintState.PRINTED if outcome.printed else PrintState.FAILED
            entry.reason = outcome.reason or outcome.note
            self.dataChanged.emit(self.index(n, 0), self.index(n, len(_COLUMNS) - 1))

    # -- Qt ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        row, column = entry.row, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ORDER:
                return row.number
            if column == PRINT:
                return entry.state.label + (f": {entry.reason}" if entry.reason else "")
            if column == SHIP_BY:
                return formats.date_time(row.ship_by)
            if column == MARKETPLACE:
                return row.marketplace
            if column == LABEL:
                return (
                    tr("Carrier's ({kind})", kind=row.carrier_label.upper())
                    if row.carrier_label
                    else tr("Ours")
                )
            if column == RECIPIENT:
                return row.recipient_name
        if role == Qt.ItemDataRole.BackgroundRole and column == PRINT:
            # printed with a note (letters printed as "?"): amber, to be looked at before it ships
            tint = _LOOK_AT if entry.state is PrintState.PRINTED and entry.reason else _TINT.get(entry.state)
            return QBrush(tint) if tint is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and column == PRINT and entry.state in _TINT:
            return QBrush(QColor("#111111"))  # the tints are light in either theme: dark words on them
        if role == Qt.ItemDataRole.FontRole and column in (ORDER, PRINT):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == RECIPIENT:
                return row.recipient_name
            if entry.reason:
                return entry.reason
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section]()
        return None

    def update_rows(self, rows: Iterable[BatchOrder]) -> None:
        """Fresh facts of orders already in the batch (their status after printing)."""
        fresh = {r.id: r for r in rows}
        for n, entry in enumerate(self._entries):
            if entry.row.id in fresh:
                entry.row = fresh[entry.row.id]
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(_COLUMNS) - 1))


def verdict_of(report: BatchReport) -> tuple[str, bool]:
    """The batch's outcome in one line for the operator, and whether all of it printed."""
    failed = report.failed
    parts = [ntr("{n} order printed.", "{n} orders printed.", len(report.printed))] if report.printed else []
    noted = [o.number for o in report.printed if o.note]
    if noted:
        parts.append(
            ntr(
                "Check the label of order {numbers}: letters no font draws came out as “?”.",
                "Check the labels of orders {numbers}: letters no font draws came out as “?”.",
                len(noted),
                numbers=", ".join(noted),
            )
        )
    for verdict, what in ((report.pick_list, tr("pick list")), (report.packing_slips, tr("packing slips"))):
        if verdict is not None and not verdict.confirmed:
            parts.append(tr("The {what} did not print: {reason}", what=what, reason=verdict.reason))
    if failed:
        reasons = "; ".join(sorted({o.reason for o in failed if o.reason}))
        parts.append(
            ntr("{n} not printed: {reasons}", "{n} not printed: {reasons}", len(failed), reasons=reasons)
        )
    documents_ok = all(v is None or v.confirmed for v in (report.pick_list, report.packing_slips))
    # a label to look at is not all right: the words stand in red with the wrong-scan sound
    return " ".join(parts), not failed and documents_ok and not noted
