"""A server killed mid-work keeps every write it confirmed, and a retried write happens once."""

from __future__ import annotations

import threading
import time
import uuid

import requests

from server.harness import start_server
from tests.server.conftest import Workstation, new_order


def test_writes_retried_across_a_killed_server_each_happen_exactly_once(db_url: str) -> None:
    server = start_server(db_url, in_process=False)
    try:
        orders = [new_order(server)["id"] for _ in range(40)]
        table = Workstation(server, "table-1")
        confirmed: list[str] = []

        def print_all() -> None:
            for order_id in orders:
                key = str(uuid.uuid4())  # one key per action, kept across retries (the outbox's way)
                while True:
                    try:
                        answer = table.post(f"orders/{order_id}/status", {"status": "6"}, key=key)
                    except requests.RequestException:  # refused, reset, or cut off mid-answer
                        time.sleep(0.05)
                        continue
                    assert answer.status_code == 200, answer.text
                    confirmed.append(order_id)
                    break

        worker = threading.Thread(target=print_all)
        worker.start()
        while len(confirmed) < 10:
            time.sleep(0.005)
        server.kill()  # mid-stream: some call may be half done
        time.sleep(0.3)
        server.start()
        worker.join(timeout=120)
        assert not worker.is_alive()
        assert confirmed == orders
        for order_id in orders:
            order = table.order(order_id)
            moves = [a for a in order["activity"] if a["action"] == "status"]
            assert (order["status"], order["version"], len(moves)) == ("6", 2, 1), order_id
    finally:
        server.stop()
