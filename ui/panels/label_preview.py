"""The shipping label an order will print, as a picture beside the order: our own label drawn by
the QPainter renderer, or — for an order with the carrier's own label — that label, fetched from
the server and drawn as the printer will get it, never our label in its place.

GUI thread. Our label is drawn on the preview lane (a QImage on a worker: ~10 ms, and the
first one imports the label renderer) and kept per order version, so an order shown again, or
re-read with nothing changed, is not drawn again; the carrier's label is fetched and drawn on
the photos lane (the photo client's thread), so the screen never waits on the server.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from app.domain import Order
from app.i18n import tr
from app.print_station import CarrierLabelSource, PrintDocument
from ui.context import Later
from ui.panels.printed_labels import render_job
from ui.printers import StationDocuments
from ui.tasks import Lane, describe_error

if TYPE_CHECKING:
    from ui.tasks import TaskRunner


SIZE = QSize(304, 456)  # a 4x6 label standing, at a glance
KEPT = 12  # labels kept drawn (~0.5 MB each), so showing an order again neither draws nor fetches it
PREVIEW_LANE = "preview"  # our labels are drawn here, off the GUI thread


def our_label(order: Order, width_px: int) -> QImage:
    """Our shipping label as the printer will print it (printing/preview.py)."""
    from printing.preview import shipping_label_preview

    image: QImage = shipping_label_preview(order, width_px=width_px)
    return image


def carrier_label(client: CarrierLabelSource, order: Order) -> QImage:
    """Photos lane: the server's carrier label, made into what the shipping-label printer gets
    (ZPL as it is; a PDF rasterised for the thermal printer, as the print station does) and
    drawn by an independent ZPL renderer."""
    found = client.carrier_label(order.id)
    document = StationDocuments().carrier_label(order, PrintDocument(found.format, found.content))
    return render_job(document.content)[0]


class LabelPreview(QLabel):
    """`show_order(order)`; `image` is the label drawn at full size, `source` says whose it is
    ("ours", "carrier", or "" while nothing is shown)."""

    def __init__(
        self, *, tasks: TaskRunner, carrier_labels: Later[CarrierLabelSource], parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("No preview"), parent)
        self._tasks, self._carrier_labels = tasks, carrier_labels
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFrameShape(QFrame.Shape.Box)
        self.setFixedSize(SIZE)
        self.setWordWrap(True)
        self.image: QImage | None = None
        self.source = ""
        self._showing: tuple[str, int] | None = None  # the order (id, version) on screen
        self._carrier: OrderedDict[tuple[str, int], QImage] = OrderedDict()
        self._ours: OrderedDict[tuple[str, int], QImage] = OrderedDict()
        self._drawing = False  # one of our labels is being drawn on the preview lane
        self._wanted: Order | None = None  # the order to draw next (the newest asked for)

    def show_order(self, order: Order) -> None:
        key = (order.id, order.version)
        if key == self._showing and self.image is not None:
            return  # this version is on screen already
        self._showing = key
        if order.carrier_label:
            self._show_carrier_label(order)
            return
        drawn = self._ours.get(key)
        if drawn is not None:
            self._ours.move_to_end(key)
            self._picture(drawn, "ours")
            return
        self._say(tr("Drawing the label…"))
        self._wanted = order
        if not self._drawing:
            self._draw_next()

    def _draw_next(self) -> None:
        """One drawing at a time, of the newest order asked for: orders scanned faster than
        labels are drawn skip the ones already gone from the screen."""
        order, self._wanted = self._wanted, None
        if order is None:
            return
        key, width = (order.id, order.version), self.width() - 4
        self._drawing = True
        self._tasks.run(
            lambda: our_label(order, width),
            on_success=lambda image: self._ours_ready(key, image),
            # a preview must never keep the order from showing
            on_failure=lambda error: self._ours_failed(key, error),
            lane=PREVIEW_LANE,
            owner=self,
        )

    def _ours_ready(self, key: tuple[str, int], image: QImage) -> None:
        self._drawing = False
        _keep(self._ours, key, image)
        if self._showing == key:
            self._picture(image, "ours")
        self._draw_next()

    def _ours_failed(self, key: tuple[str, int], error: BaseException) -> None:
        self._drawing = False
        if self._showing == key:
            self._say(tr("No preview: {reason}", reason=describe_error(error)))
        self._draw_next()

    def _show_carrier_label(self, order: Order) -> None:
        key = (order.id, order.version)
        kind = order.carrier_label.upper()
        if key in self._carrier:
            self._picture(self._carrier[key], "carrier")
            return
        client = self._carrier_labels()
        if client is None:
            self._say(
                tr("Prints the carrier's own label ({kind}); no preview without the server.", kind=kind)
            )
            return
        self._say(tr("Fetching the carrier's label…"))
        self._tasks.run(
            lambda: carrier_label(client, order),
            on_success=lambda image: self._carrier_ready(key, image),
            on_failure=lambda error: self._carrier_failed(key, kind, error),
            lane=Lane.PHOTOS,
            owner=self,
        )

    def _carrier_ready(self, key: tuple[str, int], image: QImage) -> None:
        _keep(self._carrier, key, image)
        if self._showing == key:
            self._picture(image, "carrier")

    def _carrier_failed(self, key: tuple[str, int], kind: str, error: BaseException) -> None:
        if self._showing == key:
            reason = describe_error(error)
            self._say(
                tr("Prints the carrier's own label ({kind}); no preview: {reason}", kind=kind, reason=reason)
            )

    def _picture(self, image: QImage, source: str) -> None:
        if image.isNull():
            self._say(tr("No preview"))
            return
        self.image, self.source = image, source
        self.setToolTip(
            tr("The carrier's label, as the printer will print it")
            if source == "carrier"
            else tr("Our label, as the printer will print it")
        )
        self.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.size() - QSize(4, 4),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.show()

    def _say(self, text: str) -> None:
        self.image, self.source = None, ""
        self.setToolTip("")
        self.setText(text)
        self.show()


def _keep(kept: OrderedDict[tuple[str, int], QImage], key: tuple[str, int], image: QImage) -> None:
    """Keep the newest KEPT drawings; the oldest goes first."""
    kept[key] = image
    kept.move_to_end(key)
    while len(kept) > KEPT:
        kept.popitem(last=False)
