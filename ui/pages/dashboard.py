"""The dashboard: how many orders stand in each status, as prep centers know it from their
platforms, in tiles readable from a step away. A tile opens the order list filtered to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app import formats
from app.domain import OrderStatus
from app.figures import StatusCounts, status_counts
from app.i18n import ntr, tr
from ui.context import WorkstationEvents
from ui.flow import FlowLayout, together
from ui.theme import ink, set_role

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.store import Store
    from ui.tasks import TaskRunner


S = OrderStatus

# The tiles that are not a plain status. OrdersPage.show_status takes a status code ("" for
# all), "failed_pushes" or "notices"; "shipped today" opens the shipped orders.
SHIPPED_TODAY = "7.1:today"
FAILED_PUSHES = "failed_pushes"
NOTICES = "notices"
LIST_FILTER = {SHIPPED_TODAY: S.SHIPPED.value}

TILES: tuple[tuple[str, str], ...] = (
    (S.READY_TO_PRINT.value, "Ready to print"),
    (S.AWAITING_STOCK.value, "Awaiting stock"),
    (S.PRINT_ERROR.value, "Print error"),
    (S.PRINTED.value, "Printed"),
    (S.COLLECTED.value, "Collected"),
    (SHIPPED_TODAY, "Shipped today"),
    (FAILED_PUSHES, "Failed pushes"),
    (NOTICES, "Need attention"),
)
ALERT_WHEN_NONZERO = {S.PRINT_ERROR.value, FAILED_PUSHES, NOTICES}


class StatusTile(QPushButton):
    """One count, large, with its status under it; the whole tile is one button."""

    def __init__(self, key: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"tile_{key}")
        self.setProperty("role", "tile")
        self.setMinimumSize(150, 132)  # four in a row in ~660 px (the demo's docks open)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        column = QVBoxLayout(self)
        column.setContentsMargins(18, 12, 18, 12)
        self.number = QLabel("–")
        self.number.setStyleSheet("font-size: 40pt; font-weight: 800; background: transparent;")
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("font-size: 13pt; background: transparent;")
        self.caption.setWordWrap(True)  # a narrow window: "Ready to print · 5.1" on two lines, whole
        for label in (self.number, self.caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            column.addWidget(label)
        self.setAccessibleName(caption)

    def set_count(self, count: int | None, alert: bool) -> None:
        self.number.setText("–" if count is None else formats.number(count))
        set_role(self, "tile-alert" if alert else "tile")
        colour = "#c0141f" if alert else ink()
        self.number.setStyleSheet(
            f"font-size: 40pt; font-weight: 800; background: transparent; color: {colour};"
        )


class DashboardPage(QWidget):
    """Counts from the store (store lane), refreshed after every sync and when shown."""

    def __init__(
        self,
        *,
        tasks: TaskRunner,
        events: WorkstationEvents,
        store: Store,
        table_name: str,
        sign_out: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks, self._store = tasks, store
        self.counts: StatusCounts | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        # The title and its two buttons flow: a long title (a long table name, Russian) puts
        # the buttons on a row of their own under it, at the right.
        header = FlowLayout(spacing=12, right=True)
        title = QLabel(tr("Today at {workstation}", workstation=table_name))
        title.setProperty("role", "title")
        title.setWordWrap(True)
        title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.sync_button = QPushButton(tr("Sync now (F5)"))
        self.sync_button.setObjectName("sync_now")
        self.sync_button.clicked.connect(events.sync_requested)
        self.switch_button = QPushButton(tr("Switch operator"))
        self.switch_button.setObjectName("switch_operator")
        self.switch_button.clicked.connect(lambda: sign_out())
        header.addWidget(title)
        header.addWidget(together(self.switch_button, self.sync_button))
        layout.addLayout(header)
        self.unsent = QLabel()
        self.unsent.setProperty("role", "muted")
        layout.addWidget(self.unsent)
        layout.addSpacing(12)

        grid = QGridLayout()
        grid.setSpacing(16)
        self.tiles: dict[str, StatusTile] = {}
        for index, (key, caption) in enumerate(TILES):
            code = "" if key in (FAILED_PUSHES, NOTICES) else " · " + key.split(":")[0]
            tile = StatusTile(key, tr(caption) + code)
            wanted = LIST_FILTER.get(key, key)
            tile.clicked.connect(lambda _=False, wanted=wanted: events.show_orders.emit(wanted))
            self.tiles[key] = tile
            grid.addWidget(tile, index // 4, index % 4)
        layout.addLayout(grid)
        layout.addStretch(1)
        self._show(None)
        events.synced.connect(self.refresh)

    def page_shown(self) -> None:
        self.refresh()

    def refresh(self, *outcome: object) -> None:
        """After a sync pass its outcome carries the counts: shown at once, before the frame
        announces new orders (the tiles never read 0 under "39 new orders"); else read them."""
        counts = getattr(outcome[0], "counts", None) if outcome else None
        if isinstance(counts, StatusCounts):
            self._show(counts)
            return
        store = self._store
        self._tasks.run(lambda: status_counts(store), on_success=self._show, owner=self)

    def value(self, key: str) -> int:
        c = self.counts
        if c is None:
            return 0
        if key == SHIPPED_TODAY:
            return c.shipped_today
        if key == FAILED_PUSHES:
            return c.failed_pushes
        if key == NOTICES:
            return c.notices
        return c.by_status.get(OrderStatus(key), 0)

    def _show(self, counts: StatusCounts | None) -> None:
        self.counts = counts
        for key, _title in TILES:
            n = self.value(key)
            self.tiles[key].set_count(None if counts is None else n, bool(n) and key in ALERT_WHEN_NONZERO)
        if counts is not None:
            self.unsent.setText(
                tr("All changes sent to the server.")
                if counts.unsent_changes == 0
                else ntr(
                    "{n} change waits to be sent to the server.",
                    "{n} changes wait to be sent to the server.",
                    counts.unsent_changes,
                )
            )
