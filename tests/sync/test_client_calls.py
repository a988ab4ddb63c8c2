"""The client speaks every call of the server contract and answers with the warehouse's objects."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable

import pytest

from app.api import OrderServerClient, Refused
from app.domain import Order, OrderStatus
from app.domain.outbox import Parcel, ParcelsAdded, ServiceCount, ServicesDone, StatusMove
from app.flows import OrderActions, unsent_entries
from app.store import Store, queries
from app.sync import SyncEngine
from server.harness import RunningServer, start_server


def test_the_client_reads_who_it_is_the_price_list_products_and_labels(
    server: RunningServer, client: OrderServerClient, new_orders: Callable[..., list[str]]
) -> None:
    me = client.me()
    assert me.operator.code == "ann" and me.prep_center_id
    assert "ann" in {o.code for o in me.operators}
    offers = client.services()
    assert offers and all(o.unit_price >= 0 for o in offers)
    [order_id] = new_orders(1)
    assert isinstance(client.get_order(order_id), Order)
    page = client.list_orders(statuses=[OrderStatus.READY_TO_PRINT], limit=10)
    assert [o.id for o in page.orders] == [order_id] and not page.has_more
    assert client.list_orders(cursor=page.cursor).orders == []  # nothing changed since
    with pytest.raises(Refused) as refused:
        client.carrier_label(order_id)
    assert refused.value.status == 404
    assert isinstance(client.products("4006381333931"), list)
    client.operator = "nobody-here"  # an operator the prep center does not know
    with pytest.raises(Refused) as unknown:
        client.send(StatusMove(order_id, OrderStatus.PRINTED), str(uuid.uuid4()))
    assert unknown.value.status == 422


def test_writes_answer_the_order_as_the_server_now_has_it(
    client: OrderServerClient, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1, OrderStatus.COLLECTED)
    parcels = (Parcel("1Z999AA10123456784", "ups", 900),)
    order = Order.from_dict(client.send(ParcelsAdded(order_id, parcels), str(uuid.uuid4())))
    assert [p.tracking_number for p in order.shipments] == ["1Z999AA10123456784"]
    order = Order.from_dict(client.send(StatusMove(order_id, OrderStatus.SHIPPED), str(uuid.uuid4())))
    assert order.status is OrderStatus.SHIPPED
    services = (ServiceCount("POLYBAG", 2),)
    order = Order.from_dict(client.send(ServicesDone(order_id, services), str(uuid.uuid4())))
    assert order.services[0].unit_price is not None
    claim = client.claim(order_id, str(uuid.uuid4()), minutes=5)
    assert claim.workstation == "T1"
    client.release(order_id, str(uuid.uuid4()))
    assert client.get_order(order_id).claim is None


def test_the_sync_worker_runs_until_told_to_stop_and_sends_what_the_table_did(
    store: Store, engine: SyncEngine, actions: OrderActions, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1)
    stop = threading.Event()
    worker = threading.Thread(target=engine.run, args=(stop, 0.05), daemon=True)
    worker.start()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with store.session() as s:
            if queries.load_order(s, order_id) is not None:
                break
        time.sleep(0.02)
    actions.mark_printed(order_id)
    engine.wake()
    while unsent_entries(store) and time.monotonic() < deadline:
        time.sleep(0.02)
    stop.set()
    engine.wake()
    worker.join(10)
    assert not worker.is_alive()
    assert unsent_entries(store) == []
    assert engine.client.get_order(order_id).status is OrderStatus.PRINTED


def test_opening_an_order_fetches_its_activity_log_from_the_server(
    store: Store, engine: SyncEngine, actions: OrderActions, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1)
    engine.run_once()
    actions.mark_printed(order_id)
    engine.run_once()
    engine.fetch_order(order_id)
    with store.session() as s:
        order = queries.load_order(s, order_id)
    assert order is not None
    server_entries = [(a.action, a.workstation) for a in order.activity if a.action in ("created", "status")]
    assert "created" in {action for action, _ in server_entries}  # the server's own entry
    assert ("status", "T1") in server_entries


def test_a_carrier_label_and_a_photo_come_as_the_server_holds_them() -> None:
    demo = start_server(demo_orders=40)
    try:
        client = OrderServerClient(demo.url, demo.token, "T1")
        orders = client.list_orders(limit=100).orders
        labelled = [o for o in orders if o.carrier_label]
        assert labelled
        for order in labelled[:4]:
            label = client.carrier_label(order.id)
            assert label.format == order.carrier_label
            assert label.content.startswith(b"%PDF" if label.format == "pdf" else b"^XA")
        photo_url = next(line.photo_url for o in orders for line in o.lines if line.photo_url)
        assert client.photo(photo_url)[:8] == b"\x89PNG\r\n\x1a\n"
        sku = orders[0].lines[0].sku
        assert sku in {p.sku for p in client.products(sku)}
        client.close()
    finally:
        demo.stop()
