"""The incremental listing: by change sequence, paged, missing nothing while others write."""

from __future__ import annotations

import random
import threading
from typing import Any

from server.harness import RunningServer
from tests.server.conftest import Workstation, new_order


def test_every_change_gives_the_order_a_later_place_in_the_listing(
    ann: Workstation, server: RunningServer
) -> None:
    orders = [new_order(server) for _ in range(3)]
    page = ann.get("orders").json()
    assert [o["id"] for o in page["orders"]] == [o["id"] for o in orders]
    assert all(o["activity"] == [] for o in page["orders"])
    cursor = page["cursor"]
    assert ann.get("orders", cursor=cursor).json()["orders"] == []
    ann.post(f"orders/{orders[0]['id']}/claim")
    ann.post(f"orders/{orders[1]['id']}/services", {"services": [{"code": "BUBBLE_WRAP", "quantity": 1}]})
    ann.move(orders[0]["id"], "6")
    changed = ann.get("orders", cursor=cursor).json()
    assert [o["id"] for o in changed["orders"]] == [orders[1]["id"], orders[0]["id"]]
    assert changed["orders"][1]["status"] == "6"
    assert int(changed["cursor"]) > int(cursor)


def test_status_filter_paging_and_limits(ann: Workstation, server: RunningServer) -> None:
    for status in ("5.1", "5.1", "5.2", "6", "5.1"):
        new_order(server, status=status, status_reason="reason")
    assert {o["status"] for o in ann.all_orders(status="5.1")} == {"5.1"}
    assert len(ann.all_orders(status=["5.2", "6"])) == 2
    seen = []
    cursor = "0"
    while True:
        page = ann.get("orders", cursor=cursor, limit=2).json()
        assert len(page["orders"]) <= 2
        seen += page["orders"]
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert len(seen) == 5 == len({o["id"] for o in seen})
    assert ann.get("orders", limit=1001).status_code == 400
    assert ann.get("orders", limit=0).status_code == 400


def test_updated_since_gives_only_what_changed_after(ann: Workstation, server: RunningServer) -> None:
    old = new_order(server)
    mark = ann.order(old["id"])["updated_at"]
    fresh = new_order(server)
    listed = ann.get("orders", updated_since=mark).json()["orders"]
    assert fresh["id"] in {o["id"] for o in listed}


def test_a_client_paging_while_other_tables_write_misses_no_change(server: RunningServer) -> None:
    """After each full pull, every write confirmed before the pull began must be in the client's view."""
    orders = [new_order(server)["id"] for _ in range(30)]
    confirmed: list[tuple[str, int]] = []  # (order, version) of every write the server confirmed
    errors: list[str] = []

    def table(n: int) -> None:
        desk = Workstation(server, f"table-{n}")
        rng = random.Random(n)
        mine = {order_id: "5.1" for order_id in orders[n::3]}
        following = {"5.1": "6", "6": "6.4", "6.4": "6"}
        try:
            for _ in range(40):
                order_id = rng.choice(list(mine))
                if rng.random() < 0.3:
                    answer = desk.post(
                        f"orders/{order_id}/services", {"services": [{"code": "INSERT", "quantity": 1}]}
                    )
                else:
                    answer = desk.move(order_id, following[mine[order_id]], reason="reopened for a check")
                    mine[order_id] = answer.json().get("status", mine[order_id])
                assert answer.status_code == 200, answer.text
                confirmed.append((order_id, answer.json()["version"]))
        except Exception as failure:  # reported by the assertion below
            errors.append(repr(failure))

    writers = [threading.Thread(target=table, args=(n,)) for n in range(3)]
    for w in writers:
        w.start()
    reader = Workstation(server, "reader")
    known: dict[str, dict[str, Any]] = {}
    cursor = "0"
    pulls = 0
    while True:
        writing = any(w.is_alive() for w in writers)
        before = list(confirmed)
        while True:
            page = reader.get("orders", cursor=cursor, limit=4).json()
            for o in page["orders"]:
                assert o["version"] > known.get(o["id"], {"version": 0})["version"], (
                    "a change came back older"
                )
                known[o["id"]] = o
            cursor = page["cursor"]
            if not page["has_more"]:
                break
        pulls += 1
        missed = [(order_id, v) for order_id, v in before if known[order_id]["version"] < v]
        assert missed == [], f"pull {pulls} missed confirmed changes {missed}"
        if not writing:
            break
    assert errors == []
    assert len(confirmed) == 120
    truth = {o["id"]: o for o in Workstation(server, "auditor").all_orders()}
    assert {k: v["version"] for k, v in known.items()} == {k: v["version"] for k, v in truth.items()}


def test_a_later_writer_waits_for_an_earlier_one_so_numbers_follow_commit_order(
    server: RunningServer,
) -> None:
    """The mechanism behind the cursor: while one write transaction holds a number, no other
    write can take a number (let alone commit) until it has committed."""
    from server.db import Database

    db = Database(server.db_url)
    first_holds = threading.Event()
    release_first = threading.Event()
    numbers: dict[str, int] = {}

    order: list[str] = []  # list.append is atomic: the order the two threads got there

    def first() -> None:
        with db.write() as session:
            numbers["first"] = db.next_seq(session)
            first_holds.set()
            release_first.wait(10)
            order.append("first commits")  # the commit follows as the block ends
        order.append("first committed")

    def second() -> None:
        first_holds.wait(10)
        with db.write() as session:
            numbers["second"] = db.next_seq(session)
            order.append("second took its number")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    first_holds.wait(10)
    threads[1].join(timeout=0.5)
    assert "second" not in numbers  # still waiting for the first to commit
    release_first.set()
    for t in threads:
        t.join(timeout=30)
    db.dispose()
    assert numbers["second"] > numbers["first"]
    # The second took its number only once the first was committing (whether it got there before
    # or after the first thread noted "committed" is the scheduler's choice, not the database's).
    assert order.index("first commits") < order.index("second took its number")
