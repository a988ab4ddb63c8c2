"""The pick page driven by the table's real scanner inputs: a serial scanner on a pseudo-terminal
and keyboard-wedge key events; the server ends at collected (6.4)."""

from __future__ import annotations

from devices.emulators import ScannerEmulator
from tests.ui.conftest import synced
from tests.ui.test_pick_page import CABLE, MUG, printed_order
from tests.ui.wedge_keys import wedge_types
from ui.main_window import PageKey
from ui.scanners import connect_scanners


def test_an_order_picked_with_the_serial_scanner_alone(
    qtbot, tmp_path, order_server, make_workstation, frame_of
):
    order = printed_order(order_server)
    scanner = ScannerEmulator(tmp_path / "ttyScanner")
    try:
        ws = make_workstation(order_server)
        ws.settings.update({"scanner.serial_port": str(scanner.path)})
        frame = frame_of(ws)
        hookup = connect_scanners(ws, frame)
        qtbot.waitUntil(lambda: str(scanner.path) in frame.window.status.scanner.text(), timeout=10000)
        synced(qtbot, frame)
        frame.window.show_page(PageKey.PICK)
        page = frame.window.pages[PageKey.PICK]
        answers: list = []
        page.answered.connect(answers.append)
        for n, code in enumerate(("PDO-P00001", MUG, MUG, CABLE), start=1):
            scanner.scan(code)
            qtbot.waitUntil(lambda n=n: len(answers) >= n, timeout=10000)
        assert answers[-1].view.end.value == "collected"
        synced(qtbot, frame)
        assert ws.server.get_order(order["id"]).status.value == "6.4"
        hookup.remove()
    finally:
        scanner.close()


def test_an_order_picked_with_keyboard_wedge_key_events(qtbot, order_server, make_workstation, frame_of):
    order = printed_order(order_server)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    hookup = connect_scanners(ws, frame)
    synced(qtbot, frame)
    frame.window.show_page(PageKey.PICK)
    page = frame.window.pages[PageKey.PICK]
    answers: list = []
    page.answered.connect(answers.append)
    for n, code in enumerate(("PDO-P00001", MUG, "5901234123458", MUG, CABLE), start=1):
        wedge_types(frame.window, code)
        qtbot.waitUntil(lambda n=n: len(answers) >= n, timeout=10000)
    assert not answers[2].verdict.accepted  # a wrong check digit: refused, nothing counted
    assert [a.view.picked for a in answers] == [0, 1, 1, 2, 3]
    synced(qtbot, frame)
    assert ws.server.get_order(order["id"]).status.value == "6.4"
    hookup.remove()
