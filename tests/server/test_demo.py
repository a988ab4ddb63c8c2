"""Demo data: what a prep center would recognise, the same for the same seed."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from server.demo import ean13
from server.harness import start_server
from tests.server.conftest import Workstation


def _valid_ean(code: str) -> bool:
    return len(code) == 13 and code.isdigit() and ean13(code[:12]) == code


def test_demo_orders_look_like_a_prep_centers_day(db_url: str) -> None:
    with start_server(db_url, demo_orders=400, seed=3) as server:
        table = Workstation(server, "table-1")
        orders = table.all_orders()
        other = Workstation(server, "b-table", token=server.other_token).all_orders()
    assert len(orders) == 400  # exactly N for prep center A; the seller's own (1-3) stay hidden
    assert other and not {o["id"] for o in other} & {o["id"] for o in orders}
    statuses = Counter(o["status"] for o in orders)
    assert statuses["5.1"] > 0.6 * len(orders)
    assert statuses["5.2"] and statuses["5.3"] and not {"1", "2", "3"} & set(statuses)
    for o in orders:
        if o["status"] in ("5.2", "5.3", "0"):
            assert o["status_reason"], o
    broken = [o for o in orders if o["status"] == "5.3"]
    assert any("Postcode" in o["status_reason"] or "missing" in o["status_reason"] for o in broken)
    assert len({o["marketplace"] for o in orders}) >= 6
    assert len({o["seller"] for o in orders}) >= 5
    counts = [len(o["lines"]) for o in orders]
    assert min(counts) >= 1 and max(counts) <= 30
    assert sum(1 for c in counts if c <= 4) > 0.7 * len(counts)
    assert 2.8 < sum(counts) / len(counts) < 5
    lines: list[dict[str, Any]] = [ln for o in orders for ln in o["lines"]]
    assert all(_valid_ean(ln["ean"]) for ln in lines)
    assert all(re.fullmatch(r"X00[A-Z0-9]{7}", ln["fnsku"]) for ln in lines if ln["fnsku"])
    assert all(re.fullmatch(r"B0[A-Z0-9]{8}", ln["asin"]) for ln in lines if ln["asin"])
    assert sum(1 for ln in lines if re.fullmatch(r"[A-H]-\d\d-[1-5]", ln["bin_location"])) > 0.9 * len(lines)
    assert all(
        ln["photo_url"].startswith("/api/v1/photos/") and ln["weight_g"] and ln["price"] for ln in lines
    )
    scripts = {
        "cyrillic": r"[\u0400-\u04FF]",
        "chinese": r"[\u4E00-\u9FFF]",
    }
    names = " ".join(o["recipient"]["name"] + o["recipient"]["street1"] for o in orders)
    for script, pattern in scripts.items():
        assert re.search(pattern, names), script
    assert {"NL", "US", "GB", "RU", "CN"} <= {o["recipient"]["country"] for o in orders}
    assert {"zpl", "pdf"} <= {o["carrier_label"] for o in orders}
    shipped = [o for o in orders if o["status"] == "7.1"]
    assert shipped and all(o["shipments"] for o in shipped)


def test_the_same_seed_gives_the_same_orders(db_url: str, tmp_path_factory: Any) -> None:
    def sample(url: str | None, seed: int) -> list[tuple[Any, ...]]:
        with start_server(url, demo_orders=60, seed=seed) as server:
            return [
                (o["number"], o["status"], o["marketplace_order_id"], o["recipient"]["name"],
                 [(ln["sku"], ln["quantity"], ln["ean"]) for ln in o["lines"]])
                for o in Workstation(server, "t").all_orders()
            ]  # fmt: skip

    first = sample(db_url, seed=5)
    assert sample(None, seed=5) == first
    assert sample(None, seed=6) != first
