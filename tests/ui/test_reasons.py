"""Reasons for a reprint or a print error (issue 14, point 14): wherever one is asked, the usual
reasons are offered as a short list (one click, or one digit), with a line for free text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.domain import OrderStatus
from app.domain.reasons import ReasonAsked, usual_reasons
from app.store.queries import load_order
from tests.ui.orders_world import fill_store, make_orders, workstation_on_store
from ui import page_wiring as wiring
from ui.reason_dialog import ReasonDialog

S = OrderStatus
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on a dialog


class Answerer:
    """Answers the next modal dialog as an operator would: picks the usual reason at `row`.
    Any other dialog (a bare text question) is cancelled and noted."""

    def __init__(self, row: int) -> None:
        self.row = row
        self.offered: list[str] = []
        self.other: list[str] = []
        self.tries = 200  # two seconds at most: no dialog then is a failure, not a wait forever
        QTimer.singleShot(0, self._answer)

    def _answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            self.tries -= 1
            if self.tries > 0:
                QTimer.singleShot(10, self._answer)
            return
        if not isinstance(dialog, ReasonDialog):
            self.other.append(type(dialog).__name__)
            assert isinstance(dialog, QDialog)
            dialog.reject()
            return
        self.offered = [dialog.reasons.item(i).text() for i in range(dialog.reasons.count())]
        dialog.choose(self.row)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


def _recording(calls: list[tuple], *_names: str) -> Callable[..., None]:
    return lambda *args: calls.append(args)


def test_the_dialog_offers_the_usual_reasons_and_takes_free_text(qtbot) -> None:
    dialog = ReasonDialog(ReasonAsked.REPRINT, "Reprint", "Why print the labels again?")
    qtbot.addWidget(dialog)
    dialog.show()
    usual = usual_reasons(ReasonAsked.REPRINT)
    assert {"Torn or damaged label", "Printer jam", "Wrong address on the label"} <= set(usual)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert dialog.reason() == "" and not ok.isEnabled()  # none picked yet: nothing to send

    qtbot.keyClick(dialog.reasons, "2")  # one digit picks the second usual reason
    assert dialog.reason() == usual[1] and ok.isEnabled()

    dialog.own_words.clear()
    qtbot.keyClick(dialog.reasons, "R")  # a letter starts the operator's own words
    qtbot.keyClicks(dialog.own_words, "oll ran out")
    assert dialog.reason() == "Roll ran out"
    assert dialog.reasons.currentRow() == -1
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.own_words, Qt.Key.Key_Return)


def test_enter_on_a_usual_reason_sends_it(qtbot) -> None:
    dialog = ReasonDialog(ReasonAsked.PRINT_ERROR, "Print error", "What is wrong?")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.reasons, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.reasons, Qt.Key.Key_Return)
    assert dialog.reason() in usual_reasons(ReasonAsked.PRINT_ERROR)


@pytest.mark.parametrize("asked", list(ReasonAsked))
def test_every_kind_of_reason_has_a_short_list(asked: ReasonAsked) -> None:
    usual = usual_reasons(asked)
    assert 3 <= len(usual) <= 9 and len(set(usual)) == len(usual)  # 1-9 picks each


def test_a_bulk_print_error_on_the_order_list_offers_the_usual_reasons(tmp_path: Path, qtbot) -> None:
    from app.operations.order_moves import bulk_move

    ws = workstation_on_store(tmp_path)
    orders = make_orders(60)
    fill_store(ws.store, orders)
    page = wiring.orders_page(ws)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.rows_loaded, timeout=20000):
        page.page_shown()
    ready = next(o for o in orders if o.status is S.READY_TO_PRINT)
    page.model.set_checked([ready.id])
    said: list[str] = []
    ws.notifier.said.connect(lambda text, _tone: said.append(text))

    operator = Answerer(row=1)
    page._ask_and_move(bulk_move("print_error"))
    assert operator.other == [] and operator.offered
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    with ws.store.session() as s:
        order = load_order(s, ready.id)
        assert order is not None and order.status is S.PRINT_ERROR
        assert order.status_reason == usual_reasons(ReasonAsked.PRINT_ERROR)[1]
    ws.tasks.shutdown()
    ws.store.close()


def test_the_order_page_asks_reprint_and_print_error_reasons_from_the_list(tmp_path: Path, qtbot) -> None:

    ws = workstation_on_store(tmp_path)
    page = wiring.order_detail_page(ws)
    qtbot.addWidget(page)
    printed: list[tuple] = []
    page.request_print = _recording(printed)  # type: ignore[method-assign]
    page.print_error = _recording(printed)  # type: ignore[method-assign]

    operator = Answerer(row=0)
    page._ask_reprint()
    assert operator.other == [] and printed[-1] == (usual_reasons(ReasonAsked.REPRINT)[0],)
    operator = Answerer(row=2)
    page._ask_print_error()
    assert operator.other == [] and printed[-1] == (usual_reasons(ReasonAsked.PRINT_ERROR)[2],)
    ws.tasks.shutdown()
    ws.store.close()


def test_the_pack_table_asks_a_reprint_reason_from_the_list(qtbot, make_workstation) -> None:

    ws = make_workstation()
    page = wiring.pack_ship_page(ws)
    qtbot.addWidget(page)
    asked: list[tuple] = []
    page.reprint = _recording(asked)  # type: ignore[method-assign]
    operator = Answerer(row=1)
    page._ask_reprint("shipping_label")
    assert operator.other == [] and asked == [("shipping_label", usual_reasons(ReasonAsked.REPRINT)[1])]


def test_the_print_station_asks_reprint_and_print_error_reasons_from_the_list(print_world, qtbot) -> None:
    _ws, page, ids = print_world
    with qtbot.waitSignal(page.batch_changed, timeout=10000):
        page.take_orders(ids)
    page.table.selectRow(0)
    asked: list[tuple] = []
    page.reprint = _recording(asked)  # type: ignore[method-assign]
    page.mark_print_error = _recording(asked)  # type: ignore[method-assign]

    operator = Answerer(row=1)
    page._ask_reprint()
    assert operator.other == [] and asked[-1] == ([0], usual_reasons(ReasonAsked.REPRINT)[1])
    operator = Answerer(row=0)
    page._ask_print_error()
    assert operator.other == [] and asked[-1] == ([0], usual_reasons(ReasonAsked.PRINT_ERROR)[0])


@pytest.fixture
def print_world(tmp_path: Path, demo_server, qtbot):
    from app.store.queries import OrderFilter, list_orders

    ws = workstation_on_store(tmp_path, server=demo_server)
    assert ws.sync.run_once().error is None
    with ws.store.session() as s:
        ids = [r.id for r in list_orders(s, OrderFilter(statuses=(S.READY_TO_PRINT,)), limit=2).rows]
    page = wiring.print_station_page(ws)
    qtbot.addWidget(page)
    yield ws, page, ids
    ws.tasks.shutdown()
    ws.server.close()
    ws.store.close()
