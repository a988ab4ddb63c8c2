"""The day in figures: per operator, today or a chosen range — orders, units, scans, wrong scans,
orders per hour — with a chart of orders finished hour by hour; and the activity log exported as
CSV for a range and an operator.

GUI thread; the figures are read on the store lane (`app.figures`), the chart is drawn by Qt.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import formats
from app.activity_log.words import operator_names, who
from app.figures import OperatorFigures, activity_csv, day_figures, hours_of
from app.i18n import tr
from ui.context import WorkstationEvents
from ui.flow import FlowLayout
from ui.theme import ACCENT, LINE, MUTED, RIGHT, WARN, set_role

if TYPE_CHECKING:
    from app.store import Store
    from ui.tasks import TaskRunner


AnyIndex = QModelIndex | QPersistentModelIndex
COLOURS = (ACCENT, RIGHT, WARN, "#7b3fa0", "#00838f", "#6d4c41")


class FiguresModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[OperatorFigures] = []
        self.names: dict[str, str] = {}
        self._headers = [
            tr("Operator"),
            tr("Orders"),
            tr("Units"),
            tr("Scans"),
            tr("Wrong scans"),
            tr("Orders/hour"),
        ]

    def show(self, rows: list[OperatorFigures], names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.names = rows, names
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        f = self.rows[index.row()] if 0 <= index.row() < len(self.rows) else None
        if f is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            name = who(f.operator, self.names) if f.operator else tr("(nobody signed in)")
            values = [name, f.orders, f.units, f.scans, f.wrong_scans, formats.decimal(f.orders_per_hour, 1)]
            return str(values[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class OrdersChart(QWidget):
    """Orders finished per hour, a bar per operator in each hour (drawn with QPainter)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(220)
        self.rows: list[OperatorFigures] = []
        self.names: dict[str, str] = {}

    def show_figures(self, rows: list[OperatorFigures], names: dict[str, str]) -> None:
        self.rows, self.names = rows, names
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        hours = hours_of(self.rows)
        area = QRectF(self.rect()).adjusted(48, 28, -12, -28)
        painter.setPen(QColor(MUTED))
        if not hours:
            painter.drawText(
                area, int(Qt.AlignmentFlag.AlignCenter), tr("No order finished in this range yet.")
            )
            return
        top = max(max(f.orders_by_hour.values(), default=0) for f in self.rows) or 1
        painter.setPen(QColor(LINE))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.setPen(QColor(MUTED))
        painter.drawText(QRectF(0, area.top() - 8, 44, 16), int(Qt.AlignmentFlag.AlignRight), str(top))
        painter.drawText(QRectF(0, area.bottom() - 8, 44, 16), int(Qt.AlignmentFlag.AlignRight), "0")
        slot = area.width() / len(hours)
        people = [f for f in self.rows if f.orders_by_hour]
        bar = max(min(slot * 0.8 / max(len(people), 1), 40.0), 2.0)
        for h, hour in enumerate(hours):
            x0 = area.left() + h * slot + (slot - bar * len(people)) / 2
            for p, f in enumerate(people):
                n = f.orders_by_hour.get(hour, 0)
                height = area.height() * n / top
                painter.fillRect(
                    QRectF(x0 + p * bar, area.bottom() - height, bar - 2, height),
                    QColor(COLOURS[p % len(COLOURS)]),
                )
            label = formats.clock(hour.replace(minute=0, second=0, microsecond=0))
            painter.drawText(
                QRectF(area.left() + h * slot, area.bottom() + 4, slot, 20),
                int(Qt.AlignmentFlag.AlignHCenter),
                label,
            )
        x = area.left()
        for p, f in enumerate(people):  # the legend, across the top
            painter.fillRect(QRectF(x, 6, 12, 12), QColor(COLOURS[p % len(COLOURS)]))
            name = who(f.operator, self.names) if f.operator else "—"
            painter.drawText(QRectF(x + 16, 2, 200, 20), int(Qt.AlignmentFlag.AlignLeft), name)
            x += 24 + painter.fontMetrics().horizontalAdvance(name)
        painter.end()


