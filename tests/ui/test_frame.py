"""The frame a packer lives in: pages, sign-in, scans that open orders, news of new orders."""

from __future__ import annotations

from sqlalchemy import select

from app.store import ScanRow
from tests.ui.conftest import add_orders, synced
from ui import page_wiring as wiring
from ui.main_window import PageKey


def test_every_page_renders(qtbot, order_server, make_workstation, frame_of) -> None:
    add_orders(order_server, 3)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    for key in list(frame.window.pages):
        frame.window.show_page(key)
        qtbot.wait(20)
        image = frame.window.grab().toImage()
        assert not image.isNull() and image.width() > 800
        assert frame.window.current_key() == key


def test_nobody_signed_in_sees_the_sign_in_page_and_a_badge_signs_them_in(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    ws = make_workstation(order_server)
    frame = frame_of(ws, operator=False)
    assert frame.window.current_key() == PageKey.SIGN_IN
    frame.sign_in.load()
    qtbot.waitUntil(lambda: len(frame.sign_in.operators) > 1, timeout=10000)
    other = next(o for o in frame.sign_in.operators if o.code != "ann")
    ws.scans.feed(f"PDB-{other.badge}")
    assert ws.operator == other
    assert frame.window.current_key() == PageKey.DASHBOARD
    assert ws.flows.orders.operator == other.code and ws.server.operator == other.code
    assert other.name in frame.window.status.who.text()


def test_an_action_goes_to_the_server_with_the_operator_and_the_workstation(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    [order] = add_orders(order_server, 1)
    ws = make_workstation(order_server, name="table-7")
    frame = frame_of(ws, operator=False)
    frame.sign_in.load()
    qtbot.waitUntil(lambda: len(frame.sign_in.operators) > 1, timeout=10000)
    boris = next(o for o in frame.sign_in.operators if o.code != "ann")
    frame.sign_in.choose(boris)
    synced(qtbot, frame)
    ws.flows.orders.mark_printed(order["id"])
    synced(qtbot, frame)
    assert frame.sync.last.outbox == 0
    on_server = ws.server.get_order(order["id"])
    assert on_server.status.value == "6"
    moves = [a for a in on_server.activity if a.action == "status"]
    assert moves[-1].operator == boris.code and moves[-1].workstation == "table-7"


def test_scanning_an_order_label_anywhere_opens_that_order(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    orders = add_orders(order_server, 2)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    frame.window.show_page(PageKey.ACTIVITY)
    opened: list[str] = []
    ws.events.open_order.connect(opened.append)
    ws.scans.feed(f"PDO-{orders[1]['number']}")
    qtbot.waitUntil(lambda: opened == [orders[1]["id"]], timeout=5000)
    assert frame.window.current_key() == PageKey.ORDER_DETAIL
    with ws.store.session() as s:
        journal = s.scalars(select(ScanRow)).all()
    assert [(r.raw, r.order_id) for r in journal] == [(f"PDO-{orders[1]['number']}", orders[1]["id"])]


def test_an_unknown_order_label_is_refused_in_red(qtbot, order_server, make_workstation, frame_of) -> None:
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    sounds: list[str] = []
    ws.notifier.sounded.connect(sounds.append)
    ws.scans.feed("PDO-NOSUCH1")
    qtbot.waitUntil(lambda: sounds == ["wrong"], timeout=5000)
    assert frame.window.banner.tone == "wrong" and "NOSUCH1" in frame.window.banner.text()
    assert frame.window.current_key() == PageKey.DASHBOARD


def test_new_orders_ready_to_print_bring_a_tray_message_and_a_chime(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    add_orders(order_server, 2)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    news: list[tuple[str, str]] = []
    sounds: list[str] = []
    ws.notifier.tray_message.connect(lambda title, text: news.append((title, text)))
    ws.notifier.sounded.connect(sounds.append)
    synced(qtbot, frame)
    assert news == [] and sounds == []
    add_orders(order_server, 3, first=100)
    synced(qtbot, frame)
    assert frame.sync.last.newly_ready == ("T00100", "T00101", "T00102")
    assert len(news) == 1 and "3 new orders" in news[0][1]
    assert sounds == ["new_orders"]


def test_the_dashboard_counts_and_a_tile_opens_the_list_of_that_status(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    add_orders(order_server, 4)
    add_orders(order_server, 2, first=50, status="5.2")
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    dashboard = frame.window.pages[PageKey.DASHBOARD]
    qtbot.waitUntil(lambda: dashboard.value("5.1") == 4, timeout=5000)
    assert dashboard.value("5.2") == 2 and dashboard.tiles["5.1"].number.text() == "4"
    asked: list[str] = []
    ws.events.show_orders.connect(asked.append)
    qtbot.mouseClick(dashboard.tiles["5.2"], qtbot_button())
    assert asked == ["5.2"] and frame.window.current_key() == PageKey.ORDERS
    orders_page = frame.window.pages[PageKey.ORDERS]
    qtbot.waitUntil(lambda: orders_page.model.rowCount() == 2, timeout=10000)
    frame.window.show_page(PageKey.DASHBOARD)
    qtbot.mouseClick(dashboard.tiles["failed_pushes"], qtbot_button())
    assert asked[-1] == "failed_pushes"
    qtbot.waitUntil(lambda: orders_page.model.rowCount() == 0, timeout=10000)


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_print_asked_on_the_order_list_hands_those_orders_to_the_print_station(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    orders = add_orders(order_server, 3)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    window = frame.window
    window.pages[PageKey.ORDERS].print_requested.emit([orders[0]["id"], orders[2]["id"]], "")
    assert window.current_key() == PageKey.PRINT
    station = window.pages[PageKey.PRINT]
    qtbot.waitUntil(lambda: len(station.model.entries()) == 2, timeout=5000)


def test_operators_are_remembered_so_a_table_signs_in_while_the_server_is_down(
    qtbot, tmp_path, order_server, make_workstation
) -> None:
    from ui.main import shut_down

    folder = tmp_path / "table"
    ws = make_workstation(order_server, folder=folder)
    page = wiring.sign_in_page(ws)
    qtbot.addWidget(page)
    page.load()
    qtbot.waitUntil(lambda: len(page.operators) == 4, timeout=10000)
    qtbot.waitUntil(lambda: not ws.tasks.is_busy(), timeout=5000)
    shut_down(ws)
    order_server.stop()

    again = make_workstation(folder=folder, name="")
    offline = wiring.sign_in_page(again)
    qtbot.addWidget(offline)
    offline.load()
    qtbot.waitUntil(lambda: len(offline.operators) == 4, timeout=10000)
    chen = next(o for o in offline.operators if o.name.startswith("Chen"))
    assert offline.sign_in_by_badge(f"PDB-{chen.badge}")
    assert again.operator == chen and again.flows.orders.operator == chen.code


def test_with_the_keyboard_alone_an_operator_signs_in_by_the_number_on_their_name(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    ws = make_workstation(order_server)
    frame = frame_of(ws, operator=False)
    frame.sign_in.load()
    qtbot.waitUntil(lambda: len(frame.sign_in.operators) > 1, timeout=10000)
    second = frame.sign_in.operators[1]
    button = frame.sign_in.findChild(QPushButton, f"operator_{second.code}")
    assert button is not None and button.text().startswith("2") and second.name in button.text()

    qtbot.keyClick(frame.sign_in, Qt.Key.Key_2)

    assert ws.operator == second
    assert frame.window.current_key() == PageKey.DASHBOARD
