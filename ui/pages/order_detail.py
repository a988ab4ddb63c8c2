"""One order, whole: recipient, lines with photos, parcels with tracking links and push state,
services, the activity log and a preview of its shipping label.

GUI thread. The order comes from the store (`app.store.queries.load_order`) in the store worker;
actions go through the flows there; photos come from the server on their own lane. A
cancelled order, or one with a refusal from the server, shows a red banner and accepts no
action until the operator has read it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import Order, OrderStatus
from app.domain.reasons import ReasonAsked
from app.i18n import ntr, tr
from app.scan import ScanKind, interpret
from app.stations.pack_table import waiting_for_tracking
from app.store.queries import OrderNotice, load_order, order_notice
from ui.context import Workstation
from ui.models.activity_words import operator_names
from ui.models.order_lines import THUMB, ActivityModel, LinesModel, ServicesModel
from ui.models.photos import PhotoCache, photo_fetcher
from ui.panels.label_preview import LabelPreview
from ui.panels.parcels import ParcelsPanel
from ui.panels.services import ServicesPanel
from ui.reason_dialog import ask_reason
from ui.sync_controller import SYNC_LANE
from ui.tasks import describe_error
from ui.theme import set_role

S = OrderStatus


def load_detail(store: Any, order_id: str) -> tuple[Order | None, OrderNotice | None, dict[str, str]]:
    """The order, its unread notice and the operators' names for its timeline (store worker)."""
    with store.session() as s:
        order, notice = load_order(s, order_id), order_notice(s, order_id)
    return order, notice, operator_names(store)


def waits_for_tracking(store: Any, order_id: str) -> bool:
    """Whether the order was put aside at Pack & Ship with a parcel waiting for its number."""
    with store.session() as s:
        return order_id in waiting_for_tracking(s)


def _table(model: Any, min_rows: int = 1) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return view


def _fit_height(view: QTableView, row_height: int) -> None:
    """Show every row whole, at least `row_height` tall (a title that wraps takes the lines it
    needs): the page scrolls, not each table."""
    rows = view.model().rowCount()
    view.verticalHeader().setDefaultSectionSize(row_height)
    view.resizeRowsToContents()
    for row in range(rows):
        view.setRowHeight(row, max(row_height, view.rowHeight(row)))
    total = sum(view.rowHeight(row) for row in range(rows)) if rows else row_height
    view.setFixedHeight(view.horizontalHeader().sizeHint().height() + total + 4)


