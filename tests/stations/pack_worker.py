"""A pack table in a child process, for the kill test: it packs the order it is given into
parcels by scans, prints `SCANNED <journal number>` after each verdict the table showed, and then
waits with the order still on the table, until the test kills it with SIGKILL.

    python -m tests.stations.pack_worker DATA_FILE ORDER_NUMBER SCAN [SCAN…]

A scan `weigh:<grams>` is a reading of the scale.
"""

from __future__ import annotations

import sys
import time

from app.flows import OrderActions, ScanJournal
from app.stations.pack import PackSession
from app.store import Store


def main(data_file: str, number: str, *scans: str) -> int:
    store = Store(data_file)
    session = PackSession(store, OrderActions(store, "ann", "T1"), ScanJournal(store, "ann", "T1"))
    session.resume()
    for scan in (f"PDO-{number}", f"PDO-{number}", *scans):
        if scan.startswith("weigh:"):
            verdict = session.weigh(float(scan.removeprefix("weigh:")))
        else:
            verdict = session.scan(scan)
        if not verdict.accepted:
            print(f"REFUSED {verdict.message}", flush=True)
            return 1
        print(f"SCANNED {verdict.journal_id}", flush=True)
    print("WAITING", flush=True)
    while True:  # the packer walks away; the power goes
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
