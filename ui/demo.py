"""Demo mode (`prepdesk --demo`): the reference server with demo orders in a temporary folder, an
emulated label printer, an on-screen scanner, and the workstation signed in — the whole flow in
five minutes with no hardware. Everything it starts is stopped when the window closes.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QDockWidget, QScrollArea, QStyle, QWidget

from app.i18n import tr
from ui.context import PrinterRole
from ui.main import assemble
from ui.tasks import Lane
from ui.workstation import Workstation

log = logging.getLogger(__name__)

DEMO_ORDERS = 60
DEMO_TABLE = "demo-table"


def _start_printer_emulator(folder: Path) -> tuple[dict[str, str], Any]:
    """(printer URI per role, the emulated label printer): both label roles print to the
    emulated Zebra on loopback; the documents (pick lists, packing slips: PDF) go to a folder."""
    from printing.emulator import start_emulator

    printer = start_emulator()
    documents = folder / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    uris = {
        f"printer.{PrinterRole.SHIPPING_LABEL}": printer.uri,
        f"printer.{PrinterRole.ITEM_LABEL}": printer.uri,
        f"printer.{PrinterRole.DOCUMENTS}": documents.as_uri(),
    }
    return uris, printer


def start_demo(args: argparse.Namespace) -> Workstation:
    """Start the demo server and printer, and a workstation on a fresh store wired to them."""
    from server.harness import start_server

    folder = Path(tempfile.mkdtemp(prefix="prepdesk-demo-"))
    log.info("demo: its data, labels and documents go to %s (removed when it closes)", folder)
    stops: list[Callable[[], None]] = [lambda: shutil.rmtree(folder, ignore_errors=True)]
    log.info(
        "demo: starting the order server with %d orders", getattr(args, "demo_orders", None) or DEMO_ORDERS
    )
    server = start_server(in_process=False, demo_orders=getattr(args, "demo_orders", None) or DEMO_ORDERS)
    stops.append(server.stop)
    printers, printer = _start_printer_emulator(folder)
    stops.append(printer.stop)
    ws = assemble(
        folder / "workstation",
        server_url=server.url,
        token=server.token,
        name=DEMO_TABLE,
        settings_given={**printers, "sync.interval_s": 15},
    )
    ws.demo = True
    ws.stops.extend(stops)
    ws.printer_emulator = printer
    return ws


def _tabs_width(window: QWidget, docks: list[QDockWidget]) -> int:
    """The width the docks' tabs need side by side, each name whole (as a QTabBar lays them)."""
    metrics = QFontMetrics(window.font())
    space = window.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace)
    return sum(metrics.horizontalAdvance(d.windowTitle()) + space + 8 for d in docks)


def add_demo_panels(ws: Workstation, frame: Any) -> None:
    """The virtual scanner (and UI-B's printed-labels panel) docked beside the pages; the token's
    own operator signed in as soon as the server names them."""
    from ui import page_wiring as wiring

    window = frame.window
    scanner = wiring.virtual_scanner_panel(ws)
    dock = QDockWidget(tr("Virtual scanner"), window)
    dock.setObjectName("dock_virtual_scanner")
    dock.setWidget(scanner)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    labels_dock = QDockWidget(tr("Printed labels"), window)
    labels_dock.setObjectName("dock_printed_labels")
    # In a scroll area: the panel asks for ~450 px, and the pages need the screen more.
    holder = QScrollArea()
    holder.setWidgetResizable(True)
    holder.setWidget(wiring.printed_labels_panel(ws))
    labels_dock.setWidget(holder)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, labels_dock)
    window.tabifyDockWidget(dock, labels_dock)
    dock.raise_()
    # The pages keep most of the screen: the docks start narrow (the operator may widen them),
    # but never so narrow that their tabs' names are cut ("Virtual sca…").
    # (Once the window stands: before it is shown the dock has no width to give back.)
    width = max(300, _tabs_width(window, [d for d in window.findChildren(QDockWidget)]))
    for each in window.findChildren(QDockWidget):
        each.setMinimumWidth(width)
    QTimer.singleShot(0, lambda: window.resizeDocks([dock], [width], Qt.Orientation.Horizontal))
    window.status.set_scanner(True, tr("virtual"))
    frame.sign_in.load()
    server = ws.server
    assert server is not None  # demo mode always has its server
    ws.tasks.run(
        server.me,
        on_success=lambda me: ws.sign_in(me.operator),
        lane=Lane.SYNC,  # the server client belongs to the sync thread
        owner=window,
    )
    scanner.refresh()
