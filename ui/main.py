"""The workstation's bootstrap (STYLE habit 5): opens the store, reads the settings, makes the
server client, the sync engine, the flows, the printers and the scanners, and hands them to the
frame in one `Workstation`. `prepdesk --demo` first starts a demo server and an emulated printer
(ui/demo.py). Tests build their workstation with `assemble` too.

The window first: `run` opens the store and the settings only (`open_table`), shows the window
with its first page, and once it has painted connects the rest (`connect_table`: the token
vault and its keyring, the server client and the sync engine, the printers), then the frame's
controllers and the scanners. What a packing table needs at once is on screen before the modules
it does not need yet (HTTP, keyring, label rendering, GS1 parsing) are imported.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.i18n import set_language, tr
from app.lanes import Lane
from app.settings import LANGUAGE, SERVER_URL, SOUNDS_ON, WORKSTATION_NAME

if TYPE_CHECKING:  # Qt stays out of the imports at start, so `prepdesk --help` stays instant
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    from app.api import OrderServerClient
    from app.first_paint import StoreUnreadable
    from app.sync import SyncEngine
    from ui.frame import Frame
    from ui.main_window import MainWindow
    from ui.workstation import Workstation

log = logging.getLogger(__name__)


def assemble(
    data_dir: str | os.PathLike[str],
    *,
    server_url: str = "",
    token: str = "",
    name: str = "",
    synchronous: bool = False,
    sounds: bool | None = None,
    settings_given: dict[str, Any] | None = None,
) -> Workstation:
    """A wired `Workstation` on the store in `data_dir`. `server_url`/`token`/`name` and
    `settings_given`, where given, are saved into the settings and the token vault first (demo
    mode, first start, tests)."""
    ws = open_table(
        data_dir,
        server_url=server_url,
        name=name,
        synchronous=synchronous,
        sounds=sounds,
        settings_given=settings_given,
    )
    connect_table(ws, data_dir, token=token)
    return ws


def open_table(
    data_dir: str | os.PathLike[str],
    *,
    server_url: str = "",
    name: str = "",
    synchronous: bool = False,
    sounds: bool | None = None,
    settings_given: dict[str, Any] | None = None,
) -> Workstation:
    """The part of a `Workstation` the window needs to paint: the store, the settings, the task
    lanes and the notifier. No flows, server client, sync, printers or token vault yet.

    A store at the newest schema, with nothing to save into it, is read for the window with a
    plain read-only sqlite3 read (app/first_paint.py) and its `Store` connected after the paint,
    on a worker (`open_window`): SQLAlchemy stays out of the first paint. A new file, one an
    upgrade is due on (backup first), or one to save into is opened at once, as before. A damaged
    file raises `StoreUnreadable`, and nothing is changed in it."""
    from app.first_paint import read_first_paint
    from app.settings import Settings
    from app.store.db import Store
    from app.store.paths import database_path
    from ui.notify import Notifier
    from ui.tasks import TaskRunner
    from ui.workstation import Workstation

    path = database_path(data_dir)
    first = read_first_paint(path, Store.head_revision())
    saving = bool(server_url or name or settings_given)
    later = first.paints_before_the_store and not saving
    store = Store(path, connect_later=later)
    settings = Settings.load(store, rows=first.settings if later else None)
    if server_url:
        settings[SERVER_URL] = server_url
    if name:
        settings[WORKSTATION_NAME] = name
    settings.update(settings_given or {})
    if saving:
        settings.save(store)
    set_language(settings[LANGUAGE])
    workstation_name = settings[WORKSTATION_NAME]
    notifier = Notifier(sounds_on=settings[SOUNDS_ON] if sounds is None else sounds)
    return Workstation(
        name=workstation_name,
        tasks=TaskRunner(synchronous=synchronous),
        settings=settings,
        notifier=notifier,
        store=store,
    )


def connect_table(ws: Workstation, data_dir: str | os.PathLike[str], *, token: str = "") -> None:
    """What `open_table` left out: the flows, the token vault (`token` saved into it first, where
    given), the server clients and the sync engine where a server is set up, the printers."""
    from app.flows import OrderActions, ScanJournal
    from app.secrets import TokenVault
    from ui.printers import make_item_labels, make_print_station, make_printers
    from ui.workstation import Flows

    settings, store = ws.settings, ws.store
    if ws.flows is None:
        code = ws.operator_code
        ws.flows = Flows.made(OrderActions(store, code, ws.name), ScanJournal(store, code, ws.name))
    tokens = TokenVault(data_dir)
    if token:
        tokens.set(settings[SERVER_URL], token)
    url = settings[SERVER_URL]
    if url:
        ws.server, ws.sync, ws.photo_server = server_parts(ws, url, tokens.get(url))
    ws.printers = make_printers(settings, store, ws.name)
    ws.print_station = make_print_station(store, ws.flows.orders, ws.printers)
    ws.item_labels = make_item_labels(ws.printers)
    ws.tokens = tokens


def server_parts(
    ws: Workstation, url: str, token: str
) -> tuple[OrderServerClient, SyncEngine, OrderServerClient]:
    """The server client, its sync engine and the photos' client for `url` and `token`, carrying
    who works at the table. Nothing here calls the server. The bootstrap calls it, and the sync
    lane when Settings mend the address or the token (ui/reconnect.py)."""
    from app.api import OrderServerClient
    from app.sync import SyncEngine

    server = OrderServerClient(url, token, ws.name)
    sync = SyncEngine(ws.store, server)  # the engine's client belongs to the sync lane
    # Photos on their own lane need their own client: a requests Session is one thread's.
    photos = OrderServerClient(url, token, ws.name, lane=Lane.PHOTOS)
    for client in (server, photos):
        client.operator = ws.operator_code or None  # who works at the table, if anyone yet
    return server, sync, photos


def has_token(ws: Workstation) -> bool:
    """Whether the table can talk to its server: an address and a token for it."""
    return ws.server is not None and ws.tokens is not None and bool(ws.tokens.get(ws.settings[SERVER_URL]))


def settle_memory() -> None:
    """Once the window stands: see `ui.memory.settle`."""
    from ui.memory import settle

    settle()


def shut_down(ws: Workstation) -> None:
    """Give back the claims this table holds, let the lanes finish, stop what the bootstrap
    started, close the store."""
    if ws.sync is not None and ws.sync.held_claims:
        from ui.tasks import Lane

        ws.tasks.run(ws.sync.give_back_claims, lane=Lane.SYNC)
    ws.tasks.shutdown(wait=True)
    for part in reversed(ws.stops):
        try:
            part()
        except Exception:  # one part failing to stop must not keep the others running
            log.exception("stopping a part failed")
    for client in (ws.server, ws.photo_server):
        if client is not None:
            client.close()
    ws.store.close()
    ws.closed = True


def run(args: argparse.Namespace) -> int:
    """`prepdesk` without a sub-command: open the workstation (`--demo`: on a demo server)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # an upgrade's steps are not news
    from ui.memory import limit_arenas

    limit_arenas()  # before any lane's thread starts
    _catch_stop_signals()
    if not has_display():
        if not getattr(args, "demo", False):
            print(
                tr(
                    "No display: Prepdesk is a desktop program and needs a screen (DISPLAY or "
                    "WAYLAND_DISPLAY). To run it without one, set QT_QPA_PLATFORM=offscreen."
                ),
                file=sys.stderr,
            )
            return 2
        # Demo mode on a machine with no screen (a server, a container): it runs all the same,
        # offscreen, so the demo server, printer and workstation can be tried from a terminal.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        log.warning(tr("No display: the demo workstation runs offscreen; nothing shows. Ctrl+C stops it."))
    from PySide6.QtWidgets import QApplication

    from app.store import data_dir
    from ui import theme

    found = QApplication.instance()
    app = found if isinstance(found, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Prepdesk")
    theme.apply(app)
    _quit_when_asked(app)  # from here on: the first-start dialog obeys a stop too
    if getattr(args, "demo", False):
        from ui.demo import start_demo

        return open_window(app, start_demo(args))
    folder = Path(data_dir(getattr(args, "data_dir", None)))
    from app.first_paint import StoreUnreadable

    try:
        ws = open_table(folder)
    except StoreUnreadable as unreadable:
        say_unreadable(unreadable)
        return 1
    if not ws.settings[SERVER_URL]:
        # No server set up: the first-start dialog comes before any window.
        answered = ask_first_start(ws, folder)
        if answered is None:
            return 0 if _stop_asked.is_set() else 1
        ws = answered
    return open_window(app, ws, folder)


def say_unreadable(unreadable: StoreUnreadable) -> None:
    """A store file that cannot be read, said where the person starting the program sees it (a
    dialog on a screen, the log and the terminal always); the program then ends."""
    message = unreadable.message
    log.error("%s", message)
    print(message, file=sys.stderr)
    if os.environ.get("QT_QPA_PLATFORM") not in ("offscreen", "minimal"):
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, tr("Prepdesk cannot start"), message)


