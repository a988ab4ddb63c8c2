"""Services recorded with the server away reach it once when it is back, and the table's total
is the seller's bill as the server prices it."""

from __future__ import annotations

from collections.abc import Callable

from app.api import OrderServerClient
from app.domain import OrderStatus
from app.flows import OrderActions, unsent_entries
from app.stations.services import ServiceDesk, bill, cached_price_list, save_price_list
from app.store import Store, queries
from app.sync import SyncEngine
from server.harness import RunningServer


def test_services_recorded_offline_reach_the_server_once_at_the_price_the_table_showed(
    server: RunningServer,
    store: Store,
    engine: SyncEngine,
    actions: OrderActions,
    client: OrderServerClient,
    new_orders: Callable[..., list[str]],
) -> None:
    [order_id] = new_orders(1, OrderStatus.COLLECTED)
    engine.run_once()
    save_price_list(store, client.services())  # fetched once while online
    server.stop()
    desk = ServiceDesk(store, actions)
    assert desk.record(order_id, "POLYBAG", 2).accepted
    assert desk.record(order_id, "PDS-FNSKU-LABEL", 3).accepted
    with store.session() as s:
        order = queries.load_order(s, order_id)
    assert order is not None
    at_the_table = bill(order, cached_price_list(store))
    assert engine.run_once().error is not None  # still away
    server.start()
    assert engine.run_once().error is None
    assert engine.run_once().pushed == 0  # sent once
    assert unsent_entries(store) == []
    on_server = client.get_order(order_id)
    assert sorted((s.code, s.quantity) for s in on_server.services) == [("FNSKU_LABEL", 3), ("POLYBAG", 2)]
    server_total = sum(s.total for s in on_server.services if s.total is not None)
    assert at_the_table.totals == ((on_server.services[0].currency, server_total),)
