"""The pick page's tables: the order's lines with their counts, and the history of its scans.

GUI thread. A scan changes one or two lines: `update` repaints those rows alone (a packing app
that rebuilt its whole tree per scan crashed PySide6 and took a second a scan).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.i18n import tr
from app.stations.pick_view import HistoryEntry, PickLine

AnyIndex = QModelIndex | QPersistentModelIndex
_DONE = QBrush(QColor("#e3f3e8"))
_NEXT = QBrush(QColor("#fff4cc"))
_WRONG = QBrush(QColor("#c0141f"))
_ON_TINT = QBrush(QColor("#111111"))


class PickLinesModel(QAbstractTableModel):
    """One row a line, in bin order: bin, SKU, item, configuration, picked of expected."""

    BIN, SKU, ITEM, CONFIGURATION, COUNT = range(5)

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._lines: list[PickLine] = []
        self._row_of: dict[int, int] = {}
        self._next = -1
        self._headers = [tr("Bin"), tr("SKU"), tr("Item · configuration"), tr("Configuration"), tr("Picked")]

    def show(self, lines: Sequence[PickLine]) -> None:
        """Another order (or none): every row anew."""
        self.beginResetModel()
        self._lines = list(lines)
        self._row_of = {pl.position: row for row, pl in enumerate(self._lines)}
        self._next = next((row for row, pl in enumerate(self._lines) if not pl.done), -1)
        self.endResetModel()

    def update(self, lines: Sequence[PickLine], positions: Iterable[int]) -> None:
        """The same order after a scan: only the rows of `positions` (and the next line's mark)."""
        changed = {self._next}
        for position in positions:
            row = self._row_of.get(position)
            if row is not None and row < len(lines):
                self._lines[row] = lines[row]
                changed.add(row)
        self._next = next((row for row, pl in enumerate(self._lines) if not pl.done), -1)
        changed.add(self._next)
        last = self.columnCount() - 1
        for row in sorted(r for r in changed if r >= 0):
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def line_at(self, row: int) -> PickLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of(self, position: int) -> int:
        return self._row_of.get(position, -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        pl = self.line_at(index.row())
        if pl is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            line = pl.line
            column = index.column()
            if column == self.BIN:
                return line.bin_location or "—"
            if column == self.SKU:
                return line.sku
            if column == self.ITEM:
                return "\n".join(x for x in (line.title, line.configuration) if x)
            if column == self.CONFIGURATION:
                return line.configuration
            return tr("{picked} of {quantity}", picked=pl.picked, quantity=line.quantity)
        if role == Qt.ItemDataRole.BackgroundRole:
            if pl.done:
                return _DONE
            if index.row() == self._next:
                return _NEXT
        if role == Qt.ItemDataRole.ForegroundRole and (pl.done or index.row() == self._next):
            return _ON_TINT  # the tints are light in either theme: dark words on them
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COUNT:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class PickHistoryModel(QAbstractListModel):
    """This order's scans and keys, newest on top; refused ones in red."""

    LIMIT = 500

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._entries: list[HistoryEntry] = []  # newest first

    def show(self, entries: Sequence[HistoryEntry]) -> None:
        self.beginResetModel()
        self._entries = list(reversed(entries[-self.LIMIT :]))
        self.endResetModel()

    def add(self, entries: Sequence[HistoryEntry]) -> None:
        if not entries:
            return
        self.beginInsertRows(QModelIndex(), 0, len(entries) - 1)
        self._entries[0:0] = list(reversed(entries))
        self.endInsertRows()
        if len(self._entries) > self.LIMIT:
            self.beginRemoveRows(QModelIndex(), self.LIMIT, len(self._entries) - 1)
            del self._entries[self.LIMIT :]
            self.endRemoveRows()

    def entry(self, row: int) -> HistoryEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.entry(index.row())
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{entry.at.astimezone():%H:%M:%S}  {entry.words}"
        if role == Qt.ItemDataRole.ForegroundRole and not entry.accepted:
            return _WRONG
        if role == Qt.ItemDataRole.ToolTipRole:
            # The narrow list elides a long line: its whole words, and the scan, on hover.
            return f"{entry.at.astimezone():%H:%M:%S}  {entry.words}" + (
                f"\n{entry.raw}" if entry.raw else ""
            )
        return None
