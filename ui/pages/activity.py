"""The activity log: who did what to which order, when, from which table — newest first.

A `QAbstractTableModel` over plain rows read on the store lane; new entries are inserted at the
top without resetting the view, so a supervisor reading it is not thrown back to the start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QSizePolicy, QTableView, QVBoxLayout, QWidget

from app import formats
from app.activity_log.entries import NEWEST, ActivityLine, newest_activity
from app.activity_log.words import action_words, detail_words
from app.i18n import tr
from ui.context import WorkstationEvents
from ui.flow import FlowLayout, fit_placeholder, fit_sections

if TYPE_CHECKING:
    from app.store import Store
    from ui.tasks import TaskRunner


Index = QModelIndex | QPersistentModelIndex


class ActivityModel(QAbstractTableModel):
    # Detail last: it is the longest and takes what width is left.
    COLUMNS = ("When", "Order", "What", "Operator", "Workstation", "From", "Detail")
    FROM = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.lines: list[ActivityLine] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's name
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        line = self.lines[index.row()]
        column = index.column()
        if column == 0:
            return formats.date_time_seconds(line.at)
        if column == 1:
            return line.order_number
        if column == 2:
            return action_words(line.action)
        if column == 3:
            return line.who
        if column == 4:
            return line.workstation or (tr("server") if line.origin != "local" else "")
        if column == 5:
            return tr("this table") if line.origin == "local" else tr("server")
        return detail_words(line.action, line.detail)

    def take(self, lines: list[ActivityLine]) -> None:
        """Show `lines` (newest first). Where they are the rows shown with new ones on top (the
        usual case), only those are inserted and the reader's place is kept; else all is reset
        (an entry fetched from the server may be older than what is shown)."""
        old = self.lines
        fresh = next((k for k, line in enumerate(lines) if old and line.id == old[0].id), None)
        if fresh is not None and [x.id for x in lines[fresh:]] == [x.id for x in old[: len(lines) - fresh]]:
            if fresh:
                self.beginInsertRows(QModelIndex(), 0, fresh - 1)
                self.lines[0:0] = lines[:fresh]
                self.endInsertRows()
            overflow = len(self.lines) - NEWEST
            if overflow > 0:
                self.beginRemoveRows(QModelIndex(), NEWEST, len(self.lines) - 1)
                del self.lines[NEWEST:]
                self.endRemoveRows()
            return
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()


class ActivityPage(QWidget):
    """The table's activity log, newest first; a double click opens the entry's order."""

    def __init__(
        self, *, tasks: TaskRunner, events: WorkstationEvents, store: Store, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks, self._events, self._store = tasks, events, store
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        header = FlowLayout(right=True)  # the search under the title when both cannot fit
        title = QLabel(tr("Activity"))
        title.setProperty("role", "title")
        self.search = QLineEdit()
        self.search.setObjectName("activity_search")
        self.search.setPlaceholderText(tr("Find by order, operator, action…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        fit_placeholder(self.search)
        title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        header.addWidget(title)
        header.addWidget(self.search)
        layout.addLayout(header)
        self.model = ActivityModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setObjectName("activity_table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Where an entry was made reads in the Workstation column (a table's name, or "server"
        # for the server's own): a column of its own left the detail a few letters at 1366×768.
        self.table.setColumnHidden(ActivityModel.FROM, True)
        # Two lines a row: a move's words ("Ready to print → Printed") wrap whole in the detail.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(2 * self.table.fontMetrics().lineSpacing() + 8)
        self.model.modelReset.connect(self._fit_columns)
        self.model.rowsInserted.connect(self._fit_columns)
        self.table.doubleClicked.connect(self._open)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(
            tr("Nothing done at this table yet: what operators do to orders appears here, newest first.")
        )
        self.empty.setProperty("role", "muted")
        self.empty.setObjectName("activity_empty")
        layout.addWidget(self.empty)
        self.model.modelReset.connect(self._empty_or_not)
        self.model.rowsInserted.connect(self._empty_or_not)
        events.synced.connect(self._synced)

    def _fit_columns(self, *_: object) -> None:
        """Every column but the detail as wide as its header and its longest text (measured over
        the few distinct values: actions, operators, tables), so the detail, last, has the rest
        of the row; a detail longer than that is elided with its whole text on hover."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        pad = 16
        for column in range(self.model.columnCount() - 1):
            if self.table.isColumnHidden(column):
                continue
            texts = {
                str(self.model.data(self.model.index(row, column)) or "")
                for row in range(min(self.model.rowCount(), 500))
            }
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0) + pad
            self.table.setColumnWidth(column, max(widest, header.sectionSizeFromContents(column).width()))
        fit_sections(header)  # the detail's title whole: the least its stretch gives it

    def page_shown(self) -> None:
        self.refresh()

    def _synced(self, *_: object) -> None:
        # Read the log again only while someone looks at it: 5,000 entries cost the store lane
        # ~0.1 s, which a scan's action would otherwise wait behind after every sync.
        if self.isVisible():
            self.refresh()

    def refresh(self, *_: object) -> None:
        store = self._store
        self._tasks.run(lambda: newest_activity(store), on_success=self.model.take, owner=self)

    def _empty_or_not(self, *_: object) -> None:
        self.empty.setVisible(not self.model.lines)

    def _open(self, index: QModelIndex) -> None:
        line = self.model.lines[self.proxy.mapToSource(index).row()]
        if line.order_id:
            self._events.open_order.emit(line.order_id)
