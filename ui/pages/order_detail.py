"""One order, whole: recipient, lines with photos, parcels with tracking links and push state,
services, the activity log and a preview of its shipping label.

GUI thread. The order comes from the store (`app.order_view`) in the store worker, header,
lines and recipient drawn in one frame, opened at the page's top; the server's copy, fetched on
the sync lane, redraws only what it changed; the label preview is drawn on a worker and kept per
order version; an order's photos are fetched together and land in one relayout. Actions go
through the flows on the store lane. A cancelled order, or one with a refusal from the server,
shows a red banner and accepts no action until the operator has read it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

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

from app import formats
from app.activity_log.words import operator_names
from app.domain import Activity, Order, OrderStatus
from app.domain.reasons import ReasonAsked
from app.i18n import ntr, tr
from app.order_view import OrderNotice, OrderView, activity_of, order_view
from app.scan import ScanKind, interpret
from ui.context import Later, WorkstationEvents
from ui.flow import FlowLayout, WrappingHeader
from ui.models.order_lines import THUMB, ActivityModel, LinesModel, ServicesModel
from ui.models.photos import PhotoCache, photo_fetcher
from ui.panels.label_preview import LabelPreview
from ui.panels.parcels import ParcelsPanel
from ui.panels.services import ServicesPanel
from ui.reason_dialog import ask_reason
from ui.tasks import Lane, describe_error
from ui.theme import set_role

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.domain import ServiceOffer
    from app.flows import OrderActions
    from app.print_station import CarrierLabelSource
    from app.stations.services import ServiceDesk
    from app.store import Store
    from ui.notify import Notifier
    from ui.tasks import TaskRunner


S = OrderStatus


def load_detail(store: Any, order_id: str) -> tuple[OrderView | None, dict[str, str]]:
    """The order's view and the operators' names for its timeline (store worker)."""
    return order_view(store, order_id), operator_names(store)


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

    def __init__(
        self,
        *,
        tasks: TaskRunner,
        events: WorkstationEvents,
        notifier: Notifier,
        store: Store,
        orders: Later[OrderActions],
        fetch_order: Later[Callable[[str], Order]],
        photo: Later[Callable[[str], bytes]],
        carrier_labels: Later[CarrierLabelSource],
        service_desk: Later[ServiceDesk],
        price_list: Later[Callable[[], list[ServiceOffer]]],
        parent: QWidget | None = None,
    ) -> None:
        """`fetch_order` brings the server's copy of an order into the store (sync lane);
        `photo` downloads a product photo and `carrier_labels` the carrier's label (photos lane);
        `service_desk` and `price_list` are the services panel's."""
        super().__init__(parent)
        self._tasks, self._events, self._notifier, self._store = tasks, events, notifier, store
        self._orders, self._fetch_order = orders, fetch_order
        self.order: Order | None = None
        self.notice: OrderNotice | None = None
        self._photos = PhotoCache(tasks, photo_fetcher(photo), THUMB, self)
        self._photos.batch_ready.connect(self._photos_ready)
        self._names: dict[str, str] = {}
        self._to_top = False  # the next order shown opens at the page's top
        self._fetched_newer: Order | None = None  # the server's copy, landed before the store's view
        self._fetching = False  # a fetch of the server's copy is on the sync lane
        self._fetch_wanted = ""  # the order to fetch next (the newest opened)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        set_role(self.banner, "banner-wrong")
        self.banner.hide()
        self.acknowledge_button = QPushButton(tr("I have read this"))
        self.acknowledge_button.hide()
        self.number_label = QLabel()
        set_role(self.number_label, "title")
        self.status_chip = QLabel()
        self.status_chip.setStyleSheet("font-size: 15pt;")  # once: each setStyleSheet re-polishes
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
        self.preview = LabelPreview(tasks=tasks, carrier_labels=carrier_labels)
        self.lines = LinesModel(self)
        self.lines_view = _table(self.lines)
        self.lines_view.setIconSize(THUMB)
        # Titles wrap over their columns ("SKU · bin · vendor" over SKUs half its width): the
        # lines fit the page in Russian and Dutch too, every column whole, none out of reach.
        self.lines_view.setHorizontalHeader(WrappingHeader(self.lines_view))
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

        # The order's keys flow: those its words leave no room for go onto a row of their own
        # (at the right) rather than widening the page past the window.
        header = FlowLayout(right=True)
        header.addWidget(self.number_label)
        header.addWidget(self.status_chip)
        header.add_stretch()
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
        self.services_panel = ServicesPanel(
            self.services_view,
            self.services,
            tasks=tasks,
            events=events,
            notifier=notifier,
            store=store,
            desk=service_desk,
            price_list=price_list,
        )
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
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self._print)
        QShortcut(QKeySequence("Escape"), self).activated.connect(self.back_button.click)
        self.print_button.setToolTip("Ctrl+P")
        self.print_button.clicked.connect(self._print)
        self.reprint_button.clicked.connect(self._ask_reprint)
        self.print_error_button.clicked.connect(self._ask_print_error)
        self.back_button.clicked.connect(lambda: events.show_orders.emit(""))
        self.tracking_button.clicked.connect(
            lambda: events.pack_order.emit(self.order.id) if self.order is not None else None
        )
        self.acknowledge_button.clicked.connect(self.acknowledge)
        events.synced.connect(self._synced)
        self._show_nothing()

    # -- what the frame calls -------------------------------------------------------------

    def show_order(self, order_id: str) -> None:
        """Show the order as the store has it at once, at the page's top, then ask the server for
        its newest state and activity log (on the sync lane, which owns the sync engine) and
        redraw what that changed."""
        self._to_top = True
        self._fetched_newer = None
        self._load(order_id)
        self._fetch_wanted = order_id
        if not self._fetching:
            self._fetch_next()

    def _fetch_next(self) -> None:
        """One fetch on the sync lane at a time, of the newest order opened: orders scanned
        faster than the server answers (or while it cannot be reached) queue no fetch each."""
        order_id, self._fetch_wanted = self._fetch_wanted, ""
        fetch = self._fetch_order()
        if not order_id or fetch is None:
            return
        self._fetching = True

        def fetched(copy: Order) -> None:
            self._fetching = False
            self._fetched(order_id, copy)
            self._fetch_next()

        def failed(_error: BaseException) -> None:
            self._fetching = False  # offline: the store's view stands
            self._fetch_next()

        self._tasks.run(
            lambda: fetch(order_id),
            on_success=fetched,
            on_failure=failed,
            lane=Lane.SYNC,  # the sync engine's client belongs to the sync thread
            owner=self,
        )

    def _fetched(self, order_id: str, fetched: Order) -> None:
        """The server's copy is in the store. The same version: only its activity log can be
        news, and only that is redrawn; a newer one: the order is read again."""
        shown = self.order
        if shown is None or shown.id != order_id:
            if shown is None or self._to_top:  # the store's view of it has not landed yet
                self._fetched_newer = fetched
            return
        if fetched.version != shown.version:
            self._load(order_id)
        elif fetched.activity:  # the server's log, merged with this table's in the store
            store = self._store
            self._tasks.run(
                lambda: activity_of(store, order_id),
                on_success=lambda log: self._activity_read(order_id, log),
                owner=self,
            )

    def _activity_read(self, order_id: str, log: list[Activity]) -> None:
        shown = self.order
        if shown is None or shown.id != order_id or log == shown.activity:
            return
        self.order = replace(shown, activity=log)
        self.activity.set_activity(log, self._names)
        _fit_height(self.activity_view, 30)

    def _load(self, order_id: str) -> None:
        store = self._store
        self._tasks.run(
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
        if flows is None:
            return
        self._tasks.run(
            lambda: flows.acknowledge_notice(order_id), on_success=lambda _r: self.reload(), owner=self
        )

    # -- inside -------------------------------------------------------------------------------

    def _order_actions(self) -> OrderActions | None:
        actions = self._orders()
        if actions is None:
            self._notifier.wrong(tr("The workstation is still starting: try again in a moment."))
        return actions

    def _refuse_if_locked(self) -> bool:
        reason = self.locked_reason()
        if reason:
            self._notifier.wrong(reason)
            return True
        return False

    def _act(self, make: Any, done_text: str) -> None:
        if self._refuse_if_locked() or self.order is None:
            return
        flows, order_id = self._order_actions(), self.order.id
        if flows is None:
            return

        def done(_order: object) -> None:
            self._notifier.right(done_text)
            self.reload()
            self._events.sync_requested.emit()  # the change should reach the server now

        self._tasks.run(
            lambda: make(flows, order_id),
            on_success=done,
            on_failure=lambda error: self._notifier.wrong(describe_error(error)),
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

    def _loaded(self, result: tuple[OrderView | None, dict[str, str]]) -> None:
        view, names = result
        if view is None:
            self._to_top = False
            self._notifier.wrong(tr("This order is not on this workstation."))
            return
        order, notice = view.order, view.notice
        newer = self._fetched_newer
        self._fetched_newer = None
        self.order, self.notice, self._names = order, notice, names
        self.number_label.setText(order.number)
        self.status_chip.setText(f"{order.status.value} · {order.status.label}")
        self.status_chip.show()
        bad = order.status in (S.CANCELLED, S.PRINT_ERROR, S.AWAITING_STOCK)
        set_role(
            self.status_chip,
            "chip-bad" if bad else "chip-good" if order.status is S.READY_TO_PRINT else "chip-neutral",
        )
        facts = [
            f"{order.marketplace} {order.marketplace_order_id}".strip(),
            tr("Seller: {seller}", seller=order.seller) if order.seller else "",
            tr("Ship by {when}", when=formats.day_and_time(order.ship_by)) if order.ship_by else "",
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
        # The photos memory holds go in with the lines; the others come together, later.
        for url, pixmap in self._photos.request_all(line.photo_url for line in order.lines).items():
            self.lines.set_photo(url, pixmap)
        _fit_height(self.lines_view, THUMB.height() + 8)
        self.services_panel.show_order(order)
        _fit_height(self.services_view, 32)
        self.services_view.setVisible(bool(order.services))
        self.activity.set_activity(order.activity, names)
        _fit_height(self.activity_view, 30)
        self.parcels_box.show_order(order)
        self._show_banner()
        self.preview.show_order(order)
        self.tracking_button.setVisible(view.waits_for_tracking)
        if self._to_top:
            self._to_top = False
            self.scroll_area.verticalScrollBar().setValue(0)
            self.scroll_area.horizontalScrollBar().setValue(0)
        self.order_shown.emit(order.id)
        if newer is not None and newer.id == order.id and newer.version != order.version:
            self._load(order.id)  # the server's copy landed while the store was read

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

    def _photos_ready(self, pixmaps: dict[str, QPixmap]) -> None:
        """An order's photos, fetched together: one relayout of the lines."""
        for url, pixmap in pixmaps.items():
            self.lines.set_photo(url, pixmap)
