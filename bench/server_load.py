"""Server load figures (not a test): 50 packing tables on loopback, each working as a busy table does
and compressed in time (sync, open an order, claim, print, add a service, collect, add a parcel,
ship, release, sync again: ten calls an order, no pause), against the reference server with 4
worker processes on PostgreSQL and with one on SQLite, on a store of 100,000 orders filled in bulk
SQL. Prints per call p50/p99, throughput, errors, the plans (EXPLAIN) of the listing and change-feed
queries, and the import of a 10,000-line order file.

    python bench/server_load.py                     # full: 100,000 orders, 50 tables, 60 s a backend
    python bench/server_load.py --quick             # smoke: 5,000 orders, 10 tables, 8 s
    python bench/server_load.py --backend sqlite    # or postgres (needs --pg-url or
                                                    # PREPDESK_TEST_POSTGRES_URL, as CI starts it)

Goals (issue 12): 50 tables on PostgreSQL with 0 errors; listing and sync p99 <= 100 ms; writes
p99 <= 150 ms; sustained >= 10x the busiest hour of a large prep center (20,000 orders a day, ten
calls each: the day's calls in an 8-hour shift with the busiest hour twice the average, so 50,000
calls in that hour, 13.9 a second; the goal is 139 calls a second); a 10,000-line import <= 10 s
with every bad row reported.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from server.db import Database  # noqa: E402
from server.reference import ensure_reference_data  # noqa: E402

BUSIEST_HOUR_CALLS_PER_S = 20_000 * 10 / 8 * 2 / 3600
SELLER = "Bench Seller"
WRITES = ("claim", "status 6", "services", "status 6.4", "shipments", "status 7.1", "release")
READS = ("sync", "listing", "open")


# -- filling the store in bulk SQL ------------------------------------------------------------------


def fill(db: Database, count: int) -> float:
    """`count` orders of prep center A (2 lines each; 60 % ready to print, the rest spread over the
    other statuses), plus the bench seller's 50 products, in a few INSERT … SELECT statements."""
    started = time.perf_counter()
    numbers = (
        "SELECT n FROM generate_series(1, :count) AS n"
        if not db.is_sqlite
        else "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < :count) SELECT n FROM g"
    )
    now: Any = datetime.now(UTC)
    if db.is_sqlite:
        now = now.replace(tzinfo=None).isoformat(sep=" ")
    with db.write() as session:
        first = db.reserve_seqs(session, count)
        session.execute(
            text(
                "INSERT INTO orders (id, prep_center_id, number, status, status_reason, marketplace,"
                " marketplace_order_id, seller, ship_by, shipping_service, carrier_label, r_name, r_company,"
                " r_street1, r_street2, r_city, r_region, r_postcode, r_country, r_phone, r_email,"
                " claim_operator, claim_workstation, claim_expires_at, created_at, updated_at, version, seq) "
                f"SELECT 'bench' || n, 'A', 'B' || n, CASE WHEN n % 10 < 6 THEN '5.1' WHEN n % 10 = 6 THEN '6'"
                " WHEN n % 10 = 7 THEN '7.1' WHEN n % 10 = 8 THEN '5.3' ELSE '5.2' END, '', 'Amazon',"
                f" 'AMZ-' || n, '{SELLER}', NULL, 'DHL Paket', '', 'Jan de Vries', '', 'Keizersgracht 123', '',"
                " 'Amsterdam', '', '1015 CJ', 'NL', '', '', '', '', NULL, :now, :now, 1, :first + n - 1"
                f" FROM ({numbers}) AS numbers"
            ),
            {"count": count, "now": now, "first": first},
        )
        session.execute(
            text(
                "INSERT INTO lines (id, order_id, position, sku, title, quantity, fnsku, ean, asin, vendor,"
                " configuration, weight_g, price, currency, photo_url, bin_location) "
                "SELECT 'bl' || n || '-' || p, 'bench' || n, p, 'BENCH-' || ((n + p) % 50), 'Bench item',"
                " 1 + n % 3, '', '', '', 'Bench', '', 300, '9.90', 'USD', '', ''"
                f" FROM ({numbers}) AS numbers CROSS JOIN (SELECT 1 AS p UNION ALL SELECT 2) AS positions"
            ),
            {"count": count},
        )
        session.execute(
            text(
                "INSERT INTO products (prep_center_id, seller, sku, title, fnsku, ean, asin, vendor, weight_g,"
                f" photo_url) SELECT 'A', '{SELLER}', 'BENCH-' || (n - 1), 'Bench item', '', '', '', 'Bench',"
                f" 300, '' FROM ({numbers}) AS numbers"
            ),
            {"count": 50},
        )
    with db.engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    return time.perf_counter() - started


