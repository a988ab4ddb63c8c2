"""Idempotency: a retried write gets the first answer back and happens once."""

from __future__ import annotations

import uuid

from sqlalchemy import create_engine, func, select

from server.harness import RunningServer
from server.models import ActivityRow, OrderRow, ServiceRow
from tests.server.conftest import Workstation, new_order


def _footprint(server: RunningServer, order_id: str) -> tuple[int, int, int, int]:
    """What a write leaves behind: the order's version and sequence, its activity and services."""
    engine = create_engine(server.db_url)
    with engine.connect() as c:
        version, seq = c.execute(select(OrderRow.version, OrderRow.seq).where(OrderRow.id == order_id)).one()
        activity = c.scalar(
            select(func.count()).select_from(ActivityRow).where(ActivityRow.order_id == order_id)
        )
        services = c.scalar(
            select(func.count()).select_from(ServiceRow).where(ServiceRow.order_id == order_id)
        )
    engine.dispose()
    return version, seq, int(activity or 0), int(services or 0)


def test_a_repeated_write_gets_the_same_answer_and_changes_nothing(
    ann: Workstation, server: RunningServer
) -> None:
    order = new_order(server)
    key = str(uuid.uuid4())
    first = ann.post(
        f"orders/{order['id']}/services", {"services": [{"code": "POLYBAG", "quantity": 3}]}, key=key
    )
    assert first.status_code == 200
    after_first = _footprint(server, order["id"])
    for _ in range(3):
        again = ann.post(
            f"orders/{order['id']}/services", {"services": [{"code": "POLYBAG", "quantity": 3}]}, key=key
        )
        assert (again.status_code, again.content) == (200, first.content)
    assert _footprint(server, order["id"]) == after_first
    assert len(ann.order(order["id"])["services"]) == 1


def test_a_repeated_refusal_is_the_same_refusal(ann: Workstation, server: RunningServer) -> None:
    order = new_order(server)
    key = str(uuid.uuid4())
    first = ann.move(order["id"], "7.1")
    assert first.status_code == 409
    refused = ann.post(f"orders/{order['id']}/status", {"status": "7.1"}, key=key)
    again = ann.post(f"orders/{order['id']}/status", {"status": "7.1"}, key=key)
    assert (again.status_code, again.json()) == (refused.status_code, refused.json())


def test_a_retried_status_move_is_not_made_twice_even_after_the_order_moved_on(
    ann: Workstation, server: RunningServer
) -> None:
    order = new_order(server)
    key = str(uuid.uuid4())
    printed = ann.post(f"orders/{order['id']}/status", {"status": "6"}, key=key)
    assert ann.move(order["id"], "6.4").status_code == 200
    retried = ann.post(f"orders/{order['id']}/status", {"status": "6"}, key=key)
    assert (retried.status_code, retried.json()) == (200, printed.json())
    assert ann.order(order["id"])["status"] == "6.4"


def test_a_key_reused_for_a_different_request_is_refused_and_changes_nothing(
    ann: Workstation, server: RunningServer
) -> None:
    order = new_order(server)
    key = str(uuid.uuid4())
    assert ann.post(f"orders/{order['id']}/claim", {"minutes": 5}, key=key).status_code == 200
    before = _footprint(server, order["id"])
    for path, body in [("claim", {"minutes": 6}), ("status", {"status": "6"})]:
        reused = ann.post(f"orders/{order['id']}/{path}", body, key=key)
        assert (reused.status_code, reused.json()["error"]) == (422, "idempotency_key_reused")
    assert _footprint(server, order["id"]) == before


def test_a_write_without_a_key_is_refused(ann: Workstation, server: RunningServer) -> None:
    order = new_order(server)
    answer = ann.session.post(ann.url(f"orders/{order['id']}/status"), json={"status": "6"}, timeout=10)
    assert (answer.status_code, answer.json()["error"]) == (400, "idempotency_key_required")
    assert ann.order(order["id"])["status"] == "5.1"


def test_keys_belong_to_one_prep_center(server: RunningServer) -> None:
    a = Workstation(server, "a-table")
    b = Workstation(server, "b-table", token=server.other_token)
    mine, theirs = new_order(server), new_order(server, prep_center="B")
    key = str(uuid.uuid4())
    assert a.post(f"orders/{mine['id']}/status", {"status": "6"}, key=key).status_code == 200
    answer = b.post(f"orders/{theirs['id']}/status", {"status": "6"}, key=key)
    assert answer.status_code == 200 and answer.json()["id"] == theirs["id"]
