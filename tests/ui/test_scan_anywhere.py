"""What a scan does when the page on screen has no use for it: a parcel's tracking number opens
the order it belongs to, a product code (EAN, FNSKU, or a supplier's GS1 carton code) shows the
orders that hold it, and each is written to the scan journal first."""

from __future__ import annotations

from sqlalchemy import select

from app.domain import Shipment
from app.store import ScanRow
from tests.stations.picking import pick_every_unit
from tests.ui.conftest import add_orders, synced
from ui import page_wiring as wiring
from ui.main_window import PageKey

TRACKING = "1Z999AA10123456784"  # a UPS number with a valid check digit


def _mug_order(server, number: str, ean: str) -> dict:
    return server.admin(
        "orders",
        {
            "number": number,
            "status": "5.1",
            "marketplace": "amazon",
            "seller": "Acme",
            "recipient": {"name": "Buyer", "street1": "1 Main St", "city": "Leeds", "country": "GB"},
            "lines": [{"sku": f"SKU-{number}", "title": "Mug", "quantity": 1, "ean": ean}],
        },
    )


def test_a_parcels_tracking_number_scanned_anywhere_opens_its_order(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    [order, _other] = add_orders(order_server, 2)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    flows = ws.flows.orders
    flows.mark_printed(order["id"])
    pick_every_unit(flows, order["id"])
    flows.shipped(order["id"], [Shipment(tracking_number=TRACKING, carrier="ups")])
    frame.window.show_page(PageKey.ACTIVITY)
    opened: list[str] = []
    ws.events.open_order.connect(opened.append)

    ws.scans.feed(TRACKING)

    qtbot.waitUntil(lambda: opened == [order["id"]], timeout=5000)
    assert frame.window.current_key() == PageKey.ORDER_DETAIL
    with ws.store.session() as s:
        journal = [(r.raw, r.order_id) for r in s.scalars(select(ScanRow).where(ScanRow.station == ""))]
    assert journal == [(TRACKING, order["id"])]


def test_a_tracking_number_no_order_here_has_is_refused_in_red(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    sounds: list[str] = []
    ws.notifier.sounded.connect(sounds.append)
    ws.scans.feed(TRACKING)
    qtbot.waitUntil(lambda: sounds == ["wrong"], timeout=5000)
    assert TRACKING in frame.window.banner.text()
    assert frame.window.current_key() == PageKey.DASHBOARD


def test_a_product_scanned_anywhere_shows_the_orders_that_hold_it(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    mugs = [_mug_order(order_server, n, "4006381333931") for n in ("M1", "M2")]
    _mug_order(order_server, "C1", "5901234123457")
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    page = frame.window.pages[PageKey.ORDERS]

    for scan in ("4006381333931", "]C1010400638133393110LOT7"):  # the EAN; a GS1 carton code of it
        frame.window.show_page(PageKey.ACTIVITY)
        ws.scans.feed(scan)
        qtbot.waitUntil(lambda: frame.window.current_key() == PageKey.ORDERS, timeout=5000)
        qtbot.waitUntil(
            lambda: sorted(r.id for r in page.model.visible_rows()) == sorted(m["id"] for m in mugs),
            timeout=10000,
        )
    with ws.store.session() as s:
        kinds = [r.meaning_kind for r in s.scalars(select(ScanRow).order_by(ScanRow.id))]
    assert kinds == ["product", "gs1"]


def test_the_demo_scanner_offers_the_tracking_numbers_of_parcels_here_and_one_opens_its_order(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    from ui.panels.virtual_scanner import SAMPLE_TRACKING

    [order] = add_orders(order_server, 1)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    flows = ws.flows.orders
    flows.mark_printed(order["id"])
    pick_every_unit(flows, order["id"])
    parcel = "RR987654326GB"  # a Royal Mail S10 number with a valid check digit
    flows.shipped(order["id"], [Shipment(tracking_number=parcel, carrier="royal_mail")])
    panel = wiring.virtual_scanner_panel(ws)
    qtbot.addWidget(panel)
    panel.refresh()
    qtbot.waitUntil(lambda: parcel in panel.buttons, timeout=5000)
    assert all(sample in panel.buttons for sample in SAMPLE_TRACKING)  # fresh ones stay offered
    button = panel.buttons[parcel]
    panel.refresh()  # nothing changed: the same buttons, none rebuilt
    qtbot.wait(200)
    assert panel.buttons[parcel] is button

    opened: list[str] = []
    ws.events.open_order.connect(opened.append)
    button.click()
    qtbot.waitUntil(lambda: opened == [order["id"]], timeout=5000)
    assert "Royal Mail" in panel.echo.text() or "tracking number" in panel.echo.text()


def test_every_scan_is_journalled_whoever_takes_it_a_page_or_the_badge_sign_in(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    [order, _other] = add_orders(order_server, 2)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    frame.window.show_page(PageKey.PRINT)
    ws.scans.feed(f"PDO-{order['number']}")  # the print station takes it into its batch
    ws.scans.feed("PDB-ann")  # a badge: the frame signs in

    def journal() -> list[tuple[str, str, str]]:
        with ws.store.session() as s:
            return [
                (r.raw, r.meaning_kind, r.verdict) for r in s.scalars(select(ScanRow).order_by(ScanRow.id))
            ]

    qtbot.waitUntil(lambda: len(journal()) == 2, timeout=5000)
    assert journal() == [
        (f"PDO-{order['number']}", "order", "taken by page_print"),
        ("PDB-ann", "badge", "sign-in"),
    ]
