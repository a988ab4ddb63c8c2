"""The printed orders waiting to be picked, oldest ship-by first: the pick page shows them while
no order is in hand, and a double click (or Enter) opens one. GUI thread; read on the store lane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from app.i18n import ntr, tr
from app.stations.batch_pick import BATCH_SLOTS
from ui.context import Later
from ui.theme import set_role

if TYPE_CHECKING:
    from app.stations.pick_station import PickStation
    from ui.tasks import TaskRunner


class WaitingOrders(QWidget):
    chosen = Signal(str)  # the id of the order to pick
    batch_chosen = Signal(list)  # the ids of the orders to pick as one batch, in slot order

    def __init__(
        self, *, tasks: TaskRunner, station: Later[PickStation], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks, self._station = tasks, station
        self._ids: list[str] = []
        self.model = QStringListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.activated.connect(lambda index: self._choose(index.row()))
        self.heading = QLabel(tr("Printed orders waiting to be picked"))
        set_role(self.heading, "big")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.batch_button = QPushButton(tr("Pick the first {n} as a batch", n=BATCH_SLOTS))
        self.batch_button.clicked.connect(lambda: self.batch_chosen.emit(self._ids[:BATCH_SLOTS]))
        layout.addWidget(self.batch_button, 0, Qt.AlignmentFlag.AlignLeft)

    def refresh(self) -> None:
        station = self._station()
        if station is not None:
            self._tasks.run(station.waiting_orders, on_success=self._show, owner=self)

    def order_ids(self) -> list[str]:
        return list(self._ids)

    def _show(self, rows: list[tuple[str, str, int]]) -> None:
        if [r[0] for r in rows] == self._ids:
            return
        self._ids = [r[0] for r in rows]
        self.model.setStringList(
            [
                tr("Order {number}", number=number) + "   " + ntr("{n} unit", "{n} units", units)
                for _, number, units in rows
            ]
        )
        self.batch_button.setEnabled(len(rows) > 1)
        # The button says how many orders it takes: all of them, up to the batch's slots.
        self.batch_button.setText(
            tr("Pick these {n} as a batch", n=len(rows))
            if len(rows) <= BATCH_SLOTS
            else tr("Pick the first {n} as a batch", n=BATCH_SLOTS)
        )
        self.heading.setText(
            ntr(
                "{n} printed order waiting to be picked", "{n} printed orders waiting to be picked", len(rows)
            )
        )

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self._ids):
            self.chosen.emit(self._ids[row])
