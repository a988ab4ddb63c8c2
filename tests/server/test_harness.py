"""The harness and the command: a server that stops, comes back on its port with its data, and
runs as its own process for demo mode and crash tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from server.harness import REPO, start_server
from tests.server.conftest import Workstation, new_order


@pytest.mark.parametrize("in_process", [True, False], ids=["thread", "process"])
def test_a_stopped_server_refuses_connections_and_comes_back_on_its_port_with_its_orders(
    in_process: bool, tmp_path: Path
) -> None:
    server = start_server(f"sqlite:///{tmp_path / 'server.sqlite3'}", demo_orders=5, in_process=in_process)
    try:
        table = Workstation(server, "table-1")
        order = new_order(server)
        assert table.move(order["id"], "6").status_code == 200
        server.stop()
        with pytest.raises(requests.ConnectionError):
            requests.get(server.url + "/api/v1/me", timeout=5)
        server.start()
        assert table.order(order["id"])["status"] == "6"  # the same Session reconnects
        assert len(table.all_orders()) == 6
    finally:
        server.stop()


def test_prepdesk_server_prints_its_url_and_tokens_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "prepdesk.cli", "server", "--db", f"sqlite:///{tmp_path / 's.sqlite3'}",
         "--port", str(port), "--demo-data", "3", "--demo-token", "script-token", "--admin-token", "adm-token"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    try:
        assert process.stdout is not None
        printed = []
        for line in process.stdout:
            printed.append(line)
            if "Ctrl-C" in line:
                break
        text = "".join(printed)
        assert f"http://127.0.0.1:{port}" in text and "script-token" in text and "adm-token" in text
        answer = requests.get(
            f"http://127.0.0.1:{port}/api/v1/orders",
            headers={"Authorization": "Bearer script-token"},
            timeout=10,
        )
        assert len(answer.json()["orders"]) == 3
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
