"""Where each page and panel gets its services: the one place that knows the whole `Workstation`
and hands every page only the few typed services it uses (ui/context.py says how a page takes
them). The main window's page registry and the demo's docks make their pages here; so do the
tests.

A service the table has only once it is connected, or that is made anew while it runs, is passed
as `Later[T]` (a lambda reading the workstation at each use): the flows, the server clients, the
sync engine, the printers. Each page module is imported by its maker, when the page is first
built, so the window paints before the modules of pages nobody opened are loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from ui.workstation import Workstation

if TYPE_CHECKING:
    from app.domain import Order, ServiceOffer
    from app.domain.product import Product
    from app.flows import OrderActions
    from app.print_queue import PrintQueue
    from app.stations.pack import PackSession
    from app.stations.reprint import Reprints
    from app.stations.services import ServiceDesk
    from ui.pages.activity import ActivityPage
    from ui.pages.dashboard import DashboardPage
    from ui.pages.figures import FiguresPage
    from ui.pages.order_detail import OrderDetailPage
    from ui.pages.orders import OrdersPage
    from ui.pages.pack_ship import PackShipPage
    from ui.pages.pick import PickPage
    from ui.pages.print_station import PrintStationPage
    from ui.pages.settings import SettingsPage
    from ui.pages.sign_in import SignInPage
    from ui.panels.printed_labels import PrintedLabelsPanel
    from ui.panels.virtual_scanner import VirtualScannerPanel


# -- what comes later, read from the workstation at each use ------------------------------------


def order_actions(ws: Workstation) -> Callable[[], OrderActions | None]:
    return lambda: ws.flows.orders if ws.flows is not None else None


def printers(ws: Workstation) -> Callable[[], Mapping[str, PrintQueue]]:
    return lambda: ws.printers


def photo_download(ws: Workstation) -> Callable[[], Callable[[str], bytes] | None]:
    """Photos come on the photos lane, through the client made for it."""
    return lambda: ws.photo_server.photo if ws.photo_server is not None else None


def service_desk(ws: Workstation) -> Callable[[], ServiceDesk | None]:
    def desk() -> ServiceDesk | None:
        from app.stations.services import ServiceDesk

        return ServiceDesk(ws.store, ws.flows.orders) if ws.flows is not None else None

    return desk


def price_list(ws: Workstation) -> Callable[[], Callable[[], list[ServiceOffer]] | None]:
    """The server's price list, asked on the sync lane (its client's)."""
    return lambda: ws.server.services if ws.server is not None else None


def fetch_order(ws: Workstation) -> Callable[[], Callable[[str], Order] | None]:
    """One order fetched whole into the store, on the sync lane (the sync engine's)."""
    return lambda: ws.sync.fetch_order if ws.sync is not None else None


def product_lookup(ws: Workstation) -> Callable[[], Callable[[str], list[Product]] | None]:
    """What the server's catalogue knows of a code, asked on the photos lane (beside the photos)."""
    return lambda: ws.photo_server.products if ws.photo_server is not None else None


# -- the pages ----------------------------------------------------------------------------------


def dashboard_page(ws: Workstation) -> DashboardPage:
    from ui.pages.dashboard import DashboardPage

    return DashboardPage(
        tasks=ws.tasks,
        events=ws.events,
        store=ws.store,
        table_name=ws.name,
        sign_out=lambda: ws.sign_in(None),
    )


def sign_in_page(ws: Workstation) -> SignInPage:
    from ui.pages.sign_in import SignInPage

    return SignInPage(
        tasks=ws.tasks,
        notifier=ws.notifier,
        store=ws.store,
        table_name=ws.name,
        who_works_here=lambda: ws.server.me if ws.server is not None else None,
        sign_in=ws.sign_in,
    )


def orders_page(ws: Workstation) -> OrdersPage:
    from ui.pages.orders import OrdersPage

    return OrdersPage(
        tasks=ws.tasks, events=ws.events, notifier=ws.notifier, store=ws.store, orders=order_actions(ws)
    )


def order_detail_page(ws: Workstation) -> OrderDetailPage:
    from ui.pages.order_detail import OrderDetailPage

    return OrderDetailPage(
        tasks=ws.tasks,
        events=ws.events,
        notifier=ws.notifier,
        store=ws.store,
        orders=order_actions(ws),
        fetch_order=fetch_order(ws),
        photo=photo_download(ws),
        carrier_labels=lambda: ws.photo_server,  # the preview's, on the photos lane
        service_desk=service_desk(ws),
        price_list=price_list(ws),
    )


def print_station_page(ws: Workstation) -> PrintStationPage:
    from ui.pages.print_station import PrintStationPage

    return PrintStationPage(
        tasks=ws.tasks,
        events=ws.events,
        notifier=ws.notifier,
        store=ws.store,
        station=lambda: ws.print_station,
        orders=order_actions(ws),
        carrier_labels=lambda: ws.server,  # handed to the sync lane by the print batch
        printers=printers(ws),
    )


def pick_page(ws: Workstation) -> PickPage:
    from ui.pages.pick import PickPage

    return PickPage(
        tasks=ws.tasks,
        events=ws.events,
        notifier=ws.notifier,
        station=lambda: ws.flows.pick if ws.flows is not None else None,
        item_labels=lambda: ws.item_labels,
        photo=photo_download(ws),
        products=product_lookup(ws),
    )


def pack_ship_page(ws: Workstation) -> PackShipPage:
    from ui.pages.pack_ship import PackShipPage

    return PackShipPage(
        tasks=ws.tasks,
        events=ws.events,
        notifier=ws.notifier,
        session=lambda: pack_session(ws),  # the page keeps the first one there is
        reprints=reprints(ws),
        scale=lambda: ws.scale,
    )


def pack_session(ws: Workstation) -> PackSession | None:
    """The table's pack session, on its flows (None before the table is connected)."""
    from app.stations.pack import PackSession

    flows, settings = ws.flows, ws.settings
    if flows is None:
        return None
    return PackSession(
        ws.store, flows.orders, flows.scans, verify_at=lambda: str(settings["stations.verify_at"])
    )


def reprints(ws: Workstation) -> Callable[[], Reprints | None]:
    """Documents printed again at the pack table, on the printers set up now."""

    def made() -> Reprints | None:
        from app.stations.reprint import Reprints
        from ui.printers import StationDocuments

        if ws.flows is None:
            return None
        return Reprints(ws.store, ws.printers, StationDocuments(), ws.flows.scans)

    return made


def activity_page(ws: Workstation) -> ActivityPage:
    from ui.pages.activity import ActivityPage

    return ActivityPage(tasks=ws.tasks, events=ws.events, store=ws.store)


def figures_page(ws: Workstation) -> FiguresPage:
    from ui.pages.figures import FiguresPage

    return FiguresPage(tasks=ws.tasks, events=ws.events, store=ws.store)


def settings_page(ws: Workstation) -> SettingsPage:
    from ui.pages.settings import SettingsPage

    return SettingsPage(
        tasks=ws.tasks,
        events=ws.events,
        notifier=ws.notifier,
        store=ws.store,
        settings=ws.settings,
        table_name=ws.name,
        tokens=lambda: ws.tokens,
        printers=printers(ws),
    )


# -- the demo's docks ---------------------------------------------------------------------------


def virtual_scanner_panel(ws: Workstation) -> VirtualScannerPanel:
    from ui.panels.virtual_scanner import VirtualScannerPanel

    return VirtualScannerPanel(tasks=ws.tasks, events=ws.events, store=ws.store, scans=ws.scans)


def printed_labels_panel(ws: Workstation) -> PrintedLabelsPanel:
    from ui.panels.printed_labels import PrintedLabelsPanel

    return PrintedLabelsPanel(tasks=ws.tasks, emulator=lambda: ws.printer_emulator)
