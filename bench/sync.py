"""Sync figures (not a test): initial sync of 10,000 demo orders from the reference server (a child
process on loopback) into an empty store, a sync with nothing changed, an outbox of 1,000 actions
flushed, and the initial sync against the bare cost of fetching and decoding the same pages; then
the screens' reads on a store grown to 50,000 orders.

    python bench/sync.py [--orders 10000] [--page-size 1000]

Goals on 2 cores: initial <= 15 s and <= 3x bare; nothing changed <= 100 ms; 1,000 actions <= 10 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import func, select
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.api import OrderServerClient
from app.domain import OrderStatus
from app.flows import OrderActions
from app.store import LineRow, OrderBody, OrderRow, ShipmentRow, Store, queries
from app.store.orders import write_orders
from app.sync import SyncEngine, SyncReport
from server.harness import start_server
from tests.stations.picking import pick_every_unit


def bare_fetch(url: str, token: str, page_size: int) -> tuple[float, int, int]:
    """Fetch and JSON-decode every page with plain requests: seconds, orders, lines."""
    session = requests.Session()
    session.headers.update({"Authorization": f"Bearer {token}", "X-Workstation": "BENCH"})
    started = time.perf_counter()
    cursor, orders, lines = None, 0, 0
    while True:
        params = {"limit": str(page_size), **({"cursor": cursor} if cursor else {})}
        page = session.get(f"{url}/api/v1/orders", params=params, timeout=(3, 60)).json()
        orders += len(page["orders"])
        lines += sum(len(o["lines"]) for o in page["orders"])
        cursor = page["cursor"]
        if not page["has_more"] or not page["orders"]:
            break
    return time.perf_counter() - started, orders, lines


def bare_posts(url: str, token: str, n: int) -> float:
    """Seconds per plain-requests POST (a claim on each of `n` orders): the server's own cost."""
    session = requests.Session()
    session.headers.update({"Authorization": f"Bearer {token}", "X-Workstation": "BARE"})
    page = session.get(f"{url}/api/v1/orders", params={"limit": str(n)}, timeout=(3, 60)).json()
    ids = [o["id"] for o in page["orders"] if o["status"] != "0"][:n]
    started = time.perf_counter()
    for order_id in ids:
        answer = session.post(
            f"{url}/api/v1/orders/{order_id}/claim",
            json={"minutes": 1},
            headers={"Idempotency-Key": str(uuid.uuid4())},
            timeout=(3, 60),
        )
        answer.json()
    seconds = (time.perf_counter() - started) / max(1, len(ids))
    for order_id in ids:  # let the workstation act on them later
        session.post(
            f"{url}/api/v1/orders/{order_id}/release",
            json={},
            headers={"Idempotency-Key": str(uuid.uuid4())},
            timeout=(3, 60),
        )
    return seconds


