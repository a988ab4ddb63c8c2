"""A pack table killed (SIGKILL) after its scans comes back with the order on the table and
every parcel it had confirmed: the draft is the scan journal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from app.domain import Order
from app.stations.pack import PackStep
from app.store import Store
from tests.stations.conftest import ROYAL_MAIL, UPS_1, new_session

REPO = Path(__file__).resolve().parents[2]


def test_a_table_killed_mid_pack_resumes_with_its_parcels(
    store: Store, collected: Callable[..., Order], tmp_path: Path
) -> None:
    order = collected(1)
    scans = [UPS_1, "weigh:1200", ROYAL_MAIL, "weigh:450"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "tests.stations.pack_worker", str(store.path), order.number, *scans]
    table = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert table.stdout is not None
    seen = []
    for line in table.stdout:  # every verdict the table showed, then it waits
        seen.append(line.split()[0])
        if line.startswith(("WAITING", "REFUSED")):
            break
    table.send_signal(signal.SIGKILL)
    _, err = table.communicate(timeout=30)
    assert table.returncode == -signal.SIGKILL, err
    assert seen == ["SCANNED"] * 6 + ["WAITING"]

    view = new_session(store).resume()
    assert view.order_id == order.id and view.step is PackStep.SHIP
    assert [(p.number, p.tracking, p.weight_g) for p in view.parcels] == [
        (1, UPS_1, 1200),
        (2, ROYAL_MAIL, 450),
    ]
