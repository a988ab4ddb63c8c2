"""What every page of the workstation is given: the `Workstation`, filled once by the bootstrap.

Page convention (every page and panel in `ui/pages/`, `ui/panels/`)::

    class SomePage(QWidget):
        def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None

A page keeps `workstation` and reaches everything through it: no globals, no looking things up
by name (STYLE.md habit 5). Work that touches the store, the server or a printer goes through
`workstation.tasks.run(...)` (ui/tasks.py), never on the GUI thread.

Scans: the frame receives every scan (wedge, serial, virtual scanner) from `workstation.scans`
and offers it first to the page on screen, if that page has
`handle_scan(text: str) -> bool`; a page returns True when it used the scan. Otherwise the frame
acts on it: an order label (`PDO-…`) opens the order (`events.open_order`), a badge (`PDB-…`)
signs an operator in, a parcel's tracking number opens the order it belongs to, and a product
code shows the orders that hold it (`events.find_orders`).

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

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal

from app.domain.people import Operator  # a person signed in at the table; code goes out as X-Operator
from app.i18n import tr

if TYPE_CHECKING:
    from app.api import OrderServerClient
    from app.flows import OrderActions, ScanJournal
    from app.print_queue import PrintQueue
    from app.print_station import PrintStation
    from app.secrets import TokenVault
    from app.settings import Settings
    from app.stations.item_labels import ItemLabelPrinter
    from app.stations.pick_station import PickStation
    from app.store import Store
    from app.sync import SyncEngine
    from devices.scale import Scale
    from ui.notify import Notifier
    from ui.tasks import TaskRunner


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


@dataclass(eq=False)
class Flows:
    """The use cases of `app.flows`, made once for this table (they carry the operator)."""

    orders: OrderActions
    scans: ScanJournal
    pick: PickStation | None = None  # made from the two above by `Flows.made`

    @classmethod
    def made(cls, orders: OrderActions, scans: ScanJournal) -> Flows:
        from app.stations.pick_station import PickStation
        from app.store.queries import alias_sku

        return cls(orders, scans, PickStation(orders.store, orders, scans, aliases=alias_sku))


@dataclass(eq=False)
class Workstation:
    """One packing table's running parts, wired by `ui/main.py` (`assemble`) and handed to every
    page. Threads: `store` and `flows` are used on the store lane, `sync` and `server` on the
    sync lane, `photo_server` on the photos lane, each print queue on its printer's lane
    (ui/tasks.py)."""

    name: str  # the workstation's name, sent as X-Workstation
    tasks: TaskRunner
    settings: Settings
    notifier: Notifier
    scans: ScanBus = field(default_factory=ScanBus)
    events: WorkstationEvents = field(default_factory=WorkstationEvents)
    store: Store = None  # type: ignore[assignment]  # always set by the bootstrap
    flows: Flows | None = None
    sync: SyncEngine | None = None  # None: no server set up yet
    server: OrderServerClient | None = None
    # A second client on the same server for product photos, with its own requests Session
    # (a Session is not shared between threads), so photos need not wait behind a sync pass.
    photo_server: OrderServerClient | None = None
    printers: Mapping[str, PrintQueue] = field(default_factory=dict)  # roles without a printer are absent
    scale: Scale | None = None
    operator: Operator | None = None
    tokens: TokenVault | None = None  # where the server token is kept (app.secrets)
    print_station: PrintStation | None = None  # where a shipping-label printer is set up
    item_labels: ItemLabelPrinter | None = None  # where an item-label printer is set up
    demo: bool = False
    extras: dict[str, Any] = field(default_factory=dict)  # demo parts to stop at exit, etc.

    def sign_in(self, operator: Operator | None) -> None:
        """Make `operator` the one every action is attributed to (GUI thread).

        The flows, the scan journal and the server client carry the operator's code from now on
        (the X-Operator header, the activity log, the outbox entries).
        """
        self.operator = operator
        code = operator.code if operator else ""
        if self.flows is not None:
            self.flows.orders.operator = code
            self.flows.scans.operator = code
        for client in (self.server, self.photo_server):
            if client is not None:
                client.operator = code or None
        for queue in self.printers.values():
            queue.operator = code
        self.events.operator_changed.emit(operator)

    @property
    def operator_code(self) -> str:
        return self.operator.code if self.operator else ""