def ask_first_start(ws: Workstation, folder: Path) -> Workstation | None:
    """The first-start dialog; the table re-opened on the server it names (None: the person
    closed it, and `ws` is shut down)."""
    from ui.first_start import ask_server

    answer = ask_server(workstation=ws.name)
    shut_down(ws)
    if answer is None:
        return None
    return assemble(folder, server_url=answer[0], token=answer[1])


def has_display() -> bool:
    """Whether Qt has a screen to open the window on (or was told which platform to use)."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


_stop_asked = threading.Event()


def _catch_stop_signals() -> None:
    """Ctrl-C in the terminal or a service manager's SIGTERM closes the program properly, so demo
    mode's server and printer are stopped too — also when it comes while the program is still
    starting. The handler only notes the request; `_quit_when_asked` acts on it."""
    _stop_asked.clear()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: _stop_asked.set())


def _quit_when_asked(app: QApplication) -> None:
    """Quit from inside the event loop once a stop was asked. (Python sees a signal only when it
    runs: this timer lets it run now and then while Qt waits; and a quit() asked before the loop
    runs would be lost, which a check made from inside the loop cannot be.)"""
    from PySide6.QtCore import QTimer

    from ui.stopping import obey_stop

    if app.findChild(QTimer, "stop_watch") is not None:
        return
    wake = QTimer(app)
    wake.setObjectName("stop_watch")
    # Inside any loop, a modal dialog's included: every dialog ends, then the main loop.
    wake.timeout.connect(lambda: obey_stop(app) if _stop_asked.is_set() else None)
    wake.start(250)


def open_window(app: QApplication, ws: Workstation, folder: Path | None = None) -> int:
    """Show the window at once, connect the rest once it has painted, run until it closes.
    `folder`: where `ws` was opened, when its server clients and printers are still to come
    (`open_table`); None for a workstation already connected (demo mode)."""
    from app.first_paint import unsent_changes
    from ui.main_window import build_window

    _quit_when_asked(app)
    from ui.language import apply_to_qt

    apply_to_qt(app)  # Qt's own words and number widgets in the language chosen at the table's opening
    window = build_window(ws)
    # The last known count in the status bar from the first paint: a plain read, no SQLAlchemy.
    window.status.set_outbox(unsent_changes(ws.store.path))
    restore_window(window, ws)
    frames: list[Frame] = []

    def rest() -> None:
        try:
            frame = finish_start(app, ws, window, folder)
        except Exception:  # a table half set up must not look open: say why and stop
            log.exception(tr("The workstation could not finish starting"))
            app.exit(1)
            return
        if frame is not None:
            frames.append(frame)

    def warm_then_rest() -> None:
        # The store connected and the modules the rest needs imported on a worker, so the window
        # answers meanwhile; the rest is then set up on the GUI thread.
        def connect_and_warm() -> None:
            ws.store.connect()  # SQLAlchemy and the engine, after the paint (see `open_table`)
            warm_up()

        ws.tasks.run(
            connect_and_warm, on_success=lambda _done: rest(), on_failure=lambda _error: rest(), lane="start"
        )

    _after_first_paint(window, warm_then_rest)
    window.show()
    from app import lanes

    lanes.enter(lanes.Lane.GUI)  # the screens' thread: a store write or a server call here fails loudly
    try:
        code = app.exec()
    finally:
        lanes.leave()
    if frames:
        from ui.window_memory import remember_window

        remember_window(ws, window)
        frames[0].close()
    shut_down(ws)
    return int(code)


def warm_up() -> None:
    """Worker, after the first paint: import what `connect_table` and the frame need (HTTP,
    keyring and its backend, printers and label rendering, GS1 parsing), off the GUI thread."""
    import importlib

    for module in (
        "app.api",
        "app.sync",
        "app.flows",
        "app.secrets",
        "ui.printers",
        "ui.frame",
        "ui.scanners",
    ):
        importlib.import_module(module)
    from app.scan.gs1 import parse_gs1

    parse_gs1("0109506000134352")  # biip's tables, before a GS1 scan needs them
    try:
        import keyring
    except ImportError:
        return
    keyring.get_keyring()  # the keyring picks its backend once (the token vault asks it next)


def restore_window(window: QMainWindow, ws: Workstation) -> None:
    from ui.window_memory import restore_window as restore

    restore(window, ws.store)


def finish_start(app: QApplication, ws: Workstation, window: MainWindow, folder: Path | None) -> Frame | None:
    """After the first paint: the server client, sync and printers (where still to come), the
    frame's controllers, the scanners, the demo panels; then the first sync pass."""
    from ui.frame import build_frame
    from ui.scanners import connect_scanners

    if folder is not None:
        connect_table(ws, folder)
        if not has_token(ws):
            # An address without its token (a lost keyring entry): ask, as at the first start.
            from ui.first_start import ask_server

            answer = ask_server(workstation=ws.name)
            if answer is None:
                app.quit()
                return None
            ws.settings[SERVER_URL] = answer[0]
            ws.settings.save(ws.store)
            connect_table(ws, folder, token=answer[1])
    frame = build_frame(ws, window)
    connect_scanners(ws, frame)
    if ws.demo:
        from ui.demo import add_demo_panels

        add_demo_panels(ws, frame)
        restore_window(window, ws)  # again: the docks it remembers exist now
    frame.sync.sync_now()
    log.info(tr("Workstation {name} open", name=ws.name))
    settle_memory()
    _give_back_now_and_then(window)
    return frame


def _give_back_now_and_then(window: QWidget) -> None:
    from PySide6.QtCore import QTimer

    from ui.memory import GIVE_BACK_MS, give_back

    timer = QTimer(window)
    timer.timeout.connect(give_back)
    timer.start(GIVE_BACK_MS)


def _after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Call `then` from the event loop once `window` has painted (or after a second, on a
    platform that never asks it to paint)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    called: list[bool] = []

    def once() -> None:
        if not called:
            called.append(True)
            then()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, once)
            return False

    spy = FirstPaint(window)
    window.installEventFilter(spy)
    QTimer.singleShot(1000, once)
