"""The print station: gather a batch (ticked in the list, scanned, or every order ready to print,
oldest ship-by first), print its shipping labels, pick list and packing slips, and see, order by
order, what the printer confirmed.

GUI thread. The page starts operations and shows their progress and results, nothing more:
printing is one call, `app.operations.print_batch`, run on the shipping-label printer's lane
(it hands the carrier labels to the sync lane and the documents to the documents printer's);
each order's outcome turns its row green or red as it comes. An order joins the batch only if
it may print (`PrintStation.admit`: the others are refused with the reason when added); it
becomes printed only when the printer confirmed its label; one that failed stays ready to print,
with the printer's reason in its row, and "Print again" retries it without printing twice what
was already confirmed. The batch's rows follow `WorkstationEvents.changed`.

Wiring: `ui/main.py` puts `PrintStation(store, flows.orders, printers, documents)` in
`Workstation.print_station` (`ui/printers.py` makes it) and `ui/page_wiring.py` hands it to the
page; the main window connects the list's and the detail's `print_requested(order_ids,
reprint_reason)` to `take_orders`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import Command
from app.domain.reasons import ReasonAsked
from app.i18n import ntr, tr
from app.operations import BatchPrinted, BulkOutcome, Changes, mark_print_errors, print_batch
from app.operations.lanes import printer_lane
from app.print_station import (
    DOCUMENTS,
    SHIPPING_LABEL,
    BatchAdmission,
    BatchOrder,
    CarrierLabelSource,
    OrderOutcome,
    PrintStation,
    admit,
    admit_number,
    batch_rows,
)
from app.scan import ScanKind, interpret
from ui.context import Later, PrinterRole, WorkstationEvents
from ui.flow import FlowLayout, together
from ui.models.print_batch import PrintBatchModel, PrintState, verdict_of
from ui.operation import run_operation
from ui.reason_dialog import ask_reason
from ui.tasks import describe_error
from ui.theme import set_role

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from app.flows import OrderActions
    from app.print_queue import PrintQueue
    from app.store import Store
    from ui.notify import Notifier
    from ui.tasks import TaskRunner


class PrintStationPage(QWidget):
    """`take_orders(ids, reprint_reason)` fills the batch (the order list and detail call it)."""

    batch_printed = Signal(object)  # BatchReport, after each print
    batch_changed = Signal()  # rows were added or removed

    def __init__(
        self,
        *,
        tasks: TaskRunner,
        events: WorkstationEvents,
        notifier: Notifier,
        store: Store,
        station: Later[PrintStation],
        orders: Later[OrderActions],
        carrier_labels: Later[CarrierLabelSource],
        printers: Callable[[], Mapping[str, PrintQueue]],
        parent: QWidget | None = None,
    ) -> None:
        """`station` prints a batch (on the shipping-label printer's lane); `carrier_labels`
        fetches the carriers' own labels (sync lane); `printers` are the table's, by role."""
        super().__init__(parent)
        self._tasks, self._events, self._notifier, self._store = tasks, events, notifier, store
        self._station, self._orders, self._carrier_labels, self._printers = (
            station,
            orders,
            carrier_labels,
            printers,
        )
        self._busy = False
        self.reprint_reason = ""
        self.model = PrintBatchModel(self)

        self.title = QLabel(tr("Print"))
        set_role(self.title, "title")
        self.printers_label = QLabel()
        set_role(self.printers_label, "muted")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setMinimumHeight(48)
        self.verdict.hide()
        self.take_ready_button = QPushButton(tr("Take every order ready to print"))
        self.remove_button = QPushButton(tr("Remove"))
        self.clear_button = QPushButton(tr("Clear"))
        self.copies = QSpinBox()
        self.copies.setRange(1, 20)
        self.copies.setPrefix(tr("Copies: "))
        self.copies.setStyleSheet("font-size: 14pt; padding: 4px;")
        self.print_button = QPushButton(tr("Print batch"))
        set_role(self.print_button, "primary")
        self.print_button.setStyleSheet(
            "QPushButton { font-size: 18pt; padding: 12px 28px; }"
            "QPushButton:disabled { background: #9aa9bb; color: #eef1f5; }"
        )
        self.retry_button = QPushButton(tr("Print again the ones not printed"))
        self.print_error_button = QPushButton(tr("Print error (bad data)…"))
        self.reprint_button = QPushButton(tr("Reprint selected…"))
        self.count_label = QLabel()
        set_role(self.count_label, "big")
        self.reprint_label = QLabel()
        set_role(self.reprint_label, "chip-neutral")
        self.reprint_label.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        # Fitted when the batch changes, not on every row's news: a column that fits its contents
        # on every change measures all the batch's rows each time a label prints.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.batch_changed.connect(self._fit_columns)
        self.table.setStyleSheet("font-size: 14pt;")

        # Each row flows: a button or count a third longer (Russian, Dutch) goes onto a row
        # of its own rather than being cut; the count and the print button keep to the right.
        heading = FlowLayout(right=True)
        heading.addWidget(self.title)
        heading.addWidget(self.reprint_label)
        heading.add_stretch()
        heading.addWidget(self.printers_label)
        gather = FlowLayout(right=True)
        for widget in (self.take_ready_button, self.remove_button, self.clear_button):
            gather.addWidget(widget)
        gather.add_stretch()
        gather.addWidget(self.count_label)
        act = FlowLayout(right=True)
        act.addWidget(self.print_error_button)
        act.addWidget(self.reprint_button)
        act.addWidget(self.retry_button)
        act.add_stretch()
        act.addWidget(together(self.copies, self.print_button))
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.verdict)
        layout.addLayout(gather)
        layout.addWidget(self.table, 1)
        layout.addLayout(act)

        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self.print_batch)
        QShortcut(QKeySequence("Ctrl+R"), self).activated.connect(self.take_ready)
        self.print_button.setToolTip(tr("Ctrl+P, or scan the “Confirm” command barcode"))
        self.take_ready_button.setToolTip("Ctrl+R")
        self.take_ready_button.clicked.connect(self.take_ready)
        self.remove_button.clicked.connect(self._remove_selected)
        self.clear_button.clicked.connect(self.clear)
        self.print_button.clicked.connect(self.print_batch)
        self.retry_button.clicked.connect(self.print_again)
        self.print_error_button.clicked.connect(self._ask_print_error)
        self.reprint_button.clicked.connect(self._ask_reprint)
        for signal in (
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
            self.model.dataChanged,
        ):
            signal.connect(self._update_buttons)
        self._update_buttons()
        self._show_printers()
        events.changed.connect(self._changed)

    # -- what the frame and other pages call --------------------------------------------

    @property
    def station(self) -> PrintStation | None:
        """The use case, made by the bootstrap (`Workstation.print_station`)."""
        return self._station()

    def page_shown(self) -> None:
        self._show_printers()

    def take_orders(self, order_ids: list[str], reprint_reason: str = "") -> None:
        """Put these orders in the batch (replacing a finished batch); a reprint reason makes it
        a reprint of printed orders. An order that may not print is refused now, with the
        reason (`app.print_station.admit`)."""
        if any(e.state is not PrintState.WAITING for e in self.model.entries()):
            self.model.set_rows([])
        self._set_reprint(reprint_reason)
        store, ids, reason = self._store, list(order_ids), self.reprint_reason
        self._tasks.run(lambda: admit(store, ids, reprint_reason=reason), on_success=self._add, owner=self)

    def take_ready(self) -> None:
        """Every order ready to print, oldest ship-by first."""
        station = self.station
        if station is None:
            self._say_no_station()
            return
        self._set_reprint("")
        self._tasks.run(
            lambda: station.admit(station.ready_to_print()).rows,
            on_success=self._replace,
            busy_text=tr("Finding orders ready to print…"),
            owner=self,
        )

    def handle_scan(self, text: str) -> bool:
        """A scanned order label adds that order to the batch; the command barcodes "confirm"
        prints the batch and "cancel" empties it (the table works with the scanner alone)."""
        meaning = interpret(text)  # our own codes whatever their case (a scanner on Caps Lock)
        if meaning.command is Command.CONFIRM:
            self.print_batch()
            return True
        if meaning.command is Command.CANCEL:
            self.clear()
            return True
        if meaning.kind is not ScanKind.ORDER:
            return False
        store, number, reason = self._store, meaning.value, self.reprint_reason

        def found(admission: BatchAdmission) -> None:
            if admission.refused:
                self._notifier.wrong(" ".join(admission.refused))
            elif self.model.add_rows(admission.rows):
                self._notifier.right(tr("Order {number} added to the batch.", number=number))
            self.batch_changed.emit()

        self._tasks.run(
            lambda: admit_number(store, number, reprint_reason=reason), on_success=found, owner=self
        )
        return True

    def clear(self) -> None:
        self.model.set_rows([])
        self._set_reprint("")
        self.verdict.hide()
        self.batch_changed.emit()

    def print_batch(self) -> None:
        """Print every order of the batch not printed yet."""
        ids = self.model.order_ids([PrintState.WAITING, PrintState.FAILED])
        self._print(ids)

    def print_again(self) -> None:
        """Print again the orders the printer did not confirm (after fixing the printer)."""
        self._print(self.model.order_ids([PrintState.FAILED]))

    def mark_print_error(self, positions: list[int], reason: str) -> None:
        """The data of these orders is wrong (most often the address): 5.1 -> 5.3 with a reason."""
        entries = [self.model.entries()[p] for p in positions if 0 <= p < len(self.model.entries())]
        if not entries:
            return
        flows = self._orders()
        if flows is None:
            self._notifier.wrong(tr("The workstation is still starting: try again in a moment."))
            return
        ids = [e.row.id for e in entries]

        def done(outcome: BulkOutcome) -> None:
            if outcome.refused:
                self._notifier.wrong(" ".join(outcome.refused))
            else:
                self._notifier.right(
                    ntr("{n} order marked as a print error.", "{n} orders marked as a print error.", len(ids))
                )

        run_operation(
            self._tasks,
            self._events,
            lambda: mark_print_errors(flows, ids, reason),
            on_success=done,
            owner=self,
        )

    # -- printing ---------------------------------------------------------------------------

    def _print(self, ids: list[str]) -> None:
        station = self.station
        if station is None:
            self._say_no_station()
            return
        if self._busy:
            self._notifier.wrong(tr("The batch is printing; wait for it to finish."))
            return
        if not ids:
            self._notifier.wrong(
                tr("Nothing in the batch to print: scan order labels or take the ready ones.")
            )
            return
        self._busy = True
        self._update_buttons()
        self.model.mark(ids, PrintState.PRINTING)
        copies, reason = self.copies.value(), self.reprint_reason
        server, tasks = self._carrier_labels(), self._tasks
        run_operation(
            tasks,
            self._events,
            lambda: print_batch(
                station,
                ids,
                copies=copies,
                reprint_reason=reason,
                server=server,
                lanes=tasks,
                progress=self._outcome_from_worker,
            ),
            on_success=self._printed,
            on_failure=self._print_failed,
            busy_text=ntr("Printing {n} label…", "Printing {n} labels…", len(ids)),
            lane=printer_lane(SHIPPING_LABEL),
            owner=self,
        )

    def _outcome_from_worker(self, outcome: OrderOutcome) -> None:
        """Printer lane: one order is done; its row turns green or red on the GUI thread."""
        model = self.model

        def show() -> None:
            if shiboken6.isValid(model):  # the page may have closed while the batch printed
                model.apply_outcome(outcome)

        self._tasks.post_to_gui(show)

    def _fit_columns(self) -> None:
        """Every column but the last fits its contents; the last (the recipient, whole in its
        tooltip) takes the room that is left, so the order number and the printer's word, first,
        are never cut and the batch does not scroll sideways while it waits to print."""
        last = self.model.columnCount() - 1
        for column in range(last):
            self.table.resizeColumnToContents(column)
        # The stretch gives it the rest, and at least its title's width: where the rest is less
        # (Dutch's longer titles, the demo's docks) the batch scrolls sideways to it.
        header = self.table.horizontalHeader()
        header.resizeSection(last, header.sectionSizeFromContents(last).width())

    def _printed(self, printed: BatchPrinted) -> None:
        report = printed.report
        self._busy = False
        self.model.apply_report(report)
        self._fit_columns()  # once per batch: the printer's reasons are longer
        text, all_good = verdict_of(report)
        self._show_verdict(text, all_good)
        if all_good:
            self._notifier.right(text)
            self._set_reprint("")
        else:
            self._notifier.wrong(text)
        self._update_buttons()
        self.batch_printed.emit(report)

    def _print_failed(self, error: BaseException) -> None:
        self._busy = False
        reason = describe_error(error)
        self.model.mark(self.model.order_ids([PrintState.PRINTING]), PrintState.FAILED, reason)
        self._fit_columns()
        self._show_verdict(tr("Nothing was printed: {reason}", reason=reason), False)
        self._notifier.wrong(tr("Nothing was printed: {reason}", reason=reason))
        self._update_buttons()

    # -- inside -------------------------------------------------------------------------------

    def _add(self, admission: BatchAdmission) -> None:
        """Orders asked into the batch: those that may print join it, the others are refused
        now, with the reason, not at printing."""
        self.model.add_rows(admission.rows)
        if admission.refused:
            shown = admission.refused[:5]
            more = len(admission.refused) - len(shown)
            self._notifier.wrong(" ".join(shown) + (tr(" …and {n} more.", n=more) if more else ""))
        self.batch_changed.emit()

    def _replace(self, rows: list[BatchOrder]) -> None:
        self.model.set_rows(rows)
        self.verdict.hide()
        if not rows:
            self._notifier.info(tr("No order is ready to print."))
        self.batch_changed.emit()

    def _changed(self, changes: Changes) -> None:
        """An operation or a sync pass wrote orders: the batch's rows of them show them afresh."""
        store, ids = self._store, [i for i in self.model.order_ids() if i in changes.orders]
        if ids:
            self._tasks.run(lambda: batch_rows(store, ids), on_success=self.model.update_rows, owner=self)

    def _set_reprint(self, reason: str) -> None:
        self.reprint_reason = reason.strip()
        self.reprint_label.setText(tr("Reprint: {reason}", reason=self.reprint_reason))
        self.reprint_label.setVisible(bool(self.reprint_reason))

    def _show_verdict(self, text: str, good: bool) -> None:
        """The batch's outcome stays on the page (the window's banner fades): a framed line, green
        or red, under the title."""
        self.verdict.setText(text)
        set_role(self.verdict, "chip-good" if good else "chip-bad")
        self.verdict.setStyleSheet("font-size: 16pt; padding: 8px 12px;")
        self.verdict.show()

    def _say_no_station(self) -> None:
        self._notifier.wrong(tr("Printing is not set up at this table: no print station was wired."))

    def _show_printers(self) -> None:
        names = []
        for role in (SHIPPING_LABEL, DOCUMENTS):
            where = tr("ready") if role in self._printers() else tr("not set up")
            names.append(f"{PrinterRole.label(role)}: {where}")
        self.printers_label.setText(" · ".join(names))

    def _update_buttons(self, *_args: object) -> None:
        entries = self.model.entries()
        waiting = sum(1 for e in entries if e.state in (PrintState.WAITING, PrintState.FAILED))
        failed = sum(1 for e in entries if e.state is PrintState.FAILED)
        self.count_label.setText(ntr("{n} order in the batch", "{n} orders in the batch", len(entries)))
        self.print_button.setEnabled(waiting > 0 and not self._busy)
        self.retry_button.setEnabled(failed > 0 and not self._busy)
        self.retry_button.setVisible(failed > 0)
        self.print_error_button.setEnabled(bool(entries) and not self._busy)
        printed = any(e.state is PrintState.PRINTED for e in entries)
        self.reprint_button.setVisible(printed)
        self.reprint_button.setEnabled(printed and not self._busy)

    def _remove_selected(self) -> None:
        self.model.remove_positions(i.row() for i in self.table.selectionModel().selectedRows())
        self.batch_changed.emit()

    def reprint(self, positions: list[int], reason: str) -> None:
        """Print these orders' labels again (a smudged or lost label): the labels are voided with
        the reason, then printed afresh."""
        ids = [self.model.entries()[p].row.id for p in positions if 0 <= p < len(self.model.entries())]
        if ids and reason.strip():
            self._set_reprint(reason)
            self.model.mark(ids, PrintState.WAITING)
            self._print(ids)

    def _ask_reprint(self) -> None:
        asked = self._ask(
            tr("Select the orders to print again first."),
            ReasonAsked.REPRINT,
            tr("Reprint"),
            tr("Why print the labels again?"),
        )
        if asked is not None:
            self.reprint(*asked)

    def _ask_print_error(self) -> None:
        asked = self._ask(
            tr("Select the orders whose data is wrong first."),
            ReasonAsked.PRINT_ERROR,
            tr("Print error"),
            tr("What is wrong with the order's data?"),
        )
        if asked is not None:
            self.mark_print_error(*asked)

    def _ask(
        self, none_selected: str, asked: ReasonAsked, title: str, question: str
    ) -> tuple[list[int], str] | None:
        """The selected rows and the operator's reason (a usual one or their own words), or
        None (and why) when either is missing."""
        positions = [i.row() for i in self.table.selectionModel().selectedRows()]
        if not positions:
            self._notifier.wrong(none_selected)
            return None
        reason = ask_reason(self, asked, title, question)
        if reason is None:
            return None
        return positions, reason
