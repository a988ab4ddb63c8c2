"""The services of one order, and the keys to add one: a service of the price list (kept in the
store for offline use) with a quantity, by click or by scanning its `PDS-…` barcode; the total
as the seller will be billed. GUI thread; recording runs on the store lane (`ServiceDesk`), the
price list is fetched on the sync lane (the server client's) each time the panel is shown.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import formats
from app.domain import Order, Service, ServiceOffer
from app.i18n import tr
from app.stations.services import (
    MAX_SERVICE_QUANTITY,
    ServiceDesk,
    asked_words,
    bill,
    cached_price_list,
    fresh_price_list,
    offer_for,
)
from app.stations.verdict import Verdict
from ui.context import Later, WorkstationEvents
from ui.models.order_lines import ServicesModel
from ui.tasks import Lane
from ui.theme import set_role

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.store import Store
    from ui.notify import Notifier
    from ui.tasks import TaskRunner


PRICE_LIST_EVERY_S = 300.0


class ServicesPanel(QWidget):
    recorded = Signal(object)  # the Verdict of a service recorded (or refused)

    def __init__(
        self,
        table: QTableView,
        model: ServicesModel,
        *,
        tasks: TaskRunner,
        events: WorkstationEvents,
        notifier: Notifier,
        store: Store,
        desk: Later[ServiceDesk],
        price_list: Later[Callable[[], list[ServiceOffer]]],
        parent: QWidget | None = None,
    ) -> None:
        """`desk` records services on the store lane; `price_list` asks the server for its prices
        (sync lane); `store` keeps the last price list for offline use."""
        super().__init__(parent)
        self._tasks, self._events, self._notifier, self._store = tasks, events, notifier, store
        self._desk, self._price_list = desk, price_list
        self._order: Order | None = None
        self._offers: list[ServiceOffer] = []
        self._asked_at = -PRICE_LIST_EVERY_S
        self.model = model
        self.asked = QLabel()  # what the seller asks for, above what was done
        self.asked.setObjectName("services_asked")
        self.asked.setWordWrap(True)
        set_role(self.asked, "big")
        self.asked.hide()
        self.none_label = QLabel(tr("No services recorded."))
        self.total = QLabel()
        set_role(self.total, "big")
        self.choice = QComboBox()
        self.choice.setMinimumWidth(260)
        self.quantity = QSpinBox()
        self.quantity.setRange(1, MAX_SERVICE_QUANTITY)
        self.add_button = QPushButton(tr("Add service"))
        self.add_button.clicked.connect(
            lambda: self.record(str(self.choice.currentData() or ""), self.quantity.value())
        )
        # The list's choice takes the row's room ("Box content label — 1.50 USD" whole); the
        # total reads on a line of its own under the table, so at 1366×768 the page never
        # needs to scroll sideways.
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        keys = QHBoxLayout()
        keys.addWidget(self.choice, 1)
        keys.addWidget(QLabel(tr("×")))
        keys.addWidget(self.quantity)
        keys.addWidget(self.add_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.asked)
        column.addWidget(self.none_label)
        column.addWidget(table)
        column.addWidget(self.total)
        column.addLayout(keys)
        self._read_price_list()

    def show_order(self, order: Order) -> None:
        self._order = order
        self.asked.setText(asked_words(order))
        self.asked.setVisible(bool(order.services_asked))
        self.model.set_services(self._priced(order))
        self.none_label.setVisible(not order.services)
        self.total.setText(bill(order, self._offers).words() if order.services else "")
        self.refresh_price_list()

    def _priced(self, order: Order) -> list[Service]:
        """The order's services for the table: one still on its way to the server is named and
        priced from the price list, as the server will price it."""
        shown = []
        for service in order.services:
            offer = offer_for(self._offers, service.code) if service.unit_price is None else None
            if offer is not None:
                service = replace(
                    service, name=offer.name, unit_price=offer.unit_price, currency=offer.currency
                )
            shown.append(service)
        return shown

    def refresh_price_list(self) -> None:
        """The server's newest price list, kept for offline use; offline, the kept one stands.
        Asked at most every few minutes (a price list changes seldom; a packer opens hundreds
        of orders an hour), and written to the store only when it changed."""
        ask, store = self._price_list(), self._store
        now = time.monotonic()
        if ask is None or now - self._asked_at < PRICE_LIST_EVERY_S:
            return
        self._asked_at = now
        self._tasks.run(
            lambda: fresh_price_list(ask, store),
            on_success=self._show_offers,
            on_failure=lambda _e: None,
            lane=Lane.SYNC,
            owner=self,
        )

    def record(self, code: str, quantity: int) -> None:
        """`quantity` of a service (its code, or a scanned `PDS-…`) done on the order shown."""
        order, desk = self._order, self._desk()
        if order is None or desk is None:
            return
        self._tasks.run(lambda: desk.record(order.id, code, quantity), on_success=self._recorded, owner=self)

    def _recorded(self, verdict: Verdict) -> None:
        if verdict.accepted:
            self._notifier.right(verdict.message)
            self.quantity.setValue(1)
            self._events.sync_requested.emit()
        else:
            self._notifier.wrong(verdict.message)
        self.recorded.emit(verdict)

    def _read_price_list(self) -> None:
        store = self._store
        self._tasks.run(lambda: cached_price_list(store), on_success=self._show_offers, owner=self)

    def _show_offers(self, offers: list[ServiceOffer]) -> None:
        if [o.code for o in offers] == [o.code for o in self._offers] and self.choice.count():
            self._offers = offers
            return
        self._offers = offers
        chosen = self.choice.currentData()
        self.choice.clear()
        for offer in offers:
            self.choice.addItem(
                tr(
                    "{name} — {price} {currency}",
                    name=offer.name,
                    price=formats.decimal(offer.unit_price),
                    currency=offer.currency,
                ),
                offer.code,
            )
        self.choice.setCurrentIndex(max(self.choice.findData(chosen), 0))
        self.add_button.setEnabled(bool(offers))
        if self._order is not None and self._order.services:
            self.model.set_services(self._priced(self._order))
            self.total.setText(bill(self._order, offers).words())
