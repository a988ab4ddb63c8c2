"""The order detail page against the reference server: a cancelled order shows a red banner and
refuses every action; a parcel the marketplace refused shows the reason and can be sent again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.api import OrderServerClient
from app.domain import OrderStatus, PushState, Shipment
from app.flows import unsent_entries
from app.store.queries import OrderFilter, list_orders, load_order
from server.harness import RunningServer, start_server
from tests.ui.orders_world import workstation_on_store
from ui import page_wiring as wiring
from ui.pages.order_detail import OrderDetailPage
from ui.workstation import Workstation

S = OrderStatus


@pytest.fixture
def server() -> Iterator[RunningServer]:
    running = start_server(
        demo_orders=20, seed=3, marketplace_confirm_after_s=0.1, marketplace_refuse_share=1.0
    )
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def ws(tmp_path: Path, server: RunningServer) -> Iterator[Workstation]:
    workstation = workstation_on_store(tmp_path, server=server)
    assert workstation.sync.run_once().error is None
    yield workstation
    workstation.tasks.shutdown()
    workstation.server.close()
    workstation.store.close()


def _first(ws: Workstation, status: OrderStatus) -> str:
    with ws.store.session() as s:
        return list_orders(s, OrderFilter(statuses=(status,)), limit=1).rows[0].id


def _open(page: OrderDetailPage, qtbot, order_id: str) -> None:
    """Open the order and let its fetch from the server land (the page shows it twice)."""
    with qtbot.waitSignal(page.order_shown, timeout=10000):
        page.show_order(order_id)
    qtbot.waitUntil(lambda: not page._tasks.is_busy(), timeout=10000)


def test_an_order_cancelled_while_open_shows_a_red_banner_and_takes_no_action(ws, server, qtbot) -> None:
    page = wiring.order_detail_page(ws)
    qtbot.addWidget(page)
    order_id = _first(ws, S.READY_TO_PRINT)
    _open(page, qtbot, order_id)
    assert page.banner.isHidden() and page.print_button.isEnabled()
    preview = page.preview.pixmap()
    assert not page.preview.isHidden() and not preview.isNull()  # the label as it will print
    assert preview.height() > preview.width() * 1.3

    server.admin(f"orders/{order_id}/status", {"status": "0", "reason": "The buyer cancelled"})
    assert ws.sync.run_once().error is None
    ws.events.synced.emit(None)
    qtbot.waitUntil(lambda: page.order is not None and page.order.status is S.CANCELLED, timeout=10000)
    assert not page.banner.isHidden() and "cancelled" in page.banner.text()
    assert not page.print_button.isEnabled() and not page.print_error_button.isEnabled()
    said: list[tuple[str, str]] = []
    ws.notifier.said.connect(lambda text, tone: said.append((text, tone)))
    printing: list[object] = []
    page.print_requested.connect(lambda ids, reason: printing.append(ids))
    outbox_before = len(unsent_entries(ws.store))

    page.print_error("Address is wrong")
    page.request_print()
    qtbot.wait(100)

    assert printing == []
    assert len(unsent_entries(ws.store)) == outbox_before  # nothing went toward the server
    assert said and all(tone == "wrong" and "cancelled" in text for text, tone in said)


def test_a_parcel_the_marketplace_refused_shows_why_and_can_be_sent_again(ws, server, qtbot) -> None:
    order_id = _first(ws, S.COLLECTED)
    ws.flows.orders.shipped(order_id, [Shipment("1Z999AA10123456784", "UPS", 800)])
    assert ws.sync.run_once().error is None
    qtbot.waitUntil(lambda: _refused(ws, server, order_id), timeout=10000)
    page = wiring.order_detail_page(ws)
    qtbot.addWidget(page)
    _open(page, qtbot, order_id)

    parcel = page.order.shipments[0]
    assert parcel.push_state is PushState.FAILED and parcel.push_reason
    shown = page.parcels_box.texts()
    assert any(parcel.push_reason in text for text in shown)
    assert any("ups.com" in text and parcel.tracking_number in text for text in shown)  # a tracking link

    with qtbot.waitSignal(page.order_shown, timeout=10000):
        page.retry_push(parcel.id)
    assert [e.kind for e in unsent_entries(ws.store)] == ["retry_push"]
    assert ws.sync.run_once().error is None
    assert unsent_entries(ws.store) == []
    retries = [a for a in ws.server.get_order(order_id).activity if a.action == "push_retry"]
    assert [(a.detail, a.operator, a.workstation) for a in retries] == [
        (parcel.tracking_number, "ann", "table-1")
    ]


def _refused(ws: Workstation, server: RunningServer, order_id: str) -> bool:
    ws.sync.run_once()
    with ws.store.session() as s:
        from app.store.queries import load_order

        order = load_order(s, order_id)
    return bool(order and order.shipments and order.shipments[0].push_state is PushState.FAILED)


def test_a_move_the_server_refused_shows_its_reason_and_locks_the_order_until_read(ws, server, qtbot) -> None:
    order_id = _first(ws, S.READY_TO_PRINT)
    server.admin(f"orders/{order_id}/status", {"status": "5.3", "reason": "Postcode does not exist"})
    ws.flows.orders.short_pick(order_id, [], note="Shelf empty")  # made before the news arrived
    assert ws.sync.run_once().error is None  # the server refuses the move: 5.3 -> 5.2 is not ours
    page = wiring.order_detail_page(ws)
    qtbot.addWidget(page)
    _open(page, qtbot, order_id)

    assert page.notice is not None and not page.banner.isHidden()
    assert "refused" in page.banner.text()
    assert not page.acknowledge_button.isHidden()
    said: list[tuple[str, str]] = []
    ws.notifier.said.connect(lambda text, tone: said.append((text, tone)))
    page.print_error("Wrong street")
    assert said and said[0][1] == "wrong" and unsent_entries(ws.store) == []

    with qtbot.waitSignal(page.order_shown, timeout=10000):
        page.acknowledge()
    assert page.notice is None and page.banner.isHidden()
    assert page.order.status is S.PRINT_ERROR and page.order.status_reason == "Postcode does not exist"


def test_the_order_timeline_names_the_operator_and_says_what_was_done(ws, server, qtbot) -> None:
    from app.settings import OPERATORS_CACHE, save_cached

    save_cached(ws.store, OPERATORS_CACHE, [{"code": "ann", "name": "Ann Miller", "badge": "ANN-1"}])
    order_id = _first(ws, S.READY_TO_PRINT)
    ws.flows.orders.print_error(order_id, "Street missing")
    assert ws.sync.run_once().error is None
    page = wiring.order_detail_page(ws)
    qtbot.addWidget(page)
    _open(page, qtbot, order_id)
    model = page.activity
    rows = [
        [model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())
    ]
    assert any("Ann Miller (ann)" in row and "Status changed" in row for row in rows), rows


def _read_barcodes(image) -> list[str]:
    """What a scanner reads off a label image (QImage), via zxing-cpp."""
    import io

    import zxingcpp
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("L")
    return [code.text for code in zxingcpp.read_barcodes(picture)]


def _label_text(label) -> str:
    """The text a carrier's label carries (ZPL source, or the PDF's text)."""
    if label.format == "pdf":
        import pypdfium2

        return "\n".join(
            page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(label.content)
        )
    return label.content.decode("utf-8", "replace")


@pytest.mark.parametrize("kind", ["zpl", "pdf"])
def test_an_order_with_the_carriers_label_previews_that_label_not_ours(
    tmp_path: Path, demo_server: RunningServer, qtbot, kind: str
) -> None:
    """The preview is what will print: for a carrier's label, the carrier's label (its tracking
    barcode), fetched off the GUI thread; our own label (PDO-…) never stands in for it."""
    photos = OrderServerClient(demo_server.url, demo_server.token, "table-1", "ann")
    workstation = workstation_on_store(tmp_path, server=demo_server, photo_server=photos)
    try:
        assert workstation.sync.run_once().error is None
        with workstation.store.session() as s:
            rows = list_orders(s, OrderFilter(), limit=100).rows
            orders = [load_order(s, r.id) for r in rows]
        order = next(o for o in orders if o is not None and o.carrier_label == kind)
        page = wiring.order_detail_page(workstation)
        qtbot.addWidget(page)
        _open(page, qtbot, order.id)
        qtbot.waitUntil(lambda: page.preview.source == "carrier", timeout=15000)
        read = _read_barcodes(page.preview.image)
        assert read and not any(code.startswith("PDO-") for code in read)  # not our label
        assert all(code in _label_text(photos.carrier_label(order.id)) for code in read)
        assert not page.preview.pixmap().isNull()
    finally:
        workstation.tasks.shutdown()
        workstation.server.close()
        photos.close()
        workstation.store.close()


def test_an_order_of_ours_previews_our_label(ws, qtbot) -> None:
    page = wiring.order_detail_page(ws)
    qtbot.addWidget(page)
    with ws.store.session() as s:
        rows = list_orders(s, OrderFilter(statuses=(S.READY_TO_PRINT,)), limit=100).rows
        order = next(o for o in (load_order(s, r.id) for r in rows) if o is not None and not o.carrier_label)
    _open(page, qtbot, order.id)
    assert page.preview.source == "ours" and page.preview.image is not None
    assert page.preview.image.height() > page.preview.image.width() * 1.3  # a 4x6 label standing


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()
def test_an_order_opened_after_another_opens_at_its_top(ws, qtbot) -> None:
    """Issue 14, point 4: the number and status of the order just scanned are on screen, not
    the previous order's scroll position."""
    from PySide6.QtWidgets import QScrollArea

    page = wiring.order_detail_page(ws)
    qtbot.addWidget(page)
    page.resize(1100, 420)  # a short window: the page scrolls
    page.show()
    first, second = _first(ws, S.READY_TO_PRINT), _first(ws, S.COLLECTED)
    _open(page, qtbot, first)
    scroll = page.findChild(QScrollArea)
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)
    bar.setValue(bar.maximum())  # the operator read the activity log at the bottom
    assert bar.value() > 0

    _open(page, qtbot, second)

    assert page.order.id == second
    assert bar.value() == 0
    assert page.number_label.visibleRegion().boundingRect().height() > 0  # its number in sight


def test_the_servers_copy_of_an_unchanged_order_does_not_load_the_page_again(ws, server, qtbot) -> None:
    page = wiring.order_detail_page(ws)
    qtbot.addWidget(page)
    order_id = _first(ws, S.READY_TO_PRINT)
    shown: list[str] = []
    page.order_shown.connect(shown.append)
    _open(page, qtbot, order_id)  # the server's copy is fetched too, and is the same version
    assert shown == [order_id]
    drawn = page.preview.image
    assert drawn is not None

    server.admin(f"orders/{order_id}/status", {"status": "5.3", "reason": "Postcode does not exist"})
    _open(page, qtbot, order_id)  # opened again: the store's view, then the server's newer copy
    qtbot.waitUntil(lambda: page.order.status is S.PRINT_ERROR, timeout=10000)
    assert "Postcode does not exist" in page.facts_label.text()

    shown.clear()
    _open(page, qtbot, order_id)  # and again, nothing new on the server
    assert shown == [order_id]
    assert page.preview.image is not None and page.preview.image is not drawn  # a new version, drawn anew
