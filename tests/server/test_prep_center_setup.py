"""A prep center set up from an empty database with the README's commands, its server started
without the demo, and the workstation's own client working against it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests

from app.api import OrderServerClient
from app.domain import Order, OrderStatus
from app.domain.outbox import ServiceCount, ServicesDone, StatusMove
from prepdesk.cli import main
from tests.server.started import answering

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "server" / "samples"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["server", *args]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_a_prep_center_from_an_empty_database_works_at_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'server.sqlite3'}"]
    run(capsys, "admin", "prep-center", "add", "NDP", "North Dock Prep", *db)
    run(capsys, "admin", "operator", "add", "NDP", "ann", "Ann Miller", *db)
    run(capsys, "admin", "operator", "add", "NDP", "boris", "Boris Petrov", "--badge", "BORIS-2291", *db)
    run(capsys, "admin", "operator", "badges", "NDP", "--out", str(tmp_path / "badges.pdf"), *db)
    assert (tmp_path / "badges.pdf").read_bytes().startswith(b"%PDF")
    token = json.loads(
        run(
            capsys,
            "admin",
            "token",
            "issue",
            "--prep-center",
            "NDP",
            "--workstation",
            "table-1",
            "--json",
            *db,
        )
    )["token"]
    run(capsys, "admin", "services", "import", str(SAMPLES / "services.csv"), *db)
    run(capsys, "admin", "products", "import", str(SAMPLES / "products.csv"), "--prep-center", "NDP",
        "--photos", str(SAMPLES / "photos"), *db)  # fmt: skip
    out = run(capsys, "import", str(SAMPLES / "orders.csv"), "--prep-center", "NDP", *db)
    assert "4 orders created (1 of them print errors" in out
    # A wrong command changes nothing and says why.
    assert main(["server", "admin", "operator", "add", "NOPE", "x", "X", *db]) == 1
    assert "No prep center" in capsys.readouterr().err

    port_file = tmp_path / "port"
    command = [sys.executable, "-m", "server", *db, "--no-demo", "--port", "0", "--port-file", str(port_file)]
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    try:
        url = answering(server, port_file)
        client = OrderServerClient(url, token, "table-1", operator="PDB-BORIS-2291")
        me = client.me()
        assert (me.prep_center_id, me.operator.code) == ("NDP", "boris")
        orders = {o.marketplace_order_id: o for o in client.list_orders(limit=1000).orders}
        assert len(orders) == 4
        assert orders["W-550193"].status is OrderStatus.PRINT_ERROR
        order = orders["114-3941689-8772232"]
        assert order.status is OrderStatus.READY_TO_PRINT
        assert [p.sku for p in client.products("SUP-77812")] == ["NHG-MUG-0231"]
        assert client.photo(order.lines[0].photo_url) == (SAMPLES / "photos" / "mug.png").read_bytes()
        client.claim(order.id, key=str(uuid.uuid4()))
        moved = Order.from_dict(client.send(StatusMove(order.id, OrderStatus.PRINTED), str(uuid.uuid4())))
        assert moved.status is OrderStatus.PRINTED
        done = Order.from_dict(
            client.send(ServicesDone(order.id, (ServiceCount("POLYBAG", 2),)), str(uuid.uuid4()))
        )
        assert (done.services[0].currency, str(done.services[0].unit_price)) == ("EUR", "0.45")
        # No demo prep center on this server.
        assert (
            requests.get(
                f"{url}/api/v1/orders", headers={"Authorization": "Bearer demo"}, timeout=10
            ).status_code
            == 401
        )
        client.close()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
