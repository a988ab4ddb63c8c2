"""`prepdesk tour --out DIR`: the real workstation, offscreen, driven through a day against the
demo server and printer — sign in, print a batch, pick with a wrong scan and a short pick, pack
and ship, record services, look at the day's figures — saving a PNG of each step named after it
(`04-pick-wrong-item.png`). Scans go in through the frame's scan bus, as a scanner's do.

It drives what a person drives and waits for what a person waits for (the page's answer); a step
that does not come within its time stops the tour with the step's name (exit 1).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from app.i18n import tr

log = logging.getLogger(__name__)


class TourStopped(Exception):
    pass


class Tour:
    """GUI thread. Each step acts, waits for its outcome, and saves the window as a PNG."""

    def __init__(self, app: Any, frame: Any, ws: Any, out: Path) -> None:
        self.app, self.frame, self.ws, self.out = app, frame, ws, out
        self.window = frame.window
        self.shots: list[Path] = []
        self.step = 0

    def wait(self, what: str, done: Callable[[], object], timeout_s: float = 30.0) -> Any:
        deadline = time.monotonic() + timeout_s
        while True:
            self.app.processEvents()
            result = done()
            if result:
                return result
            if time.monotonic() > deadline:
                raise TourStopped(tr("The tour stopped at “{step}”: it did not happen in time.", step=what))
            time.sleep(0.01)

    def settle(self, seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def shot(self, name: str) -> Path:
        self.step += 1
        self.settle()
        path = self.out / f"{self.step:02d}-{name}.png"
        self.window.grab().save(str(path))
        self.shots.append(path)
        log.info("tour: %s", path.name)
        return path

    def scan(self, text: str, answered: Any | None = None) -> Any:
        """Feed a scan as a scanner would; with `answered` (a page's signal), wait for its answer."""
        if answered is None:
            self.ws.scans.feed(text)
            self.settle(0.2)
            return None
        return self.act(tr("scan {code}", code=text), answered, lambda: self.ws.scans.feed(text))

    def act(self, what: str, answered: Any, action: Callable[[], object]) -> Any:
        """Do `action` and wait for the page's `answered` signal; its answer is returned."""
        got: list[Any] = []
        answered.connect(got.append)
        try:
            action()
            return self.wait(what, lambda: got[-1] if got else None)
        finally:
            answered.disconnect(got.append)

    def synced(self) -> None:
        before = self.frame.sync.last
        self.frame.sync.sync_now()
        self.wait(tr("sync"), lambda: self.frame.sync.last is not before and not self.frame.sync.running)


def run_day(tour: Tour) -> None:
    from ui.main_window import PageKey

    ws, window = tour.ws, tour.window
    # 1. Sign in with a badge (the demo signs its own operator in: sign out first).
    tour.wait(tr("the demo's operator"), lambda: ws.operator is not None)
    ws.sign_in(None)
    tour.wait(tr("the sign-in names"), lambda: tour.frame.sign_in.operators)
    tour.shot("sign-in")
    badge = tour.frame.sign_in.operators[0]
    tour.scan(f"PDB-{badge.badge or badge.code}")
    tour.wait(tr("signed in"), lambda: ws.operator is not None)
    tour.synced()
    tour.shot("dashboard")

    # 2. Print a batch: three orders ready to print.
    window.show_page(PageKey.PRINT)
    page = window.pages[PageKey.PRINT]
    page.take_ready()
    tour.wait(tr("the batch"), lambda: page.model.rowCount() > 0)
    page.model.set_rows([entry.row for entry in page.model.entries()[:3]])  # a small batch
    reports: list[Any] = []
    page.batch_printed.connect(reports.append)
    page.print_batch()
    tour.wait(tr("the batch printed"), lambda: reports, timeout_s=60)
    tour.shot("print-batch")
    tour.synced()

    # 3. Pick: an order with a wrong item first, then every unit; then a short pick.
    window.show_page(PageKey.PICK)
    pick = window.pages[PageKey.PICK]
    tour.wait(tr("the printed orders"), lambda: len(pick.waiting.order_ids()) >= 2)
    first, second = pick.waiting.order_ids()[:2]
    pick.open_order(first)
    tour.wait(tr("the order to pick"), lambda: pick.current_view is not None)
    tour.shot("pick-order")
    tour.scan("5901234123457", pick.answered)  # an EAN-13 no demo order holds
    tour.shot("pick-wrong-item")
    view = pick.current_view
    for line in view.lines:
        code = line.line.ean or line.line.fnsku or line.line.sku
        for _ in range(line.remaining):
            tour.scan(code, pick.answered)
    tour.wait(
        tr("the item labels"),
        lambda: pick.current_view is not None and pick.current_view.end.value == "collected",
        60,
    )
    tour.shot("pick-done")
    pick.open_order(second)
    tour.wait(
        tr("the second order"), lambda: pick.current_view is not None and pick.current_view.order_id == second
    )
    nxt = pick.current_view.next_line
    if nxt is not None:
        tour.scan(nxt.line.ean or nxt.line.fnsku or nxt.line.sku, pick.answered)
    tour.scan("PDC-SHORT", pick.answered)
    tour.shot("pick-short")
    tour.synced()

    # 4. Pack the order just picked into two parcels, weigh them, ship.
    pack_and_ship(tour, first)

    # 5. Services on the order just picked, then the day's figures.
    ws.events.open_order.emit(first)
    detail = window.pages[PageKey.ORDER_DETAIL]
    panel = detail.services_panel
    tour.wait(tr("the price list"), lambda: panel.choice.count() > 0)
    verdicts: list[Any] = []
    panel.recorded.connect(verdicts.append)
    tour.scan("PDS-POLYBAG")
    tour.wait(tr("the service recorded"), lambda: verdicts)
    tour.wait(tr("the service shown"), lambda: panel.model.rowCount() > 0)
    detail_scroll_to(detail, detail.services_view)
    tour.shot("services")
    tour.synced()
    window.show_page(PageKey.FIGURES)
    figures = window.pages[PageKey.FIGURES]
    tour.wait(tr("the figures"), lambda: figures.model.rowCount() > 0)
    tour.shot("figures")


def detail_scroll_to(detail: Any, widget: Any) -> None:
    from PySide6.QtWidgets import QScrollArea

    scroll = detail.findChild(QScrollArea)
    if scroll is not None:
        scroll.ensureWidgetVisible(widget, 0, 200)


# Valid UPS numbers for the tour's two parcels (the demo platform never hands these out).
TOUR_PARCELS = ("1Z999AA10123456784", "1Z12345E6605272234")


def pack_and_ship(tour: Tour, order_id: str) -> None:
    """Does what the pack page's prompt asks, as a packer would, until the order is shipped."""
    from ui.main_window import PageKey

    window = tour.window
    window.show_page(PageKey.PACK_SHIP)
    pack = window.pages[PageKey.PACK_SHIP]
    number = _order_number(tour.ws.store, order_id)
    tour.scan(f"PDO-{number}", pack.answered)
    parcels = list(TOUR_PARCELS)
    weights = [1250, 800]
    shots = {"label": False, "weigh": False}
    for _ in range(12):
        prompt = pack.prompt.text()
        if prompt == tr("Scan the label on the box"):
            tour.scan(f"PDO-{number}", pack.answered)
        elif prompt.startswith(tr("Scan the tracking number")) and parcels:
            tour.scan(parcels.pop(0), pack.answered)
        elif prompt.startswith(tr("Weigh parcel {n}", n="").strip()) and weights:
            tour.act(tr("the weight"), pack.answered, partial(pack.weigh, weights.pop(0)))
            if not shots["weigh"]:
                shots["weigh"] = True
                tour.shot("pack-weigh")
        elif prompt == tr("Ship") and parcels:
            tour.scan(parcels.pop(0), pack.answered)  # a second parcel
        elif prompt == tr("Ship"):
            tour.shot("pack-two-parcels")
            tour.scan("PDC-CONFIRM", pack.answered)
            tour.shot("ship")
            tour.synced()
            return
        else:
            break
    raise TourStopped(tr("The tour stopped at the pack station: “{prompt}”.", prompt=pack.prompt.text()))


def _order_number(store: Any, order_id: str) -> str:
    from app.order_view import order_view

    view = order_view(store, order_id)
    return view.order.number if view is not None else ""


def tour_command(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    from ui import theme
    from ui.demo import add_demo_panels, start_demo
    from ui.frame import build_frame
    from ui.language import apply_to_qt
    from ui.main import settle_memory, shut_down

    app = QApplication.instance() or QApplication(sys.argv[:1])
    look = {"display.type_size": args.type_size, "display.theme": args.theme}
    theme.apply(app, args.type_size, args.theme)  # type: ignore[arg-type]
    ws = start_demo(argparse.Namespace(demo_orders=args.orders))
    ws.settings.update(look)
    apply_to_qt(app)
    frame = build_frame(ws)
    add_demo_panels(ws, frame)
    frame.window.resize(1366, 768)
    frame.window.show()
    settle_memory()
    tour = Tour(app, frame, ws, out)
    code = 0
    try:
        run_day(tour)
    except TourStopped as stop:
        print(stop, file=sys.stderr)
        code = 1
    finally:
        frame.close()
        shut_down(ws)
    for path in tour.shots:
        print(path)
    return code


def register(sub: Any) -> None:
    p = sub.add_parser(
        "tour", help=tr("drive the workstation through a day offscreen and save a PNG of each step")
    )
    p.add_argument("--out", required=True, help=tr("the folder for the PNGs"))
    p.add_argument("--orders", type=int, default=60, help=tr("demo orders on the server"))
    p.add_argument(
        "--type-size",
        default="normal",
        choices=["normal", "large", "extra_large"],
        help=tr("the type size to render in"),
    )
    p.add_argument("--theme", default="light", choices=["light", "dark"], help=tr("the colours to render in"))
    p.set_defaults(handler=tour_command)
