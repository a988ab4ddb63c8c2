"""The workstation's frame: the main window with its frame controllers (sync clock, server
switch, scan routing, sign-in, device watch, tray), wired together. `build_frame` is what the
bootstrap and the tests call; nothing here creates the core objects, it only connects what the
`Workstation` holds (the server switch has the bootstrap's factory make new server parts when
Settings mend the address: ui/reconnect.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyle, QSystemTrayIcon

from app.i18n import tr
from app.settings import THEME, TYPE_SIZE
from ui import theme
from ui.closing import CloseGuard
from ui.context import PrinterRole
from ui.main_window import MainWindow, PageKey, build_window
from ui.pages.sign_in import SignInPage
from ui.reconnect import ServerSwitch
from ui.scan_router import ScanRouter
from ui.sync_controller import SyncController, SyncOutcome
from ui.tasks import Lane
from ui.workstation import Workstation

log = logging.getLogger(__name__)

PRINTER_CHECK_MS = 20_000


class DeviceWatch(QObject):
    """Asks each printer for its state now and then (on that printer's lane) and tells the
    status bar; scanner and scale state come from whoever connects them (`set_scanner`)."""

    checked = Signal(str)  # a printer role's state was just shown

    def __init__(self, workstation: Workstation, window: MainWindow) -> None:
        super().__init__(window)
        self.ws = workstation
        self.window = window
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check_printers)
        self.timer.start(PRINTER_CHECK_MS)
        self._checking: set[str] = set()

    def check_printers(self) -> None:
        from ui.printers import printer_state

        for role in PrinterRole.ALL:
            queue = self.ws.printers.get(role)
            if queue is None:
                self.window.status.set_printer(role, configured=False)
                continue
            if role in self._checking:
                continue
            self._checking.add(role)
            self.ws.tasks.run(
                partial(printer_state, queue),
                on_success=partial(self._printer_state, role),
                on_failure=partial(self._printer_state, role),
                lane=f"{Lane.PRINTER}:{role}",
                owner=self,
            )

    def _printer_state(self, role: str, state: tuple[bool, str] | BaseException) -> None:
        """`state`: (ready, fault in words) from `printer_state`, or what the check raised."""
        self._checking.discard(role)
        if isinstance(state, BaseException):
            self.window.status.set_printer(role, ready=False, fault=str(state))
            return
        ready, fault = state
        self.window.status.set_printer(role, ready=ready, fault=fault)
        self.checked.emit(role)


class NoTypeAhead(QObject):
    """No list or table of the window acts on one letter typed at it: a scan's first key taken
    for typing once jumped the navigation to the Print page by its type-ahead. Arrows, Space
    (a tick), Enter and shortcuts still work; a cell being edited gets its letters."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        view = watched if isinstance(watched, QAbstractItemView) else None
        if view is None or view.window() is not self.window:
            return False
        if view.state() == QAbstractItemView.State.EditingState:
            return False
        mods = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        text = event.text()
        # Swallowed: a letter's type-ahead would move the selection.
        return (
            mods == Qt.KeyboardModifier.NoModifier and len(text) == 1 and text.isprintable() and text != " "
        )


@dataclass(eq=False)
class Frame:
    window: MainWindow
    sync: SyncController
    scans: ScanRouter
    sign_in: SignInPage
    devices: DeviceWatch
    tray: QSystemTrayIcon | None
    closing: CloseGuard
    typing: NoTypeAhead
    server_switch: ServerSwitch

    def close(self) -> None:
        """Stop the clocks (the window is closing); the bootstrap shuts the lanes down."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.typing)
        self.sync.stop()
        self.devices.timer.stop()
        if self.tray is not None:
            self.tray.hide()


def apply_look(ws: Workstation, window: MainWindow) -> None:
    """The type size and colours of the settings, at once (start, and each time they are saved).
    An application never given the house look (a test) keeps Qt's own while the settings ask for
    the defaults."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    size, look = ws.settings[TYPE_SIZE], ws.settings[THEME]
    current = (app.property("prepdeskTypeSize"), app.property("prepdeskTheme"))
    if current == (None, None) and (size, look) == ("normal", "light"):
        return
    if current != (size, look):
        theme.apply(app, size, look)
        window.banner.fit_height()


def build_frame(ws: Workstation, window: MainWindow | None = None) -> Frame:
    """The frame around `window` (made here when not given: `build_window`, which the bootstrap
    shows and paints first)."""
    window = window if window is not None else build_window(ws)
    apply_look(ws, window)
    # Before the router hears of a scan: the last verdict goes as the new scan comes (newest wins).
    ws.scans.scanned.connect(window.banner.new_scan)
    sign_in = window.pages[PageKey.SIGN_IN]
    assert isinstance(sign_in, SignInPage)
    sync = SyncController(ws, window)
    # Settings mend the server address or token: new clients, then a pass (ui/reconnect.py).
    server_switch = ServerSwitch(ws, window)
    router = ScanRouter(ws, window.current_page, window)
    devices = DeviceWatch(ws, window)
    tray = _tray(ws, window)
    status = window.status

    def outcome(o: SyncOutcome) -> None:
        status.set_server(online=o.online, outbox=o.outbox, last_sync=o.last_sync, problem=o.problem)

    def switched() -> None:
        # The new address or token is tried at once; nobody signed in: the names come from it.
        status.set_connecting()
        sync.sync_now()
        if ws.operator is None:
            sign_in.load()

    def operator_changed(operator: Any) -> None:
        status.set_who(operator.name if operator else "", ws.name)
        if operator is None:
            window.show_page(PageKey.SIGN_IN)
        elif window.current_key() == PageKey.SIGN_IN:
            window.show_page(PageKey.DASHBOARD)

    def order_opened(order_id: str) -> None:
        # The sync keeps this table's claim on the open order alive (thread-safe call).
        if ws.sync is not None:
            ws.sync.set_open_orders([order_id])

    def holding(order_ids: list[str]) -> None:
        # A station (pick, pack & ship) works on these orders: claimed, and kept so.
        if ws.sync is not None and frozenset(order_ids) != ws.sync.open_orders:
            ws.sync.set_open_orders(order_ids)
            sync.sync_now()

    def page_changed(key: str) -> None:
        if ws.operator is None and key not in (PageKey.SIGN_IN, PageKey.SETTINGS):
            # Nobody signed in: only Settings (to mend the server address) and signing in.
            window.show_page(PageKey.SIGN_IN)
            return
        # Away from the order or the station: the next pass gives its claims back, so another
        # table may take them. A station shown again says what it holds (`holding`).
        if key in (PageKey.ORDER_DETAIL, PageKey.PICK, PageKey.PACK_SHIP):
            return
        if ws.sync is not None and ws.sync.open_orders:
            ws.sync.set_open_orders([])
            sync.sync_now()

    sync.outcome.connect(outcome)
    server_switch.switched.connect(switched)
    if ws.sync is None:  # first start skipped: the band says so until Settings give an address
        status.set_no_server()
    sync.outbox_changed.connect(status.set_outbox)
    ws.events.sync_requested.connect(sync.sync_now)
    ws.events.settings_changed.connect(lambda: apply_look(ws, window))
    ws.events.operator_changed.connect(operator_changed)
    ws.events.open_order.connect(order_opened)
    ws.events.holding.connect(holding)
    window.page_changed.connect(page_changed)
    router.badge_scanned.connect(sign_in.sign_in_by_badge)
    sign_in.settings_asked.connect(lambda: window.show_page(PageKey.SETTINGS))
    refresh = QShortcut(QKeySequence("F5"), window)
    refresh.activated.connect(sync.sync_now)
    status.set_who(ws.operator.name if ws.operator else "", ws.name)
    devices.check_printers()
    # The window may have been on screen a moment already (the bootstrap shows it first): a page
    # the operator went to meanwhile stays; signing in is shown again (its names now fresh).
    if window.current_key() in ("", PageKey.SIGN_IN) or ws.operator is None:
        window.show_page(PageKey.DASHBOARD if ws.operator else PageKey.SIGN_IN)
    closing = CloseGuard(window, lambda: status.outbox)
    typing = NoTypeAhead(window)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(typing)
    return Frame(window, sync, router, sign_in, devices, tray, closing, typing, server_switch)


def _tray(ws: Workstation, window: MainWindow) -> QSystemTrayIcon | None:
    """A tray icon for "new orders to print", where the desktop has a tray."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        log.info("no system tray here: new-order news shows in the window only")
        return None
    icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder)
    tray = QSystemTrayIcon(icon, window)
    tray.setToolTip(tr("Prepdesk — {workstation}", workstation=ws.name))
    tray.show()
    ws.notifier.tray_message.connect(
        lambda title, text: tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)
    )
    return tray
