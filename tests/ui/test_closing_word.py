"""Closing the program with changes that have not reached the server says how many wait, and
that they are kept and sent at the next start (issue 14, point 7); a stop signal asks nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import add_orders, synced
from ui.stopping import STOPPING

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()


def _two_changes_waiting(qtbot, order_server, make_workstation, frame_of):
    orders = add_orders(order_server, 2)
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    synced(qtbot, frame)
    order_server.stop()  # the server goes away: the changes wait in the outbox
    for order in orders:
        ws.flows.orders.mark_printed(order["id"])
    frame.sync.count_outbox()
    qtbot.waitUntil(lambda: frame.window.status.outbox == 2, timeout=10000)
    frame.closing.asks = True  # as on a screen (offscreen it closes without a question)
    return ws, frame


def _answer(frame, button_text: str, seen: list[str]) -> None:
    def answer() -> None:
        question = frame.closing.question
        if question is None:
            QTimer.singleShot(20, answer)
            return
        seen.append(question.text())
        next(b for b in question.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, answer)


def test_closing_with_unsent_changes_says_how_many_wait_and_that_they_are_kept(
    qtbot, order_server, make_workstation, frame_of
) -> None:
    _ws, frame = _two_changes_waiting(qtbot, order_server, make_workstation, frame_of)
    seen: list[str] = []
    _answer(frame, "Keep working", seen)
    frame.window.close()
    assert seen and "2 changes have not reached the server yet" in seen[0]
    assert "kept at this table and sent at the next start" in seen[0]
    assert frame.window.isVisible()  # kept working

    _answer(frame, "Close Prepdesk", seen)
    frame.window.close()
    assert len(seen) == 2 and not frame.window.isVisible()
    order_server.start()


def test_a_stop_signal_closes_without_a_question(qtbot, order_server, make_workstation, frame_of) -> None:
    _ws, frame = _two_changes_waiting(qtbot, order_server, make_workstation, frame_of)
    app = QApplication.instance()
    app.setProperty(STOPPING, True)
    try:
        frame.window.close()
        assert frame.closing.question is None and not frame.window.isVisible()
    finally:
        app.setProperty(STOPPING, False)
        order_server.start()
