"""A workstation or operator named in any script reaches the server as it is named (percent-encoded
UTF-8 in the headers, API.md): claims, activity and the sync work end to end."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from app.api import OrderServerClient, Refused, Timeouts
from app.domain import OrderStatus
from app.domain.outbox import StatusMove
from app.flows import OrderActions
from app.store import Store
from app.sync import SyncEngine
from server.harness import RunningServer


@pytest.mark.parametrize("name", ["Стол-1", "打包台1", "Tisch Ü-3", "طاولة ٣", "50% table"])
def test_a_workstation_named_in_any_script_syncs_claims_and_writes(
    server: RunningServer, new_orders: Callable[..., list[str]], tmp_path: Path, name: str
) -> None:
    [order_id] = new_orders(1)
    client = OrderServerClient(server.url, server.token, name, timeouts=Timeouts(connect=2, read=10))
    store = Store(tmp_path / "table.sqlite3")
    try:
        engine = SyncEngine(store, client)
        assert engine.run_once().error is None
        OrderActions(store, "ann", name).mark_printed(order_id)
        report = engine.run_once()
        assert report.error is None and report.pushed == 1
        claim = client.claim(order_id, str(uuid.uuid4()))
        assert claim.workstation == name
        order = client.get_order(order_id)
        assert order.status is OrderStatus.PRINTED
        assert {a.workstation for a in order.activity if a.action in {"status", "claim"}} == {name}
    finally:
        store.close()
        client.close()


def test_an_operator_named_in_another_script_is_read_by_the_server(
    client: OrderServerClient, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1)
    client.operator = "оператор"  # not an operator of this prep center: the server says so in words
    with pytest.raises(Refused) as refused:
        client.send(StatusMove(order_id, OrderStatus.PRINTED), str(uuid.uuid4()))
    assert (refused.value.status, refused.value.code) == (422, "unknown_operator")
    assert "оператор" in refused.value.server_message


def test_a_call_that_cannot_be_put_into_headers_fails_in_words_and_the_sync_says_why(
    server: RunningServer, tmp_path: Path
) -> None:
    from app.api import ServerFailed

    client = OrderServerClient(server.url, "ключ-токен", "Стол-1", timeouts=Timeouts(connect=2, read=10))
    store = Store(tmp_path / "table.sqlite3")
    try:
        with pytest.raises(ServerFailed) as failed:
            client.me()
        assert "could not put this call" in failed.value.message
        report = SyncEngine(store, client).run_once()  # the sync thread lives on, and says why
        assert isinstance(report.error, ServerFailed) and report.error.message
    finally:
        store.close()
        client.close()
