"""The child process of bench/ui.py: starts the real `prepdesk` command (prepdesk.cli.main, what
the console script runs) on a filled store, or a bare PySide6 window (`--bare`), and prints
figures as `KEY value` lines. T0 is the parent's clock just before it started this process.

    python bench/ui_session.py T0 --bare
    python bench/ui_session.py T0 [--session ORDER_NUMBERS_FILE] -- --data-dir FOLDER

Without --session the run ends once the window has painted and the order list holds its first
rows (a start). With it, after that: the list's whole load, 1,000 scans on the print page and
1,000 orders opened by scanning their labels, and the RSS after each.
"""

# ruff: noqa: E402  (the paint spy is set up before Qt's window class is first used)
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

# This folder holds bench/ui.py, which is not the `ui` package: off the path.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
T0 = float(sys.argv[1])
BARE = sys.argv[2] == "--bare"
SESSION = sys.argv[sys.argv.index("--session") + 1] if "--session" in sys.argv else ""


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def say(key: str, value: float | str) -> None:
    print(f"{key} {value}", flush=True)


from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class PaintSpy(QObject):
    """Notes the first paint of the main window, then hands over to `after_paint`."""

    def __init__(self, after_paint: Callable[[QMainWindow], None]) -> None:
        super().__init__()
        self.after_paint = after_paint
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            self.done = True
            say("PAINTED", f"{time.time() - T0:.4f}")
            say("RSS_PAINT", f"{rss_mb():.1f}")
            window = watched
            QTimer.singleShot(0, lambda: self.after_paint(window))
        return False


def wait_until(app: QApplication, ready: Callable[[], bool], timeout_s: float = 60.0) -> bool:
    """Run the event loop until `ready()` (checked between events)."""
    end = time.perf_counter() + timeout_s
    while not ready():
        if time.perf_counter() > end:
            return False
        app.processEvents()
        if not ready():
            time.sleep(0.0002)
    return True


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


def drive(window: Any) -> None:
    """After the first paint: the order list's first rows, and in a session the rest."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ws = window.ws
    if ws.operator is None:
        from app.domain.people import Operator

        ws.sign_in(Operator(code="ann", name="Ann"))
    asked = time.perf_counter()
    ws.events.show_orders.emit("")
    page = window.current_page()
    model = page.model
    loaded: list[float] = []
    page.rows_loaded.connect(lambda: loaded.append(time.perf_counter()))
    if wait_until(app, lambda: model.rowCount() > 0):
        page.repaint()
        say("FIRST_ROWS", f"{time.time() - T0:.4f}")
    else:
        say("FIRST_ROWS", "nan")
    if not SESSION:
        os._exit(0)
    wait_until(app, lambda: bool(loaded))
    say("LIST_LOAD", f"{(loaded[0] - asked) if loaded else float('nan'):.4f}")
    say("LIST_ROWS", str(model.rowCount()))

    with open(SESSION) as numbers_file:
        ready_numbers, all_numbers = numbers_file.read().split("\n\n")
    ready, every = ready_numbers.split(), all_numbers.split()

    # 1,000 scans at the print page: order labels of ready orders into the batch, emptied by
    # the cancel command every 20 (a batch at a packing table), each timed to the batch shown.
    window.show_page("print")
    printing = window.current_page()
    changes: list[int] = [0]
    printing.batch_changed.connect(lambda: changes.__setitem__(0, changes[0] + 1))
    said: list[int] = [0]
    ws.notifier.said.connect(lambda *_: said.__setitem__(0, said[0] + 1))
    scans: list[float] = []
    for n in range(1000):
        if n % 20 == 0:
            before = changes[0]
            ws.scans.feed("PDC-CANCEL")
            wait_until(app, lambda before=before: changes[0] > before, 3)
        before, before_said = changes[0], said[0]
        t = time.perf_counter()
        ws.scans.feed(f"PDO-{ready[n % len(ready)]}")
        wait_until(app, lambda before=before, s=before_said: changes[0] > before or said[0] > s, 3)
        printing.repaint()
        scans.append(time.perf_counter() - t)
    say("SCAN_P50", f"{percentile(scans, 0.5) * 1000:.2f}")
    say("SCAN_P99", f"{percentile(scans, 0.99) * 1000:.2f}")
    say("RSS_SCANS", f"{rss_mb():.1f}")

    # 1,000 orders opened by scanning their labels one after the other (as at the table: the
    # order page leaves an order label to the frame, which opens that order), each timed to its
    # number and lines on screen.
    window.show_page("dashboard")
    opens: list[float] = []
    for n in range(1000):
        number = every[(n * 7) % len(every)]
        t = time.perf_counter()
        ws.scans.feed(f"PDO-{number}")

        def shown(number: str = number) -> bool:
            detail = window.current_page()
            order = getattr(detail, "order", None)
            lines = getattr(detail, "lines", None)
            label = getattr(detail, "number_label", None)
            return (
                order is not None
                and order.number == number
                and label is not None
                and label.text() == number
                and lines is not None
                and lines.rowCount() == len(order.lines)
            )

        if wait_until(app, shown, 10):
            window.current_page().repaint()
            opens.append(time.perf_counter() - t)
    say("OPEN_P50", f"{percentile(opens, 0.5) * 1000:.2f}")
    say("OPEN_P99", f"{percentile(opens, 0.99) * 1000:.2f}")
    say("OPEN_MAX", f"{max(opens, default=float('nan')) * 1000:.2f}")
    say("OPENED", str(len(opens)))
    # Let what the opens started (server copies, photos, previews) land before the RSS.
    settle = time.perf_counter() + 2.0
    wait_until(app, lambda: time.perf_counter() > settle, 5)
    say("RSS_OPENS", f"{rss_mb():.1f}")
    from ui.memory import give_back

    give_back()  # what the allocator held freed, given back: the rest is in use
    say("RSS_TRIMMED", f"{rss_mb():.1f}")
    os._exit(0)


if BARE:
    from PySide6.QtWidgets import QLabel

    spy = PaintSpy(lambda _window: os._exit(0))
    app = QApplication([])
    bare = QMainWindow()
    bare.setCentralWidget(QLabel("bare"))
    bare.installEventFilter(spy)
    bare.show()
    app.exec()
else:
    spy = PaintSpy(drive)
    _show = QMainWindow.show

    def show_spied(self: QMainWindow) -> None:
        self.installEventFilter(spy)
        _show(self)

    QMainWindow.show = show_spied  # type: ignore[method-assign]
    from prepdesk.cli import main

    sys.exit(main(sys.argv[sys.argv.index("--") + 1 :]))
