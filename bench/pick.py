"""The pick page, measured: scan-to-screen for 1,000 scans of a 200-line order (5 units a line),
with 500 and with 50,000 orders in the store, and the memory after them (RSS).

    python bench/pick.py [--orders 500 50000] [--scans 1000]

A scan is typed as a keyboard-wedge scanner types it (key events 3 ms apart by their stamps,
then Enter) into the real frame built by the program's own bootstrap; its time runs from the
first key event to the pick page's answer shown and painted (the row, the prompt, the counts).
The floor beside it: the same keys through the same wedge filter to a bare label repainted.
Goal (issue 8): p99 <= 16 ms (one frame) at both sizes. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QWidget  # noqa: E402

from app.domain import Line, OrderStatus  # noqa: E402
from app.store import Store  # noqa: E402
from app.store.orders import write_orders  # noqa: E402
from tests.store.conftest import make_order  # noqa: E402
from tests.ui.wedge_keys import wedge_types  # noqa: E402

LINES, PER_LINE = 200, 5


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def ean13(n: int) -> str:
    body = f"40{n:010d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def fill(folder: Path, orders: int) -> str:
    """A store with `orders` orders (a tenth printed) and the 200-line order to pick; its id."""
    store = Store(folder / "prepdesk.sqlite3")
    statuses = [OrderStatus.READY_TO_PRINT] * 6 + [OrderStatus.PRINTED] + [OrderStatus.SHIPPED] * 3
    batch = []
    for n in range(1, orders + 1):
        batch.append(make_order(n, statuses[n % len(statuses)]).to_dict())
        if len(batch) == 2000:
            with store.transaction() as s:
                write_orders(s, batch)
            batch = []
    big = make_order(orders + 1, OrderStatus.PRINTED)
    big = replace(
        big,
        lines=[
            Line(
                id=f"b{i}",
                sku=f"SKU-{i:03d}",
                title=f"Item {i}",
                quantity=PER_LINE,
                ean=ean13(i),
                bin_location=f"{chr(65 + i % 20)}-{i % 37:02d}",
            )
            for i in range(LINES)
        ],
    )
    batch.append(big.to_dict())
    with store.transaction() as s:
        write_orders(s, batch)
    store.close()
    return big.id


def type_scan(target: QWidget, text: str) -> None:
    """Keys as a wedge scanner sends them into `target` (tests/ui/wedge_keys.py)."""
    wedge_types(target, text)


def percentiles(times: list[float]) -> str:
    times = sorted(times)
    p50, p99 = times[len(times) // 2] * 1000, times[int(len(times) * 0.99)] * 1000
    return f"p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   max {times[-1] * 1000:6.2f} ms"


def run(app: QApplication, orders: int, scans: int) -> None:
    from app.domain.people import Operator
    from devices.wedge_qt import WedgeScannerFilter
    from ui.frame import build_frame
    from ui.main import assemble, settle_memory, shut_down
    from ui.main_window import PageKey
    from ui.scanners import connect_scanners, wedge_settings

    with tempfile.TemporaryDirectory(prefix="prepdesk-bench-pick-") as folder:
        started = time.perf_counter()
        order_id = fill(Path(folder), orders)
        print(f"\n{orders:,} orders in the store (filled in {time.perf_counter() - started:.1f} s)")
        ws = assemble(Path(folder), name="bench", sounds=False)
        frame = build_frame(ws)
        hookup = connect_scanners(ws, frame)
        ws.sign_in(Operator("ann", "Ann Miller"))
        frame.window.show()
        frame.window.activateWindow()
        frame.window.show_page(PageKey.PICK)
        page = frame.window.pages[PageKey.PICK]
        answers: list[object] = []
        page.answered.connect(answers.append)
        loop = QEventLoop()
        page.answered.connect(lambda _answer: loop.quit())
        page.open_order(order_id)
        loop.exec()
        settle_memory()  # as the program does once its window stands
        codes = [ean13(i) for i in range(LINES) for _ in range(PER_LINE)]
        times, to_answer, painting = [], [], []
        answered_at = [0.0]
        page.answered.connect(lambda _answer: answered_at.__setitem__(0, time.perf_counter()))
        wrong = 0
        for n in range(scans):
            code = codes[n % len(codes)] if n < len(codes) else "5901234123457"  # a wrong item past the end
            before = len(answers)
            t0 = time.perf_counter()
            type_scan(frame.window, code)
            if len(answers) == before:  # the GUI thread waits in its event loop, as the program does
                loop.exec()
            app.processEvents()  # the rows and prompt the answer touched, painted
            done = time.perf_counter()
            times.append(done - t0)
            to_answer.append(answered_at[0] - t0)
            painting.append(done - answered_at[0])
            wrong += not answers[-1].verdict.accepted  # type: ignore[attr-defined]
        print(f"  pick page, {scans} scans of a {LINES}-line order ({wrong} refused): {percentiles(times)}")
        print(f"    of which keys to the answer shown (journal committed): {percentiles(to_answer)}")
        print(f"    of which painting after the answer:                   {percentiles(painting)}")
        print(
            f"  RSS after the scans: {rss_mb():.0f} MB;  picked {answers[-1].view.picked} of {LINES * PER_LINE}"
        )  # type: ignore[attr-defined]

        # The floor: the same keys through a wedge filter of the same settings to a bare label.
        hookup.remove()
        frame.window.hide()
        bare = QWidget()
        label = QLabel("—", bare)
        bare.resize(400, 100)
        bare.show()
        bare.activateWindow()
        wedge = WedgeScannerFilter(wedge_settings(ws), parent=bare)
        got: list[str] = []
        wedge.scanned.connect(lambda text, _source, _at: (got.append(text), label.setText(text)))
        wedge.install(app)
        floor = []  # the wedge answers within the key events: the label's text is set by then
        for n in range(scans):
            t0 = time.perf_counter()
            type_scan(label, codes[n % len(codes)])
            app.processEvents()
            floor.append(time.perf_counter() - t0)
        print(f"  floor (wedge keys to a bare label):            {percentiles(floor)}")
        p99 = sorted(times)[int(len(times) * 0.99)] * 1000
        print(f"  goal p99 <= 16 ms: {'met' if p99 <= 16 else 'MISSED'}")
        wedge.uninstall(app)
        bare.close()
        frame.close()
        shut_down(ws)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, nargs="+", default=[500, 50_000])
    parser.add_argument("--scans", type=int, default=1000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from ui import theme

    theme.apply(app)  # type: ignore[arg-type]
    for orders in args.orders:
        run(app, orders, args.scans)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
