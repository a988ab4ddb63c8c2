"""The order server as a hostile client and a crashing machine see it: prints the figures.

    python bench/server_attack.py [--requests 8000] [--kills 20] [--db-url URL] [--seed 1]

Fuzz: `--requests` calls over every route (reads, writes, admin calls), on loopback, with random
query strings (numbers in other scripts, padded, overlong; times off the calendar), header values
(names in any script, raw bytes, control characters), and bodies (the valid ones, mutated). Each
answer must be a success or the contract's refusal `{"error", "message"}`: never a 5xx, never a
refusal of another shape.

Kills: the server runs as a child process and is SIGKILLed `--kills` times while one table ships
orders (parcel, 7.1, services), retrying each write with its Idempotency-Key until it is
answered. At the end each order must hold exactly what was confirmed: one parcel, status 7.1,
one service line, each move logged once. Anything lost or duplicated is counted.
Exit status 1 when any figure that must be 0 is not.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.values import header_value
from server.harness import RunningServer, start_server

WEIRD_NUMBERS = ["²", "①", "１０", "٣", "৫", "+5", "-1", " 5", "5.0", "1e3", "0x10", "9" * 400, "00001000",
                 "0" * 30 + "1", "1000", "1001", "0", "", "1" + "0" * 18, "99999999999999999999"]  # fmt: skip
WEIRD_TIMES = ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-14:00", "2026-13-01", "yesterday",
               "2026-11-30T12:00:00Z", "1899-12-31T23:59:59", "3000-01-01T00:00:00+00:00"]  # fmt: skip
WEIRD_TEXT = ["", " ", "\u200b", "\u200b\ufeff", "\x00", "\x01\x02", "a\r\nb", "\u3164", "Стол-1", "打包台1",
              "'; DROP TABLE orders; --", "^XA^XZ", "x" * 3000, "\ud800", "1z999aa10123456784",
              "1Z 999 AA1 0123 4567 84", "POLYBAG", "%0D%0A", "%FF", "ann", "PDB-ANN"]  # fmt: skip
WEIRD_VALUES: list[Any] = [None, True, -1, 0, 1, 10**30, 1.5, float("inf"), "10", [], {}, [1, [2, [3]]]]


def _mutate(rng: random.Random, body: Any, depth: int = 0) -> Any:
    """A valid body with some value swapped for a weird one, a field added, or a field dropped."""
    if isinstance(body, dict) and body and depth < 4:
        body = dict(body)
        key = rng.choice(sorted(body))
        roll = rng.random()
        if roll < 0.15:
            body.pop(key)
        elif roll < 0.25:
            body[rng.choice(["force", "id", "status", "__proto__"])] = rng.choice(WEIRD_TEXT)
        else:
            body[key] = _mutate(rng, body[key], depth + 1)
        return body
    if isinstance(body, list) and body and depth < 4:
        return [_mutate(rng, item, depth + 1) for item in body] * rng.choice((1, 1, 2))
    return rng.choice(WEIRD_TEXT + WEIRD_VALUES) if rng.random() < 0.8 else body


def _header(rng: random.Random) -> str | bytes:
    text = rng.choice([*WEIRD_TEXT, "table-1", "ann"])
    form = rng.random()
    if form < 0.4:
        return header_value(text)
    raw = text.encode("utf-8", "replace")
    # Only what HTTP itself carries: the h11 parser answers control bytes with its own plain 400.
    return bytes(b for b in raw if b >= 0x20 and b != 0x7F).strip() or b"x"


def fuzz(server: RunningServer, n: int, rng: random.Random) -> tuple[Counter[int], list[str]]:
    admin = {"Authorization": f"Bearer {server.admin_token}", "Content-Type": "application/json"}
    orders = []
    for status in ("5.1", "6", "6.4", "6.4", "7.1", "0"):
        body = {"prep_center": "A", "status": status, "shipping_service": rng.choice(["UPS Ground", "Letter - no tracking"]),
                "lines": [{"sku": "NHG-MUG-0231", "quantity": 1, "ean": "4006381333931"}]}  # fmt: skip
        orders.append(
            requests.post(f"{server.url}/api/v1/admin/orders", json=body, headers=admin, timeout=30).json()
        )
    ids = [o["id"] for o in orders] + ["nope", "9" * 80, "%00"]
    valid_bodies: dict[str, Any] = {
        "status": {"status": "7.1", "reason": "Label printer jammed"},
        "claim": {"minutes": 10},
        "release": {},
        "shipments": {
            "parcels": [{"tracking_number": "1Z999AA10123456784", "carrier": "ups", "weight_g": 900}]
        },
        "services": {"services": [{"code": "POLYBAG", "quantity": 2}]},
        "shipments/x/retry": {},
        "shipments/x/dismiss": {},
    }
    counts: Counter[int] = Counter()
    bad: list[str] = []
    session = requests.Session()
    for i in range(n):
        headers: dict[str, str | bytes] = {"Authorization": f"Bearer {server.token}", "X-Workstation": "table-1",
                                           "Idempotency-Key": str(uuid.uuid4())}  # fmt: skip
        for name in ("X-Workstation", "X-Operator", "Idempotency-Key"):
            if rng.random() < 0.2:
                headers[name] = _header(rng)
        order_id = rng.choice(ids)
        kind = rng.random()
        url = f"{server.url}/api/v1/"
        if kind < 0.3:
            params = [(rng.choice(["limit", "cursor", "updated_since", "status", "code"]),
                       rng.choice(WEIRD_NUMBERS + WEIRD_TIMES + WEIRD_TEXT).encode("utf-8", "surrogatepass"))
                      for _ in range(rng.randint(0, 3))]  # fmt: skip
            path = rng.choice(["orders", "products", "services", "me", f"orders/{order_id}",
                               f"orders/{order_id}/label", "photos/../../x.png"])  # fmt: skip
            answer = session.get(url + path, params=params, headers=headers, timeout=30)
        else:
            if kind < 0.4:
                path = rng.choice([f"admin/orders/{order_id}/status", "admin/orders", "admin/marketplace"])
                base: Any = (
                    {"status": "0", "reason": "x"}
                    if "status" in path
                    else {"prep_center": "A", "ship_by": rng.choice(WEIRD_TIMES)}
                )
                headers["Authorization"] = f"Bearer {server.admin_token}"
            else:
                verb = rng.choice(sorted(valid_bodies))
                base = valid_bodies[verb]
                path = f"orders/{order_id}/{verb}"
            body = _mutate(rng, base) if rng.random() < 0.8 else base
            data = json.dumps(body, allow_nan=True).encode("utf-8", "surrogatepass")
            headers["Content-Type"] = "application/json"
            answer = session.post(url + path, data=data, headers=headers, timeout=30)
        counts[answer.status_code] += 1
        if answer.status_code >= 500 or not _contract(answer):
            bad.append(
                f"{i}: {answer.request.method} {answer.request.url} -> {answer.status_code} {answer.text[:200]}"
            )
    return counts, bad


def _contract(answer: requests.Response) -> bool:
    if answer.status_code < 400:
        return True
    try:
        body = answer.json()
    except ValueError:
        return False
    return isinstance(body, dict) and isinstance(body.get("error"), str) and bool(body.get("message"))


def kills(server: RunningServer, rounds: int, rng: random.Random) -> tuple[int, int, int, int]:
    """(orders shipped, kills, lost, duplicated)."""
    admin = {"Authorization": f"Bearer {server.admin_token}"}
    n = max(10, rounds * 15)
    orders = [requests.post(f"{server.url}/api/v1/admin/orders", json={"prep_center": "A", "status": "6.4",
              "shipping_service": "UPS Ground", "lines": [{"sku": "NHG-MUG-0231", "quantity": 1}]},
              headers=admin, timeout=30).json()["id"] for _ in range(n)]  # fmt: skip
    table = requests.Session()
    table.headers.update({"Authorization": f"Bearer {server.token}", "X-Workstation": header_value("Стол-1")})
    confirmed: list[str] = []
    done = threading.Event()

    def send(path: str, body: dict[str, Any]) -> None:
        key = str(uuid.uuid4())  # one key per write, kept across retries
        while True:
            try:
                answer = table.post(
                    f"{server.url}/api/v1/{path}", json=body, headers={"Idempotency-Key": key}, timeout=30
                )
            except requests.RequestException:
                time.sleep(0.02)
                continue
            if answer.status_code != 200:
                raise AssertionError(f"{path}: {answer.status_code} {answer.text[:200]}")
            return

    def ship_all() -> None:
        try:
            for k, order_id in enumerate(orders):
                parcel = {"tracking_number": f"1Z999AA1{k:010d}", "carrier": "ups", "weight_g": 500}
                send(f"orders/{order_id}/shipments", {"parcels": [parcel]})
                send(f"orders/{order_id}/status", {"status": "7.1"})
                send(f"orders/{order_id}/services", {"services": [{"code": "POLYBAG", "quantity": 1}]})
                confirmed.append(order_id)
        finally:
            done.set()

    worker = threading.Thread(target=ship_all)
    worker.start()
    killed = 0
    while not done.is_set() and killed < rounds:
        time.sleep(rng.uniform(0.05, 0.4))
        server.kill()
        killed += 1
        server.start()
    worker.join(timeout=600)
    lost = duplicated = 0
    for k, order_id in enumerate(orders):
        order = table.get(f"{server.url}/api/v1/orders/{order_id}", timeout=30).json()
        moves = [a for a in order["activity"] if a["action"] == "status"]
        shipped = order["status"] == "7.1" and len(moves) == 1
        parcels = [s["tracking_number"] for s in order["shipments"]]
        if order_id in confirmed and (
            not shipped or parcels != [f"1Z999AA1{k:010d}"] or not order["services"]
        ):
            lost += 1
        if len(moves) > 1 or len(parcels) > 1 or len(order["services"]) > 1:
            duplicated += 1
    return len(confirmed), killed, lost, duplicated


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=8000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--db-url", default=None)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    server = start_server(args.db_url, in_process=False, marketplace_confirm_after_s=0.2)
    try:
        started = time.monotonic()
        counts, bad = fuzz(server, args.requests, rng)
        took = time.monotonic() - started
        print(
            f"fuzz: {sum(counts.values())} requests in {took:.0f} s; answers {dict(sorted(counts.items()))}"
        )
        print(f"fuzz: 5xx or answers outside the contract: {len(bad)}")
        for line in bad[:20]:
            print("  " + line)
        shipped, killed, lost, duplicated = kills(server, args.kills, rng)
        print(
            f"kills: {killed} SIGKILLs while shipping; {shipped} orders confirmed; lost {lost}, duplicated {duplicated}"
        )
    finally:
        server.stop()
    return 1 if bad or lost or duplicated else 0


if __name__ == "__main__":
    sys.exit(main())
