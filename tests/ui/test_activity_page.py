"""The activity log page: newest first; new entries arrive on top without throwing the reader back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain import utcnow
from app.store.orders import add_activity
from ui import page_wiring as wiring


def _log(ws, order_id: str, action: str, detail: str, minutes: int) -> None:
    with ws.store.transaction() as s:
        add_activity(s, order_id, action, detail, "ann", "table-1", utcnow() + timedelta(minutes=minutes))


def test_the_activity_log_shows_the_newest_first_and_adds_new_entries_on_top(qtbot, make_workstation) -> None:

    ws = make_workstation()
    page = wiring.activity_page(ws)
    qtbot.addWidget(page)
    _log(ws, "o1", "status", "5.1 → 6", 0)
    _log(ws, "o2", "status", "6 → 6.4", 1)
    page.refresh()
    qtbot.waitUntil(lambda: len(page.model.lines) == 2, timeout=5000)
    assert [line.detail for line in page.model.lines] == ["6 → 6.4", "5.1 → 6"]
    assert page.empty.isHidden()

    resets: list[int] = []
    inserted: list[tuple[int, int]] = []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    _log(ws, "o3", "shipment", "1Z999AA10123456784", 2)
    page.refresh()
    qtbot.waitUntil(lambda: len(page.model.lines) == 3, timeout=5000)
    assert inserted == [(0, 0)] and resets == []
    assert page.model.data(page.model.index(0, 2)) == "Parcel recorded"
    assert page.model.data(page.model.index(0, 3)) == "ann"
    assert page.model.data(page.model.index(0, 6)) == "1Z999AA10123456784"

    page.search.setText("o1")
    assert page.proxy.rowCount() == 1


def test_the_activity_log_names_the_operators_the_server_named_and_keeps_unknown_codes(
    qtbot, make_workstation
) -> None:
    """A supervisor reads "Ann Miller (ann)", not a code; an operator this table was never told
    about (another center's, a deleted one) still shows, by code."""
    from app.settings import OPERATORS_CACHE, save_cached

    ws = make_workstation()
    save_cached(ws.store, OPERATORS_CACHE, [{"code": "ann", "name": "Ann Miller", "badge": "ANN-1"}])
    with ws.store.transaction() as s:
        add_activity(s, "o1", "status", "5.1 → 6", "ann", "table-1", utcnow())
        add_activity(s, "o2", "shipment", "1Z999AA10123456784", "zed", "table-2", utcnow())
    page = wiring.activity_page(ws)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: len(page.model.lines) == 2, timeout=5000)
    shown = {
        page.model.data(page.model.index(r, 6)): page.model.data(page.model.index(r, 3)) for r in range(2)
    }
    assert shown == {"Ready to print → Printed": "Ann Miller (ann)", "1Z999AA10123456784": "zed"}
    page.search.setText("miller")
    assert page.proxy.rowCount() == 1


def test_an_older_entry_learned_later_takes_its_place_in_time_not_the_top(qtbot, make_workstation) -> None:
    """Entries fetched from the server can be older than what the table already shows: newest
    first means by when it happened, not by when this table heard of it."""

    ws = make_workstation()
    page = wiring.activity_page(ws)
    qtbot.addWidget(page)
    _log(ws, "o1", "status", "5.1 → 6", 0)
    _log(ws, "o2", "status", "6 → 6.4", 10)
    page.refresh()
    qtbot.waitUntil(lambda: len(page.model.lines) == 2, timeout=5000)
    _log(ws, "o3", "received", "from the seller", -60)  # an hour ago, heard of only now
    _log(ws, "o4", "shipment", "1Z999AA10123456784", 20)
    page.refresh()
    qtbot.waitUntil(lambda: len(page.model.lines) == 4, timeout=5000)
    assert [line.detail for line in page.model.lines] == [
        "1Z999AA10123456784",
        "6 → 6.4",
        "5.1 → 6",
        "from the seller",
    ]
    assert page.model.data(page.model.index(3, 2)) == "Received"


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()
def test_the_log_is_read_again_after_a_sync_only_while_it_is_on_screen(qtbot, make_workstation) -> None:
    """A hidden log costs nothing: the store lane stays free for the scans' actions."""

    ws = make_workstation()
    page = wiring.activity_page(ws)
    qtbot.addWidget(page)
    _log(ws, "o1", "status", "5.1 → 6", 0)
    ws.events.synced.emit(None)
    qtbot.wait(200)
    assert page.model.lines == []  # hidden: not read
    page.show()
    ws.events.synced.emit(None)
    qtbot.waitUntil(lambda: len(page.model.lines) == 1, timeout=5000)
