"""Claims: one packing table per order; the other learns who holds it; expired leases are taken over."""

from __future__ import annotations

import threading
from datetime import timedelta

import requests
from sqlalchemy import create_engine, update

from app.domain import utcnow
from server.harness import RunningServer
from server.models import OrderRow
from tests.server.conftest import Workstation, new_order


def claim_at_once(tables: list[Workstation], order_id: str) -> dict[str, requests.Response]:
    """Every table sends its claim at the same instant (threads released by one barrier)."""
    barrier = threading.Barrier(len(tables))
    answers: dict[str, requests.Response] = {}

    def claim(table: Workstation) -> None:
        barrier.wait()
        answers[table.name] = table.post(f"orders/{order_id}/claim", {"minutes": 5})

    threads = [threading.Thread(target=claim, args=(t,)) for t in tables]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def test_two_tables_claiming_one_order_at_once_exactly_one_wins_and_the_other_learns_who(
    server: RunningServer,
) -> None:
    tables = [
        Workstation(server, f"table-{n}", operator=op)
        for n, op in enumerate(["ann", "boris", "chen", "daan"])
    ]
    for _round in range(5):
        order = new_order(server)
        answers = claim_at_once(tables, order["id"])
        winners = [name for name, a in answers.items() if a.status_code == 200]
        assert len(winners) == 1
        winner = winners[0]
        for name, answer in answers.items():
            if name == winner:
                continue
            assert answer.status_code == 409
            refusal = answer.json()
            assert refusal["error"] == "claimed"
            assert refusal["holder"]["workstation"] == winner
            assert refusal["holder"]["operator"] == answers[winner].json()["claim"]["operator"]
            assert winner in refusal["message"]


def test_the_holder_renews_its_lease_and_another_table_still_cannot_move_the_order(
    ann: Workstation, boris: Workstation, server: RunningServer
) -> None:
    order = new_order(server)
    first = ann.post(f"orders/{order['id']}/claim", {"minutes": 2}).json()["claim"]
    renewed = ann.post(f"orders/{order['id']}/claim", {"minutes": 30}).json()["claim"]
    assert renewed["expires_at"] > first["expires_at"]
    refused = boris.move(order["id"], "6")
    assert refused.status_code == 409 and refused.json()["error"] == "claimed"
    assert refused.json()["holder"]["workstation"] == "table-1"
    assert ann.order(order["id"])["status"] == "5.1"
    assert ann.move(order["id"], "6").status_code == 200


def test_an_expired_lease_is_taken_over_and_the_take_over_is_in_the_activity_log(
    ann: Workstation, boris: Workstation, server: RunningServer
) -> None:
    order = new_order(server)
    assert ann.post(f"orders/{order['id']}/claim").status_code == 200
    # Ten minutes pass: the lease runs out while table-1 is away.
    engine = create_engine(server.db_url)
    with engine.begin() as connection:
        connection.execute(
            update(OrderRow)
            .where(OrderRow.id == order["id"])
            .values(claim_expires_at=utcnow() - timedelta(seconds=1))
        )
    engine.dispose()
    assert ann.order(order["id"])["claim"] is None
    taken = boris.post(f"orders/{order['id']}/claim")
    assert taken.status_code == 200
    assert taken.json()["claim"]["workstation"] == "table-2"
    assert taken.json()["claim"]["operator"] == "boris"
    activity = boris.order(order["id"])["activity"]
    takeover = [a for a in activity if a["action"] == "takeover"]
    assert len(takeover) == 1
    assert takeover[0]["workstation"] == "table-2" and takeover[0]["operator"] == "boris"
    assert "table-1" in takeover[0]["detail"]
    refused = ann.post(f"orders/{order['id']}/claim")
    assert refused.status_code == 409 and refused.json()["holder"]["workstation"] == "table-2"


def test_release_frees_the_order_for_another_table_but_only_the_holder_may_release(
    ann: Workstation, boris: Workstation, server: RunningServer
) -> None:
    order = new_order(server)
    ann.post(f"orders/{order['id']}/claim")
    refused = boris.post(f"orders/{order['id']}/release")
    assert refused.status_code == 409 and refused.json()["error"] == "claimed"
    assert ann.post(f"orders/{order['id']}/release").json() == {"released": True}
    assert ann.order(order["id"])["claim"] is None
    assert boris.post(f"orders/{order['id']}/claim").status_code == 200
