"""The workstation's bootstrap (STYLE habit 5): opens the store, reads the settings, makes the
server client, the sync engine, the flows, the printers and the scanners, and hands them to the
frame in one `Workstation`. `prepdesk --demo` first starts a demo server and an emulated printer
(ui/demo.py). Tests build their workstation with `assemble` too.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.i18n import set_language, tr

if TYPE_CHECKING:  # Qt stays out of the imports at start, so `prepdesk --help` stays instant
    from PySide6.QtWidgets import QApplication

    from ui.context import Workstation

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
    from app.api import OrderServerClient
    from app.flows import OrderActions, ScanJournal
    from app.lanes import Lane
    from app.secrets import TokenVault
    from app.settings import LANGUAGE, SERVER_URL, SOUNDS_ON, WORKSTATION_NAME, Settings
    from app.store import Store, database_path
    from app.sync import SyncEngine
    from ui.context import Flows, Workstation
    from ui.notify import Notifier
    from ui.printers import make_item_labels, make_print_station, make_printers
    from ui.tasks import TaskRunner

    store = Store(database_path(data_dir))
    settings = Settings.load(store)
    tokens = TokenVault(data_dir)
    if server_url:
        settings["server.url"] = server_url
    if name:
        settings["workstation.name"] = name
    settings.update(settings_given or {})
    if server_url or name or settings_given:
        settings.save(store)
    if token:
        tokens.set(settings[SERVER_URL], token)
    set_language(settings[LANGUAGE])
    workstation_name = settings[WORKSTATION_NAME]
    client = photo_client = None
    sync = None
    url = settings[SERVER_URL]
    if url:
        client = OrderServerClient(url, tokens.get(url), workstation_name)
        sync = SyncEngine(store, client)
        # Photos on their own lane need their own client: a requests Session is one thread's.
        photo_client = OrderServerClient(url, tokens.get(url), workstation_name, lane=Lane.PHOTOS)
    notifier = Notifier(sounds_on=settings[SOUNDS_ON] if sounds is None else sounds)
    flows = Flows.made(OrderActions(store, "", workstation_name), ScanJournal(store, "", workstation_name))
    printers = make_printers(settings, store, workstation_name)
    return Workstation(
        name=workstation_name,
        tasks=TaskRunner(synchronous=synchronous),
        settings=settings,
        notifier=notifier,
        store=store,
        flows=flows,
        sync=sync,
        server=client,
        photo_server=photo_client,
        printers=printers,
        print_station=make_print_station(store, flows.orders, printers),
        item_labels=make_item_labels(printers),
        tokens=tokens,
    )


def settle_memory() -> None:
    """Move everything alive after start-up out of the collector's sight (gc.freeze).

    A full collection walks every object that lives in the process; with Qt, SQLAlchemy and the
    pages built that walk took 75-100 ms, on whichever thread triggered it, and stopped the GUI
    thread with it (tests/ui/test_frame_load.py caught it during a 10,000-order sync). What is
    alive once the window stands lives until the program ends, so it need not be walked again.
    """
    gc.collect()
    gc.freeze()


def shut_down(ws: Workstation) -> None:
    """Give back the claims this table holds, let the lanes finish, stop what the bootstrap
    started, close the store."""
    if ws.sync is not None and ws.sync.held_claims:
        from ui.tasks import Lane

        ws.tasks.run(ws.sync.give_back_claims, lane=Lane.SYNC)
    ws.tasks.shutdown(wait=True)
    for part in reversed(ws.extras.get("stop", [])):
        try:
            part()
        except Exception:  # one part failing to stop must not keep the others running
            log.exception("stopping a part failed")
    for client in (ws.server, ws.photo_server):
        if client is not None:
            client.close()
    ws.store.close()


def run(args: argparse.Namespace) -> int:
    """`prepdesk` without a sub-command: open the workstation (`--demo`: on a demo server)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # each start runs the migrations
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

        ws = start_demo(args)
    else:
        folder = Path(data_dir(getattr(args, "data_dir", None)))
        ws = assemble(folder)
        from app.settings import SERVER_URL

        if ws.server is None or ws.tokens is None or not ws.tokens.get(ws.settings[SERVER_URL]):
            from ui.first_start import ask_server

            answer = ask_server(workstation=ws.name)
            if answer is None:
                shut_down(ws)
                return 0 if _stop_asked.is_set() else 1
            shut_down(ws)
            ws = assemble(folder, server_url=answer[0], token=answer[1])
    return open_window(app, ws)


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


def open_window(app: QApplication, ws: Workstation) -> int:
    from ui.frame import build_frame
    from ui.scanners import connect_scanners
    from ui.window_memory import remember_window, restore_window

    _quit_when_asked(app)
    frame = build_frame(ws)
    connect_scanners(ws, frame)
    if ws.demo:
        from ui.demo import add_demo_panels

        add_demo_panels(ws, frame)
    restore_window(frame.window, ws.store)
    frame.window.show()
    settle_memory()
    frame.sync.sync_now()
    log.info(tr("Workstation {name} open", name=ws.name))
    from app import lanes

    lanes.enter(lanes.Lane.GUI)  # the screens' thread: a store write or a server call here fails loudly
    try:
        code = app.exec()
    finally:
        lanes.leave()
    remember_window(ws, frame.window)
    frame.close()
    shut_down(ws)
    return int(code)