# -- a packing table on loopback: raw HTTP/1.1 keep-alive, so the client costs the cores little ----


class Table:
    def __init__(self, name: str, port: int, token: str, orders: list[str]) -> None:
        self.name = name
        self.port = port
        self.token = token
        self.orders = orders
        self.cursor = "0"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def call(self, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        payload = b"" if body is None else json.dumps(body).encode()
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {self.token}\r\n"
            f"X-Workstation: {self.name}\r\nContent-Length: {len(payload)}\r\n"
        )
        if method == "POST":
            head += f"Content-Type: application/json\r\nIdempotency-Key: {uuid.uuid4()}\r\n"
        for attempt in range(2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
                assert self.reader is not None
                self.writer.write(head.encode() + b"\r\n" + payload)
                await self.writer.drain()
                header = await self.reader.readuntil(b"\r\n\r\n")
                status = int(header.split(b" ", 2)[1])
                length = 0
                for line in header.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                return status, await self.reader.readexactly(length)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                if self.writer is not None:
                    self.writer.close()
                self.reader = self.writer = None
                if attempt:
                    raise
        raise AssertionError("unreachable")


@dataclass
class Figures:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: list[str] = field(default_factory=list)
    orders_done: int = 0


async def timed(table: Table, figures: Figures, kind: str, method: str, path: str, body: Any = None) -> bytes:
    started = time.perf_counter()
    try:
        status, answer = await table.call(method, path, body)
    except (OSError, asyncio.IncompleteReadError, ValueError) as failure:
        status, answer = 0, str(failure).encode()
    figures.times[kind].append((time.perf_counter() - started) * 1000)
    if status != 200:
        figures.errors[kind] += 1
        if len(figures.error_samples) < 8:
            figures.error_samples.append(f"{kind} {path}: {status} {answer[:160]!r}")
    return answer


async def work(table: Table, figures: Figures, deadline: float, number: int) -> None:
    await sync(table, figures)
    for done, order_id in enumerate(table.orders):
        if time.perf_counter() >= deadline:
            break
        base = f"/api/v1/orders/{order_id}"
        await timed(table, figures, "open", "GET", base)
        await timed(table, figures, "claim", "POST", base + "/claim", {"minutes": 10})
        await timed(table, figures, "status 6", "POST", base + "/status", {"status": "6"})
        await timed(table, figures, "services", "POST", base + "/services",
                    {"services": [{"code": "POLYBAG", "quantity": 1}]})  # fmt: skip
        await timed(table, figures, "status 6.4", "POST", base + "/status", {"status": "6.4"})
        parcel = {"tracking_number": f"BN{number:03d}{done:07d}", "carrier": "DHL", "weight_g": 900}
        await timed(table, figures, "shipments", "POST", base + "/shipments", {"parcels": [parcel]})
        await timed(table, figures, "status 7.1", "POST", base + "/status", {"status": "7.1"})
        await timed(table, figures, "release", "POST", base + "/release", {})
        await sync(table, figures)
        if done % 10 == 9:  # now and then a table lists the ready orders from the start
            await timed(table, figures, "listing", "GET", "/api/v1/orders?status=5.1&limit=200")
        figures.orders_done += 1


async def sync(table: Table, figures: Figures) -> None:
    answer = await timed(table, figures, "sync", "GET", f"/api/v1/orders?cursor={table.cursor}&limit=200")
    with contextlib.suppress(ValueError, KeyError):
        table.cursor = json.loads(answer)["cursor"]


async def play(
    port: int, token: str, orders: list[str], tables: int, seconds: float, cursor: str
) -> tuple[Figures, float]:
    figures = Figures()
    slices = [orders[t::tables] for t in range(tables)]
    players = [Table(f"table-{t + 1}", port, token, slices[t]) for t in range(tables)]
    for player in players:
        player.cursor = cursor  # a table that has synced before: the busy hour, not the first start
    started = time.perf_counter()
    await asyncio.gather(*(work(p, figures, started + seconds, n) for n, p in enumerate(players)))
    elapsed = time.perf_counter() - started
    for player in players:
        if player.writer is not None:
            player.writer.close()
    return figures, elapsed


# -- the server, the plans, the import ------------------------------------------------------------


def start(
    db_url: str, workers: int, tokens: dict[str, str], log: Path
) -> tuple[subprocess.Popen[bytes], int]:
    port_file = log.with_suffix(".port")
    command = [
        sys.executable, "-m", "server", "--db", db_url, "--port", "0", "--port-file", str(port_file),
        "--workers", str(workers), "--log-level", "warning", "--demo-token", tokens["demo"],
        "--other-token", tokens["other"], "--admin-token", tokens["admin"], "--confirm-after", "1",
        "--refuse-share", "0",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=REPO)
    import requests

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text(errors='replace')[-2000:]}")
        if port_file.exists() and port_file.read_text():
            port = int(port_file.read_text())
            try:
                # Every worker answers once before the clock starts.
                pids = {requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=10).json()["worker"]
                        for _ in range(8 * workers)}  # fmt: skip
                if len(pids) >= min(workers, 2):
                    return process, port
            except requests.RequestException:
                pass
        time.sleep(0.2)
    raise TimeoutError("the server did not answer")


