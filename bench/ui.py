"""The workstation as a packing table meets it (issue 13): the real `prepdesk` command started on
a filled store, beside a bare PySide6 window started in the same run (the floor no Qt program
beats), and then a working session on that window.

    python bench/ui.py [--orders 500 10000 50000] [--starts 5]

For each store size: a reference order server on loopback holds that many orders and a
workstation data folder is filled from it by a real sync (the store file the program opens,
its server address, token and name), then, alternating with the bare window, `--starts` starts
of `prepdesk --data-dir FOLDER` print when the window first painted and when the order list
first showed rows (medians), and the RSS at paint. One more start then works: the list's whole
load, 1,000 order-label scans at the print page, 1,000 orders opened by scanning their labels
(p50/p99 to the number and lines on screen), and the RSS after each. The children run with their
modules compiled once, as an installed program's are (not recompiled at every start where the
shell sets PYTHONDONTWRITEBYTECODE). Everything it made (data folders, server database, compiled
modules) is removed at the end. Prints figures; asserts nothing.

Goals: painted <= 2x the bare window; first rows <= 1 s; RSS <= 150 MB at 500 orders after the
scans and opens (<= 200 MB at 50,000); open p99 <= 50 ms; print-page scan p99 <= 16 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tokens in the data folder, never in a desktop keyring the bench would leave them behind in.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SESSION = Path(__file__).resolve().parent / "ui_session.py"


# The children's compiled modules: an installed program's are compiled once (at its install, or
# by its first start), so the starts measured here use them too, even where the shell says not
# to write any (PYTHONDONTWRITEBYTECODE); kept in the bench's own folder, removed with it.
BYTECODE: dict[str, str] = {}


def child(args: list[str], timeout: float) -> dict[str, str]:
    """Run bench/ui_session.py with the parent's clock as T0; its `KEY value` lines."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen", **BYTECODE}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.time()
    try:
        done = subprocess.run(
            [sys.executable, str(SESSION), repr(t0), *args],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        print(f"  (a run took more than {timeout:.0f} s and was stopped)")
        return {}
    figures = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    if "PAINTED" not in figures:
        print("  run failed:", (done.stderr.strip().splitlines() or [str(done.returncode)])[-1])
    return figures


def fill(folder: Path, orders: int) -> tuple[object, str]:
    """A reference server with `orders` orders and a workstation folder synced from it."""
    from server.harness import start_server
    from ui.main import assemble, shut_down

    server = start_server(demo_orders=orders)
    ws = assemble(folder, server_url=server.url, token=server.token, name="bench-table", sounds=False)
    assert ws.sync is not None
    while True:  # a pull takes a page per call until it has caught up
        report = ws.sync.run_once()
        if report.error:
            raise RuntimeError(report.error)
        if not report.pulled:
            break
    from sqlalchemy import text

    with ws.store.session() as s:
        ready = [r[0] for r in s.execute(text("SELECT number FROM orders WHERE status = '5.1'"))]
        every = [r[0] for r in s.execute(text("SELECT number FROM orders"))]
    shut_down(ws)
    numbers = folder.parent / f"numbers-{orders}.txt"
    numbers.write_text("\n".join(ready) + "\n\n" + "\n".join(every))
    return server, str(numbers)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def number(figures: dict[str, str], key: str) -> float:
    try:
        return float(figures[key])
    except (KeyError, ValueError):
        return float("nan")


def bench_size(orders: int, starts: int, work: Path) -> None:
    folder = work / f"table-{orders}"
    print(f"\n== {orders:,} orders ==")
    t = time.perf_counter()
    server, numbers = fill(folder, orders)
    print(f"  fill server and store (setup)          {time.perf_counter() - t:8.1f} s")
    try:
        bare: list[float] = []
        painted: list[float] = []
        first_rows: list[float] = []
        rss_paint: list[float] = []
        command = ["--", "--data-dir", str(folder)]
        child(["--bare"], 60)  # the first pair warms the file cache (and compiles the modules)
        child(command, 120)
        for _ in range(starts):
            bare.append(number(child(["--bare"], 60), "PAINTED"))
            run = child(command, 120)
            painted.append(number(run, "PAINTED"))
            first_rows.append(number(run, "FIRST_ROWS"))
            rss_paint.append(number(run, "RSS_PAINT"))
        floor, mine = median(bare), median(painted)
        print(f"  bare PySide6 window painted            {floor:8.3f} s   (median of {starts})")
        print(
            f"  prepdesk window painted                {mine:8.3f} s   = {mine / floor:.1f}x bare (goal <= 2x)"
        )
        print(f"  first orders on screen                 {median(first_rows):8.3f} s   (goal <= 1 s)")
        print(f"  RSS at paint                           {median(rss_paint):8.1f} MB")
        run = child(["--session", numbers, *command], 900)
        print(
            f"  list load (asked to rows in the model) {number(run, 'LIST_LOAD') * 1000:8.1f} ms"
            f"   ({run.get('LIST_ROWS', '?')} rows)"
        )
        print(
            f"  print-page scan p50 / p99              {number(run, 'SCAN_P50'):8.1f} / "
            f"{number(run, 'SCAN_P99'):.1f} ms   (goal p99 <= 16 ms)"
        )
        print(f"  RSS after 1,000 scans                  {number(run, 'RSS_SCANS'):8.1f} MB")
        print(
            f"  open an order by scan p50 / p99 / max  {number(run, 'OPEN_P50'):8.1f} / "
            f"{number(run, 'OPEN_P99'):.1f} / {number(run, 'OPEN_MAX'):.1f} ms"
            f"   ({run.get('OPENED', '0')} opened; goal p99 <= 50 ms)"
        )
        goal = 150 if orders <= 500 else 200
        print(
            f"  RSS after 1,000 scans + 1,000 opens    {number(run, 'RSS_OPENS'):8.1f} MB   (goal <= {goal} MB)"
        )
        print(f"  RSS then, the allocator's free pages given back {number(run, 'RSS_TRIMMED'):.1f} MB")
    finally:
        server.stop()  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orders", type=int, nargs="+", default=[500, 10_000, 50_000])
    parser.add_argument("--starts", type=int, default=5, help="starts of each kind, alternating")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="prepdesk-bench-ui-"))
    BYTECODE["PYTHONPYCACHEPREFIX"] = str(work / "bytecode")
    print(f"Prepdesk window bench: {sys.executable}, {os.cpu_count()} cores, modules compiled once")
    try:
        for orders in args.orders:
            bench_size(orders, args.starts, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
