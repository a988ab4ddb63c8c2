"""A sync pass and the news it brings (no Qt; the reference server on loopback): the orders that
became ready to print in this pass and no earlier one, the changes waiting, the orders the pass
wrote, and a server gone away said as offline. (What the sync controller read with its own SQL.)"""

from __future__ import annotations

from app.domain import OrderStatus
from app.operations.sync_pass import SyncPasses, changes_waiting
from app.store.queries import load_order
from tests.sync.conftest import client, engine, new_orders, server

__all__ = ["client", "engine", "new_orders", "server"]

S = OrderStatus


def _number(store, order_id: str) -> str:
    with store.session() as s:
        return load_order(s, order_id).number


def test_each_pass_names_only_the_orders_newly_ready_and_the_orders_it_wrote(
    store, engine, actions, new_orders
) -> None:
    passes = SyncPasses(engine, store)
    first = new_orders(2)

    outcome = passes.run()

    assert outcome.online is True and outcome.problem == "" and outcome.last_sync is not None
    assert set(outcome.newly_ready) == {_number(store, i) for i in first}
    assert set(first) <= outcome.changes.orders and not outcome.changes.outbox_grew

    later = new_orders(1)
    actions.print_error(first[0], "Postcode missing")
    assert changes_waiting(store) == 1

    again = passes.run()

    assert again.newly_ready == (_number(store, later[0]),)  # the first two were news already
    assert later[0] in again.changes.orders
    assert again.outbox == 0 == changes_waiting(store)  # the print error went to the server


def test_a_server_gone_away_is_said_as_offline_and_nothing_is_news(store, engine, server, new_orders) -> None:
    passes = SyncPasses(engine, store)
    new_orders(1)
    assert passes.run().online is True
    server.stop()

    outcome = passes.run()

    assert outcome.online is False and outcome.problem
    assert outcome.newly_ready == () and not outcome.changes