def plans(db: Database) -> list[str]:
    queries = {
        "listing (status 5.1 from the start, 201 rows)": (
            "SELECT * FROM orders WHERE prep_center_id = 'A' AND status IN ('5.1') AND seq > 0 ORDER BY seq LIMIT 201"
        ),
        "change feed (every visible status since a recent cursor)": (
            "SELECT * FROM orders WHERE prep_center_id = 'A' AND status IN ('5.1','5.2','5.3','6','6.4','7.1','0')"
            " AND seq > {recent} ORDER BY seq LIMIT 201"
        ),
        "a page's lines (200 orders' ids, as the server asks)": (
            "SELECT * FROM lines WHERE order_id IN ({ids}) ORDER BY order_id, position"
        ),
        "alias feed": "SELECT * FROM product_aliases WHERE prep_center_id = 'A' AND seq > 0 ORDER BY seq LIMIT 201",
    }
    out: list[str] = []
    with db.engine.connect() as connection:
        page = connection.execute(text("SELECT id FROM orders ORDER BY seq DESC LIMIT 200")).scalars()
        ids = ",".join(f"'{order_id}'" for order_id in page)
        recent = str(int(connection.execute(text("SELECT MAX(seq) FROM orders")).scalar_one()) - 200)
        for name, sql in queries.items():
            sql = sql.replace("{ids}", ids).replace("{recent}", recent)
            prefix = "EXPLAIN QUERY PLAN " if db.is_sqlite else "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "
            rows = connection.execute(text(prefix + sql)).fetchall()
            out.append(f"  {name}:")
            out += ["    " + (str(r[-1]) if db.is_sqlite else str(r[0]))[:150] for r in rows]
    return out


