"""The main window: navigation, the pages, the banner and the status bar. It only holds them;
each page is its own controller, and the frame's controllers (sync, scans, devices) live in
`ui/frame.py`.

Pages are built when first shown (or first asked for): the window paints with its frame, status
bar and first page while the other pages' modules are not even imported. `Pages` is the one
registry of them: a key, a title in the navigation, and a maker that imports its page's module
and builds it. The window reaches a page through its class (`page_as`), never by attribute name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

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
from ui import page_wiring as wiring
from ui.banner import Banner
from ui.status_bar import WorkstationStatusBar
from ui.workstation import Workstation

if TYPE_CHECKING:
    from ui.pages.order_detail import OrderDetailPage
    from ui.pages.orders import OrdersPage
    from ui.pages.pack_ship import PackShipPage
    from ui.pages.pick import PickPage
    from ui.pages.print_station import PrintStationPage

log = logging.getLogger(__name__)

P = TypeVar("P", bound=QWidget)


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


@runtime_checkable
class ShownPage(Protocol):
    """A page that wants to know each time it comes on screen (to load or refresh)."""

    def page_shown(self) -> None: ...


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str | None  # None: outside the navigation (the order, signing in)
    make: Callable[[], QWidget]


class Pages(Mapping[str, QWidget]):
    """The window's pages by key, each built the first time it is asked for (`pages[key]`).
    Iterating gives every key; `built(key)` says whether a page exists yet."""

    def __init__(self, on_built: Callable[[str, QWidget], None]) -> None:
        self._entries: dict[str, PageEntry] = {}
        self._built: dict[str, QWidget] = {}
        self._on_built = on_built

    def register(self, entry: PageEntry) -> None:
        self._entries[entry.key] = entry

    def put(self, key: str, page: QWidget) -> None:
        """A page made elsewhere (sign-in), held like the others."""
        self._entries[key] = PageEntry(key, None, lambda: page)
        self._built[key] = page
        self._on_built(key, page)

    def entries(self) -> list[PageEntry]:
        return list(self._entries.values())

    def built(self, key: str) -> bool:
        return key in self._built

    def built_pages(self) -> dict[str, QWidget]:
        return dict(self._built)

    def __getitem__(self, key: str) -> QWidget:
        page = self._built.get(key)
        if page is None:
            page = self._entries[key].make()
            self._built[key] = page
            self._on_built(key, page)
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


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
        self.pages = Pages(self._page_built)
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

        self._register_pages()
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

    def _register_pages(self) -> None:
        """Every page, registered; none built (each module is imported by its maker)."""
        ws = self.ws

        def orders() -> QWidget:
            page = wiring.orders_page(ws)
            page.print_requested.connect(self.print_orders)
            return page

        def order_detail() -> QWidget:
            page = wiring.order_detail_page(ws)
            page.print_requested.connect(self.print_orders)
            return page

        for entry in (
            PageEntry(PageKey.DASHBOARD, tr("Dashboard"), lambda: wiring.dashboard_page(ws)),
            PageEntry(PageKey.ORDERS, tr("Orders"), orders),
            PageEntry(PageKey.PRINT, tr("Print"), lambda: wiring.print_station_page(ws)),
            PageEntry(PageKey.PICK, tr("Pick"), lambda: wiring.pick_page(ws)),
            PageEntry(PageKey.PACK_SHIP, tr("Pack & Ship"), lambda: wiring.pack_ship_page(ws)),
            PageEntry(PageKey.ACTIVITY, tr("Activity"), lambda: wiring.activity_page(ws)),
            PageEntry(PageKey.FIGURES, tr("Figures"), lambda: wiring.figures_page(ws)),
            PageEntry(PageKey.SETTINGS, tr("Settings"), lambda: wiring.settings_page(ws)),
            PageEntry(PageKey.ORDER_DETAIL, None, order_detail),
        ):
            self.pages.register(entry)
            if entry.title is not None:
                self._nav_keys.append(entry.key)
                item = QListWidgetItem(entry.title)
                item.setData(Qt.ItemDataRole.UserRole, entry.key)
                self.navigation.addItem(item)

    def _page_built(self, key: str, page: QWidget) -> None:
        page.setObjectName(f"page_{key}")
        self.stack.addWidget(page)

    def page_as(self, key: str, kind: type[P]) -> P:
        """The page under `key` (built now if it was not yet), as the class the window expects."""
        page = self.pages[key]
        if not isinstance(page, kind):
            raise TypeError(f"page {key!r} is a {type(page).__name__}, not a {kind.__name__}")
        return page

    def add_page(self, key: str, page: QWidget) -> None:
        """A page outside the navigation (sign-in), shown with `show_page`."""
        self.pages.put(key, page)

    def current_key(self) -> str:
        current = self.stack.currentWidget()
        return next((k for k, p in self.pages.built_pages().items() if p is current), "")

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
        if isinstance(page, ShownPage):
            page.page_shown()
        self.page_changed.emit(key)

    def _navigated(self, row: int) -> None:
        if 0 <= row < len(self._nav_keys):
            self.show_page(self._nav_keys[row])

    # -- what other parts ask of the window -------------------------------------------------

    def open_order(self, order_id: str) -> None:
        """Show one order in the detail page."""
        from ui.pages.order_detail import OrderDetailPage

        self.page_as(PageKey.ORDER_DETAIL, OrderDetailPage).show_order(order_id)
        self.show_page(PageKey.ORDER_DETAIL)

    def pack_order(self, order_id: str) -> None:
        """The Pack & Ship station with this order on its table."""
        from ui.pages.pack_ship import PackShipPage

        self.show_page(PageKey.PACK_SHIP)
        self.page_as(PageKey.PACK_SHIP, PackShipPage).open_order(order_id)

    def verify_order(self, order_id: str) -> None:
        """The pick page verifying an order's goods for packing."""
        from ui.pages.pick import PickPage

        self.show_page(PageKey.PICK)
        self.page_as(PageKey.PICK, PickPage).verify_for_packing(order_id)

    def print_orders(self, order_ids: list[str], reprint_reason: str = "") -> None:
        """Hand orders to the print station and show it."""
        from ui.pages.print_station import PrintStationPage

        self.page_as(PageKey.PRINT, PrintStationPage).take_orders(list(order_ids), reprint_reason)
        self.show_page(PageKey.PRINT)

    def find_orders(self, text: str) -> None:
        """The order list searching for `text`."""
        self.orders_page().search_for(text)
        self.show_page(PageKey.ORDERS)

    def show_orders(self, status: str) -> None:
        """The order list filtered to a status code ("" for all)."""
        self.orders_page().show_status(status)
        self.show_page(PageKey.ORDERS)

    def orders_page(self) -> OrdersPage:
        from ui.pages.orders import OrdersPage

        return self.page_as(PageKey.ORDERS, OrdersPage)

    def order_detail_page(self) -> OrderDetailPage:
        from ui.pages.order_detail import OrderDetailPage

        return self.page_as(PageKey.ORDER_DETAIL, OrderDetailPage)

    def pick_page(self) -> PickPage:
        from ui.pages.pick import PickPage

        return self.page_as(PageKey.PICK, PickPage)

    def pack_ship_page(self) -> PackShipPage:
        from ui.pages.pack_ship import PackShipPage

        return self.page_as(PageKey.PACK_SHIP, PackShipPage)

    def print_station_page(self) -> PrintStationPage:
        from ui.pages.print_station import PrintStationPage

        return self.page_as(PageKey.PRINT, PrintStationPage)


def build_window(ws: Workstation) -> MainWindow:
    """The window alone with its first page (the dashboard, or signing in while nobody is): what
    paints before the frame's controllers, the server client and the printers are set up."""
    window = MainWindow(ws)
    window.add_page(PageKey.SIGN_IN, wiring.sign_in_page(ws))
    window.show_page(PageKey.DASHBOARD if ws.operator else PageKey.SIGN_IN)
    return window