def _utc_start(day: QDate) -> datetime:
    """The start of a local day, in UTC (the store's times are UTC)."""
    local = datetime.combine(date(day.year(), day.month(), day.day()), time.min).astimezone()
    return local.astimezone(UTC)


class FiguresPage(QWidget):
    """Orders, items and scans per operator and hour over a range of days; the log as CSV."""

    def __init__(
        self, *, tasks: TaskRunner, events: WorkstationEvents, store: Store, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks, self._store = tasks, store
        title = QLabel(tr("The day in figures"))
        set_role(title, "title")
        today = QDate.currentDate()
        self.first_day = QDateEdit(today)
        self.last_day = QDateEdit(today)
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.today_button = QPushButton(tr("Today"))
        self.today_button.clicked.connect(self.show_today)
        self.operator = QComboBox()
        self.operator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # each name whole
        self.export_button = QPushButton(tr("Export the activity log (CSV)…"))
        self.export_button.clicked.connect(self._export_asked)
        self.said = QLabel()
        set_role(self.said, "muted")
        self.model = FiguresModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # The figures as wide as their titles and numbers need (a title a third longer in
        # Russian), the operator's name the rest: a few rows, measured whole.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.chart = OrdersChart()

        controls = FlowLayout(right=True)  # the operator's menu under the dates when they fill the row
        for widget in (
            QLabel(tr("From")),
            self.first_day,
            QLabel(tr("to")),
            self.last_day,
            self.today_button,
        ):
            controls.addWidget(widget)
        controls.add_stretch()
        controls.addWidget(self.operator)
        # The export beside the title: the controls' row keeps room for every name whole at
        # 1366×768 with the demo's docks.
        heading = FlowLayout(right=True)
        heading.addWidget(title)
        heading.add_stretch()
        heading.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(heading)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chart, 2)
        layout.addWidget(self.said)
        events.synced.connect(lambda _report: self.refresh() if self.isVisible() else None)

    def page_shown(self) -> None:
        self.refresh()

    def show_today(self) -> None:
        today = QDate.currentDate()
        self.first_day.setDate(today)
        self.last_day.setDate(today)

    def span(self) -> tuple[datetime, datetime]:
        first, last = self.first_day.date(), self.last_day.date()
        if last < first:
            first, last = last, first
        return _utc_start(first), _utc_start(last.addDays(1))

    def refresh(self) -> None:
        start, end = self.span()
        store = self._store

        def read() -> tuple[list[OperatorFigures], dict[str, str]]:
            return day_figures(store, start, end), operator_names(store)

        self._tasks.run(read, on_success=self._show, owner=self)

    def _show(self, result: tuple[list[OperatorFigures], dict[str, str]]) -> None:
        rows, names = result
        self.model.show(rows, names)
        self.chart.show_figures(rows, names)
        chosen = self.operator.currentData()
        self.operator.blockSignals(True)
        self.operator.clear()
        self.operator.addItem(tr("Every operator"), "")
        for f in rows:
            if f.operator:
                self.operator.addItem(who(f.operator, names), f.operator)
        index = self.operator.findData(chosen)
        self.operator.setCurrentIndex(max(index, 0))
        self.operator.blockSignals(False)

    def _export_asked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, tr("Export the activity log"), "activity.csv", "CSV (*.csv)"
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the activity log of the range (and the chosen operator) to `path` (store lane)."""
        start, end = self.span()
        store, operator = self._store, str(self.operator.currentData() or "")

        def write() -> int:
            text = activity_csv(store, start, end, operator)
            with open(path, "w", encoding="utf-8", newline="") as out:
                out.write(text)
            return text.count("\n") - 1

        def written(rows: int) -> None:
            self.said.setText(tr("{n} entries written to {path}.", n=rows, path=path))

        self._tasks.run(write, on_success=written, owner=self)
