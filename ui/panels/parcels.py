"""The parcels of one order, for the order detail page: tracking number (a link to the carrier's
tracking page, opened in the browser), carrier and weight, and the push to the marketplace —
pending, confirmed, or refused with the marketplace's reason and "Send again" / "Dismiss".

GUI thread. The panel only shows and asks: `retry_asked(shipment_id)` and
`dismiss_asked(shipment_id)` go to the page, which runs the flows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from app.domain import Order, PushState, Shipment
from app.i18n import tr
from app.scan.tracking import find_tracking
from ui.models.order_lines import grams
from ui.theme import set_role


def tracking_url(shipment: Shipment) -> str | None:
    """The carrier's tracking page for a parcel, when its number is one we recognise."""
    found = find_tracking(shipment.tracking_number.replace(" ", "").upper()).matches
    if not found:
        return None
    best = max(found, key=lambda m: m.specificity)
    return best.carrier.tracking_url(best.number)


def push_words(parcel: Shipment) -> str:
    if parcel.push_state is PushState.FAILED:
        return tr("Refused by the marketplace: {reason}", reason=parcel.push_reason or tr("no reason given"))
    return {
        PushState.PENDING: tr("On its way to the marketplace"),
        PushState.CONFIRMED: tr("Confirmed by the marketplace"),
        PushState.DISMISSED: tr("Refusal dismissed"),
    }[parcel.push_state]


class ParcelsPanel(QGroupBox):
    retry_asked = Signal(str)  # shipment id
    dismiss_asked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Parcels"), parent)
        self.grid = QGridLayout(self)
        self._widgets: list[QWidget] = []

    def show_order(self, order: Order) -> None:
        # Last showing's widgets are hidden and handed to Python, which deletes each when its
        # last reference goes (a deleteLater here raced the wrapper's own delete: a crash).
        for old in self._widgets:
            self.grid.removeWidget(old)
            old.hide()
            old.setParent(None)
        self._widgets = []
        if not order.shipments:
            self._add(QLabel(tr("No parcels yet.")), 0, 0)
            return
        for row, parcel in enumerate(order.shipments):
            url = tracking_url(parcel)
            number = QLabel(
                f'<a href="{url}">{parcel.tracking_number}</a>' if url else parcel.tracking_number
            )
            number.setStyleSheet("font-size: 14pt; font-weight: 600;")
            number.setTextFormat(Qt.TextFormat.RichText if url else Qt.TextFormat.PlainText)
            number.linkActivated.connect(lambda link: QDesktopServices.openUrl(QUrl(link)))
            parts = (tr("Parcel {n}", n=parcel.parcel_no), parcel.carrier, grams(parcel.weight_g))
            facts = QLabel(" · ".join(x for x in parts if x))
            state = QLabel(push_words(parcel))
            chip = {PushState.FAILED: "chip-bad", PushState.CONFIRMED: "chip-good"}.get(parcel.push_state)
            set_role(state, chip or "chip-neutral")
            state.setWordWrap(True)
            for column, widget in enumerate((number, facts, state)):
                self._add(widget, row, column)
            if parcel.push_state is PushState.FAILED and parcel.id:
                retry = QPushButton(tr("Send again"))
                dismiss = QPushButton(tr("Dismiss"))
                retry.clicked.connect(lambda _c=False, sid=parcel.id: self.retry_asked.emit(sid))
                dismiss.clicked.connect(lambda _c=False, sid=parcel.id: self.dismiss_asked.emit(sid))
                self._add(retry, row, 3)
                self._add(dismiss, row, 4)
        self.grid.setColumnStretch(2, 1)

    def set_actions_enabled(self, enabled: bool) -> None:
        for button in self.findChildren(QPushButton):
            button.setEnabled(enabled)

    def texts(self) -> list[str]:
        """What the panel says, line by line (for tests and screen readers)."""
        return [w.text() for w in self._widgets if isinstance(w, QLabel)]

    def _add(self, widget: QWidget, row: int, column: int) -> None:
        self.grid.addWidget(widget, row, column)
        self._widgets.append(widget)
