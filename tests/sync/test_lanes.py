"""Which thread owns what is checked, not remembered (app/lanes.py): the sync engine and its
server client, the store's transactions and each print queue refuse a call from a thread of
another lane, loudly and before anything is sent or written; and a bulk move open on one lane
never takes in what another lane does through the same `OrderActions`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import func, select

from app import lanes
from app.api import OrderServerClient
from app.domain import OrderStatus
from app.flows import OrderActions, unsent_entries
from app.lanes import Lane, WrongLane
from app.print_queue import PrintQueue
from app.store import PrintJob, Store, queries
from app.store.orders import write_orders
from app.sync import SyncEngine
from printing.transports import open_printer
from server.harness import RunningServer
from tests.store.conftest import make_order

T = TypeVar("T")


def on_lane(lane: str, work: Callable[[], T]) -> T:
    """Run `work` on a thread of `lane`, as the workstation's task runner starts one."""
    with ThreadPoolExecutor(max_workers=1, initializer=lanes.enter, initargs=(lane,)) as thread:
        return thread.submit(work).result(timeout=60)


def status_of(store: Store, order_id: str) -> OrderStatus:
    with store.session() as s:
        order = queries.load_order(s, order_id)
    assert order is not None
    return order.status


def test_the_sync_engine_runs_on_the_sync_lane_and_refuses_the_store_lane(
    store: Store, engine: SyncEngine, actions: OrderActions, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1)
    assert on_lane(Lane.SYNC, engine.run_once).error is None
    actions.mark_printed(order_id)
    with pytest.raises(WrongLane, match=r"sync engine.*“store” lane"):
        on_lane(Lane.STORE, engine.run_once)
    assert len(unsent_entries(store)) == 1  # nothing was sent from the wrong thread
    with pytest.raises(WrongLane):
        on_lane(f"{Lane.PRINTER}:shipping_label", lambda: engine.fetch_order(order_id))
    report = on_lane(Lane.SYNC, engine.run_once)
    assert report.error is None and report.pushed == 1 and unsent_entries(store) == []


def test_the_engines_server_client_is_the_sync_lanes_and_a_photo_client_the_photos_lane(
    server: RunningServer, engine: SyncEngine, new_orders: Callable[..., list[str]]
) -> None:
    [order_id] = new_orders(1)
    assert engine.client.lane == Lane.SYNC
    with pytest.raises(WrongLane, match="order server client"):
        on_lane(Lane.GUI, lambda: engine.client.get_order(order_id))
    photos = OrderServerClient(server.url, server.token, "T1", lane=Lane.PHOTOS)
    try:
        assert on_lane(Lane.PHOTOS, lambda: photos.get_order(order_id)).id == order_id
        with pytest.raises(WrongLane):
            on_lane(Lane.SYNC, lambda: photos.get_order(order_id))
    finally:
        photos.close()


def test_a_store_transaction_from_the_screens_thread_fails_and_writes_nothing(
    store: Store, actions: OrderActions
) -> None:
    order = make_order(1)
    with pytest.raises(WrongLane, match=r"store transaction.*“gui” lane"):
        on_lane(Lane.GUI, lambda: actions.mark_printed(order.id))

    def put() -> None:
        with store.transaction() as s:
            write_orders(s, [order.to_dict()])

    with pytest.raises(WrongLane):
        on_lane(Lane.PHOTOS, put)
    with store.session() as s:
        assert queries.load_order(s, order.id) is None
    on_lane(Lane.SYNC, put)  # the sync lane writes what the server sent
    on_lane(Lane.STORE, lambda: actions.mark_printed(order.id))
    assert status_of(store, order.id) is OrderStatus.PRINTED


def test_a_print_queue_prints_on_its_printers_lane_only(store: Store, tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    printer = open_printer(f"file://{tmp_path / 'labels'}")
    queue = PrintQueue(store, printer, role="shipping_label", workstation="T1")

    def print_one() -> bool:
        return queue.submit(job_key="test/1", document="test", format="zpl", payload=b"^XA^XZ").id > 0

    for wrong in (Lane.STORE, Lane.SYNC, f"{Lane.PRINTER}:documents"):
        with pytest.raises(WrongLane, match="shipping_label print queue"):
            on_lane(wrong, print_one)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(PrintJob)) == 0
    job = on_lane(
        f"{Lane.PRINTER}:shipping_label",
        lambda: queue.submit(job_key="test/1", document="test", format="zpl", payload=b"^XA^XZ"),
    )
    assert on_lane(f"{Lane.PRINTER}:shipping_label", lambda: queue.send(job.id)).confirmed
    assert len(list((tmp_path / "labels").iterdir())) == 1


def test_a_bulk_move_open_on_the_store_lane_does_not_take_in_the_printer_lanes_action(
    store: Store,
) -> None:
    """The store lane and a printer lane share one `OrderActions` (the print station marks an
    order printed from its printer's lane). A bulk move open on the store lane that fails undoes
    its own moves only: the order the printer lane marked printed meanwhile stays printed."""
    shared = OrderActions(store, "ann", "T1")
    bulk, printed = make_order(1), make_order(2)
    with store.transaction() as s:
        write_orders(s, [bulk.to_dict(), printed.to_dict()])
    block_open, printer_acted = threading.Event(), threading.Event()

    class Interrupted(Exception):
        pass

    def bulk_move() -> None:
        with shared.together():
            shared.mark_printed(bulk.id)
            block_open.set()
            # The printer lane acts while the block is open: it waits for the write lock (or,
            # were the block's transaction the instance's, would write into it and be undone).
            printer_acted.wait(1.0)
            raise Interrupted

    def label_printed() -> None:
        block_open.wait(30)
        shared.mark_printed(printed.id)
        printer_acted.set()

    with (
        ThreadPoolExecutor(1, initializer=lanes.enter, initargs=(Lane.STORE,)) as store_lane,
        ThreadPoolExecutor(
            1, initializer=lanes.enter, initargs=(f"{Lane.PRINTER}:shipping_label",)
        ) as printer_lane,
    ):
        moving = store_lane.submit(bulk_move)
        printing = printer_lane.submit(label_printed)
        with pytest.raises(Interrupted):
            moving.result(timeout=60)
        printing.result(timeout=60)
    assert status_of(store, bulk.id) is OrderStatus.READY_TO_PRINT  # the failed block undid its move
    assert status_of(store, printed.id) is OrderStatus.PRINTED  # the printer lane's own commit stands
    assert [e.order_id for e in unsent_entries(store)] == [printed.id]