def bench_queries(store: Store, copies: int) -> None:
    """The screens' reads on the store grown to `copies` times its orders (new ids and numbers)."""
    with store.session() as s:
        originals = [json.loads(d) for d in s.scalars(select(OrderBody.data))]
    started = time.perf_counter()
    for copy in range(1, copies):
        clones = []
        for d in originals:
            clone = dict(d, id=f"{d['id']}-{copy}", number=f"{copy}{d['number']}")
            clones.append(clone)
        with store.transaction() as s:
            write_orders(s, clones)
    with store.session() as s:
        total = s.scalar(select(func.count()).select_from(OrderRow))
        sku = s.scalar(select(LineRow.sku).limit(1)) or ""
        tracking = s.scalar(select(ShipmentRow.tracking_number).limit(1)) or ""
        some_id = s.scalar(select(OrderRow.id).offset(total // 2 if total else 0).limit(1)) or ""
    print(f"store grown to {total} orders in {time.perf_counter() - started:.1f} s; reads:")
    asks: list[tuple[str, Callable[[Session], object]]] = [
        ("dashboard counts", queries.counts_by_status),
        ("first page, by ship-by", lambda s: queries.list_orders(s, limit=200)),
        (
            "status 5.1, by number desc",
            lambda s: queries.list_orders(
                s,
                queries.OrderFilter(statuses=[OrderStatus.READY_TO_PRINT]),
                sort=queries.SortKey.NUMBER,
                descending=True,
            ),
        ),
        (
            "marketplace + ship-by window",
            lambda s: queries.list_orders(
                s,
                queries.OrderFilter(
                    marketplace="Amazon",
                    ship_by_from=datetime.now(UTC),
                    ship_by_to=datetime.now(UTC) + timedelta(days=2),
                ),
            ),
        ),
        ("search a SKU", lambda s: queries.list_orders(s, queries.OrderFilter(search=sku))),
        ("search a tracking number", lambda s: queries.list_orders(s, queries.OrderFilter(search=tracking))),
        ("search a recipient", lambda s: queries.list_orders(s, queries.OrderFilter(search="müller"))),
        ("page 100 (offset 20,000)", lambda s: queries.list_orders(s, offset=20_000, limit=200)),
        ("load one order", lambda s: queries.load_order(s, some_id)),
    ]
    for name, ask in asks:
        times = []
        for _ in range(5):
            with store.session() as s:
                started = time.perf_counter()
                ask(s)
                times.append(time.perf_counter() - started)
        print(f"  {name:<30} median {statistics.median(times) * 1000:6.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--actions", type=int, default=1000)
    parser.add_argument("--store-copies", type=int, default=5, help="grow the store to this many times")
    args = parser.parse_args()

    print(f"starting the reference server with {args.orders} demo orders (child process)…", flush=True)
    started = time.perf_counter()
    server = start_server(demo_orders=args.orders, in_process=False, marketplace_confirm_after_s=3600)
    print(f"  server up in {time.perf_counter() - started:.1f} s at {server.url}")
    try:
        with tempfile.TemporaryDirectory(prefix="prepdesk-bench-") as folder:
            bare_fetch(server.url, server.token, args.page_size)  # warm the server's caches
            bare = [bare_fetch(server.url, server.token, args.page_size) for _ in range(2)]
            bare_s = min(b[0] for b in bare)
            _, n_orders, n_lines = bare[0]
            print(f"bare fetch + decode: {bare_s:.2f} s for {n_orders} orders, {n_lines} lines")
            bare_post_s = bare_posts(server.url, server.token, 300)
            print(f"bare POST:           {bare_post_s * 1000:.1f} ms each (plain requests, 300 claims)")

            store = Store(Path(folder) / "prepdesk.sqlite3")
            client = OrderServerClient(server.url, server.token, "BENCH", "ann")
            engine = SyncEngine(store, client, page_size=args.page_size)
            started = time.perf_counter()
            report = SyncReport()
            engine.pull(report)
            initial_s = time.perf_counter() - started
            print(
                f"initial sync:        {initial_s:.2f} s ({report.pulled} orders, {report.pages} pages)"
                f"  ratio to bare {initial_s / bare_s:.2f}x   [goal <= 15 s, <= 3x]"
            )

            idle = []
            for _ in range(7):
                started = time.perf_counter()
                result = engine.run_once()
                idle.append(time.perf_counter() - started)
                assert result.error is None and result.pulled == 0, result.summary()
            print(
                f"nothing changed:     median {statistics.median(idle) * 1000:.1f} ms,"
                f" worst {max(idle) * 1000:.1f} ms   [goal <= 100 ms]"
            )

            with store.session() as s:
                ready = queries.list_orders(
                    s, queries.OrderFilter(statuses=[OrderStatus.READY_TO_PRINT]), limit=args.actions
                ).rows
                printed = queries.list_orders(
                    s, queries.OrderFilter(statuses=[OrderStatus.PRINTED]), limit=args.actions
                ).rows
            flows = OrderActions(store, "ann", "BENCH")
            started = time.perf_counter()
            queued = 0
            for row in ready:
                if queued >= args.actions:
                    break
                flows.mark_printed(row.id)
                queued += 1
            for row in printed:
                if queued >= args.actions:
                    break
                pick_every_unit(flows, row.id)
                queued += 1
            queue_s = time.perf_counter() - started
            print(
                f"queue {queued} collected orders (every unit scanned at the pick station): {queue_s:.2f} s"
            )
            started = time.perf_counter()
            report = SyncReport()
            engine.push(report)
            push_s = time.perf_counter() - started
            assert report.pushed == queued and not report.refused, report.summary()
            print(
                f"outbox flushed:      {push_s:.2f} s for {report.pushed} actions"
                f" ({push_s / max(1, report.pushed) * 1000:.1f} ms each,"
                f" {push_s / max(1, report.pushed) / bare_post_s:.2f}x a bare POST)   [goal <= 10 s]"
            )
            bench_queries(store, args.store_copies)
            client.close()
            store.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
