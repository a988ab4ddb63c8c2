"""Product photos come on their own lane with their own server client: an order opened while a
long sync pass holds the sync lane still shows its photos, and a missing photo is asked for once."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSize

from app.store.queries import load_order
from server.harness import RunningServer
from ui import page_wiring as wiring
from ui.models.photos import RETRY_FAILED_S, PhotoCache, photo_fetcher
from ui.tasks import Lane


def _order_with_photo(ws) -> tuple[str, str]:
    from app.store.queries import OrderFilter, list_orders

    with ws.store.session() as s:
        for row in list_orders(s, OrderFilter(), limit=100).rows:
            order = load_order(s, row.id)
            urls = [line.photo_url for line in order.lines if line.photo_url]
            if urls:
                return order.id, urls[0]
    raise AssertionError("the demo server gave no order with a photo")


def test_an_order_opened_during_a_long_sync_pass_shows_its_photo_at_once(
    demo_server: RunningServer, make_workstation, qtbot
) -> None:
    ws = make_workstation(demo_server)
    assert ws.photo_server is not None and ws.photo_server is not ws.server  # a Session of its own
    assert ws.sync.run_once().error is None
    order_id, url = _order_with_photo(ws)
    sync_pass = threading.Event()
    held = ws.tasks.run(lambda: sync_pass.wait(30), lane=Lane.SYNC)  # a sync pass that goes on and on
    try:
        page = wiring.order_detail_page(ws)
        qtbot.addWidget(page)
        page.show_order(order_id)
        qtbot.waitUntil(lambda: page.order is not None and page.order.id == order_id, timeout=10000)
        row = next(n for n, line in enumerate(page.order.lines) if line.photo_url == url)
        photo = page.lines.index(row, page.lines.PHOTO)
        qtbot.waitUntil(lambda: photo.data(0x1) is not None, timeout=10000)  # DecorationRole
        assert not held.done()  # the sync lane was busy all along
        assert not photo.data(0x1).isNull() and page.lines.data(photo) is None  # no "…" left
    finally:
        sync_pass.set()
    held.result(timeout=10)


def test_a_missing_photo_is_asked_for_once_then_again_after_a_while(
    demo_server: RunningServer, make_workstation, qtbot
) -> None:
    ws = make_workstation(demo_server)
    fetch = photo_fetcher(wiring.photo_download(ws))
    asked: list[str] = []

    def counted(url: str) -> bytes:
        asked.append(url)
        return fetch(url)

    now = [1000.0]
    cache = PhotoCache(ws.tasks, counted, QSize(64, 64), clock=lambda: now[0])
    shown: list[str] = []
    cache.ready.connect(lambda got, _pixmap: shown.append(got))
    missing = "/api/v1/photos/no-such-photo.png"
    cache.request(missing)
    qtbot.waitUntil(lambda: len(asked) == 1 and not ws.tasks.is_busy(), timeout=10000)
    for _ in range(3):  # the order opened again and again
        cache.request(missing)
    qtbot.wait(200)
    assert asked == [missing] and shown == []
    assert cache.get(missing) is None

    now[0] += RETRY_FAILED_S  # a minute on: asked once more (it may have been mended)
    cache.request(missing)
    qtbot.waitUntil(lambda: len(asked) == 2 and not ws.tasks.is_busy(), timeout=10000)
    assert shown == []


def test_photos_that_failed_while_the_server_was_away_come_once_it_is_back(
    demo_server: RunningServer, make_workstation, qtbot
) -> None:
    """An address mended in Settings, a server back up: the lines' photos come at a later opening
    (not never, as when a failed photo was remembered as asked)."""
    ws = make_workstation(demo_server)
    assert ws.sync.run_once().error is None
    _order_id, url = _order_with_photo(ws)
    away = [True]

    def download(photo_url: str) -> bytes:
        if away[0]:
            raise ConnectionError("the server cannot be reached")
        return photo_fetcher(wiring.photo_download(ws))(photo_url)

    now = [1000.0]
    cache = PhotoCache(ws.tasks, download, QSize(64, 64), clock=lambda: now[0])
    landed: list[dict] = []
    cache.batch_ready.connect(landed.append)
    assert cache.request_all([url]) == {}
    qtbot.waitUntil(lambda: not ws.tasks.is_busy(), timeout=10000)
    assert landed == []

    away[0] = False
    assert cache.request_all([url]) == {}  # at once again: not asked (the server was away a moment ago)
    qtbot.waitUntil(lambda: not ws.tasks.is_busy(), timeout=10000)
    assert landed == []
    now[0] += RETRY_FAILED_S
    cache.request_all([url])
    qtbot.waitUntil(lambda: bool(landed), timeout=10000)
    assert url in landed[0] and not landed[0][url].isNull()
    assert url in cache.request_all([url])  # held now
