"""One packing table's running parts: the `Workstation`, filled once by the bootstrap
(`ui/main.py`) and held by the frame (`ui/frame.py`, `ui/main_window.py`, `ui/page_wiring.py`).

Pages, panels and models never see it: `ui/page_wiring.py` hands each page the few typed
services it uses (ui/context.py says how), and an import-linter contract keeps it that way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.domain.people import Operator  # a person signed in at the table; code goes out as X-Operator
from ui.context import ScanBus, WorkstationEvents

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
    from printing.emulator import PrinterEmulator
    from ui.notify import Notifier
    from ui.tasks import TaskRunner


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
    """One packing table's running parts, wired by `ui/main.py` (`assemble`) and held by the
    frame; `ui/page_wiring.py` hands each page what it uses. Threads: `store` and `flows` are used on the store lane, `sync` and `server` on the
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
    # What the bootstrap stops when the program ends, last started first (scanners, the demo's
    # server, printer and folder).
    stops: list[Callable[[], None]] = field(default_factory=list)
    printer_emulator: PrinterEmulator | None = None  # demo mode's emulated label printer
    closed: bool = False  # shut down (ui.main.shut_down) already

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
