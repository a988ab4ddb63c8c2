"""The order list with 50,000 orders, measured in one process: load, filter, search, sort, a
sync's merge, and the memory it takes (RSS). The real command's start is bench/ui.py's.

    python bench/order_list.py [--orders 50000]

Goals (issue 5): filter <= 100 ms, RSS <= 400 MB. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from ui import page_wiring as wiring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=50_000)
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.domain import OrderStatus
    from app.order_list.loading import load_rows, search_ids
    from app.order_list.rows import COLUMNS, ListFilter, SortIndex, SortSpec, changes_between, sorted_rows
    from tests.ui.orders_world import fill_store, make_orders, workstation_on_store

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="prepdesk-bench-ui-"))
    print(f"Prepdesk UI bench: {args.orders:,} orders, store in {folder}")
    rss_before = rss_mb()

    t = time.perf_counter()
    ws = workstation_on_store(folder)
    orders = make_orders(args.orders)
    fill_store(ws.store, orders)
    del orders
    print(f"  fill the store (setup, not a goal)     {time.perf_counter() - t:8.1f} s")

    page = wiring.orders_page(ws)
    page.resize(1166, 720)
    page.show()
    model = page.model

    t = time.perf_counter()
    loaded = load_rows(ws.store, model.sort_spec)
    t_query = time.perf_counter() - t
    t = time.perf_counter()
    model.set_rows(loaded.rows, loaded.spec, loaded.index)
    page._set_facets(loaded.facets)
    app.processEvents()
    t_apply = time.perf_counter() - t
    print(f"  load the list: query + keys (worker)   {ms(t_query)}")
    print(f"  load the list: model + view (GUI)      {ms(t_apply)}   ({model.rowCount():,} rows)")

    def timed(label: str, action, repeat: int = 5) -> float:
        best = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            action()
            app.processEvents()
            best = min(best, time.perf_counter() - t)
        print(f"  {label:<38} {ms(best)}")
        return best

    ready = frozenset({OrderStatus.READY_TO_PRINT})
    worst = 0.0
    worst = max(
        worst, timed("filter: status 5.1 (GUI)", lambda: model.set_filter(ListFilter(statuses=ready)))
    )
    worst = max(
        worst,
        timed(
            "filter: status + marketplace + seller",
            lambda: model.set_filter(ListFilter(statuses=ready, marketplace="eBay", seller="Globex")),
        ),
    )
    worst = max(worst, timed("filter: cleared (every order)", lambda: model.set_filter(ListFilter())))
    print(f"  -> worst filter {worst * 1000:.1f} ms   (goal <= 100 ms)")

    for term in ("PC-123456", "SKU-0042", "petrova"):
        t = time.perf_counter()
        hits = search_ids(ws.store, term)
        t_search = time.perf_counter() - t
        t = time.perf_counter()
        model.set_filter(ListFilter(search=term, search_hits=hits))
        app.processEvents()
        t_show = time.perf_counter() - t
        print(f"  search {term!r:<14} store {ms(t_search)} + show {ms(t_show)}  ({len(hits):,} hits)")

    model.set_filter(ListFilter())
    # A header click: the model asks the store lane for the sort and swaps the rows in when they
    # come back. GUI = the click's own time + the swap (layout change); worker = the sort itself.
    print("  header click, every order shown:  GUI click + swap-in (layout change) | worker sort")
    worst_gui = 0.0
    marks: dict[str, float] = {}  # the layout change's own span, inside the swap-in (the rest: paint)
    model.layoutAboutToBeChanged.connect(lambda *_: marks.__setitem__("from", time.perf_counter()))
    model.layoutChanged.connect(lambda *_: marks.__setitem__("to", time.perf_counter()))
    for column in range(1, len(COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            t = time.perf_counter()
            model.sort(column, order)
            t_click = time.perf_counter() - t
            ws.tasks.wait_idle()
            time.sleep(0.05)  # the worker hands the answer over to the GUI thread's queue
            t = time.perf_counter()
            app.processEvents()
            t_swap = time.perf_counter() - t
            t = time.perf_counter()
            sorted_rows((), SortSpec(column, order == Qt.SortOrder.DescendingOrder), loaded.index)
            t_worker = time.perf_counter() - t
            late = "  (not swapped in yet!)" if model.sorting else ""
            worst_gui = max(worst_gui, t_click + t_swap)
            arrow = "v" if order == Qt.SortOrder.DescendingOrder else "^"
            t_layout = marks.get("to", 0.0) - marks.get("from", 0.0)
            print(
                f"    {COLUMNS[column].key + ' ' + arrow:<16} {ms(t_click)} + {ms(t_swap)} ({ms(t_layout).strip()})"
                f"  | {ms(t_worker)}{late}"
            )
    print(f"  -> worst header click on the GUI thread {worst_gui * 1000:.1f} ms")

    # A sync that changed 200 orders: diff in the worker, merge row by row on the GUI thread.
    model.set_filter(ListFilter(statuses=ready))
    before = {r.id: r for r in model.all_rows()}
    after = list(before.values())
    for n in range(min(200, len(after) // 7)):
        after[n * 7] = replace(after[n * 7], status=OrderStatus.PRINTED)
    t = time.perf_counter()
    changed, removed = changes_between(before, after)
    index = SortIndex.of(after)
    every = sorted_rows((), model.sort_spec, index)
    t_diff = time.perf_counter() - t
    t = time.perf_counter()
    model.apply_changes(changed, removed, every, model.sort_spec, index)
    app.processEvents()
    t_merge = time.perf_counter() - t
    print(f"  sync of 200 changes: diff+keys+sort (worker){ms(t_diff)}")
    print(f"  sync of 200 changes: merge (GUI)       {ms(t_merge)}")

    rss = rss_mb()
    print(
        f"  memory RSS with the list loaded        {rss:8.0f} MB   (goal <= 400 MB; {rss_before:.0f} MB before)"
    )
    ws.tasks.shutdown()
    ws.store.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
