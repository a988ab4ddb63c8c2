"""The pick page's batch panel: the pick list summed over the batch (bin order) while the picker
walks the shelves, then the sorting rack — one row a slot, with its order and how many of its
units are in. GUI thread; the pick page sends every scan to the batch on the store lane and hands
the answer here."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import tr
from app.stations.batch_pick import BatchView
from app.stations.pick_view import PickEnd
from ui.flow import FlowLayout

AnyIndex = QModelIndex | QPersistentModelIndex
_DONE = QBrush(QColor("#e3f3e8"))
_NOW = QBrush(QColor("#fff4cc"))
_ON_TINT = QBrush(QColor("#111111"))


class BatchModel(QAbstractTableModel):
    """The batch as a table: the pick list while walking, the slots while sorting."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: BatchView | None = None
        self._sorting = False

    def show(self, view: BatchView) -> None:
        if self._view is None or view.sorting != self._sorting or self.rowCount() != self._rows(view):
            self.beginResetModel()
            self._view, self._sorting = view, view.sorting
            self.endResetModel()
            return
        self._view = view
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    @staticmethod
    def _rows(view: BatchView) -> int:
        return len(view.slots) if view.sorting else len(view.lines)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() or self._view is None else self._rows(self._view)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if self._sorting:
            return [tr("Slot"), tr("Order"), tr("Sorted"), tr("State")][section]
        return [tr("Bin"), tr("SKU"), tr("Item"), tr("Taken")][section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        view = self._view
        if view is None:
            return None
        row, column = index.row(), index.column()
        if view.sorting:
            slot = view.slots[row]
            if role == Qt.ItemDataRole.DisplayRole:
                state = (
                    tr("collected") if slot.end is PickEnd.COLLECTED else (slot.end.value or tr("sorting"))
                )
                return [
                    str(slot.slot),
                    slot.number,
                    tr("{n} of {units}", n=slot.sorted_units, units=slot.units),
                    state,
                ][column]
            if role == Qt.ItemDataRole.BackgroundRole:
                if slot.end is PickEnd.COLLECTED:
                    return _DONE
                if slot.slot == view.slot_now:
                    return _NOW
            if role == Qt.ItemDataRole.ForegroundRole and (
                slot.end is PickEnd.COLLECTED or slot.slot == view.slot_now
            ):
                return _ON_TINT  # the tints are light in either theme: dark words on them
            return None
        line = view.lines[row]
        if role == Qt.ItemDataRole.DisplayRole:
            taken = tr("{n} of {needed}", n=line.walked, needed=line.needed)
            return [line.bin_location or "—", line.sku, line.title, taken][column]
        if role == Qt.ItemDataRole.BackgroundRole and line.done:
            return _DONE
        if role == Qt.ItemDataRole.ForegroundRole and line.done:
            return _ON_TINT
        return None


class BatchPanel(QWidget):
    """`show(view)`; the buttons are the page's to connect."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = BatchModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.sort_button = QPushButton(tr("Sort now"))
        self.leave_button = QPushButton(tr("Leave the batch"))
        keys = FlowLayout(right=True)
        keys.addWidget(self.sort_button)
        keys.add_stretch()
        keys.addWidget(self.leave_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(keys)

    def show_view(self, view: BatchView) -> None:
        self.model.show(view)
        self.sort_button.setEnabled(not view.sorting)
