"""What the order-list and print-station tests stand on: a store filled with orders, and a
workstation around it (real store in a temp folder, real task runner, real flows)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.api import OrderServerClient
from app.domain import Line, Order, OrderStatus, Recipient, Shipment
from app.flows import OrderActions, ScanJournal
from app.settings import Settings
from app.store import Store
from app.store.orders import write_orders
from app.sync import SyncEngine
from server.harness import RunningServer
from ui import page_wiring as wiring
from ui.notify import Notifier
from ui.pages.orders import OrdersPage
from ui.tasks import TaskRunner
from ui.workstation import Flows, Workstation

S = OrderStatus
SPREAD = [S.READY_TO_PRINT] * 4 + [S.AWAITING_STOCK, S.PRINT_ERROR, S.PRINTED, S.PRINTED, S.COLLECTED]
SPREAD += [S.SHIPPED, S.SHIPPED, S.CANCELLED]
NAMES = ["Anna Petrova", "Анна Петрова", "李雷", "Jan de Vries", "Mary Smith", "José Núñez"]
MARKETPLACES = ["Amazon US", "eBay", "Walmart", "Etsy"]
SELLERS = ["Acme Goods", "Globex", "Initech", "Umbrella"]
SERVICES = ["UPS Ground", "USPS Priority", "DHL Express", "Royal Mail Tracked 48"]


def make_orders(n: int, seed: int = 5, start: int = 0) -> list[Order]:
    rnd = random.Random(seed)
    base = datetime(2026, 11, 20, 9, tzinfo=UTC)
    orders = []
    for i in range(start, start + n):
        status = SPREAD[i % len(SPREAD)]
        lines = [
            Line(
                id=f"{i}-{k}",
                sku=f"SKU-{rnd.randint(1, 500):04d}",
                title=rnd.choice(["Steel water bottle", "Yoga mat", "Phone case", "Desk lamp"]),
                quantity=rnd.randint(1, 4),
                fnsku=f"X00{rnd.randint(10**6, 10**7 - 1)}",
                ean=f"400{rnd.randint(10**9, 10**10 - 1)}",
                vendor="Vendor Co",
                configuration=rnd.choice(["Blue, M", "Black", "Red, XL", ""]),
                weight_g=rnd.randint(80, 2000),
                price=Decimal(rnd.randint(300, 9000)) / 100,
                currency="USD",
                bin_location=f"A-{rnd.randint(1, 40):02d}-{rnd.randint(1, 9)}",
            )
            for k in range(rnd.randint(1, 4))
        ]
        shipments = []
        if status in (S.SHIPPED,):
            shipments = [Shipment(tracking_number=f"1Z999AA1{i:010d}", carrier="UPS", id=f"sh-{i}")]
        orders.append(
            Order(
                id=str(10_000 + i),
                number=f"PC-{100_000 + i}",
                status=status,
                status_reason="Street number missing" if status is S.PRINT_ERROR else "",
                recipient=Recipient(
                    name=f"{rnd.choice(NAMES)} {i}",
                    street1="12 Market Street",
                    city="Springfield",
                    postcode="12345",
                    country=rnd.choice(["US", "NL", "RU", "CN", "GB"]),
                ),
                lines=lines,
                marketplace=rnd.choice(MARKETPLACES),
                marketplace_order_id=f"114-{rnd.randint(10**6, 10**7)}",
                seller=rnd.choice(SELLERS),
                ship_by=base + timedelta(hours=rnd.randint(-48, 240)),
                shipping_service=rnd.choice(SERVICES),
                shipments=shipments,
                updated_at=base,
                version=1,
            )
        )
    return orders


def fill_store(store: Store, orders: list[Order]) -> None:
    with store.transaction() as s:
        for at in range(0, len(orders), 2000):
            write_orders(s, [o.to_dict() for o in orders[at : at + 2000]])


def workstation_on_store(
    data_dir: Path, *, synchronous: bool = False, server: RunningServer | None = None, **parts: Any
) -> Workstation:
    """A workstation on a fresh store; with `server`, also its client and sync engine."""
    store = Store(data_dir / "prepdesk.sqlite")
    if server is not None:
        client = OrderServerClient(server.url, server.token, "table-1", "ann")
        parts.update(server=client, sync=SyncEngine(store, client))
    ws = Workstation(
        name="table-1",
        tasks=TaskRunner(synchronous=synchronous),
        settings=Settings(),
        notifier=Notifier(sounds_on=False),
        store=store,
        flows=Flows.made(OrderActions(store, "ann", "table-1"), ScanJournal(store, "ann", "table-1")),
        **parts,
    )
    return ws


@contextmanager
def orders_page_on(
    tmp_path: Path, qtbot: Any, count: int
) -> Iterator[tuple[Workstation, OrdersPage, list[Order]]]:
    """A workstation on a store of `count` orders and its order list, loaded; closed after."""
    ws = workstation_on_store(tmp_path)
    orders = make_orders(count)
    fill_store(ws.store, orders)
    page = wiring.orders_page(ws)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.rows_loaded, timeout=20000):
        page.page_shown()
    try:
        yield ws, page, orders
    finally:
        ws.tasks.shutdown()
        ws.store.close()
