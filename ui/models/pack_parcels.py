"""The pack page's Qt models: the parcels packed so far and the order's lines.

GUI thread. The parcels model changes only the rows that changed (a parcel added, weighed, taken
back): no reset per scan, so the table never rebuilds under the packer's eyes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain import Line
from app.i18n import tr
from app.stations.pack_draft import ParcelDraft
from ui.models.order_lines import grams
from ui.theme import WARN

Index = QModelIndex | QPersistentModelIndex


class _Table(QAbstractTableModel):
    """Read-only rows of `items`; subclasses say the headers and a cell's text."""

    COLUMNS = 0

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def text(self, item: Any, column: int) -> str:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(self.items[index.row()], index.column())
        return None


class ParcelsModel(_Table):
    """Parcel number, tracking number, carrier and weight. A carrier other than the one the seller
    bought is marked on the carrier, amber, with the reason in its tooltip (and in the verdict):
    a note column of its own squeezed the tracking number, what the packer reads back, at
    1366×768."""

    COLUMNS = 4

    def headers(self) -> tuple[str, ...]:
        return (tr("#"), tr("Tracking number"), tr("Carrier"), tr("Weight"))

    def set_parcels(self, parcels: Sequence[ParcelDraft]) -> None:
        """Show `parcels`, telling the view only about the rows that differ."""
        new = list(parcels)
        old = self.items
        common = min(len(old), len(new))
        for row in range(common):
            if old[row] != new[row]:
                old[row] = new[row]
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))
        if len(new) > common:
            self.beginInsertRows(QModelIndex(), common, len(new) - 1)
            self.items = old[:common] + new[common:]
            self.endInsertRows()
        elif len(old) > common:
            self.beginRemoveRows(QModelIndex(), common, len(old) - 1)
            self.items = old[:common]
            self.endRemoveRows()

    def text(self, item: Any, column: int) -> str:
        p: ParcelDraft = item
        if column == 0:
            return str(p.number)
        if column == 1:
            return p.tracking or tr("number to come")
        if column == 2:
            return f"{p.carrier_name} ⚠" if p.warning else p.carrier_name
        return grams(p.weight_g) if p.weight_g is not None else tr("weigh it")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() < len(self.items):
            p: ParcelDraft = self.items[index.row()]
            missing = (index.column() == 1 and not p.tracking) or (index.column() == 3 and p.weight_g is None)
            warned = index.column() == 2 and bool(p.warning)
            if role == Qt.ItemDataRole.ForegroundRole and (missing or warned):
                return QBrush(QColor(WARN))
            if role == Qt.ItemDataRole.ToolTipRole and warned:
                return p.warning
            if role == Qt.ItemDataRole.FontRole and missing:
                font = QFont()
                font.setItalic(True)
                return font
        return super().data(index, role)


class PackLinesModel(_Table):
    """What goes in the boxes: quantity, then the SKU (first: what the packer matches), title and
    configuration in one column that takes the side column's room (whole in its tooltip)."""

    COLUMNS = 2

    def headers(self) -> tuple[str, ...]:
        return (tr("Qty"), tr("Item"))

    def set_lines(self, lines: Sequence[Line]) -> None:
        """A new order's lines (once per order, not per scan)."""
        if list(lines) == self.items:
            return
        self.beginResetModel()
        self.items = list(lines)
        self.endResetModel()

    def text(self, item: Any, column: int) -> str:
        line: Line = item
        if column == 0:
            return f"{line.quantity} ×"
        # The SKU on a line of its own (what the packer matches, never broken at its hyphens:
        # they are shown as non-breaking ones), the words under it.
        sku = line.sku.replace("-", "\u2011")
        words = " · ".join(x for x in (line.title, line.configuration) if x)
        return f"{sku}\n{words}" if words else sku
