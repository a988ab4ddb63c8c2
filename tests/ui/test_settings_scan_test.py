"""The settings page's live scan test, the tool a warehouse sets its scanners up with: each scan
shows what was received and what Prepdesk makes of it, green for a code it knows, red (and the
wrong sound) for one it does not — and the scan goes nowhere else while the page is open."""

from __future__ import annotations

import pytest

from ui import page_wiring as wiring

CASES = [
    ("1Z999AA10123456784", "UPS tracking number 1Z999AA10123456784", True),
    ("4006381333931", "EAN-13 product code 4006381333931", True),
    ("X001ABC123", "Amazon FNSKU product code X001ABC123", True),
    ("PDO-100234", "order label of order 100234", True),
    ("PDC-CONFIRM", "command barcode: Confirm", True),
    ("]C1010950600013435217261231", "GS1 code (01)09506000134352(17)261231", True),
    ("4006381333932", "not a code Prepdesk knows", False),  # an EAN-13 with a wrong check digit
]


@pytest.mark.parametrize(("scan", "words", "known"), CASES, ids=[c[0] for c in CASES])
def test_the_scan_test_says_what_a_scan_means(
    qtbot, make_workstation, scan: str, words: str, known: bool
) -> None:
    ws = make_workstation()
    page = wiring.settings_page(ws)
    qtbot.addWidget(page)
    sounds: list[str] = []
    ws.notifier.sounded.connect(sounds.append)
    opened: list[str] = []
    ws.events.open_order.connect(opened.append)

    assert page.handle_scan(scan)

    shown = page.scan_test.text()
    assert scan in shown and words in shown
    assert page.scan_test.property("role") == ("chip-good" if known else "chip-bad")
    assert sounds == (["right"] if known else ["wrong"])
    assert opened == []
