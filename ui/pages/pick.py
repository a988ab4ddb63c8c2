"""The pick station: scan an order's label, then each unit; green for right, red for wrong, one
large prompt read from a step away, and the order collected when its last unit is in.

GUI thread. The use case is `app.stations.pick` (no Qt): every scan and key goes to the session
on the store lane, which journals it with its effect before it answers; this page only shows
the answer (the rows the verdict names, the prompt, the sound). Item labels print on the
item-label printer's lane; the product a wrong scan names is looked up on the photos lane.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import ntr, tr
from app.scan import ScanKind, interpret
from app.stations.batch_pick import BatchAnswer, BatchPick, BatchView
from app.stations.pick import PickSession
from app.stations.pick_station import PickStation
from app.stations.pick_view import PickAnswer, PickEnd, PickLine, PickView
from app.stations.verdict import Sound, Verdict
from ui.context import Later, PrinterRole, WorkstationEvents
from ui.flow import FlowLayout, WrappingLabel, fit_sections
from ui.models.photos import PhotoCache, photo_fetcher
from ui.models.pick_lines import PickHistoryModel, PickLinesModel
from ui.pages.pick_batch import BatchPanel
from ui.pages.pick_waiting import WaitingOrders
from ui.tasks import Lane
from ui.theme import set_role

if TYPE_CHECKING:
    from app.domain.product import Product
    from app.stations.item_labels import ItemLabelPrinter
    from ui.notify import Notifier
    from ui.tasks import TaskRunner


PHOTO = QSize(180, 180)


def _set_text(label: QLabel, text: str) -> None:
    """A label's text, touched only when it changes (a new text may relayout the page)."""
    if label.text() != text:
        label.setText(text)


