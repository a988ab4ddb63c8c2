"""A packing table in a child process, for the crash test: it works through every order (print,
collect, ship), printing `CONFIRMED <order> <action>` after each action the flow confirmed, while
its sync worker pushes and pulls. The test kills it with SIGKILL at random moments.

    python -m tests.sync.flow_worker DATA_DIR SERVER_URL TOKEN [PAUSE_S]

PAUSE_S (default 0.01) is the packer's pace between actions, so a kill lands mid-work.
"""

from __future__ import annotations

import sys
import threading
import time

from app.api import OrderServerClient
from app.domain import OrderStatus, Shipment
from app.flows import OrderActions
from app.store import Store, queries
from app.sync import SyncEngine
from tests.stations.picking import pick_every_unit

S = OrderStatus


def tracking_number(order_id: str) -> str:
    return f"TRK{order_id[:12].upper()}"


def main(data_dir: str, url: str, token: str, pause_s: float = 0.01) -> int:
    store = Store.open(data_dir)
    engine = SyncEngine(store, OrderServerClient(url, token, "T1", "ann"))
    stop = threading.Event()
    threading.Thread(target=engine.run, args=(stop, 0.05), daemon=True).start()
    actions = OrderActions(store, "ann", "T1")
    while True:
        with store.session() as s:
            rows = queries.list_orders(s, sort=queries.SortKey.NUMBER, limit=10_000).rows
        if not rows:
            time.sleep(0.05)
            continue
        todo = [r for r in rows if r.status is not S.SHIPPED]
        if not todo:
            break
        for row in todo:
            if row.status is S.READY_TO_PRINT:
                actions.mark_printed(row.id)
                done = "printed"
            elif row.status is S.PRINTED:
                pick_every_unit(actions, row.id)
                done = "collected"
            elif row.status is S.COLLECTED:
                actions.shipped(row.id, [Shipment(tracking_number(row.id), "ups", 500)])
                done = "shipped"
            else:
                raise SystemExit(f"unexpected status {row.status} of {row.id}")
            print(f"CONFIRMED {row.id} {done}", flush=True)
            engine.wake()
            time.sleep(pause_s)
    print("DONE", flush=True)
    while True:
        with store.session() as s:
            if queries.unsent_count(s) == 0:
                break
        time.sleep(0.05)
    print("FLUSHED", flush=True)
    stop.set()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4], *[float(x) for x in sys.argv[4:5]]))