class OrderDetailPage(QWidget):
    """`show_order(order_id)` is what the frame calls (a click in the list, a scanned label)."""

    print_requested = Signal(list, str)  # (order ids, reprint reason or "")
    order_shown = Signal(str)  # the order on screen was (re)loaded

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workstation
        self.order: Order | None = None
        self.notice: OrderNotice | None = None
        self._photos = PhotoCache(workstation.tasks, photo_fetcher(workstation), THUMB, self)
        self._photos.ready.connect(self._photo_ready)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        set_role(self.banner, "banner-wrong")
        self.banner.hide()
        self.acknowledge_button = QPushButton(tr("I have read this"))
        self.acknowledge_button.hide()
        self.number_label = QLabel()
        set_role(self.number_label, "title")
        self.status_chip = QLabel()
        self.facts_label = QLabel()
        self.facts_label.setWordWrap(True)
        set_role(self.facts_label, "big")
        self.print_button = QPushButton(tr("Print"))
        set_role(self.print_button, "primary")
        self.reprint_button = QPushButton(tr("Reprint…"))
        self.print_error_button = QPushButton(tr("Print error…"))
        self.back_button = QPushButton(tr("Back to the list"))
        self.tracking_button = QPushButton(tr("Add its tracking number…"))
        self.tracking_button.setToolTip(
            tr("At Pack & Ship: the parcels put aside come back; scan the number")
        )
        self.tracking_button.hide()
        self.recipient_label = QLabel()
        self.recipient_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recipient_label.setStyleSheet("font-size: 15pt;")
        self.preview = LabelPreview(workstation)
        self.lines = LinesModel(self)
        self.lines_view = _table(self.lines)
        self.lines_view.setIconSize(THUMB)
        self.lines_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.lines_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.lines_view.horizontalHeader().setMinimumSectionSize(60)
        self.lines_view.horizontalHeader().setStretchLastSection(False)
        self.lines_view.setWordWrap(True)
        self.lines_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.services = ServicesModel(self)
        self.services_view = _table(self.services)
        self.activity = ActivityModel(self)
        self.activity_view = _table(self.activity)
        self.parcels_box = ParcelsPanel()
        self.parcels_box.retry_asked.connect(self.retry_push)
        self.parcels_box.dismiss_asked.connect(self.dismiss_push)

        header = QHBoxLayout()
        header.addWidget(self.number_label)
        header.addWidget(self.status_chip)
        header.addStretch(1)
        for button in (
            self.back_button,
            self.tracking_button,
            self.print_error_button,
            self.reprint_button,
            self.print_button,
        ):
            header.addWidget(button)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.acknowledge_button)
        recipient_box = QGroupBox(tr("Recipient"))
        QVBoxLayout(recipient_box).addWidget(self.recipient_label)
        left = QVBoxLayout()
        left.addWidget(self.facts_label)
        left.addWidget(recipient_box)
        left.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addWidget(self.preview)
        lines_box = QGroupBox(tr("Lines"))
        QVBoxLayout(lines_box).addWidget(self.lines_view)
        services_box = QGroupBox(tr("Services"))
        self.services_panel = ServicesPanel(workstation, self.services_view, self.services)
        self.services_panel.recorded.connect(lambda verdict: self.reload() if verdict.accepted else None)
        QVBoxLayout(services_box).addWidget(self.services_panel)
        activity_box = QGroupBox(tr("Activity"))
        QVBoxLayout(activity_box).addWidget(self.activity_view)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addLayout(banner_row)
        column.addLayout(header)
        column.addLayout(top)
        for box in (lines_box, self.parcels_box, services_box, activity_box):
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self._print)
        QShortcut(QKeySequence("Escape"), self).activated.connect(self.back_button.click)
        self.print_button.setToolTip("Ctrl+P")
        self.print_button.clicked.connect(self._print)
        self.reprint_button.clicked.connect(self._ask_reprint)
        self.print_error_button.clicked.connect(self._ask_print_error)
        self.back_button.clicked.connect(lambda: workstation.events.show_orders.emit(""))
        self.tracking_button.clicked.connect(
            lambda: workstation.events.pack_order.emit(self.order.id) if self.order is not None else None
        )
        self.acknowledge_button.clicked.connect(self.acknowledge)
        workstation.events.synced.connect(self._synced)
        self._show_nothing()

    # -- what the frame calls -------------------------------------------------------------

    def show_order(self, order_id: str) -> None:
        """Show the order as the store has it at once, then ask the server for its newest state
        and activity log (on the sync lane, which owns the sync engine) and show that."""
        self._load(order_id)
        sync = self._ws.sync
        if sync is not None:
            self._ws.tasks.run(
                lambda: sync.fetch_order(order_id),
                on_success=lambda _order: self._fetched(order_id),
                on_failure=lambda _error: None,  # offline: the store's view stands
                lane=SYNC_LANE,
                owner=self,
            )

    def _fetched(self, order_id: str) -> None:
        if self.order is not None and self.order.id == order_id:
            self._load(order_id)

    def _load(self, order_id: str) -> None:
        store = self._ws.store
        self._ws.tasks.run(
            lambda: load_detail(store, order_id),
            on_success=self._loaded,
            busy_text=tr("Opening the order…"),
            owner=self,
        )

    def reload(self) -> None:
        if self.order is not None:
            self._load(self.order.id)

    def _synced(self, outcome: object) -> None:
        """After a sync pass: show the open order again if the pass wrote it."""
        changed = getattr(getattr(outcome, "report", None), "changed", None)
        if self.order is not None and (changed is None or self.order.id in changed):
            self.reload()

    def handle_scan(self, text: str) -> bool:
        """A prep service's barcode (`PDS-…`) records one of it on the order shown (or the
        quantity set beside the list); other scans are the frame's."""
        meaning = interpret(text)
        if meaning.kind is not ScanKind.SERVICE:
            return False
        if not self._refuse_if_locked():
            self.services_panel.record(meaning.value, self.services_panel.quantity.value())
        return True

    def locked_reason(self) -> str:
        """Why no action is accepted on the order on screen ("" when actions are open)."""
        if self.order is None:
            return tr("No order is open.")
        if self.order.status is S.CANCELLED:
            return tr(
                "Order {number} is cancelled. Stop work on it and put the goods back.",
                number=self.order.number,
            )
        if self.notice is not None:
            return self.notice.text
        return ""

    # -- actions (each refused while the order is locked) -----------------------------------

    def print_error(self, reason: str) -> None:
        self._act(lambda flows, oid: flows.print_error(oid, reason), tr("Marked as a print error."))

    def retry_push(self, shipment_id: str) -> None:
        self._act(
            lambda flows, oid: flows.retry_push(oid, shipment_id),
            tr("The tracking number will be sent again."),
        )

    def dismiss_push(self, shipment_id: str) -> None:
        self._act(lambda flows, oid: flows.dismiss_push(oid, shipment_id), tr("The refusal was dismissed."))

    def request_print(self, reprint_reason: str = "") -> None:
        if self._refuse_if_locked() or self.order is None:
            return
        self.print_requested.emit([self.order.id], reprint_reason)

    def acknowledge(self) -> None:
        """The operator has read the refusal: actions open again (a cancellation stays)."""
        if self.order is None or self.notice is None:
            return
        flows, order_id = self._order_actions(), self.order.id
        self._ws.tasks.run(
            lambda: flows.acknowledge_notice(order_id), on_success=lambda _r: self.reload(), owner=self
        )

    # -- inside -------------------------------------------------------------------------------

    def _order_actions(self) -> Any:
        assert self._ws.flows is not None, "the bootstrap gives every workstation its flows"
        return self._ws.flows.orders

    def _refuse_if_locked(self) -> bool:
        reason = self.locked_reason()
        if reason:
            self._ws.notifier.wrong(reason)
            return True
        return False

    def _act(self, make: Any, done_text: str) -> None:
        if self._refuse_if_locked() or self.order is None:
            return
        flows, order_id = self._order_actions(), self.order.id

        def done(_order: object) -> None:
            self._ws.notifier.right(done_text)
            self.reload()
            self._ws.events.sync_requested.emit()  # the change should reach the server now

        self._ws.tasks.run(
            lambda: make(flows, order_id),
            on_success=done,
            on_failure=lambda error: self._ws.notifier.wrong(describe_error(error)),
            owner=self,
        )

    def _print(self) -> None:
        self.request_print("")

    def _ask_reprint(self) -> None:
        reason = ask_reason(self, ReasonAsked.REPRINT, tr("Reprint"), tr("Why print the labels again?"))
        if reason is not None:
            self.request_print(reason)

    def _ask_print_error(self) -> None:
        reason = ask_reason(
            self, ReasonAsked.PRINT_ERROR, tr("Print error"), tr("What is wrong with the order's data?")
        )
        if reason is not None:
            self.print_error(reason)

    def _show_nothing(self) -> None:
        self.number_label.setText(tr("No order open"))
        self.status_chip.hide()
        for button in (self.print_button, self.reprint_button, self.print_error_button):
            button.setEnabled(False)
            button.hide()

    def _loaded(self, result: tuple[Order | None, OrderNotice | None, dict[str, str]]) -> None:
        order, notice, names = result
        if order is None:
            self._ws.notifier.wrong(tr("This order is not on this workstation."))
            return
        self.order, self.notice = order, notice
        self.number_label.setText(order.number)
        self.status_chip.setText(f"{order.status.value} · {order.status.label}")
        self.status_chip.show()
        bad = order.status in (S.CANCELLED, S.PRINT_ERROR, S.AWAITING_STOCK)
        set_role(
            self.status_chip,
            "chip-bad" if bad else "chip-good" if order.status is S.READY_TO_PRINT else "chip-neutral",
        )
        self.status_chip.setStyleSheet("font-size: 15pt;")
        facts = [
            f"{order.marketplace} {order.marketplace_order_id}".strip(),
            tr("Seller: {seller}", seller=order.seller) if order.seller else "",
            tr("Ship by {when}", when=order.ship_by.astimezone().strftime("%a %d %b %H:%M"))
            if order.ship_by
            else "",
            order.shipping_service,
            ntr("{n} unit", "{n} units", order.units),
        ]
        if order.carrier_label:
            facts.append(tr("Prints the carrier's own label ({kind})", kind=order.carrier_label.upper()))
        if order.status_reason:
            facts.append(tr("Reason: {reason}", reason=order.status_reason))
        self.facts_label.setText(" · ".join(f for f in facts if f))
        r = order.recipient
        place = " ".join(x for x in (r.postcode, r.city) if x)
        lines = [
            r.name,
            r.company,
            r.street1,
            r.street2,
            place,
            " ".join(x for x in (r.region, r.country) if x),
            r.phone,
        ]
        self.recipient_label.setText("\n".join(x for x in lines if x))
        self.lines.set_items(order.lines)
        _fit_height(self.lines_view, THUMB.height() + 8)
        for line in order.lines:
            self._photos.request(line.photo_url)
        self.services_panel.show_order(order)
        _fit_height(self.services_view, 32)
        self.services_view.setVisible(bool(order.services))
        self.activity.set_activity(order.activity, names)
        _fit_height(self.activity_view, 30)
        self.parcels_box.show_order(order)
        self._show_banner()
        self.preview.show_order(order)
        self.tracking_button.hide()
        if order.status is S.COLLECTED:
            store, order_id = self._ws.store, order.id
            self._ws.tasks.run(
                lambda: waits_for_tracking(store, order_id),
                on_success=lambda waits: self.tracking_button.setVisible(
                    bool(waits) and self.order is not None and self.order.id == order_id
                ),
                owner=self,
            )
        self.order_shown.emit(order.id)

    def _show_banner(self) -> None:
        reason = self.locked_reason()
        self.banner.setVisible(bool(reason))
        self.banner.setText(reason)
        self.acknowledge_button.setVisible(
            self.notice is not None and self.order is not None and self.order.status is not S.CANCELLED
        )
        order = self.order
        open_ = not reason and order is not None
        status = order.status if order is not None else None
        # Only the actions the order's status allows are on screen; a locked order shows none.
        self.print_button.setVisible(status is S.READY_TO_PRINT)
        self.print_error_button.setVisible(status is S.READY_TO_PRINT)
        self.reprint_button.setVisible(status is S.PRINTED)
        for button in (self.print_button, self.print_error_button, self.reprint_button):
            button.setEnabled(open_)
        self.parcels_box.set_actions_enabled(open_)

    def _photo_ready(self, url: str, pixmap: QPixmap) -> None:
        self.lines.set_photo(url, pixmap)
