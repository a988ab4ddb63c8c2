"""A server address or token mended in Settings while the program runs: the table connects to it
within a sync round, without a restart, and loses nothing (changes made offline go once the
address is right; a refused token or no server is said in the band, and mending again works).
Real parts: the reference server on loopback, the store in tmp_path, the window offscreen."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from app.domain.people import Operator
from server.harness import RunningServer, start_server
from tests.ui.conftest import add_orders, synced
from ui.main import assemble, shut_down
from ui.main_window import PageKey
from ui.pages.settings import SettingsPage
from ui.status_bar import Band

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()

ANN = Operator("ann", "Ann Miller", "ANN-1042")  # the reference server's demo token's operator


def _closed_port() -> int:
    """A loopback port nothing listens on (a wrong address: connections refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def tables(tmp_path: Path, qtbot):
    """`open_table(url, token, folder="ws")`: a Workstation made by the bootstrap's `assemble`."""
    made = []

    def open_table(url: str = "", token: str = "", folder: str = "ws"):
        ws = assemble(tmp_path / folder, server_url=url, token=token, name="table-1", sounds=False)
        made.append(ws)
        return ws

    yield open_table
    for ws in made:
        if not ws.closed:
            shut_down(ws)


@pytest.fixture
def framed(qtbot):
    from ui.frame import build_frame

    frames = []

    def build(ws):
        frame = build_frame(ws)
        qtbot.addWidget(frame.window)
        frames.append(frame)
        frame.window.show()
        return frame

    yield build
    for frame in frames:
        frame.close()


def _save(qtbot, frame, ws, *, url: str | None = None, token: str = "") -> None:
    """In Settings: the address and/or a token typed, Save pressed; wait until it is saved."""
    page = frame.window.pages[PageKey.SETTINGS]
    assert isinstance(page, SettingsPage)
    if url is not None:
        page.fill({"server.url": url})
    page.token.setText(token)
    page.save()
    qtbot.waitUntil(lambda: page.token.text() == "", timeout=10000)  # cleared once written
    assert not any(label.text() for label in page.problems.values())


def _mark_printed(qtbot, ws, order_id: str) -> None:
    done: list[object] = []
    ws.tasks.run(lambda: ws.flows.orders.mark_printed(order_id), on_success=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)


def _online_after(qtbot, frame, url: str) -> None:
    """The new address is taken and a pass on it has landed."""
    ws = frame.sync.ws
    qtbot.waitUntil(lambda: ws.server is not None and ws.server.base_url == url, timeout=10000)
    qtbot.waitUntil(
        lambda: not frame.sync.running and frame.window.status.online is True and frame.sync.last.online,
        timeout=20000,
    )


def _status_on(server: RunningServer, order_id: str) -> str:
    from app.api import OrderServerClient

    client = OrderServerClient(server.url, server.token, "checker")
    try:
        return client.get_order(order_id).status.value
    finally:
        client.close()


def test_a_mended_address_takes_the_changes_made_offline_and_a_revoked_token_is_said_and_mended(
    qtbot, order_server, tables, framed
) -> None:
    orders = add_orders(order_server, 3)
    yesterday = tables(order_server.url, order_server.token)
    framed_yesterday = framed(yesterday)
    synced(qtbot, framed_yesterday)  # the table knows the orders from an earlier day
    framed_yesterday.close()
    shut_down(yesterday)

    wrong = f"http://127.0.0.1:{_closed_port()}"
    ws = tables(wrong, order_server.token)
    frame = framed(ws)
    unhandled: list[str] = []  # a task that failed with nobody to tell (a wrong lane, say)
    ws.tasks.failed.connect(unhandled.append)
    ws.sign_in(ANN)
    status = frame.window.status
    synced(qtbot, frame)
    assert status.online is False and "OFFLINE" in status.band.text()
    _mark_printed(qtbot, ws, orders[0]["id"])  # made while the address is wrong: kept
    synced(qtbot, frame)
    assert status.outbox == 1 and status.band.property("role") == Band.BAD
    assert _status_on(order_server, orders[0]["id"]) == "5.1"

    still_wrong = f"http://127.0.0.1:{_closed_port()}"  # mended wrongly first: said, nothing lost
    _save(qtbot, frame, ws, url=still_wrong, token=order_server.token)
    qtbot.waitUntil(lambda: ws.server.base_url == still_wrong, timeout=10000)
    synced(qtbot, frame)
    assert status.online is False and "OFFLINE" in status.band.text() and status.outbox == 1

    _save(qtbot, frame, ws, url=order_server.url, token=order_server.token)
    _online_after(qtbot, frame, order_server.url)
    assert status.outbox == 0 and status.band.property("role") == Band.CALM
    assert "Server online" in status.band.text()
    assert _status_on(order_server, orders[0]["id"]) == "6"
    assert ws.sync.client is ws.server and ws.photo_server.base_url == order_server.url
    assert ws.server.operator == "ann" and ws.photo_server.operator == "ann"

    issued = order_server.admin("tokens", {"prep_center": "A", "operator": "ann"})
    order_server.admin(f"tokens/{issued['id']}/revoke", {})
    _save(qtbot, frame, ws, token=issued["token"])
    qtbot.waitUntil(lambda: "refused the token" in frame.window.status.band.toolTip(), timeout=20000)
    assert status.band.property("role") == Band.WARN  # amber: the server is there, the token not
    _mark_printed(qtbot, ws, orders[1]["id"])  # made while the token is refused: kept
    synced(qtbot, frame)
    assert status.outbox == 1 and _status_on(order_server, orders[1]["id"]) == "5.1"

    _save(qtbot, frame, ws, token=order_server.token)  # mended again
    qtbot.waitUntil(lambda: status.outbox == 0 and status.band.property("role") == Band.CALM, timeout=20000)
    assert _status_on(order_server, orders[1]["id"]) == "6"
    assert _actions(order_server, orders[0]["id"]).count("status") == 1  # sent once

    running = ws.server
    _save(qtbot, frame, ws)  # saved with the server's fields as they are: the clients stay
    synced(qtbot, frame)
    assert ws.server is running and status.band.property("role") == Band.CALM
    assert unhandled == []


def _activity(server: RunningServer, order_id: str) -> list:
    from app.api import OrderServerClient

    client = OrderServerClient(server.url, server.token, "checker")
    try:
        return list(client.get_order(order_id).activity)
    finally:
        client.close()


def test_a_table_started_with_no_server_connects_when_an_address_is_saved(
    qtbot, order_server, tables, framed
) -> None:
    [order] = add_orders(order_server, 1)
    ws = tables()  # the first start was skipped
    assert ws.sync is None
    frame = framed(ws)
    status = frame.window.status
    assert "No server set up" in status.band.text() and status.band.property("role") == Band.WARN
    sign_in = frame.sign_in
    assert sign_in.operators == []  # no names known: only Settings can be reached

    _save(qtbot, frame, ws, url=order_server.url, token=order_server.token)
    _online_after(qtbot, frame, order_server.url)
    assert status.band.property("role") == Band.CALM and "No server set up" not in status.band.text()
    qtbot.waitUntil(lambda: any(o.code == "ann" for o in sign_in.operators), timeout=10000)
    ws.sign_in(next(o for o in sign_in.operators if o.code == "ann"))
    _mark_printed(qtbot, ws, order["id"])
    qtbot.waitUntil(lambda: _status_on(order_server, order["id"]) == "6", timeout=20000)

    issued = order_server.admin("tokens", {"prep_center": "A", "operator": "ann"})
    order_server.admin(f"tokens/{issued['id']}/revoke", {})
    _save(qtbot, frame, ws, token=issued["token"])
    qtbot.waitUntil(lambda: status.band.property("role") == Band.WARN, timeout=20000)
    assert "refused the token" in status.band.toolTip()
    _save(qtbot, frame, ws, token=order_server.token)
    qtbot.waitUntil(lambda: status.band.property("role") == Band.CALM, timeout=20000)


def test_claims_follow_the_table_to_the_new_address_and_are_given_back_on_the_old_server(
    qtbot, order_server, tables, framed
) -> None:
    [held] = add_orders(order_server, 1)
    other = start_server(demo_orders=0)  # a second server: the table moves to it
    try:
        ws = tables(order_server.url, order_server.token)
        frame = framed(ws)
        ws.sign_in(ANN)
        synced(qtbot, frame)
        ws.events.holding.emit([held["id"]])  # a station works on it: claimed for this table
        qtbot.waitUntil(lambda: held["id"] in ws.sync.held_claims and not frame.sync.running, timeout=20000)
        assert _claim_on(order_server, held["id"]) == "table-1"

        # The same server under another name: the claim is given back there and taken again.
        same = order_server.url.replace("127.0.0.1", "localhost")
        _save(qtbot, frame, ws, url=same, token=order_server.token)
        _online_after(qtbot, frame, same)
        qtbot.waitUntil(lambda: held["id"] in ws.sync.held_claims, timeout=20000)
        assert _claim_on(order_server, held["id"]) == "table-1"
        assert _actions(order_server, held["id"]).count("release") == 1

        # A new token on the same address: the claim is kept (renewed), not given back.
        issued = order_server.admin("tokens", {"prep_center": "A", "operator": "ann"})
        _save(qtbot, frame, ws, token=issued["token"])
        qtbot.waitUntil(lambda: ws.server.session.headers["Authorization"].endswith(issued["token"]))
        synced(qtbot, frame)
        synced(qtbot, frame)
        assert held["id"] in ws.sync.held_claims and _claim_on(order_server, held["id"]) == "table-1"
        assert _actions(order_server, held["id"]).count("release") == 1

        # Another server: the claim on the old one is let go, so another table there may take it.
        _save(qtbot, frame, ws, url=other.url, token=other.token)
        _online_after(qtbot, frame, other.url)
        qtbot.waitUntil(lambda: _claim_on(order_server, held["id"]) == "", timeout=20000)
        assert held["id"] not in ws.sync.held_claims
    finally:
        other.stop()


def _actions(server: RunningServer, order_id: str) -> list[str]:
    return [a.action for a in _activity(server, order_id)]


def _claim_on(server: RunningServer, order_id: str) -> str:
    from app.api import OrderServerClient

    client = OrderServerClient(server.url, server.token, "checker")
    try:
        claim = client.get_order(order_id).claim
        return claim.workstation if claim else ""
    finally:
        client.close()


def test_check_and_connect_in_settings_takes_the_server_at_once(qtbot, order_server, tables, framed) -> None:
    from PySide6.QtCore import QTimer

    from ui.first_start import ServerDialog

    [order] = add_orders(order_server, 1)
    ws = tables(f"http://127.0.0.1:{_closed_port()}", order_server.token)
    frame = framed(ws)
    synced(qtbot, frame)
    assert frame.window.status.online is False
    page = frame.window.pages[PageKey.SETTINGS]
    assert isinstance(page, SettingsPage)

    def answer() -> None:  # the person in the dialog: the right address and token, then OK
        dialog = page.findChild(ServerDialog)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, answer)
            return
        dialog.url.setText(order_server.url)
        dialog.token.setText(order_server.token)
        dialog._accept()

    QTimer.singleShot(0, answer)
    page.connect_server()  # returns once the server answered in the dialog
    _online_after(qtbot, frame, order_server.url)
    assert ws.settings["server.url"] == order_server.url
    qtbot.waitUntil(lambda: _in_store(ws, order["id"]), timeout=10000)  # pulled from it


def _in_store(ws, order_id: str) -> bool:
    from app.store import queries

    with ws.store.session() as s:
        return queries.load_order(s, order_id) is not None
