"""The on-screen scanner of demo mode: type a barcode, or click one of the samples (orders of the
store, their items, tracking numbers, badges, command barcodes). What it sends goes into the same
`ScanBus` as a real scanner's scans, so the whole program reacts as it would on the floor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.demo_samples import SAMPLE_TRACKING, Samples, read_samples
from app.domain import Command, command_barcode
from app.i18n import tr
from app.scan import interpret
from ui.context import ScanBus, WorkstationEvents
from ui.models.scan_words import meaning_words

if TYPE_CHECKING:
    from app.store import Store
    from ui.tasks import TaskRunner


class VirtualScannerPanel(QWidget):
    """The demo's scanner: sample codes to click (the orders and items at hand), a field to type one."""

    def __init__(
        self,
        *,
        tasks: TaskRunner,
        events: WorkstationEvents,
        store: Store,
        scans: ScanBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks, self._store, self._scans = tasks, store, scans
        self.setObjectName("virtual_scanner")
        self.setMinimumWidth(250)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        self.entry = QLineEdit()
        self.entry.setObjectName("virtual_scan_entry")
        self.entry.setPlaceholderText(tr("Type a barcode, press Enter"))
        self.entry.returnPressed.connect(self._typed)
        self.echo = QLabel(tr("Click a sample to scan it."))
        self.echo.setProperty("role", "muted")
        self.echo.setWordWrap(True)
        outer.addWidget(self.entry)
        outer.addWidget(self.echo)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.groups = QVBoxLayout(body)
        self.groups.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.buttons: dict[str, QPushButton] = {}
        self._shown: dict[int, list[str]] = {}  # id(box) -> the codes its buttons show
        self._order_box = self._group(tr("Orders"), [])
        self._item_box = self._group(tr("Items"), [])
        self._tracking_box = self._group(tr("Tracking numbers"), list(SAMPLE_TRACKING))
        self._badge_box = self._group(tr("Badges"), [])
        self._group(
            tr("Commands"),
            [command_barcode(c) for c in (Command.CONFIRM, Command.SHORT, Command.QTY_5, Command.CANCEL)],
        )
        self._holding: list[str] = []
        events.synced.connect(self.refresh)
        events.holding.connect(self._hold)
        events.operator_changed.connect(lambda _op: self.refresh())

    def _group(self, title: str, codes: list[str]) -> QGroupBox:
        box = QGroupBox(title)
        QGridLayout(box)
        self.groups.addWidget(box)
        self._fill(box, codes)
        return box

    def _fill(self, box: QGroupBox, codes: list[str]) -> None:
        if self._shown.get(id(box)) == codes:
            return  # the same samples as shown: no widget is rebuilt after a sync that changed nothing
        self._shown[id(box)] = list(codes)
        grid = box.layout()
        assert isinstance(grid, QGridLayout)
        while grid.count():
            item = grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                self.buttons.pop(widget.objectName().removeprefix("sample_"), None)
                widget.deleteLater()
        for index, code in enumerate(codes):
            button = QPushButton(code)
            button.setObjectName(f"sample_{code}")
            button.setStyleSheet("font-size: 11pt; padding: 4px 8px; font-family: monospace;")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, code=code: self.scan(code))
            self.buttons[code] = button
            grid.addWidget(button, index, 0)

    def refresh(self, *_: object) -> None:
        store, holding = self._store, list(self._holding)
        self._tasks.run(lambda: read_samples(store, holding), on_success=self._show, owner=self)

    def _hold(self, order_ids: list[str]) -> None:
        """A station took (or let go of) an order: its items become the samples."""
        if list(order_ids) != self._holding:
            self._holding = list(order_ids)
            self.refresh()

    def _show(self, samples: Samples) -> None:
        self._fill(self._order_box, samples.orders)
        self._fill(self._item_box, samples.items)
        self._fill(self._badge_box, samples.badges)
        self._fill(self._tracking_box, samples.tracking)

    def scan(self, code: str) -> None:
        # What the scanner read and what Prepdesk makes of it, so a newcomer learns the codes.
        self.echo.setText(tr("Scanned: {code}", code=code) + "\n" + meaning_words(interpret(code)))
        self._scans.feed(code)

    def _typed(self) -> None:
        code = self.entry.text().strip()
        self.entry.clear()
        if code:
            self.scan(code)
