"""The order detail's Qt models: the lines (with photo thumbnails), the services and the activity.

GUI thread. Photos arrive later from the `PhotoCache` (ui/models/photos.py); the lines model
repaints a row's photo when it lands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPixmap

from app import formats
from app.activity_log.words import action_words, detail_words, one_entry_per_change, who
from app.domain import Activity, Line, Service
from app.i18n import tr

Index = QModelIndex | QPersistentModelIndex
THUMB = QSize(64, 64)


def money(amount: Decimal | None, currency: str) -> str:
    if amount is None:
        return ""
    return formats.money(amount, currency) if currency else formats.decimal(amount)


def grams(weight: int | None) -> str:
    if weight is None:
        return ""
    return formats.weight(weight)


class _ListModel(QAbstractTableModel):
    """A read-only table over a list, one column per (title, value) pair. Each cell's words are
    made once per `set_items` (a view asks for them many times a paint: sizing rows and columns
    to their contents, tooltips), not formatted again at every ask."""

    def __init__(
        self, columns: list[tuple[Callable[[], str], Callable[[Any], object]]], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._columns = columns
        self._items: list[Any] = []
        self._texts: dict[tuple[int, int], str | None] = {}

    def set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._texts = {}
        self.endResetModel()

    def text(self, row: int, column: int) -> str | None:
        key = (row, column)
        if key not in self._texts:
            value = self._columns[column][1](self._items[row])
            self._texts[key] = None if value is None else str(value)
        return self._texts[key]

    def items(self) -> list[Any]:
        return self._items

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][0]()
        return None


class LinesModel(_ListModel):
    """The order's lines: photo; SKU, bin and vendor; title and configuration; FNSKU/EAN;
    weight; quantity × price; total. Texts that belong together share a cell, so at 1366×768
    every column shows its text whole (the title wraps, nothing is cut)."""

    PHOTO = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                (lambda: tr("Photo"), lambda line: None),
                (
                    lambda: tr("SKU · bin · vendor"),
                    lambda line: "\n".join(
                        x
                        for x in (
                            line.sku,
                            tr("Bin {bin}", bin=line.bin_location) if line.bin_location else "",
                            line.vendor,
                        )
                        if x
                    ),
                ),
                (
                    lambda: tr("Item"),  # its title, its configuration under it
                    lambda line: "\n".join(x for x in (line.title, line.configuration) if x),
                ),
                (lambda: tr("FNSKU / EAN"), lambda line: "\n".join(x for x in (line.fnsku, line.ean) if x)),
                (lambda: tr("Weight"), lambda line: grams(line.weight_g)),
                (
                    lambda: tr("Qty × price"),
                    lambda line: tr(
                        "{quantity} × {price}", quantity=line.quantity, price=money(line.price, line.currency)
                    ),
                ),
                (lambda: tr("Total"), lambda line: money(line.total, line.currency)),
            ],
            parent,
        )
        self._photos: dict[str, QPixmap] = {}

    def set_photo(self, url: str, pixmap: QPixmap) -> None:
        self._photos[url] = pixmap
        for n, line in enumerate(self._items):
            if line.photo_url == url:
                ix = self.index(n, self.PHOTO)
                self.dataChanged.emit(ix, ix, [Qt.ItemDataRole.DecorationRole])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line: Line = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DecorationRole and column == self.PHOTO:
            return self._photos.get(line.photo_url)
        if role == Qt.ItemDataRole.SizeHintRole and column == self.PHOTO:
            return THUMB
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (4, 5, 6):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.DisplayRole and column == self.PHOTO:
            return None if line.photo_url in self._photos or not line.photo_url else tr("…")
        return super().data(index, role)


class ServicesModel(_ListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                (lambda: tr("Service"), lambda s: s.name or s.code),
                (lambda: tr("Qty"), lambda s: s.quantity),
                (lambda: tr("Unit price"), lambda s: money(s.unit_price, s.currency)),
                (lambda: tr("Total"), lambda s: money(s.total, s.currency)),
                (lambda: tr("By"), lambda s: s.operator),
                (
                    lambda: tr("When"),
                    lambda s: formats.date_time(s.done_at),
                ),
            ],
            parent,
        )

    def set_services(self, services: Sequence[Service]) -> None:
        self.set_items(services)


class ActivityModel(_ListModel):
    """The order's activity log, newest first."""

    def __init__(self, parent: Any = None) -> None:
        self.names: dict[str, str] = {}
        super().__init__(
            [
                (
                    lambda: tr("When"),
                    lambda a: formats.date_time_seconds(a.at),
                ),
                (lambda: tr("Who"), lambda a: who(a.operator, self.names)),
                (lambda: tr("Table"), lambda a: a.workstation),
                (lambda: tr("What"), lambda a: action_words(a.action)),
                (lambda: tr("Detail"), lambda a: detail_words(a.action, a.detail)),
            ],
            parent,
        )

    def set_activity(self, entries: Sequence[Activity], names: dict[str, str] | None = None) -> None:
        """Show `entries`, newest first; `names` (code → name, `operator_names`) puts a name to
        each operator."""
        self.names = names or {}
        once = one_entry_per_change(entries)  # a move logged here and by the server: one entry
        self.set_items(sorted(once, key=lambda a: (a.at is not None, a.at), reverse=True))