def order_file(lines: int, bad: int) -> bytes:
    out = io.StringIO()
    out.write("order_number,marketplace,seller,recipient_name,street1,city,postcode,country,sku,quantity\r\n")
    run = uuid.uuid4().hex[:6]
    for n in range(lines):
        quantity = "0" if n < bad else str(1 + n % 3)
        out.write(f"IMP-{run}-{n // 2},eBay,{SELLER},Emma Schulz,Hauptstrasse 5,Berlin,10115,DE,"
                  f"BENCH-{n % 2 + (n // 2) % 48},{quantity}\r\n")  # fmt: skip
    return out.getvalue().encode()


def time_import(port: int, admin: str, lines: int) -> list[str]:
    import requests

    out = []
    for bad in (lines // 100, 0):
        data = order_file(lines, bad)
        started = time.perf_counter()
        answer = requests.post(
            f"http://127.0.0.1:{port}/api/v1/admin/imports/orders",
            params={"prep_center": "A", "file_name": "bench.csv"},
            data=data,
            headers={"Authorization": f"Bearer {admin}"},
            timeout=300,
        )
        elapsed = time.perf_counter() - started
        body = answer.json()
        if bad:
            out.append(f"  {lines:,}-line file with {bad} bad rows: refused in {elapsed:.2f} s, "
                       f"{body.get('problem_count')} problems reported (goal: all {bad})")  # fmt: skip
        else:
            out.append(f"  {lines:,}-line file: {body.get('created')} orders imported in {elapsed:.2f} s "
                       f"(goal <= 10 s for 10,000 lines)")  # fmt: skip
    return out


def cpu_seconds(root: int) -> float:
    """CPU time (user + system) of a process and all its descendants now alive, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    return total


def postmaster(db: Database) -> int | None:
    """The local PostgreSQL server's main process (the parent of our backend), if it is local."""
    if db.is_sqlite:
        return None
    with db.engine.connect() as connection:
        backend = int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{backend}/status").read_text().splitlines():
            if line.startswith("PPid:"):
                return int(line.split()[1])
    return None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def report(name: str, figures: Figures, elapsed: float) -> list[str]:
    out = [f"  {'call':<12}{'count':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"]
    total = 0
    for kind in (*READS, *WRITES):
        values = figures.times.get(kind, [])
        total += len(values)
        out.append(f"  {kind:<12}{len(values):>8}{percentile(values, 0.5):>9.1f}{percentile(values, 0.99):>9.1f}"
                   f"{figures.errors.get(kind, 0):>8}")  # fmt: skip
    reads = [v for k in ("sync", "listing") for v in figures.times.get(k, [])]
    writes = [v for k in WRITES for v in figures.times.get(k, [])]
    errors = sum(figures.errors.values())
    rate = total / elapsed
    out += [
        f"  {total:,} calls in {elapsed:.1f} s: {rate:.0f} calls/s, {figures.orders_done / elapsed:.1f} orders/s;"
        f" errors {errors}",
        f"  goals: errors 0 -> {errors}; listing+sync p99 {percentile(reads, 0.99):.0f} ms (<= 100);"
        f" writes p99 {percentile(writes, 0.99):.0f} ms (<= 150); {rate / BUSIEST_HOUR_CALLS_PER_S:.1f}x the busiest"
        f" hour ({BUSIEST_HOUR_CALLS_PER_S:.1f} calls/s; goal >= 10x)",
    ]
    out += [f"  error: {sample}" for sample in figures.error_samples]
    return [f"{name}:", *out]


def run_backend(name: str, db_url: str, workers: int, args: argparse.Namespace) -> list[str]:
    tokens = {k: f"{k}-{uuid.uuid4().hex}" for k in ("demo", "other", "admin")}
    db = Database(db_url)
    db.migrate()
    with db.write() as session:
        ensure_reference_data(session, tokens["demo"], tokens["other"], tokens["admin"])
    filled = fill(db, args.orders)
    with db.read() as session:
        ready = [r[0] for r in session.execute(
            text("SELECT id FROM orders WHERE status = '5.1' AND prep_center_id = 'A' ORDER BY seq"))]  # fmt: skip
        cursor = str(session.execute(text("SELECT MAX(seq) FROM orders")).scalar_one())
    log = Path(tempfile.mkstemp(prefix="prepdesk-load-", suffix=".log")[1])
    process, port = start(db_url, workers, tokens, log)
    database_process = postmaster(db)
    try:
        before = (cpu_seconds(process.pid), cpu_seconds(database_process) if database_process else 0.0)
        figures, elapsed = asyncio.run(play(port, tokens["demo"], ready, args.tables, args.seconds, cursor))
        server_cpu = cpu_seconds(process.pid) - before[0]
        database_cpu = (cpu_seconds(database_process) - before[1]) if database_process else 0.0
        lines = report(
            f"{name}, {workers} worker(s), {args.orders:,} orders, {args.tables} tables", figures, elapsed
        )
        calls = max(1, sum(len(v) for v in figures.times.values()))
        per_call = (server_cpu + database_cpu) * 1000 / calls
        lines.append(
            f"  CPU a call: server {server_cpu * 1000 / calls:.1f} ms + database {database_cpu * 1000 / calls:.1f} ms"
            f" = {per_call:.1f} ms; on {os.cpu_count()} cores of its own the server would carry about"
            f" {(os.cpu_count() or 1) * 1000 / max(per_call, 0.001):.0f} calls/s"
        )
        lines.insert(1, f"  filled {args.orders:,} orders ({2 * args.orders:,} lines) in {filled:.1f} s")
        lines += ["  plans:", *plans(db)]
        lines += ["  import:", *time_import(port, tokens["admin"], args.import_lines)]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        db.dispose()
        log.unlink(missing_ok=True)
        log.with_suffix(".port").unlink(missing_ok=True)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run: 5,000 orders, 10 tables, 8 s")
    parser.add_argument("--backend", choices=("both", "postgres", "sqlite"), default="both")
    parser.add_argument("--pg-url", default=os.environ.get("PREPDESK_TEST_POSTGRES_URL", ""))
    parser.add_argument("--orders", type=int)
    parser.add_argument("--tables", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--import-lines", type=int)
    args = parser.parse_args(argv)
    args.orders = args.orders or (5_000 if args.quick else 100_000)
    args.tables = args.tables or (10 if args.quick else 50)
    args.seconds = args.seconds or (8.0 if args.quick else 60.0)
    args.import_lines = args.import_lines or (1_000 if args.quick else 10_000)
    load = os.getloadavg()
    out: list[str] = [
        f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    ]
    print(out[0], flush=True)
    if args.backend in ("both", "postgres"):
        if not args.pg_url:
            print("PostgreSQL: no --pg-url and no PREPDESK_TEST_POSTGRES_URL; skipped", file=sys.stderr)
        else:
            schema = "load_" + uuid.uuid4().hex[:12]
            engine = create_engine(args.pg_url)
            with engine.begin() as connection:
                connection.execute(text(f"CREATE SCHEMA {schema}"))
            url = make_url(args.pg_url).update_query_dict({"options": f"-csearch_path={schema}"})
            try:
                out += run_backend("PostgreSQL", url.render_as_string(hide_password=False), 4, args)
            finally:
                with engine.begin() as connection:
                    connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
                engine.dispose()
            print("\n".join(out[1:]), flush=True)
    if args.backend in ("both", "sqlite"):
        with tempfile.TemporaryDirectory(prefix="prepdesk-load-") as folder:
            lines = run_backend("SQLite", f"sqlite:///{Path(folder) / 'server.sqlite3'}", 1, args)
        print("\n".join(lines), flush=True)
        out += lines
    return 0 if len(out) > 1 else 1


if __name__ == "__main__":
    sys.exit(main())
