"""No text that matters is cut at the smallest screen a packing table has (issue 14, point 12):
the real window at 1366×768, offscreen, on the demo server and printer with its demo orders,
every page shown with what it holds on a working day, and each checked by `clipping.py`
(labels, buttons, filter menus, tabs, header sections, dock titles, the rows in sight); the
docks show no horizontal scroll bar.

In every language Prepdesk speaks: LANGUAGES holds those with a catalog; the language is
switched through `app.i18n` before the window is built, so every text is the catalog's.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDockWidget, QScrollArea

from app import i18n
from tests.ui.clipping import clipped_texts, sideways_scrollbars

LANGUAGES = ["en", "ru", "zh_CN", "nl"]
SIZE = (1366, 768)

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()


class Visit:
    """The demo window at 1366×768, page by page; what is cut on each is kept by page."""

    def __init__(self, frame: Any, ws: Any, shots: Path) -> None:
        self.frame, self.ws, self.window, self.shots = frame, ws, frame.window, shots
        self.cut: dict[str, list[str]] = {}

    def wait(self, what: str, done: Callable[[], object], timeout_s: float = 30.0) -> Any:
        deadline = time.monotonic() + timeout_s
        while True:
            QApplication.processEvents()
            result = done()
            if result:
                return result
            assert time.monotonic() < deadline, f"waited in vain for {what}"
            time.sleep(0.01)

    def settle(self, seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.01)

    def look(self, name: str) -> None:
        """Check the window as it stands once the program is idle (no sync or task running),
        under `name`."""
        self.settle()
        self.wait("the program idle", lambda: not self.ws.tasks.is_busy() and not self.frame.sync.running)
        self.settle(0.1)
        self.window.grab().save(str(self.shots / f"{name}.png"))
        found = [str(c) for c in clipped_texts(self.window)]
        found += [f"a sideways scroll bar: {d}" for d in sideways_scrollbars(self.window)]
        if found:
            self.cut[name] = found


@pytest.fixture
def visit(qtbot, tmp_path: Path) -> Iterator[Callable[[str], Visit]]:
    from ui import theme
    from ui.demo import add_demo_panels, start_demo
    from ui.frame import build_frame
    from ui.main import shut_down

    made: list[tuple[Any, Any]] = []
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, sheet = app.font(), app.styleSheet()

    def open_window(language: str) -> Visit:
        theme.apply(app)  # the program's type size and style sheet, as the workstation has them
        ws = start_demo(argparse.Namespace(demo_orders=60))  # (its start speaks the settings' language)
        i18n.set_language(language)  # before any widget is made: every text is the catalog's
        frame = build_frame(ws)
        made.append((frame, ws))
        add_demo_panels(ws, frame)
        frame.window.resize(*SIZE)
        frame.window.show()
        return Visit(frame, ws, tmp_path)

    yield open_window
    for frame, ws in made:
        frame.close()
        shut_down(ws)
    i18n.set_language(None)
    app.setStyleSheet(sheet)  # the other tests run on Qt's own look
    app.setFont(font)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_that_matters_is_cut_on_any_page_at_1366x768(visit, language: str) -> None:
    from ui.main_window import PageKey

    v = visit(language)
    ws, window = v.ws, v.window
    assert (window.width(), window.height()) == SIZE

    v.wait("the demo's operator", lambda: ws.operator is not None)
    ws.sign_in(None)
    v.wait("the sign-in names", lambda: v.frame.sign_in.operators)
    v.look("sign-in")
    badge = v.frame.sign_in.operators[0]
    ws.scans.feed(f"PDB-{badge.badge or badge.code}")
    v.wait("signed in", lambda: ws.operator is not None)
    before = v.frame.sync.last
    v.frame.sync.sync_now()
    v.wait("a sync", lambda: v.frame.sync.last is not before and not v.frame.sync.running)
    v.look("dashboard")

    window.show_page(PageKey.ORDERS)
    orders = window.pages[PageKey.ORDERS]
    v.wait("the order list", lambda: orders.model.rowCount() > 0)
    v.look("orders")
    rows = orders.model.visible_rows()
    orders.model.set_checked([rows[0].id, rows[-1].id])
    orders.show_status(rows[0].status.value)
    orders.marketplace_box.setCurrentIndex(orders.marketplace_box.count() - 1)
    orders.seller_box.setCurrentIndex(orders.seller_box.count() - 1)
    orders.carrier_box.setCurrentIndex(orders.carrier_box.count() - 1)
    v.look("orders-filtered")

    window.show_page(PageKey.PRINT)
    station = window.pages[PageKey.PRINT]
    station.take_ready()
    v.wait("the batch", lambda: station.model.rowCount() > 0)
    station.model.set_rows([entry.row for entry in station.model.entries()[:2]])  # two rows
    v.look("print-batch")
    printed: list[object] = []
    station.batch_printed.connect(printed.append)
    station.print_batch()  # the printed-labels dock then holds labels, the batch their outcome
    v.wait("the batch printed", lambda: printed, 60)
    v.look("print-batch-printed")

    window.show_page(PageKey.PICK)
    pick = window.pages[PageKey.PICK]
    v.wait("the printed orders", lambda: pick.waiting.order_ids())
    v.look("pick-waiting")
    pick.open_order(pick.waiting.order_ids()[0])
    v.wait("the order to pick", lambda: pick.current_view is not None)
    v.look("pick-order")
    answers: list[object] = []
    pick.answered.connect(answers.append)
    ws.scans.feed("5901234123457")  # an item no demo order holds: a red line in the history
    v.wait("the pick's answer", lambda: answers)
    v.look("pick-wrong-item")

    window.show_page(PageKey.PACK_SHIP)
    v.look("pack")

    detail = window.pages[PageKey.ORDER_DETAIL]
    ws.events.open_order.emit(rows[0].id)
    v.wait("the order", lambda: getattr(detail, "order", None) is not None, 30)
    v.wait("the price list", lambda: detail.services_panel.choice.count() > 0)
    v.look("order")
    for area in detail.findChildren(QScrollArea):  # the order's lower half: services, activity
        area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    v.look("order-below")

    for key in (PageKey.ACTIVITY, PageKey.FIGURES, PageKey.SETTINGS):
        window.show_page(key)
        v.look(key)

    labels = window.findChild(QDockWidget, "dock_printed_labels")
    if labels is not None:
        labels.raise_()
        v.look("printed-labels")

    assert v.cut == {}, "\n".join(f"{page}:\n  " + "\n  ".join(found) for page, found in v.cut.items())


def test_the_print_batch_shows_every_column_without_scrolling_at_1366x768(visit) -> None:
    from ui.main_window import PageKey

    v = visit("en")
    v.wait("the demo's operator", lambda: v.ws.operator is not None)
    v.window.show_page(PageKey.PRINT)
    station = v.window.pages[PageKey.PRINT]
    v.wait("orders to print", lambda: (station.take_ready(), station.model.rowCount() > 0)[1])
    station.model.set_rows([entry.row for entry in station.model.entries()[:2]])
    v.look("print-batch")
    assert not station.table.horizontalScrollBar().isVisible()
