"""The main window: navigation, the pages, the banner and the status bar. It only holds them;
each page is its own controller, and the frame's controllers (sync, scans, devices) live in
`ui/frame.py`.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import tr
from ui.banner import Banner
from ui.context import Workstation
from ui.pages.placeholder import PlaceholderPage
from ui.status_bar import WorkstationStatusBar

log = logging.getLogger(__name__)


class PageKey:
    DASHBOARD = "dashboard"
    ORDERS = "orders"
    ORDER_DETAIL = "order_detail"
    PRINT = "print"
    PICK = "pick"
    PACK_SHIP = "pack_ship"
    ACTIVITY = "activity"
    FIGURES = "figures"
    SETTINGS = "settings"
    SIGN_IN = "sign_in"


def page_class(module: str, name: str) -> type[QWidget] | None:
    """A page class from another engineer's module, or None while that module has not landed.

    Only a missing module means "not yet": an error inside an existing module is raised.
    """
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name == module:
            return None
        raise
    return getattr(found, name, None)


class MainWindow(QMainWindow):
    """GUI thread. Navigation on the left (Ctrl+1…Ctrl+8), the page on the right."""

    page_changed = Signal(str)  # the key of the page now shown

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workstation
        self.setWindowTitle(tr("Prepdesk — {workstation}", workstation=workstation.name))
        # 1366x820, or the screen's room where it has less (a 1366x768 laptop at a packing table:
        # the status bar and the page's bottom keys stay on screen).
        room = self.screen().availableGeometry() if self.screen() is not None else None
        self.resize(min(1366, room.width()) if room else 1366, min(820, room.height()) if room else 820)
        # A fixed floor instead of one that follows the contents: the status bar's texts change
        # all day, and the window should not re-negotiate its size with the desktop each time.
        own_layout = self.layout()
        if own_layout is not None:
            own_layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(1024, 640)
        self.pages: dict[str, QWidget] = {}
        self._nav_keys: list[str] = []

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(200)
        self.navigation.currentRowChanged.connect(self._navigated)
        self.stack = QStackedWidget()
        self.banner = Banner()
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(right, 1)
        self.setCentralWidget(central)
        self.status = WorkstationStatusBar()
        self.setStatusBar(self.status)

        self._build_pages()
        workstation.notifier.said.connect(self.banner.show_message)
        workstation.tasks.failed.connect(workstation.notifier.wrong)
        workstation.tasks.busy_changed.connect(self.status.set_busy)
        workstation.events.open_order.connect(self.open_order)
        workstation.events.show_orders.connect(self.show_orders)
        workstation.events.find_orders.connect(self.find_orders)
        workstation.events.pack_order.connect(self.pack_order)
        workstation.events.verify_order.connect(self.verify_order)
        for number, key in enumerate(self._nav_keys, start=1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda key=key: self.show_page(key))

    # -- pages ------------------------------------------------------------------------------

    def _build_pages(self) -> None:
        from ui.pages.activity import ActivityPage
        from ui.pages.dashboard import DashboardPage
        from ui.pages.figures import FiguresPage
        from ui.pages.pick import PickPage
        from ui.pages.settings import SettingsPage

        ws = self.ws
        later = tr("Being built: this page arrives with its own module.")
        self._add(PageKey.DASHBOARD, tr("Dashboard"), lambda: DashboardPage(ws))
        self._add(
            PageKey.ORDERS, tr("Orders"), self._other("ui.pages.orders", "OrdersPage", tr("Orders"), later)
        )
        self._add(
            PageKey.PRINT,
            tr("Print"),
            self._other("ui.pages.print_station", "PrintStationPage", tr("Print"), later),
        )
        self._add(PageKey.PICK, tr("Pick"), lambda: PickPage(ws))
        self._add(
            PageKey.PACK_SHIP,
            tr("Pack & Ship"),
            self._other("ui.pages.pack_ship", "PackShipPage", tr("Pack & Ship"), later),
        )
        self._add(PageKey.ACTIVITY, tr("Activity"), lambda: ActivityPage(ws))
        self._add(PageKey.FIGURES, tr("Figures"), lambda: FiguresPage(ws))
        self._add(PageKey.SETTINGS, tr("Settings"), lambda: SettingsPage(ws))
        self._add(
            PageKey.ORDER_DETAIL,
            None,
            self._other("ui.pages.order_detail", "OrderDetailPage", tr("Order"), later),
        )
        self.navigation.setCurrentRow(0)
        # "Print" asked on the list or on one order: the print station takes the batch.
        for key in (PageKey.ORDERS, PageKey.ORDER_DETAIL):
            asked = getattr(self.pages[key], "print_requested", None)
            if asked is not None:
                asked.connect(self.print_orders)

    def _other(self, module: str, name: str, title: str, text: str) -> Callable[[], QWidget]:
        """A page of another module; a placeholder saying so until that module lands."""
        cls = page_class(module, name)
        if cls is None:
            log.info("%s.%s has not landed yet: showing a placeholder", module, name)
            return lambda: PlaceholderPage(title, text)
        return lambda: cls(self.ws)  # type: ignore[arg-type]  # the page convention of ui/context.py

    def _add(self, key: str, title: str | None, make: Callable[[], QWidget]) -> None:
        page = make()
        page.setObjectName(f"page_{key}")
        self.pages[key] = page
        self.stack.addWidget(page)
        if title is not None:
            self._nav_keys.append(key)
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigation.addItem(item)

    def add_page(self, key: str, page: QWidget) -> None:
        """A page outside the navigation (sign-in), shown with `show_page`."""
        page.setObjectName(f"page_{key}")
        self.pages[key] = page
        self.stack.addWidget(page)

    def current_key(self) -> str:
        current = self.stack.currentWidget()
        return next((k for k, p in self.pages.items() if p is current), "")

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_page(self, key: str) -> None:
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        nav_key = PageKey.ORDERS if key == PageKey.ORDER_DETAIL else key
        self.navigation.blockSignals(True)
        # Signing in belongs to no page of the navigation: nothing stays lit there meanwhile.
        self.navigation.setCurrentRow(self._nav_keys.index(nav_key) if nav_key in self._nav_keys else -1)
        self.navigation.blockSignals(False)
        self.navigation.setEnabled(key != PageKey.SIGN_IN)
        shown = getattr(page, "page_shown", None)
        if callable(shown):
            shown()
        self.page_changed.emit(key)

    def _navigated(self, row: int) -> None:
        if 0 <= row < len(self._nav_keys):
            self.show_page(self._nav_keys[row])

    # -- what other parts ask of the window -------------------------------------------------

    def open_order(self, order_id: str) -> None:
        """Show one order in the detail page (UI-B's `OrderDetailPage.show_order`)."""
        page = self.pages[PageKey.ORDER_DETAIL]
        show = getattr(page, "show_order", None)
        if callable(show):
            show(order_id)
        self.show_page(PageKey.ORDER_DETAIL)

    def pack_order(self, order_id: str) -> None:
        """The Pack & Ship station with this order on its table (`PackShipPage.open_order`)."""
        self.show_page(PageKey.PACK_SHIP)
        page = self.pages[PageKey.PACK_SHIP]
        open_order = getattr(page, "open_order", None)
        if callable(open_order):
            open_order(order_id)

    def verify_order(self, order_id: str) -> None:
        """The pick page verifying an order's goods for packing (`PickPage.verify_for_packing`)."""
        self.show_page(PageKey.PICK)
        page = self.pages[PageKey.PICK]
        verify = getattr(page, "verify_for_packing", None)
        if callable(verify):
            verify(order_id)

    def print_orders(self, order_ids: list[str], reprint_reason: str = "") -> None:
        """Hand orders to the print station (`PrintStationPage.take_orders`) and show it."""
        page = self.pages[PageKey.PRINT]
        take = getattr(page, "take_orders", None)
        if callable(take):
            take(list(order_ids), reprint_reason)
        self.show_page(PageKey.PRINT)

    def find_orders(self, text: str) -> None:
        """The order list searching for `text`: `OrdersPage.search_for`."""
        page = self.pages[PageKey.ORDERS]
        search = getattr(page, "search_for", None)
        if callable(search):
            search(text)
        self.show_page(PageKey.ORDERS)

    def show_orders(self, status: str) -> None:
        """The order list filtered to a status code ("" for all): `OrdersPage.show_status`."""
        page = self.pages[PageKey.ORDERS]
        show = getattr(page, "show_status", None)
        if callable(show):
            show(status)
        self.show_page(PageKey.ORDERS)
