"""What the pages share with the frame: the frame-wide events, the scan bus, the printers' roles,
and `Later`, the type of a service that comes after the first paint.

Page convention (every page and panel in `ui/pages/`, `ui/panels/`): a page receives the few
typed services it uses, by keyword, and nothing else::

    class SomePage(QWidget):
        def __init__(self, *, tasks: TaskRunner, events: WorkstationEvents, store: Store,
                     orders: Later[OrderActions], parent: QWidget | None = None) -> None

`ui/page_wiring.py` makes each page from the table's `Workstation` (ui/workstation.py), the one
place that knows them all; no page, panel or model imports the `Workstation` (an import-linter
contract). A service the table has only once it is connected (the flows, the server clients,
the sync engine, the printers) or that changes while it runs (a server address mended in
Settings) comes as `Later[T]`: asked for at each use, None while there is none. Work that
touches the store, the server or a printer goes through `tasks.run(...)` (ui/tasks.py), never on
the GUI thread.

Scans: the frame receives every scan (wedge, serial, virtual scanner) from the `ScanBus` and
offers it first to the page on screen, if that page has `handle_scan(text: str) -> bool`; a page
returns True when it used the scan. Otherwise the frame acts on it: an order label (`PDO-…`)
opens the order (`events.open_order`), a badge (`PDB-…`) signs an operator in, a parcel's
tracking number opens the order it belongs to, and a product code shows the orders that hold it
(`events.find_orders`).

Frame-wide events (`workstation.events`): a page asks the window to show something by emitting
a signal, it never calls the window:
- `open_order(order_id)`: show that order in the order detail page;
- `show_orders(status)`: show the order list filtered to a status code ("" = all);
- `find_orders(text)`: show the order list searching for `text` (a product code, a tracking number);
- `synced(report)`: a sync round finished (emitted by the frame, pages refresh);
- `operator_changed(operator)`: who now works at the table (None = signed out);
- `settings_changed()`: settings were saved;
- `sync_requested()`: sync now (F5, a button); the frame's sync controller listens;
- `changed(changes)`: what an operation or a sync pass wrote (`app.operations.Changes`, emitted
  by `ui/operation.py` and the sync controller): screens refresh those orders, and the sync
  controller starts a pass when the outbox grew;
- `pack_order(order_id)`: show that order at the Pack & Ship station (its parcel waiting for a
  tracking number, say);
- `verify_order(order_id)`: verify that order's goods by scan at the pick page, then pack it
  (the table verifies at packing: `stations.verify_at`);
- `holding(order_ids)`: the orders the station on screen works on (a list of ids, [] for none);
  the frame has the sync claim them for this table and keep the claims alive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeAlias, TypeVar

from PySide6.QtCore import QObject, Signal

from app.i18n import tr

T = TypeVar("T")

# A service the table has once it is connected, or that is made anew while it runs (a server
# address mended in Settings): the page asks for it at each use, None while there is none.
Later: TypeAlias = Callable[[], T | None]


class PrinterRole:
    """The printers a table has, by what they print (as app/print_station.py and the settings name them)."""

    SHIPPING_LABEL = "shipping_label"
    ITEM_LABEL = "item_label"
    DOCUMENTS = "documents"

    ALL = (SHIPPING_LABEL, ITEM_LABEL, DOCUMENTS)

    @staticmethod
    def label(role: str) -> str:
        return {
            PrinterRole.SHIPPING_LABEL: tr("Shipping labels"),
            PrinterRole.ITEM_LABEL: tr("Item labels"),
            PrinterRole.DOCUMENTS: tr("Documents"),
        }.get(role, role)

    @staticmethod
    def short_label(role: str) -> str:
        """For the status bar, where space is short."""
        return {
            PrinterRole.SHIPPING_LABEL: tr("Labels"),
            PrinterRole.ITEM_LABEL: tr("Item labels"),
            PrinterRole.DOCUMENTS: tr("Documents"),
        }.get(role, role)


class ScanSource(Protocol):
    """Anything that emits scanned strings on the GUI thread (wedge, serial reader, virtual)."""

    @property
    def scanned(self) -> Any:  # a Qt SignalInstance carrying (text: str)
        ...


class ScanBus(QObject):
    """All scanners of the table feed this one signal; the frame routes each scan (see above)."""

    scanned = Signal(str)

    def feed(self, text: str) -> None:
        """A scan arrived (GUI thread). Scanners connect their own signal to this slot."""
        text = text.strip()
        if text:
            self.scanned.emit(text)


class WorkstationEvents(QObject):
    """Frame-wide signals; see the module docstring for who emits and who listens."""

    open_order = Signal(str)
    show_orders = Signal(str)
    find_orders = Signal(str)
    synced = Signal(object)
    operator_changed = Signal(object)
    settings_changed = Signal()
    sync_requested = Signal()
    holding = Signal(object)  # list[str]: the orders the station on screen holds
    pack_order = Signal(str)
    verify_order = Signal(str)
    changed = Signal(object)  # app.operations.Changes: what an operation or a sync pass wrote
