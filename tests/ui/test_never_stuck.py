"""Never stuck (issue 14, points 5 and 6): a wrong server address at the first start is mended
from the program, with nobody signed in and no names remembered, also after a restart; every
field of Settings is checked, with the reason beside it, and nothing wrong is saved."""

from __future__ import annotations

import socket

from app.settings import Settings
from ui import page_wiring as wiring
from ui.main_window import PageKey
from ui.pages.settings import SettingsPage


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_with_a_wrong_address_and_no_names_settings_are_reached_and_the_address_mended(
    qtbot, tmp_path, order_server, make_workstation, frame_of
) -> None:
    from ui.main import shut_down

    folder = tmp_path / "table"
    wrong = f"http://127.0.0.1:{_closed_port()}"
    ws = make_workstation(folder=folder, settings={"server.url": wrong})
    ws.tokens.set(wrong, order_server.token)
    shut_down(ws)
    ws.closed = True
    again = make_workstation(folder=folder, name="")  # the restart: no dialog, the address is set
    frame = frame_of(again, operator=False)
    window, sign_in = frame.window, frame.sign_in
    assert window.current_key() == PageKey.SIGN_IN
    sign_in.load()
    qtbot.waitUntil(lambda: "cannot be reached" in sign_in.message.text(), timeout=15000)
    assert sign_in.operators == [] and sign_in.settings_button.isVisible()

    sign_in.settings_button.click()
    assert window.current_key() == PageKey.SETTINGS
    window.show_page(PageKey.ORDERS)  # the rest waits for someone to sign in
    assert window.current_key() == PageKey.SIGN_IN
    sign_in.settings_button.click()

    page = window.pages[PageKey.SETTINGS]
    assert isinstance(page, SettingsPage)
    page.fill({"server.url": order_server.url})
    page.token.setText(order_server.token)
    with qtbot.waitSignal(again.events.settings_changed, timeout=5000):
        page.save()
    assert Settings.load(again.store)["server.url"] == order_server.url
    assert again.tokens.get(order_server.url) == order_server.token


def _store_values(ws) -> dict:
    return dict(Settings.load(ws.store).values)


def test_settings_with_empty_or_malformed_fields_save_nothing_and_say_why_beside_each(
    qtbot, make_workstation
) -> None:
    ws = make_workstation(settings={"server.url": "https://orders.example.com"})
    ws.tokens.set("https://orders.example.com", "t0ken")
    page = wiring.settings_page(ws)
    qtbot.addWidget(page)
    before = _store_values(ws)
    said: list[tuple[str, str]] = []
    ws.notifier.said.connect(lambda text, tone: said.append((text, tone)))
    page.fill(
        {
            "server.url": "",
            "workstation.name": "   ",
            "sync.interval_s": 0,
            "printer.shipping_label": "192.168.1.50:9100",
            "scanner.wedge_gap_ms": 0,
            "scanner.serial_port": "ttyACM0 please",
            "scanner.prefix": "P",
        }
    )
    page.save()
    qtbot.wait(200)
    for key in (
        "server.url",
        "workstation.name",
        "sync.interval_s",
        "printer.shipping_label",
        "scanner.wedge_gap_ms",
        "scanner.serial_port",
        "scanner.prefix",
    ):
        assert not page.problems[key].isHidden(), key
        assert page.problems[key].text(), key
    assert "tcp://" in page.problems["printer.shipping_label"].text()
    assert page.problems["scale.port"].isHidden()
    assert _store_values(ws) == before and ws.settings["workstation.name"] == before["workstation.name"]
    assert not any("Settings saved" in text for text, _ in said)
    assert said and said[-1][1] == "wrong" and "7 settings need correcting" in said[-1][0]

    page.load()
    page.fill({"sync.interval_s": 45, "printer.shipping_label": "tcp://192.168.1.50:9100"})
    with qtbot.waitSignal(ws.events.settings_changed, timeout=5000):
        page.save()
    assert all(label.isHidden() for label in page.problems.values())
    assert _store_values(ws)["sync.interval_s"] == 45
    assert "Settings saved" in said[-1][0]


def test_a_new_server_address_without_its_token_is_refused_beside_the_token(qtbot, make_workstation) -> None:
    ws = make_workstation(settings={"server.url": "https://orders.example.com"})
    page = wiring.settings_page(ws)
    qtbot.addWidget(page)
    page.fill({"server.url": "https://other.example.com"})
    page.save()
    assert not page.problems["token"].isHidden()
    assert Settings.load(ws.store)["server.url"] == "https://orders.example.com"


def test_an_emptied_printer_no_longer_says_ready(qtbot, make_workstation, printer) -> None:
    ws = make_workstation(
        settings={"printer.shipping_label": printer.uri, "server.url": "https://orders.example.com"}
    )
    page = wiring.settings_page(ws)
    qtbot.addWidget(page)
    state = page.printer_state["shipping_label"]
    page.page_shown()
    qtbot.waitUntil(lambda: state.text() == "Ready", timeout=10000)
    page.fill({"printer.shipping_label": ""})
    with qtbot.waitSignal(ws.events.settings_changed, timeout=5000):
        page.save()
    assert state.text() == "No printer from the next start."
    page.page_shown()
    qtbot.wait(300)
    assert state.text() == "No printer from the next start."
