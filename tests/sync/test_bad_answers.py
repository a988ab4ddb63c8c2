"""When the server is away, slow, broken or says no, the caller gets a clear typed error and the
workstation loses nothing: a change that did not get the server's yes stays in the outbox."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from app.api import (
    OrderServerClient,
    RateLimited,
    Refused,
    ServerError,
    ServerFailed,
    ServerTimeout,
    ServerUnreachable,
    Timeouts,
    Unauthorised,
)
from app.domain import Order, OrderStatus, Service
from app.domain.outbox import ServiceCount, ServicesDone, StatusMove
from app.flows import OrderActions, unsent_entries
from app.store import Store, SyncCursor, queries
from app.store.orders import write_orders
from app.sync import SyncEngine
from server.harness import RunningServer
from tests.store.conftest import make_order
from tests.sync.conftest import Misbehaviour


def _one_unsent_change(store: Store, tmp_order: str = "o-1") -> None:
    order = make_order(1)
    order.id = tmp_order
    with store.transaction() as s:
        write_orders(s, [order.to_dict()])
    OrderActions(store, "ann", "T1").mark_printed(tmp_order)


def _push_against(url: str, store: Store, read_timeout: float = 5.0) -> ServerError | None:
    client = OrderServerClient(
        url, "token", "T1", timeouts=Timeouts(connect=1, read=read_timeout), get_retries=0
    )
    try:
        return SyncEngine(store, client).run_once().error
    finally:
        client.close()


def test_an_unreachable_server_is_a_retryable_error_and_the_change_waits(
    store: Store, closed_port: int
) -> None:
    _one_unsent_change(store)
    error = _push_against(f"http://127.0.0.1:{closed_port}", store)
    assert isinstance(error, ServerUnreachable) and error.retryable
    assert "Cannot reach" in error.message
    [entry] = unsent_entries(store)
    assert entry.attempts == 1 and entry.last_error == error.message


def test_a_server_that_never_answers_times_out_and_the_change_waits(
    store: Store, bad_server: tuple[str, Misbehaviour]
) -> None:
    url, mood = bad_server
    mood.silent = True
    _one_unsent_change(store)
    error = _push_against(url, store, read_timeout=0.5)
    assert isinstance(error, ServerTimeout) and error.retryable
    assert len(unsent_entries(store)) == 1


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (500, b'{"error": "internal", "message": "boom"}', "application/json"),
        (502, b"<html>Bad gateway</html>", "text/html"),
        (200, b"{not json at all", "application/json"),
        (200, b"[1, 2, 3]", "application/json"),
        (404, b"<html>Not found</html>", "text/html"),  # a proxy or a wrong address, not a refusal
    ],
    ids=["500", "502-html", "garbage-json", "json-but-not-an-object", "404-not-an-order-server"],
)
def test_a_broken_server_is_a_retryable_failure_and_the_change_waits(
    store: Store, bad_server: tuple[str, Misbehaviour], status: int, body: bytes, content_type: str
) -> None:
    url, mood = bad_server
    mood.status, mood.body, mood.content_type = status, body, content_type
    _one_unsent_change(store)
    error = _push_against(url, store)
    assert isinstance(error, ServerFailed) and error.retryable
    assert len(unsent_entries(store)) == 1
    # the write carried its idempotency key, the workstation and the operator who acted
    method, path, headers = mood.seen[0]
    assert (method, path) == ("POST", "/api/v1/orders/o-1/status")
    assert headers["Idempotency-Key"] == unsent_entries(store)[0].idempotency_key
    assert headers["X-Workstation"] == "T1" and headers["X-Operator"] == "ann"
    assert headers["Authorization"] == "Bearer token"


def test_reads_are_retried_but_writes_are_sent_once_per_pass(bad_server: tuple[str, Misbehaviour]) -> None:
    url, mood = bad_server
    client = OrderServerClient(url, "token", "T1", get_retries=2, get_backoff_s=0.01)
    with pytest.raises(ServerFailed):
        client.get_order("o-1")
    assert [m for m, _, _ in mood.seen] == ["GET", "GET", "GET"]
    mood.seen.clear()
    with pytest.raises(ServerFailed):
        client.send(StatusMove("o-1", OrderStatus.PRINTED), str(uuid.uuid4()))
    assert [m for m, _, _ in mood.seen] == ["POST"]


def test_a_refused_token_is_unauthorised_not_retryable_and_nothing_is_lost(
    server: RunningServer, store: Store
) -> None:
    _one_unsent_change(store)
    error = _push_against(server.url, store)  # "token" is no token of this server
    assert isinstance(error, Unauthorised) and not error.retryable
    assert len(unsent_entries(store)) == 1
    with pytest.raises(Unauthorised):
        OrderServerClient(server.url, "wrong", "T1").me()


def test_a_claim_held_elsewhere_is_refused_with_the_holder(
    server: RunningServer, client: OrderServerClient, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1)
    other = OrderServerClient(server.url, server.token, "T2")
    other.claim(order_id, str(uuid.uuid4()))
    with pytest.raises(Refused) as refused:
        client.claim(order_id, str(uuid.uuid4()))
    assert refused.value.status == 409 and refused.value.code == "claimed"
    assert refused.value.holder is not None and refused.value.holder.workstation == "T2"


def test_an_unknown_service_is_refused_422_and_the_refusal_shows_on_the_order(
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    client: OrderServerClient,
    new_orders: Callable[..., list[str]],
) -> None:
    [order_id] = new_orders(1)
    engine.run_once()
    with pytest.raises(Refused) as refused:
        client.send(ServicesDone(order_id, (ServiceCount("NO-SUCH-SERVICE", 1),)), str(uuid.uuid4()))
    assert refused.value.status == 422
    shown = actions.record_services(order_id, [Service("NO-SUCH-SERVICE", 2)])
    assert [x.code for x in shown.services] == ["NO-SUCH-SERVICE"]
    report = engine.run_once()
    assert report.error is None and len(report.refused) == 1
    assert unsent_entries(store) == []  # it left the outbox, but not in silence:
    with store.session() as s:
        notice = queries.order_notice(s, order_id)
        order = queries.load_order(s, order_id)
    assert notice is not None and "services" in notice.text
    assert order is not None and order.services == []  # the screen follows the server
    assert [a.action for a in order.activity][-1] == "refused"


def test_sending_the_same_key_twice_changes_the_server_once(
    client: OrderServerClient, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1)
    key = str(uuid.uuid4())
    first = Order.from_dict(client.send(StatusMove(order_id, OrderStatus.PRINTED), key))
    again = Order.from_dict(client.send(StatusMove(order_id, OrderStatus.PRINTED), key))
    assert first.status is again.status is OrderStatus.PRINTED
    assert [a.detail for a in client.get_order(order_id).activity if a.action == "status"] == ["5.1 → 6"]


def test_data_dir_lives_where_it_is_told(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREPDESK_DATA_DIR", str(tmp_path / "env"))
    store = Store.open()
    assert store.path.parent == tmp_path / "env"
    store.close()
    store = Store.open(tmp_path / "flag")
    assert store.path.parent == tmp_path / "flag"
    store.close()


def test_a_busy_server_says_when_to_come_back_and_the_worker_waits_at_least_that(
    store: Store, bad_server: tuple[str, Misbehaviour]
) -> None:
    url, mood = bad_server
    mood.status, mood.body = 429, b'{"error": "rate_limited", "message": "slow down"}'
    _one_unsent_change(store)
    client = OrderServerClient(url, "token", "T1", get_retries=0)
    engine = SyncEngine(store, client)
    error = engine.run_once().error
    assert isinstance(error, RateLimited) and error.retryable
    assert len(unsent_entries(store)) == 1
    error.retry_after = 7.0
    assert engine._delay_after(error) == 7.0


@pytest.mark.parametrize(
    "body",
    [
        b'{"orders": [{"id": "1"}], "cursor": "9"}',
        b'{"orders": [{"id": "1", "number": "7"}], "cursor": "9", "has_more": false}',
        b'{"orders": [{"id": "1", "number": "7", "status": "9.9"}], "cursor": "9", "has_more": false}',
        b'{"orders": [{"id": "1", "number": "7", "status": "5.1", "lines": 3}], "cursor": "9", "has_more": false}',
        b'{"orders": [{"id": "1", "number": "7", "status": "5.1", "lines": [], "services_asked": [{"quantity": 2}]}],'
        b' "cursor": "9", "has_more": false}',
        b'{"orders": [{"id": "1", "number": "7", "status": "5.1", "lines": [], "services_asked": 5}],'
        b' "cursor": "9", "has_more": false}',
        b'{"orders": [{"id": "1", "number": "7", "status": "5.1", "lines": [],'
        b' "services_asked": [{"code": "POLYBAG", "quantity": "many"}]}], "cursor": "9", "has_more": false}',
    ],
    ids=[
        "no-has-more",
        "no-status",
        "unknown-status",
        "lines-not-a-list",
        "service-asked-without-code",
        "services-asked-not-a-list",
        "service-asked-quantity-not-a-number",
    ],
)
def test_a_garbled_page_of_orders_changes_nothing_in_the_store(
    store: Store, bad_server: tuple[str, Misbehaviour], body: bytes
) -> None:
    url, mood = bad_server
    mood.status, mood.body = 200, body
    client = OrderServerClient(url, "token", "T1", get_retries=0)
    error = SyncEngine(store, client).run_once().error
    assert isinstance(error, ServerFailed)
    with store.session() as s:
        assert queries.list_orders(s).total == 0
        assert s.scalar(select(SyncCursor.cursor)) is None  # the cursor did not move


def test_a_yes_with_an_unreadable_order_still_clears_the_change(
    store: Store, bad_server: tuple[str, Misbehaviour]
) -> None:
    url, mood = bad_server
    mood.status, mood.body = (
        200,
        b'{"id": "o-1", "status": "6", "number": "100001", "version": 2, "lines": 5}',
    )
    _one_unsent_change(store)
    client = OrderServerClient(url, "token", "T1", get_retries=0)
    report = SyncEngine(store, client).run_once()
    assert report.pushed == 1 and unsent_entries(store) == []
    assert isinstance(report.error, ServerFailed)  # the pull that followed got the same nonsense
    with store.session() as s:
        order = queries.load_order(s, "o-1")
    assert order is not None and order.status is OrderStatus.PRINTED and len(order.lines) == 2
