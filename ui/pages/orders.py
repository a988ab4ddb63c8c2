"""The order list: every order on the workstation, filtered, searched, sorted, ticked for bulk work.

GUI thread. The rows come from the store (`app.store.queries.list_orders`) in the store worker;
filters and sorts run in memory on the page's model (ui/models/order_table.py), the text search
in the store. After a sync only the rows that changed are touched. Bulk status moves go through
the flows (`app.flows.OrderActions`) on the store worker. Printing ticked orders is the print
station's job: the page emits `print_requested(order_ids)` and the window shows the station.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import formats
from app.domain import OrderStatus
from app.domain.reasons import ReasonAsked
from app.i18n import ntr, tr
from app.operations.order_moves import BULK_MOVES, BulkMove, BulkOutcome, apply_bulk_move, bulk_move
from app.order_list.loading import Loaded, Reloaded, first_screen, load_rows, reload_rows, search_ids
from app.order_list.rows import LIST_STATUSES, FacetValues, ListFilter
from ui.context import Later, WorkstationEvents
from ui.flow import FlowLayout, fit_placeholder, together
from ui.models.order_table import OrderTableModel
from ui.operation import run_operation
from ui.reason_dialog import ask_reason

if TYPE_CHECKING:
    from app.flows import OrderActions
    from app.store import Store
    from ui.notify import Notifier
    from ui.tasks import TaskRunner


FAILED_PUSHES, NOTICES = "failed_pushes", "notices"  # what the dashboard asks besides statuses
# The usual reasons each bulk move that needs one offers (app/domain/reasons.py).
REASON_ASKED = {
    "print_error": ReasonAsked.PRINT_ERROR,
    "awaiting_stock": ReasonAsked.AWAITING_STOCK,
    "void_labels": ReasonAsked.REPRINT,
    "reopen": ReasonAsked.REOPEN,
}
SEARCH_PAUSE_MS = 250  # the search waits for the operator (or scanner) to stop typing


class OrdersPage(QWidget):
    """The order list of the workstation (`show_status` is what the dashboard calls)."""

    print_requested = Signal(list, str)  # (order ids, reprint reason ""): the window routes it
    rows_loaded = Signal()  # the list holds the store's rows (first load or a refresh)

    def __init__(
        self,
        *,
        tasks: TaskRunner,
        events: WorkstationEvents,
        notifier: Notifier,
        store: Store,
        orders: Later[OrderActions],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks, self._events, self._notifier, self._store = tasks, events, notifier, store
        self._orders = orders
        self._loaded = False
        self._loading = False
        self._again = False
        self._search_generation = 0
        self._fitted_for: tuple[object, ...] = ()  # what the columns were last fitted to

        self.model = OrderTableModel(self, tasks)  # header clicks sort in the worker
        self.title = QLabel(tr("Orders"))
        self.title.setProperty("role", "title")
        self.count_label = QLabel()
        self.count_label.setProperty("role", "big")

        self.status_box = QComboBox()
        self.status_box.addItem(tr("Every status"), "")
        for status in LIST_STATUSES:
            self.status_box.addItem(f"{status.value} · {status.label}", status.value)
        # The dashboard's two tiles that are not a status (ui/pages/dashboard.py names them so).
        self.status_box.addItem(tr("Failed pushes"), FAILED_PUSHES)
        self.status_box.addItem(tr("Need attention"), NOTICES)
        self.marketplace_box = self._facet_box(tr("Every marketplace"))
        self.seller_box = self._facet_box(tr("Every seller"))
        self.carrier_box = self._facet_box(tr("Every carrier"))
        self.due_check = QCheckBox(tr("Due by"))
        self.due_date = QDateEdit(QDate.currentDate())
        self.due_date.setCalendarPopup(True)
        self.due_date.setDisplayFormat("yyyy-MM-dd")
        self.due_date.setEnabled(False)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(tr("Search: order, SKU, tracking number, name"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(300)
        self.search_box.setStyleSheet("font-size: 14pt; padding: 4px;")
        self.clear_button = QPushButton(tr("Clear filters"))

        self.tick_all = QCheckBox(tr("Tick all shown"))
        self.ticked_label = QLabel()
        self.hidden_ticked_label = QLabel()  # ticked orders a filter hides: said, never acted on
        self.hidden_ticked_label.setProperty("role", "chip-bad")
        self.print_button = QPushButton(tr("Print ticked"))
        self.print_button.setProperty("role", "primary")
        self.move_button = QPushButton(tr("Change status…"))
        self.move_menu = QMenu(self.move_button)
        self.move_menu.setToolTipsVisible(True)
        # The theme inks every widget black; a move the ticked orders cannot make must look off.
        self.move_menu.setStyleSheet(
            "QMenu { font-size: 13pt; } QMenu::item { padding: 6px 18px; } QMenu::item:disabled { color: #8a8a8a; }"
        )
        self.move_button.setMenu(self.move_menu)
        self.move_menu.aboutToShow.connect(self._fill_move_menu)
        self.open_button = QPushButton(tr("Open"))

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        # Fixed row height: the view never measures 50,000 rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((44, 100, 150, 165, 110, 150, 160, 200, 60, 60)):
            self.table.setColumnWidth(column, width)

        # The heading and the actions flow: a word or a count a third longer (Russian, Dutch)
        # moves what follows onto a second row rather than cutting it.
        fit_placeholder(self.search_box)  # expanding: it takes the row's room left
        heading = FlowLayout(spacing=24)
        heading.addWidget(self.title)
        heading.addWidget(self.search_box)
        heading.addWidget(self.count_label)
        # The filters in two rows: at 1366×768 (with the demo's docks, ~850 px for the page) each
        # menu has the room to show its choice whole ("Shenzhen Bright Electronics").
        filters = QGridLayout()
        filters.addWidget(self.status_box, 0, 0)
        filters.addWidget(self.marketplace_box, 0, 1)
        filters.addWidget(self.due_check, 0, 2)
        filters.addWidget(self.due_date, 0, 3)
        filters.addWidget(self.seller_box, 1, 0)
        filters.addWidget(self.carrier_box, 1, 1)
        filters.addWidget(self.clear_button, 1, 2, 1, 2)
        filters.setColumnStretch(0, 1)
        filters.setColumnStretch(1, 1)
        # The count of ticked orders, and under it (when a filter hides some) those left out:
        # two short lines in the height of the buttons; it takes the row's room left, so the
        # buttons stand at the right, on a row of their own when there is no room for all.
        ticks_box = QWidget()
        ticks_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        ticks = QVBoxLayout(ticks_box)
        ticks.setContentsMargins(0, 0, 0, 0)
        ticks.setSpacing(0)
        ticks.addWidget(self.ticked_label)
        ticks.addWidget(self.hidden_ticked_label, 0, Qt.AlignmentFlag.AlignLeft)
        actions = FlowLayout(right=True)
        actions.addWidget(self.tick_all)
        actions.addWidget(ticks_box)
        actions.addWidget(together(self.open_button, self.move_button, self.print_button))  # a row of keys
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        # Tick boxes big enough to hit with a gloved finger or a quick mouse.
        self.table.setStyleSheet("QTableView::indicator { width: 22px; height: 22px; }")
        self.tick_all.setStyleSheet("QCheckBox::indicator { width: 22px; height: 22px; }")

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self._run_search)

        for box in (self.status_box, self.marketplace_box, self.seller_box, self.carrier_box):
            box.currentIndexChanged.connect(self._filters_changed)
        self.due_check.toggled.connect(self.due_date.setEnabled)
        self.due_check.toggled.connect(self._filters_changed)
        self.due_date.dateChanged.connect(self._filters_changed)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self._run_search)
        self.clear_button.clicked.connect(self.clear_filters)
        self.tick_all.toggled.connect(self.model.set_all_checked)
        self.model.checked_changed.connect(self._ticked_changed)
        self.model.modelReset.connect(self._count_changed)
        self.model.rowsInserted.connect(self._count_changed)
        self.model.rowsRemoved.connect(self._count_changed)
        self.print_button.clicked.connect(self._print_ticked)
        self.open_button.clicked.connect(self._open_current)
        self.table.activated.connect(self._open_index)
        # The keyboard alone: Ctrl+F search, arrows move, Enter opens, Space ticks the current
        # order, Ctrl+Shift+A ticks every order shown, Ctrl+P prints the ticked ones.
        QShortcut(QKeySequence("Ctrl+F"), self).activated.connect(self.search_box.setFocus)
        self.table.installEventFilter(self)  # Space: the table would only select, we tick
        QShortcut(QKeySequence("Ctrl+Shift+A"), self).activated.connect(self.tick_all.toggle)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self._print_ticked)
        self.print_button.setToolTip("Ctrl+P")
        self.tick_all.setToolTip("Ctrl+Shift+A")
        events.synced.connect(self._synced)
        self._ticked_changed(0, 0)
        self._count_changed()

    # -- what the frame calls -------------------------------------------------------------

    def page_shown(self) -> None:
        if not self._loaded:
            self.refresh()

    def show_status(self, status: str) -> None:
        """Show the orders of one status code ("" for every status; "failed_pushes" or
        "notices" for the dashboard's tiles of those), other filters cleared."""
        self.clear_filters()
        at = self.status_box.findData(status)
        self.status_box.setCurrentIndex(max(at, 0))
        if not self._loaded:
            self.refresh()

    def handle_scan(self, text: str) -> bool:
        """A product code or tracking number scanned on this page looks it up (`search_for`);
        our own barcodes (orders, badges, commands) are left to the frame."""
        if text[:4].upper() in ("PDO-", "PDB-", "PDC-"):
            return False
        self.search_for(text)
        return True

    def search_for(self, text: str) -> None:
        """A scan's lookup: every order that `text` finds (number, SKU, EAN/FNSKU, tracking
        number, recipient), whatever the filters showed before (they are cleared: a product
        scanned is looked for in every order, not within the status last chosen)."""
        self.clear_filters()
        self.search_box.setText(text)
        self._run_search()

    def refresh(self) -> None:
        """Reload the rows from the store in the worker; only the changed rows are touched."""
        if self._loading:
            self._again = True  # a sync landed during the load: look once more after it
            return
        self._loading = True
        self._again = False
        store, spec = self._store, self.model.sort_spec
        if not self._loaded:
            # The first screenful at once (by the store's index), every row behind it.
            self._tasks.run(lambda: first_screen(store, spec), on_success=self._first_screen, owner=self)
            self._tasks.run(
                lambda: load_rows(store, spec),
                on_success=self._first_rows,
                on_failure=self._load_failed,
                busy_text=tr("Loading orders…"),
                owner=self,
            )
            return
        shown = self.model.all_rows()  # replaced, never changed in place: safe to read in the worker
        self._tasks.run(
            lambda: reload_rows(store, shown, spec),
            on_success=self._changed_rows,
            on_failure=self._load_failed,
            owner=self,
        )

    def _synced(self, outcome: object) -> None:
        """After a sync pass: reload (in the worker) only if the pass wrote any order."""
        changed = getattr(getattr(outcome, "report", None), "changed", None)
        if changed is not None and not changed:
            return
        if self._loaded:  # a list nobody has opened yet loads when it is first shown
            self.refresh()

    def clear_filters(self) -> None:
        for box in (self.status_box, self.marketplace_box, self.seller_box, self.carrier_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.due_check.blockSignals(True)
        self.due_check.setChecked(False)
        self.due_check.blockSignals(False)
        self.due_date.setEnabled(False)
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self._search_timer.stop()
        self._search_generation += 1
        self.model.set_filter(ListFilter())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and not event.modifiers()
        ):
            self.toggle_current()
            return True
        return super().eventFilter(watched, event)

    def toggle_current(self) -> None:
        """Tick or untick the order under the cursor."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        ticked = any(r.id == row.id for r in self.model.checked_rows())
        self.model.set_checked([row.id], not ticked)

    def ticked_ids(self) -> list[str]:
        return [r.id for r in self.model.checked_rows()]

    def move_ticked(self, key: str, reason: str = "") -> None:
        """Make a bulk status move for the ticked orders (refusing, with reasons, those that may
        not make it). The work runs on the store worker."""
        move = bulk_move(key)
        rows = self.model.checked_rows()
        if not rows:
            self._notifier.wrong(tr("Tick the orders first."))
            return
        flows = self._orders()
        if flows is None:
            self._notifier.wrong(tr("The workstation is still starting: try again in a moment."))
            return
        run_operation(  # one transaction; its changes go to every screen and wake the sync
            self._tasks,
            self._events,
            lambda: apply_bulk_move(flows, move, rows, reason),
            on_success=lambda outcome: self._moved(move, outcome),
            busy_text=tr("Changing status…"),
            owner=self,
        )

    # -- inside -------------------------------------------------------------------------------

    def _facet_box(self, everything: str) -> QComboBox:
        box = QComboBox()
        box.addItem(everything, "")
        # The layout gives the room; the menu never asks for its longest name's width.
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(12)
        return box

    def _first_screen(self, result: Loaded | None) -> None:
        if result is not None and not self._loaded:
            self.model.set_rows(result.rows, result.spec, result.index)

    def _first_rows(self, result: Loaded) -> None:
        self._loading = False
        self._loaded = True
        self.model.set_rows(result.rows, result.spec, result.index)
        self._set_facets(result.facets)
        self.rows_loaded.emit()
        if self._again:
            self.refresh()

    def _changed_rows(self, result: Reloaded) -> None:
        self._loading = False
        self.model.apply_changes(result.changed, result.removed, result.every_row, result.spec, result.index)
        self._set_facets(result.facets)
        self._count_changed()
        if self.search_box.text().strip():
            self._run_search()  # a changed order may now match, or no longer
        self.rows_loaded.emit()
        if self._again:
            self.refresh()

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        self._notifier.wrong(tr("The order list could not be read: {error}", error=str(error)))

    def _fit_columns(self, facets: FacetValues) -> None:
        """Each column as wide as its header and its longest text, measured from what is known
        without reading every row's every field: the statuses' names, the facets' values, the
        longest order number. The operator may still drag a column wider."""
        numbers = [r.number for r in self.model.all_rows()]
        longest_number = max(numbers, key=len) if numbers else ""
        fitted_for = (
            tuple(facets.marketplaces),
            tuple(facets.sellers),
            tuple(facets.carriers),
            len(longest_number),
        )
        if fitted_for == self._fitted_for:
            return  # nothing longer came: a width the operator dragged stays as dragged
        self._fitted_for = fitted_for
        header = self.table.horizontalHeader()
        plain = QFontMetrics(self.table.font())
        bold_font = QFont(self.table.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        longest = {
            1: (bold, [longest_number]),
            2: (bold, [s.label for s in LIST_STATUSES]),
            3: (plain, ["2026-12-31 23:59"]),
            4: (plain, facets.marketplaces),
            5: (plain, facets.sellers),
            6: (plain, facets.carriers),
        }
        pad = 2 * (self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 8
        for column, (metrics, texts) in longest.items():
            text_width = max((metrics.horizontalAdvance(t) for t in texts), default=0) + pad
            self.table.setColumnWidth(column, max(text_width, header.sectionSizeFromContents(column).width()))
        for column in (8, 9):
            self.table.setColumnWidth(column, header.sectionSizeFromContents(column).width())

    def _set_facets(self, facets: FacetValues) -> None:
        self._fit_columns(facets)
        for box, values in (
            (self.marketplace_box, facets.marketplaces),
            (self.seller_box, facets.sellers),
            (self.carrier_box, facets.carriers),
        ):
            current = box.currentData()
            have = [box.itemData(i) for i in range(1, box.count())]
            if have == values:
                continue
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for value in values:
                box.addItem(value, value)
            box.setCurrentIndex(max(box.findData(current), 0))
            box.blockSignals(False)

    def _current_filter(self, search_hits: frozenset[str] | None) -> ListFilter:
        status = self.status_box.currentData() or ""
        special = status in (FAILED_PUSHES, NOTICES)
        due: date | None = self.due_date.date().toPython() if self.due_check.isChecked() else None  # type: ignore[assignment]
        return ListFilter(
            statuses=frozenset({OrderStatus(status)}) if status and not special else frozenset(),
            failed_pushes_only=status == FAILED_PUSHES,
            notices_only=status == NOTICES,
            marketplace=self.marketplace_box.currentData() or "",
            seller=self.seller_box.currentData() or "",
            carrier=self.carrier_box.currentData() or "",
            ship_by_until=due,
            search=self.search_box.text().strip(),
            search_hits=search_hits,
        )

    def _filters_changed(self, *_args: object) -> None:
        self.model.set_filter(self._current_filter(self.model.order_filter.search_hits))

    def _run_search(self) -> None:
        self._search_timer.stop()
        text = self.search_box.text().strip()
        self._search_generation += 1
        generation = self._search_generation
        if not text:
            self.model.set_filter(self._current_filter(None))
            return
        store = self._store

        def found(ids: frozenset[str]) -> None:
            if generation == self._search_generation:  # a newer search has started: drop this
                self.model.set_filter(self._current_filter(ids))

        self._tasks.run(lambda: search_ids(store, text), on_success=found, owner=self)

    def _count_changed(self, *_args: object) -> None:
        shown, total = self.model.rowCount(), len(self.model.all_rows())
        self.count_label.setText(
            ntr(
                "{shown} of {total} order",
                "{shown} of {total} orders",
                total,
                shown=formats.number(shown),
                total=formats.number(total),
            )
        )

    def _ticked_changed(self, count: int, hidden: int) -> None:
        """`count` ticked orders shown (what Print and Change status act on), `hidden` more
        ticked earlier but hidden by the filters now: named, and left out."""
        self.ticked_label.setText(ntr("{n} order ticked", "{n} orders ticked", count))
        self.hidden_ticked_label.setText(
            ntr("+{n} hidden by filters, left out", "+{n} hidden by filters, left out", hidden)
            if hidden
            else ""
        )
        self.hidden_ticked_label.setToolTip(
            tr(
                "Hidden, left out: {orders}",
                orders=", ".join(r.number for r in self.model.hidden_checked_rows()[:20]),
            )
            if hidden
            else ""
        )
        self.hidden_ticked_label.setVisible(hidden > 0)
        self.print_button.setEnabled(count > 0)
        self.move_button.setEnabled(count > 0)
        shown = self.model.rowCount()
        self.tick_all.blockSignals(True)
        self.tick_all.setChecked(shown > 0 and count == shown)
        self.tick_all.blockSignals(False)

    def _fill_move_menu(self) -> None:
        self.move_menu.clear()
        rows = self.model.checked_rows()
        for move in BULK_MOVES:
            able = sum(1 for r in rows if move.allowed_for(r))
            action = QAction(self.move_menu)
            action.setText(tr("{move} — {able} of {ticked}", move=move.title(), able=able, ticked=len(rows)))
            action.setEnabled(able > 0)
            if move.make is None:
                action.setToolTip(move.not_here())
            elif able < len(rows):
                refused = next(r for r in rows if not move.allowed_for(r))
                action.setToolTip(move.refusal(refused))
            action.triggered.connect(lambda _checked=False, m=move: self._ask_and_move(m))
            self.move_menu.addAction(action)

    def _ask_and_move(self, move: BulkMove) -> None:
        reason = ""
        if move.needs_reason:
            asked = ask_reason(
                self,
                REASON_ASKED[move.key],
                move.target.label,
                tr("Why? (the reason goes to the server and the activity log)"),
            )
            if asked is None:
                return
            reason = asked
        self.move_ticked(move.key, reason)

    def _moved(self, move: BulkMove, outcome: BulkOutcome) -> None:
        if outcome.moved:
            self._notifier.right(
                ntr(
                    "{n} order moved to “{target}”.",
                    "{n} orders moved to “{target}”.",
                    len(outcome.moved),
                    target=move.target.label,
                )
            )
        if outcome.refused:
            shown = outcome.refused[:5]
            more = len(outcome.refused) - len(shown)
            text = " ".join(shown) + (tr(" …and {n} more.", n=more) if more else "")
            self._notifier.wrong(text)
        self.refresh()

    def _print_ticked(self) -> None:
        ids = self.ticked_ids()
        if ids:
            self.print_requested.emit(ids, "")

    def _open_current(self) -> None:
        self._open_index(self.table.currentIndex())

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self._events.open_order.emit(self.model.row_at(index.row()).id)
