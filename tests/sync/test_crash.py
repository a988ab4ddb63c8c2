"""Killing the packing table at any instant loses nothing it had confirmed, and sends nothing twice."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from app.api import OrderServerClient
from app.domain import OrderStatus
from app.store import Store, queries
from server.harness import RunningServer
from tests.sync.conftest import status_moves
from tests.sync.flow_worker import tracking_number

REPO = Path(__file__).resolve().parents[2]
MOVE_OF = {"printed": "5.1 → 6", "collected": "6 → 6.4", "shipped": "6.4 → 7.1"}


def _table(data_dir: Path, server: RunningServer) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "tests.sync.flow_worker", str(data_dir), server.url, server.token]
    return subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _confirmed(output: str) -> list[tuple[str, str]]:
    # Only whole lines: a line cut by the kill was never confirmed.
    lines = output.split("\n")[:-1] if not output.endswith("\n") else output.split("\n")
    return [(p[1], p[2]) for p in (line.split() for line in lines) if len(p) == 3 and p[0] == "CONFIRMED"]


def test_a_table_killed_at_random_moments_delivers_every_confirmed_action_exactly_once(
    server: RunningServer, client: OrderServerClient, new_orders: Callable[..., list[str]], tmp_path: Path
) -> None:
    ids = new_orders(60)
    chance = random.Random(20261122)
    confirmed: list[tuple[str, str]] = []
    kills = 0
    for _ in range(12):
        table = _table(tmp_path / "table", server)
        time.sleep(chance.uniform(0.5, 1.5))  # the child needs ~0.5 s to start; kill it mid-work
        table.send_signal(signal.SIGKILL)
        out, err = table.communicate(timeout=30)
        assert table.returncode in (-signal.SIGKILL, 0), err
        kills += table.returncode == -signal.SIGKILL
        confirmed += _confirmed(out)
        if "FLUSHED" in out:
            break
    table = _table(tmp_path / "table", server)  # the last restart runs to the end
    out, err = table.communicate(timeout=120)
    assert table.returncode == 0, err
    assert "FLUSHED" in out
    confirmed += _confirmed(out)
    assert kills >= 3, "the table was never killed mid-work"

    # An action killed between its commit and its line was done but never confirmed: fine. No
    # action is confirmed twice, and every confirmed one is on the server, once.
    assert len(confirmed) == len(set(confirmed)) and len(confirmed) > len(ids)
    for order_id in ids:
        moves = status_moves(client, order_id)
        assert Counter(moves) == Counter(MOVE_OF.values()), (order_id, moves)
        assert all(MOVE_OF[action] in moves for oid, action in confirmed if oid == order_id)
        order = client.get_order(order_id)
        assert [p.tracking_number for p in order.shipments] == [tracking_number(order_id)]
    # A change sent twice without its key would have been refused (409) and noted on the order.
    store = Store.open(tmp_path / "table")
    with store.session() as s:
        assert queries.open_notices(s) == [] and queries.unsent_count(s) == 0
        assert queries.counts_by_status(s).by_status[OrderStatus.SHIPPED] == len(ids)
    store.close()
