"""The pack page, measured: scan-to-screen for a parcel's tracking number — the scanner's key
events into the keyboard-wedge filter, through the frame's scan routing, the pack session on
the store lane (journal commit, synchronous=FULL) and back, until the parcels table has painted
the new row — p50/p99 over 1,000 scans, with 500 and with 50,000 orders in the store. Beside
it, the floor: a bare QWidget's update() until its paint.

    python bench/pack.py [--scans 1000] [--sizes 500,50000]

Goal (issue 15): p99 <= 16 ms. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from ui import page_wiring as wiring  # noqa: E402

PARCELS_PER_ORDER = 4


class PaintWatch(QObject):
    """Notes when a widget last painted."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.painted_at = 0.0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted_at = time.perf_counter()
        return False


def royal_mail(n: int) -> str:
    """A valid UPU S10 number (Royal Mail) for serial `n`."""
    from app.scan.checks import s10_check

    serial = f"{n:08d}"
    return f"RR{serial}{s10_check(serial)}GB"


def scanner_types(widget: QWidget, text: str) -> None:
    """The keys a keyboard-wedge scanner sends, 3 ms apart by their stamps, then Enter."""
    stamp = int(time.monotonic() * 1000)
    for ch in [*text, "\r"]:
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper()))
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
        event.setTimestamp(stamp)
        QApplication.sendEvent(widget, event)
        stamp += 3


def wait_for(app: QApplication, done: Callable[[], bool], timeout: float = 10.0) -> None:
    """Run the event loop until `done()`. It waits for events inside Qt, with the GIL released,
    as the program's own event loop does: a loop spinning in Python would hold the GIL and slow
    the store lane's thread down, which no packing table ever sees."""
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the pack page did not answer")
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


def floor(app: QApplication, n: int) -> list[float]:
    """A bare QWidget: update() until its paint event, n times."""
    bare = QWidget()
    bare.resize(400, 300)
    bare.show()
    watch = PaintWatch(bare)
    app.processEvents()
    spans = []
    for _ in range(n):
        t = time.perf_counter()
        watch.painted_at = 0.0
        bare.update()
        wait_for(app, lambda: watch.painted_at > 0)
        spans.append(watch.painted_at - t)
    bare.close()
    return spans


def run(app: QApplication, orders: int, scans: int) -> list[float]:
    from app.domain import OrderStatus
    from devices.wedge_qt import WedgeScannerFilter
    from tests.ui.orders_world import fill_store, make_orders, workstation_on_store
    from ui.scan_router import ScanRouter

    to_pack = -(-scans // PARCELS_PER_ORDER)
    folder = Path(tempfile.mkdtemp(prefix="prepdesk-bench-pack-"))
    ws = workstation_on_store(folder)
    made = make_orders(max(orders, to_pack))
    for order in made[:to_pack]:
        order.status, order.shipments = OrderStatus.COLLECTED, []
        order.shipping_service = "Royal Mail Tracked 48"
    fill_store(ws.store, made)
    numbers = [o.number for o in made[:to_pack]]
    del made
    # As the program stands once its window is up: the big write checkpointed (a sync of 50,000
    # orders is followed by one), the start-up objects frozen out of the collector (gc.freeze).
    with ws.store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    gc.collect()
    gc.freeze()

    page = wiring.pack_ship_page(ws)
    page.resize(1166, 780)
    page.show()
    router = ScanRouter(ws, lambda: page)
    wedge = WedgeScannerFilter(source="bench")
    wedge.scanned.connect(lambda text, _source, _at: ws.scans.feed(text))
    wedge.install(app)
    watch = PaintWatch(page.parcels_table.viewport())
    answers: list[object] = []
    page.answered.connect(answers.append)
    ws.tasks.wait_idle()
    app.processEvents()

    def act(do: Callable[[], None]) -> None:
        before = len(answers)
        do()
        wait_for(app, lambda: len(answers) > before)

    spans: list[float] = []
    serial = 10_000_000
    try:
        for number in numbers:
            act(lambda number=number: scanner_types(page, f"PDO-{number}"))  # the order
            act(lambda number=number: scanner_types(page, f"PDO-{number}"))  # the box's label
            for _ in range(PARCELS_PER_ORDER):
                if len(spans) == scans:
                    break
                serial += 1
                before = len(answers)
                rows = page.parcels.rowCount()
                t = time.perf_counter()
                scanner_types(page, royal_mail(serial))
                wait_for(
                    app,
                    lambda before=before, rows=rows: len(answers) > before and page.parcels.rowCount() > rows,
                )
                watch.painted_at = 0.0
                wait_for(app, lambda: watch.painted_at > 0)  # the new row painted
                spans.append(watch.painted_at - t)
                act(lambda: page.weigh(500))
            act(lambda: scanner_types(page, "PDC-CONFIRM"))
            if len(spans) == scans:
                break
    finally:
        wedge.uninstall(app)
        del router
        page.close()
        ws.tasks.shutdown()
        ws.store.close()
    return spans


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def line(label: str, spans: list[float]) -> str:
    return (
        f"  {label:<34} p50 {pct(spans, 50) * 1000:6.2f} ms   p99 {pct(spans, 99) * 1000:6.2f} ms   "
        f"max {max(spans) * 1000:6.2f} ms   mean {statistics.fmean(spans) * 1000:6.2f} ms   (n={len(spans)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--sizes", default="500,50000")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from ui import theme

    theme.apply(app)
    print(f"Prepdesk pack bench: tracking scan (keys in) -> parcel row painted, {args.scans} scans")
    base = floor(app, args.scans)
    print(line("floor: bare QWidget update->paint", base))
    for size in (int(x) for x in args.sizes.split(",")):
        spans = run(app, size, args.scans)
        print(line(f"{size:,} orders in the store", spans))
        print(f"    p99 / floor p99 = {pct(spans, 99) / max(pct(base, 99), 1e-9):.0f}x   (goal p99 <= 16 ms)")


if __name__ == "__main__":
    main()
