"""The pack & ship station's page, made to be read from a step away: one big prompt ("Scan the
order", "Scan the label on the box", "Scan the tracking number", "Weigh parcel 2", "Ship"), the
order's lines, the parcels so far, and a green or red flash with its sound for every scan.

GUI thread. The page only shows what `app.stations.pack.PackSession` answers; every call of the
session runs on the store lane (`Lane.STORE`), in order, and the scale is read on its own lane
so a slow scale never holds the store. The frame offers each scan here first (`handle_scan`):
the page takes every scan but an operator's badge. It tells the frame which order it holds
(`events.holding`), so the sync claims it for this table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.reasons import ReasonAsked
from app.i18n import tr
from app.print_station import SHIPPING_LABEL, JobVerdict
from app.scan import ScanContext, ScanKind, interpret
from app.stations import Sound, Verdict
from app.stations.pack import PackSession, PackStep, PackView
from app.stations.reprint import PACKING_SLIP, ROLE_OF
from ui import theme
from ui.context import Later, WorkstationEvents
from ui.flow import FlowLayout, WrappingLabel, fit_sections
from ui.models.pack_parcels import PackLinesModel, ParcelsModel
from ui.reason_dialog import ask_reason
from ui.tasks import Lane, describe_error
from ui.theme import RIGHT, WARN, WRONG, set_role

if TYPE_CHECKING:
    from app.stations.reprint import Reprints
    from devices.scale import Scale
    from ui.notify import Notifier
    from ui.tasks import TaskRunner


SCALE_LANE = "device:scale"  # the scale's one reader thread asks; this lane waits for it
FLASH_MS = 700


def _neutral() -> str:
    """The prompt panel at rest, in the theme's own neutral (light or dark)."""
    return f"QFrame#promptPanel {{ background: {theme.colours().info}; border-radius: 8px; }}"


_FLASH = "QFrame#promptPanel {{ background: {colour}; border-radius: 8px; }} QLabel {{ color: #ffffff; }}"
_WEIGHT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(kg|g)?\s*$", re.IGNORECASE)


def typed_grams(text: str) -> float | None:
    """A typed weight in grams: "1250", "1250 g", "1.25 kg"; None when it is no weight."""
    found = _WEIGHT.match(text)
    if found is None:
        return None
    amount = float(found.group(1).replace(",", "."))
    return amount * 1000 if (found.group(2) or "").lower() == "kg" else amount