class PickPage(QWidget):
    """`open_order(order_id)` starts picking an order; scans arrive through `handle_scan`."""

    answered = Signal(object)  # PickAnswer, once shown (tests and the bench listen)
    journals_scans = True  # the pick session writes every scan with its effect (ui/scan_router.py)
    batch_answered = Signal(object)  # BatchAnswer, once shown

    def __init__(
        self,
        *,
        tasks: TaskRunner,
        events: WorkstationEvents,
        notifier: Notifier,
        station: Later[PickStation],
        item_labels: Later[ItemLabelPrinter],
        photo: Later[Callable[[str], bytes]],
        products: Later[Callable[[str], list[Product]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks, self._events, self._notifier = tasks, events, notifier
        self._pick_station, self._item_labels, self._products = station, item_labels, products
        self._session: PickSession | None = None
        self._view: PickView | None = None
        self._opening = False
        self._waiting_scans: list[str] = []
        self._then_pack = ""  # an order verified here for the pack table, which takes it back after
        self._photos = PhotoCache(tasks, photo_fetcher(photo), PHOTO, self)
        self._photos.ready.connect(self._photo_ready)

        self.title = QLabel(tr("Pick"))
        set_role(self.title, "title")
        self.progress = QLabel()
        set_role(self.progress, "big")
        # 34 pt, read from a step away: a prompt too long for one line (Russian) wraps onto
        # two, whole, rather than shrinking.
        self.prompt = WrappingLabel(tr("Scan an order's label"), least=84)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.prompt, "prompt")
        self.message = QLabel(" ")
        self.message.setWordWrap(True)
        # Fixed heights: a verdict's words change the text, never the page's layout (a relayout
        # per scan repainted the whole page).
        self.message.setFixedHeight(64)
        set_role(self.message, "big")

        self.photo = QLabel()
        self.photo.setFixedSize(PHOTO)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet("border: 1px solid #c8c8c8; background: #fafafa;")
        self.next_bin = QLabel()
        set_role(self.next_bin, "title")
        self.next_item = QLabel()
        self.next_item.setWordWrap(True)
        set_role(self.next_item, "big")
        self.next_detail = QLabel()
        self.next_detail.setWordWrap(True)
        set_role(self.next_detail, "muted")
        self.held = QLabel()  # what a wrong scan is (name, photo), where the server knows it
        self.held.setWordWrap(True)
        set_role(self.held, "muted")

        self.lines = PickLinesModel(self)
        self.table = QTableView()
        self.table.setModel(self.lines)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PickLinesModel.ITEM, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (PickLinesModel.BIN, 75),
            (PickLinesModel.SKU, 150),
            (PickLinesModel.COUNT, 80),
        ):
            header.resizeSection(column, width)
        fit_sections(header)  # "Bin" and "Picked" are longer in Russian and Dutch
        # The configuration reads under the item's name, in its cell: at 1366×768 a column of
        # its own left the name a few letters. Two lines a row.
        self.table.setColumnHidden(PickLinesModel.CONFIGURATION, True)
        self.table.verticalHeader().setDefaultSectionSize(2 * self.table.fontMetrics().lineSpacing() + 10)
        # A long name wraps onto a third line in a narrow column (Russian's wider titles, the
        # demo's docks) rather than losing its configuration: the rows are fitted to their
        # text when an order opens and when the item column's width changes, never per scan.
        header.sectionResized.connect(
            lambda column, _old, _new: (
                self.table.resizeRowsToContents() if column == PickLinesModel.ITEM else None
            )
        )
        self.history = PickHistoryModel(self)
        self.history_view = QListView()
        self.history_view.setModel(self.history)
        self.history_view.setMaximumWidth(220)
        self.history_view.setMinimumWidth(180)
        self.history_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # elided
        self.history_view.setUniformItemSizes(True)  # a scan adds a row: no relayout of them all

        self.quantity = QSpinBox()
        self.quantity.setRange(0, 9999)
        self.quantity.setPrefix(tr("Next scan counts "))
        self.quantity.setSpecialValueText(tr("Next scan counts 1"))
        self.quantity.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.quantity.editingFinished.connect(
            lambda: self._ask(lambda s: s.set_quantity(self.quantity.value()))
        )
        self.undo_button = QPushButton(tr("Undo last scan"))
        self.undo_button.clicked.connect(self.undo)
        self.short_button = QPushButton(tr("Short pick"))
        self.short_button.clicked.connect(self.short)
        self.skip_button = QPushButton(tr("Skip order"))
        self.skip_button.clicked.connect(self.skip)
        self.teach_button = QPushButton()
        self.teach_button.clicked.connect(self.teach)
        self.teach_button.hide()
        self.next_button = QPushButton(tr("Next order"))
        set_role(self.next_button, "primary")
        self.next_button.clicked.connect(self.next_order)
        self.next_button.hide()

        self.waiting = WaitingOrders(tasks=tasks, station=station, parent=self)
        self.waiting.chosen.connect(self.open_order)
        self.waiting.batch_chosen.connect(self.open_batch)
        self._batch: BatchPick | None = None
        self._batch_view: BatchView | None = None
        self.batch = BatchPanel(self)
        self.batch.sort_button.clicked.connect(lambda: self._ask_batch(lambda b: b.start_sorting()))
        self.batch.leave_button.clicked.connect(self.leave_batch)

        self._build()
        for keys, act in (("Ctrl+Z", self.undo), ("Ctrl+Shift+S", self.short), ("Ctrl+K", self.skip)):
            QShortcut(QKeySequence(keys), self).activated.connect(act)
        events.synced.connect(self._synced)

    def _build(self) -> None:
        card = QWidget()
        card_text = QVBoxLayout()
        card_text.addWidget(self.next_bin)
        card_text.addWidget(self.next_item)
        card_text.addWidget(self.next_detail)
        card_text.addWidget(self.held)
        card_text.addWidget(self.teach_button, 0, Qt.AlignmentFlag.AlignLeft)
        card_text.addStretch(1)
        card_row = QHBoxLayout(card)
        card_row.setContentsMargins(0, 0, 0, 0)
        card_row.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        card_row.addLayout(card_text, 1)

        tables = QHBoxLayout()
        # The lines to pick first: in a narrow page the log (elided, whole in its tooltips)
        # gives up room to the item names before they wrap onto more lines.
        tables.addWidget(self.table, 4)
        tables.addWidget(self.history_view, 1)
        keys = FlowLayout(right=True)  # onto two rows when the words are longer than the page
        for widget in (
            self.quantity,
            self.undo_button,
            self.short_button,
            self.skip_button,
        ):
            keys.addWidget(widget)
        keys.add_stretch()
        keys.addWidget(self.next_button)

        order_page = QWidget()
        column = QVBoxLayout(order_page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(card)
        column.addLayout(tables, 1)
        column.addLayout(keys)

        self.body = QStackedWidget()
        self.body.addWidget(self.waiting)
        self.body.addWidget(order_page)
        self.body.addWidget(self.batch)

        top = FlowLayout(right=True)
        top.addWidget(self.title)
        top.add_stretch()
        top.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addLayout(top)
        layout.addWidget(self.prompt)
        layout.addWidget(self.message)
        layout.addWidget(self.body, 1)

    # -- what the frame and the window ask --

    @property
    def current_view(self) -> PickView | None:
        """The order in hand as last shown (None: no order)."""
        return self._view

    def page_shown(self) -> None:
        """On screen again: the order in hand stays claimed; with none, the list is read anew
        and a pick this table left open (a crash, a restart) comes back."""
        if self._session is not None and self._view is not None and self._view.end is PickEnd.OPEN:
            self._events.holding.emit([self._session.order_id])
            return
        if self._batch is not None:
            self._events.holding.emit([s.order_id for s in self._batch.sessions])
            return
        self.waiting.refresh()
        station = self._station()
        if station is not None and self._session is None:
            self._tasks.run(station.open_round, on_success=self._resume, owner=self)

    def handle_scan(self, text: str) -> bool:
        """Every scan but a badge is the pick station's while this page is on screen."""
        meaning = interpret(text)
        if meaning.kind is ScanKind.BADGE:
            return False
        if self._opening:
            self._waiting_scans.append(text)
            return True
        batch = self._batch
        last = self._batch_view  # the batch as last shown (its sessions belong to the store lane)
        if batch is not None and meaning.kind is ScanKind.ORDER and last is not None and last.done:
            self._batch = None  # the batch is done: an order's label starts the next pick
            self._events.holding.emit([])
        elif batch is not None:
            self._ask_batch(lambda b: b.walk(text))
            return True
        session = self._session
        if session is None or (
            self._view is not None and self._view.end is not PickEnd.OPEN and meaning.kind is ScanKind.ORDER
        ):
            self._open(lambda station: station.open_scan(text))
            return True
        self._ask(lambda s: s.scan(text))
        return True

    def open_order(self, order_id: str) -> None:
        self._open(lambda station: station.open(order_id))

    def verify_for_packing(self, order_id: str) -> None:
        """The pack table asked: every unit of this order scanned here (a printed order is picked;
        a collected one checked again), then the order goes back to the pack table."""
        self._then_pack = order_id
        self._open(lambda station: station.open_for_packing(order_id))

    def undo(self) -> None:
        self._ask(lambda s: s.undo())

    def short(self) -> None:
        self._ask(lambda s: s.short())

    def skip(self) -> None:
        self._ask(lambda s: s.skip())

    def teach(self) -> None:
        """The code just refused, taught to the line chosen in the table (then counted)."""
        view = self._view
        line = self.lines.line_at(self.table.currentIndex().row())
        if view is None or not view.teach_code:
            return
        if line is None:
            self._show_verdict(Verdict.wrong(tr("Choose the line this code belongs to, then teach it.")))
            return
        code, position = view.teach_code, line.position
        self._ask(lambda s: s.teach(code, position))

    def next_order(self) -> None:
        """The oldest printed order waiting opens."""
        station = self._station()
        if station is None:
            return

        def first() -> str | None:
            waiting = station.waiting_orders(limit=1)
            return waiting[0][0] if waiting else None

        self._tasks.run(
            first, on_success=lambda oid: self.open_order(oid) if oid else self._none_waiting(), owner=self
        )

    # -- the session's answers --

    def _station(self) -> PickStation | None:
        return self._pick_station()

    def _open(self, opening: Callable) -> None:
        station = self._station()
        if station is None:
            return
        self._opening = True
        self._tasks.run(
            lambda: opening(station), on_success=self._opened, on_failure=self._open_failed, owner=self
        )

    def _open_failed(self, error: BaseException) -> None:
        self._opening = False
        self._waiting_scans.clear()
        self._tasks.failed.emit(str(error))

    def _resume(self, order_id: str | None) -> None:
        if order_id and self._session is None and not self._opening:
            self.open_order(order_id)

    def _opened(self, result: PickSession | Verdict) -> None:
        self._opening = False
        if isinstance(result, Verdict):
            self._show_verdict(result)
        else:
            self._session = result
            answer = result.answer()
            self._view = answer.view
            self.lines.show(answer.view.lines)
            # Fitted once per order: a column that fits its contents on every change would measure
            # all the order's rows on every scan.
            self.table.resizeColumnToContents(PickLinesModel.SKU)
            self.table.resizeRowsToContents()
            self.history.show(result.history)
            self.body.setCurrentIndex(1)
            self.held.clear()
            self._events.holding.emit([result.order_id])
            self._show(answer, fresh=True)
            if answer.view.labels_due:
                self._print_labels(answer.view)
        pending, self._waiting_scans = self._waiting_scans, []
        for text in pending:
            self.handle_scan(text)

    def _ask(self, call: Callable[[PickSession], PickAnswer]) -> None:
        session = self._session
        if session is None:
            self._show_verdict(Verdict.wrong(tr("Scan an order's label first.")))
            return
        self._tasks.run(lambda: call(session), on_success=lambda a: self._answered(session, a), owner=self)

    def _answered(self, session: PickSession, answer: PickAnswer) -> None:
        if session is not self._session:
            return  # an answer for an order already left
        self._view = answer.view
        self.lines.update(answer.view.lines, answer.verdict.lines)
        self.history.add(answer.history)
        self._show(answer)
        if answer.verdict.lines and answer.view.labels_due:
            self._print_labels(answer.view)
        if answer.verdict.code:
            self._look_up(answer.verdict.code)
        elif answer.verdict.accepted:
            self.held.clear()  # what was in the picker's hand before is not any more
        if answer.verdict.open_order:
            self._leave()
            self.open_order(answer.verdict.open_order)
        elif answer.view.end is not PickEnd.OPEN:
            self._events.holding.emit([])
            self.waiting.refresh()
            verified = answer.view.end in (PickEnd.COLLECTED, PickEnd.CHECKED)
            if verified and self._then_pack == session.order_id:
                self._then_pack = ""
                self._events.pack_order.emit(session.order_id)  # back to the pack table

    def _show(self, answer: PickAnswer, fresh: bool = False) -> None:
        view = answer.view
        if view.check:
            _set_text(self.title, tr("Check at packing — order {number}", number=view.number))
        else:
            _set_text(self.title, tr("Pick — order {number}", number=view.number))
        _set_text(self.progress, tr("{picked} of {units} units", picked=view.picked, units=view.units))
        # A refusal's headline, read from a step away: nothing was counted; the words say why.
        refused = not answer.verdict.accepted and view.end is PickEnd.OPEN
        _set_text(self.prompt, tr("Not counted") if refused else view.prompt())
        self._show_verdict(answer.verdict, quiet=fresh)
        self._show_next(view.next_line if view.end is PickEnd.OPEN else None)
        self.quantity.blockSignals(True)
        self.quantity.setValue(view.quantity)
        self.quantity.blockSignals(False)
        ended = view.end is not PickEnd.OPEN
        for button in (self.undo_button, self.short_button, self.skip_button, self.quantity):
            button.setEnabled(not ended)
        self.next_button.setVisible(ended)
        self.teach_button.setVisible(bool(view.teach_code) and not ended)
        if view.teach_code:
            self.teach_button.setText(tr("Teach “{code}” to the chosen line", code=view.teach_code))
        self.answered.emit(answer)

    def _show_verdict(self, verdict: Verdict, quiet: bool = False) -> None:
        self.message.setText(verdict.message)
        if quiet:
            set_role(self.prompt, "prompt")
            return
        if verdict.sound is Sound.RIGHT:
            set_role(self.prompt, "prompt-right")
            self._notifier.right()
        elif verdict.sound is Sound.WRONG:
            set_role(self.prompt, "prompt-wrong")
            self._notifier.wrong("")  # the sound; the words stand on this page, not in the banner
        else:
            set_role(self.prompt, "prompt")

    def _show_next(self, line: PickLine | None) -> None:
        if line is None:
            _set_text(self.next_bin, "")
            _set_text(self.next_item, "")
            _set_text(self.next_detail, "")
            self.photo.clear()
            return
        item = line.line
        _set_text(
            self.next_bin, tr("Bin {bin}", bin=item.bin_location) if item.bin_location else tr("No bin")
        )
        _set_text(self.next_item, f"{item.sku} — {item.title}")
        codes = " · ".join(x for x in (item.configuration, item.ean, item.fnsku) if x)
        more = ntr("{n} to pick", "{n} to pick", line.remaining)
        _set_text(self.next_detail, f"{more}   {codes}")
        self._want_photo = item.photo_url
        cached = self._photos.get(item.photo_url) if item.photo_url else None
        if cached is not None:
            self.photo.setPixmap(cached)
        else:
            if self.photo.pixmap() is not None and not self.photo.pixmap().isNull():
                self.photo.clear()
            self._photos.request(item.photo_url)

    def _photo_ready(self, url: str, pixmap: QPixmap) -> None:
        if url == getattr(self, "_want_photo", ""):
            self.photo.setPixmap(pixmap)

    def _look_up(self, code: str) -> None:
        """What the wrong item in the picker's hand is, where the server knows the code."""
        look_up = self._products()
        if look_up is None:
            return
        self.held.setText(tr("Looking up {code}…", code=code))

        def shown(products: list) -> None:
            if not products:
                self.held.setText(tr("The server does not know {code}.", code=code))
                return
            p = products[0]
            self.held.setText(tr("In your hand: {sku} — {title}", sku=p.sku, title=p.title))

        self._tasks.run(
            lambda: look_up(code),
            on_success=shown,
            on_failure=lambda _e: self.held.setText(
                tr("{code} could not be looked up (offline).", code=code)
            ),
            lane=Lane.PHOTOS,
            owner=self,
        )

    def _print_labels(self, view: PickView) -> None:
        printer = self._item_labels()
        session = self._session
        if printer is None or session is None:
            if printer is None:
                self._show_verdict(
                    Verdict.wrong(tr("This order needs item labels, but no item-label printer is set up."))
                )
            return
        order, jobs = session.order, view.labels_due

        def done(verdict: object) -> None:
            if not getattr(verdict, "confirmed", False):
                self._show_verdict(
                    Verdict.wrong(getattr(verdict, "reason", "") or tr("An item label did not print."))
                )
            self._ask(lambda s: s.labels_printed())

        self._tasks.run(
            lambda: printer.print_due(order, jobs),
            on_success=done,
            lane=f"{Lane.PRINTER}:{PrinterRole.ITEM_LABEL}",
            owner=self,
        )

    def _synced(self, _report: object) -> None:
        """After a sync: a cancellation, or the order held at another table, stops the pick."""
        if self._batch is not None:
            batch = self._batch

            def batch_stopped(answer: BatchAnswer | None) -> None:
                if answer is not None and batch is self._batch:
                    self._show_batch(answer.view)
                    self._show_verdict(answer.verdict)
                    self.batch_answered.emit(answer)

            self._tasks.run(batch.check, on_success=batch_stopped, owner=self)
            return
        if self._session is not None and self._view is not None and self._view.end is PickEnd.OPEN:
            session = self._session

            def stopped(answer: PickAnswer | None) -> None:
                if answer is not None:
                    self._answered(session, answer)

            self._tasks.run(session.check, on_success=stopped, owner=self)
        idle = self._session is None or (self._view is not None and self._view.end is not PickEnd.OPEN)
        if idle and self.isVisible():
            self.waiting.refresh()

    # -- a batch --

    def open_batch(self, order_ids: list[str]) -> None:
        """Printed orders picked together: the pick list first, then each unit sorted to its slot."""
        station = self._station()
        if station is None or not order_ids:
            return
        self._leave()
        self._opening = True
        self._tasks.run(
            lambda: station.open_batch(order_ids),
            on_success=self._batch_opened,
            on_failure=self._open_failed,
            owner=self,
        )

    def leave_batch(self) -> None:
        batch = self._batch
        if batch is None:
            return
        self._batch = None
        self._events.holding.emit([])
        self._tasks.run(batch.leave, on_success=lambda _view: self._none_waiting(), owner=self)

    def _batch_opened(self, opened: tuple[BatchPick, list[Verdict]]) -> None:
        self._opening = False
        batch, refused = opened
        if not batch.sessions:
            self._show_verdict(
                refused[0] if refused else Verdict.wrong(tr("No order of the batch can be picked."))
            )
            return
        self._batch = batch
        self.body.setCurrentIndex(2)
        self._events.holding.emit([s.order_id for s in batch.sessions])
        view = batch.view()
        self._show_batch(view)
        words = ntr("A batch of {n} order.", "A batch of {n} orders.", len(batch.sessions))
        if refused:
            words += " " + ntr("{n} left out:", "{n} left out:", len(refused)) + " " + refused[0].message
        self._show_verdict(Verdict.quiet(words))
        pending, self._waiting_scans = self._waiting_scans, []
        for text in pending:
            self.handle_scan(text)

    def _ask_batch(self, call: Callable[[BatchPick], BatchAnswer | BatchView]) -> None:
        batch = self._batch
        if batch is None:
            return

        def shown(result: BatchAnswer | BatchView) -> None:
            if batch is not self._batch:
                return
            if isinstance(result, BatchView):
                self._show_batch(result)
                return
            self._show_batch(result.view)
            self._show_verdict(result.verdict)
            self.batch_answered.emit(result)
            if all(slot.end is not PickEnd.OPEN for slot in result.view.slots):
                self._events.holding.emit([])

        self._tasks.run(lambda: call(batch), on_success=shown, owner=self)

    def _show_batch(self, view: BatchView) -> None:
        self._batch_view = view
        self.batch.show_view(view)
        units = sum(slot.units for slot in view.slots)
        done = sum(slot.sorted_units for slot in view.slots)
        _set_text(
            self.title, ntr("Pick — a batch of {n} order", "Pick — a batch of {n} orders", len(view.slots))
        )
        _set_text(self.progress, tr("{picked} of {units} units sorted", picked=done, units=units))
        _set_text(self.prompt, view.prompt())

    def _leave(self) -> None:
        self._session = None
        self._view = None
        self._events.holding.emit([])

    def _none_waiting(self) -> None:
        self._leave()
        self.body.setCurrentIndex(0)
        _set_text(self.title, tr("Pick"))
        _set_text(self.progress, "")
        _set_text(self.prompt, tr("Scan an order's label"))
        set_role(self.prompt, "prompt")
        self.message.setText(tr("No printed order is waiting to be picked."))
        self.waiting.refresh()
