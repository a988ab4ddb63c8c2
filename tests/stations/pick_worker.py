"""A picker in a child process, for the kill test: opens the order and scans its units one by
one, printing `CONFIRMED <n>` after each scan the station answered (committed), until killed.

    python -m tests.stations.pick_worker DB_PATH ORDER_ID CODE
"""

from __future__ import annotations

import sys
import time

from app.flows import OrderActions, ScanJournal
from app.stations.pick import PickSession
from app.stations.pick_station import PickStation
from app.store import Store


def main() -> None:
    path, order_id, code = sys.argv[1], sys.argv[2], sys.argv[3]
    store = Store(path)
    station = PickStation(store, OrderActions(store, "ann", "T1"), ScanJournal(store, "ann", "T1"))
    session = station.open(order_id)
    assert isinstance(session, PickSession), session
    n = 0
    while True:
        answer = session.scan(code)
        if answer.verdict.accepted:
            n += 1
            print(f"CONFIRMED {n}", flush=True)
        time.sleep(0.002)


if __name__ == "__main__":
    main()