class PackShipPage(QWidget):
    """`handle_scan(text)` takes the table's scans; `page_shown()` says again what it holds."""

    shown = Signal(object)  # PackView, each time the page showed the table's state
    answered = Signal(object)  # Verdict, once a scan's or key's answer is on screen
    reprinted = Signal(object)  # JobVerdict of a reprint
    journals_scans = True  # the pack session writes every scan with its effect (ui/scan_router.py)

    def __init__(
        self,
        *,
        tasks: TaskRunner,
        events: WorkstationEvents,
        notifier: Notifier,
        session: Later[PackSession],
        reprints: Later[Reprints],
        scale: Later[Scale],
        parent: QWidget | None = None,
    ) -> None:
        """`session`: the table's pack session, taken once the table has its flows (a page built
        before then says the table is still starting, and takes it at the next scan or key);
        `reprints`: documents printed again on the printers set up now."""
        super().__init__(parent)
        self._tasks, self._events, self._notifier = tasks, events, notifier
        self._session_of = session
        self._session: PackSession | None = None
        self._reprints, self._scale = reprints, scale
        self.view = PackView(PackStep.ORDER, tr("Scan the order"))
        self.parcels = ParcelsModel(self)
        self.lines = PackLinesModel(self)

        self.title = QLabel(tr("Pack & Ship"))
        set_role(self.title, "title")
        self.order_label = QLabel()
        set_role(self.order_label, "big")
        self.service_label = QLabel()
        set_role(self.service_label, "muted")
        # What the seller asks to be done before the box closes (a polybag, an insert): in sight
        # for the whole of the packing, whole, on as many lines as it takes.
        self.asked_label = WrappingLabel()
        self.asked_label.setObjectName("pack_asked")
        set_role(self.asked_label, "big")
        self.asked_label.hide()
        self.prompt_panel = QFrame()
        self.prompt_panel.setObjectName("promptPanel")
        self.prompt_panel.setStyleSheet(_neutral())
        self.prompt = WrappingLabel(self.view.prompt)  # 40 pt: a long prompt on two lines, whole
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setStyleSheet("font-size: 40pt; font-weight: 700; padding: 12px;")
        self.verdict = QLabel()
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("font-size: 16pt; padding: 4px 12px 12px 12px;")
        panel = QVBoxLayout(self.prompt_panel)
        panel.addWidget(self.prompt)
        panel.addWidget(self.verdict)

        self.lines_table = self._table(self.lines, 34)
        # The parcels' numbers are what the packer checks: the order's lines keep to a side column,
        # their item words taking what is left of it (whole in the tooltip).
        self.lines_table.setMaximumWidth(260)
        self.lines_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        # Each line as tall as its words wrapped in the side column (set once per order, not per scan).
        self.lines_table.setWordWrap(True)
        self.lines_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.parcels_table = self._table(self.parcels, 44)
        self.parcels_table.setStyleSheet("font-size: 16pt;")
        # The tracking number is what the packer reads back: it fits its contents, never elided;
        # the weight, last, takes what is left.
        fit_sections(self.parcels_table.horizontalHeader())
        self.weight_input = QLineEdit()
        self.weight_input.setPlaceholderText(tr("Weight in g (or kg), then Enter"))
        self.weight_input.setStyleSheet("font-size: 16pt; padding: 6px;")
        self.weight_input.setMinimumWidth(320)
        self.weigh_button = QPushButton(tr("Read the scale"))
        self.no_tracking_button = QPushButton(tr("No tracking number yet"))
        self.undo_button = QPushButton(tr("Take back last parcel"))
        self.aside_button = QPushButton(tr("Put order aside"))
        self.reprint_label_button = QPushButton(tr("Reprint label…"))
        self.reprint_slip_button = QPushButton(tr("Reprint slip…"))
        self.ship_button = QPushButton(tr("Ship"))
        set_role(self.ship_button, "primary")
        self.ship_button.setStyleSheet(
            "QPushButton { font-size: 18pt; padding: 12px 28px; }"
            "QPushButton:disabled { background: #9aa9bb; color: #eef1f5; }"
        )
        self.ship_button.setToolTip(tr("Ctrl+Enter, or scan the “Confirm” command barcode"))
        self.undo_button.setToolTip("Ctrl+Z")
        self.aside_button.setToolTip(tr("Or scan the “Cancel” command barcode; the parcels are kept"))
        self.next_label = QLabel()
        set_role(self.next_label, "big")
        self.waiting_label = QLabel()
        set_role(self.waiting_label, "chip-neutral")

        heading = FlowLayout(spacing=24, right=True)
        heading.addWidget(self.title)
        heading.addWidget(self.order_label)
        heading.add_stretch()
        heading.addWidget(self.service_label)
        weigh = QHBoxLayout()
        weigh.addWidget(self.weight_input, 1)
        weigh.addWidget(self.weigh_button)
        # The parcel's four keys flow: as many in a row as fit their words whole (Russian's
        # "reprint packing slip" is twice the English), the rest on the next row.
        parcel_keys = FlowLayout()
        parcel_keys.addWidget(self.no_tracking_button)
        parcel_keys.addWidget(self.undo_button)
        parcel_keys.addWidget(self.reprint_label_button)
        parcel_keys.addWidget(self.reprint_slip_button)
        parcels_column = QVBoxLayout()
        parcels_column.addWidget(self._caption(tr("Parcels")))
        parcels_column.addWidget(self.parcels_table, 1)
        parcels_column.addLayout(weigh)
        lines_column = QVBoxLayout()
        lines_column.addWidget(self._caption(tr("In the order")))
        lines_column.addWidget(self.lines_table, 1)
        middle = QHBoxLayout()
        middle.addLayout(lines_column, 2)
        middle.addLayout(parcels_column, 5)
        act = FlowLayout(right=True)
        act.addWidget(self.next_label)
        act.addWidget(self.waiting_label)
        act.add_stretch()
        act.addWidget(self.aside_button)
        act.addWidget(self.ship_button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.asked_label)
        layout.addWidget(self.prompt_panel)
        layout.addLayout(middle, 1)
        layout.addLayout(parcel_keys)  # the page's width, under both tables: two rows at most
        layout.addLayout(act)

        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(lambda: self.prompt_panel.setStyleSheet(_neutral()))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.ship)
        QShortcut(QKeySequence("Ctrl+Z"), self).activated.connect(self.undo)
        self.weight_input.returnPressed.connect(self._typed_weight)
        self.weigh_button.clicked.connect(self.read_scale)
        self.no_tracking_button.clicked.connect(self.without_tracking)
        self.undo_button.clicked.connect(self.undo)
        self.aside_button.clicked.connect(self.set_aside)
        self.reprint_label_button.clicked.connect(lambda: self._ask_reprint(SHIPPING_LABEL))
        self.reprint_slip_button.clicked.connect(lambda: self._ask_reprint(PACKING_SLIP))
        self.ship_button.clicked.connect(self.ship)
        events.synced.connect(self._after_sync)
        self._show_view(self.view)
        self._table_session()

    # -- what the frame calls -----------------------------------------------------------------

    def page_shown(self) -> None:
        """On screen again: the frame hears which order this table holds, for its claim (and a
        page built before the table connected takes its session now)."""
        self._table_session()
        self._events.holding.emit([self.view.order_id] if self.view.order_id else [])

    def open_order(self, order_id: str) -> None:
        """The order on the table as if its label were scanned (from the order detail: a parcel
        waiting for its tracking number)."""
        self._ask(lambda s: s.take(order_id))

    def handle_scan(self, text: str) -> bool:
        """Every scan but a badge is the pack table's: a wrong one is refused here, in words."""
        if interpret(text, ScanContext.SHIP).kind is ScanKind.BADGE:
            return False
        self._ask(lambda s: s.scan(text))
        return True

    # -- the packer's keys --------------------------------------------------------------------

    def ship(self) -> None:
        self._ask(lambda s: s.ship())

    def undo(self) -> None:
        self._ask(lambda s: s.undo())

    def set_aside(self) -> None:
        self._ask(lambda s: s.set_aside())

    def without_tracking(self) -> None:
        self._ask(lambda s: s.without_tracking())

    def weigh(self, grams: float, *, typed: bool = True) -> None:
        self._ask(lambda s: s.weigh(grams, typed=typed))

    def read_scale(self) -> None:
        """The scale's next stable reading weighs the last parcel."""
        scale = self._scale()
        if scale is None:
            self._flash_wrong(tr("No scale at this table: type the weight and press Enter."))
            return

        def failed(error: BaseException) -> None:
            if isinstance(error, ConnectionError):
                self._flash_wrong(tr("The scale is not connected: type the weight and press Enter."))
            elif isinstance(error, TimeoutError):
                self._flash_wrong(tr("The scale did not settle: hold the parcel still, or type the weight."))
            else:
                self._flash_wrong(describe_error(error))

        self._tasks.run(
            scale.stable_grams,
            on_success=lambda grams: self.weigh(grams, typed=False),
            on_failure=failed,
            busy_text=tr("Reading the scale…"),
            lane=SCALE_LANE,
            owner=self,
        )

    def reprint(self, document: str, reason: str) -> None:
        """The order's shipping label or packing slip printed again, with the reason journalled
        (on the lane of that document's printer)."""
        order_id, reprints = self.view.order_id, self._reprints()
        if order_id is None or reprints is None:
            self._flash_wrong(tr("Scan the order first."))
            return

        def printed(verdict: JobVerdict) -> None:
            if verdict.confirmed:
                self._say(Verdict.right(tr("Printed again.")))
            else:
                self._flash_wrong(verdict.reason)
            self.reprinted.emit(verdict)

        self._tasks.run(
            lambda: reprints.reprint(order_id, document, reason),
            on_success=printed,
            lane=f"{Lane.PRINTER}:{ROLE_OF[document]}",
            owner=self,
        )

    def _ask_reprint(self, document: str) -> None:
        what = tr("the shipping label") if document == SHIPPING_LABEL else tr("the packing slip")
        reason = ask_reason(
            self, ReasonAsked.REPRINT, tr("Reprint"), tr("Why print {what} again?", what=what)
        )
        if reason is not None:
            self.reprint(document, reason)

    # -- inside -------------------------------------------------------------------------------

    def _ask(self, call: Callable[[PackSession], Verdict]) -> None:
        """Run one session call on the store lane; show its verdict and the table's state."""
        session = self._table_session()
        if session is None:
            self._flash_wrong(tr("The workstation is still starting: try again in a moment."))
            return

        def work() -> tuple[Verdict, PackView]:
            verdict = call(session)
            return verdict, session.view()

        self._tasks.run(work, on_success=self._answered, lane=Lane.STORE, owner=self)

    def _answered(self, answer: tuple[Verdict, PackView]) -> None:
        verdict, view = answer
        was = self.view.order_id
        numbers_before = {p.tracking for p in self.view.parcels}
        self._show_view(view)
        # A number taken with a warning (not the carrier the seller bought): amber, not green.
        warned = any(p.warning and p.tracking not in numbers_before for p in view.parcels)
        self._say(verdict, warned=warned and verdict.accepted)
        self.answered.emit(verdict)
        if verdict.verify_order:  # this table verifies the goods at packing: the pick page first
            self._events.verify_order.emit(verdict.verify_order)
        if was is not None and view.order_id is None:
            self._events.sync_requested.emit()  # shipped (or put aside): tell the server now

    def _resume(self, session: PackSession) -> None:
        """Where the table stood before the program stopped, and a cancellation since, red."""

        def work() -> tuple[Verdict | None, PackView]:
            session.resume()
            return session.check(), session.view()

        self._tasks.run(work, on_success=self._checked, lane=Lane.STORE, owner=self)

    def _checked(self, answer: tuple[Verdict | None, PackView]) -> None:
        verdict, view = answer
        self._show_view(view)
        if verdict is not None:
            self._say(verdict)
            self.answered.emit(verdict)

    def _table_session(self) -> PackSession | None:
        """The table's pack session, taken (and where the table stood, resumed) the first time
        there is one."""
        if self._session is None:
            self._session = self._session_of()
            if self._session is not None:
                self._resume(self._session)
        return self._session

    def _after_sync(self, _report: object) -> None:
        session = self._table_session()
        if session is None or self.view.order_id is None:
            return

        def work() -> tuple[Verdict | None, PackView]:
            return session.check(), session.view()

        self._tasks.run(work, on_success=self._checked, lane=Lane.STORE, owner=self)

    def _say(self, verdict: Verdict, *, warned: bool = False) -> None:
        self.verdict.setText(verdict.message)
        if warned:
            self._flash(WARN)
            self._notifier.right(verdict.message)
        elif verdict.sound is Sound.WRONG:
            self._flash(WRONG)
            self._notifier.wrong(verdict.message)
        elif verdict.sound is Sound.RIGHT:
            self._flash(RIGHT)
            self._notifier.right(verdict.message)
        else:
            self._notifier.info(verdict.message)

    def _flash_wrong(self, text: str) -> None:
        self._say(Verdict.wrong(text))
        self.answered.emit(Verdict.wrong(text))

    def _flash(self, colour: str) -> None:
        self.prompt_panel.setStyleSheet(_FLASH.format(colour=colour))
        self._flash_timer.start(FLASH_MS)

    def _show_view(self, view: PackView) -> None:
        held_before = self.view.order_id
        self.view = view
        for button in (self.reprint_label_button, self.reprint_slip_button):
            button.setEnabled(bool(view.order_id))
        self.prompt.setText(view.prompt)
        if view.order_id:
            self.order_label.setText(
                tr("Order {number} · {recipient}", number=view.order_number, recipient=view.recipient)
            )
            self.service_label.setText(view.shipping_service)
        else:
            self.order_label.setText("")
            self.service_label.setText("")
        self.asked_label.setText(view.asked)
        self.asked_label.setVisible(bool(view.asked))
        self.lines.set_lines(view.lines)
        if list(view.parcels) != self.parcels.items:
            self.parcels.set_parcels(view.parcels)
            # Measured again for the numbers now shown: the header alone kept it at its title's
            # width, and a tracking number longer than "Tracking number" was cut.
            self.parcels_table.resizeColumnToContents(1)
        if view.next_order is not None and not view.order_id:
            self.next_label.setText(tr("Next: order {number}", number=view.next_order[1]))
        else:
            self.next_label.setText("")
        self.waiting_label.setText(
            tr("Waiting for a tracking number: {orders}", orders=", ".join(view.awaiting_tracking))
        )
        self.waiting_label.setVisible(bool(view.awaiting_tracking))
        packing = view.order_id is not None
        for button in (self.weigh_button, self.no_tracking_button, self.undo_button, self.aside_button):
            button.setEnabled(packing)
        self.weight_input.setEnabled(packing)
        self.ship_button.setEnabled(view.step is PackStep.SHIP)
        if view.order_id != held_before:
            self._events.holding.emit([view.order_id] if view.order_id else [])
        self.shown.emit(view)

    def _typed_weight(self) -> None:
        grams = typed_grams(self.weight_input.text())
        if grams is None:
            self._flash_wrong(
                tr(
                    "“{text}” is no weight: type grams (1250) or kilograms (1.25 kg).",
                    text=self.weight_input.text(),
                )
            )
            return
        self.weight_input.clear()
        self.weigh(grams, typed=True)

    def _table(self, model: ParcelsModel | PackLinesModel, row_height: int) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(row_height)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text)
        set_role(label, "big")
        return label
