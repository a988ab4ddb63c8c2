"""`prepdesk sync` runs one pass against a server and says what it pulled and pushed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.flows import OrderActions
from app.store import Store
from prepdesk.cli import main
from server.harness import RunningServer


def test_prepdesk_sync_pulls_the_orders_and_pushes_what_the_table_did(
    server: RunningServer,
    new_orders: Callable[..., list[str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    [order_id, _] = new_orders(2)
    data = tmp_path / "table"
    argv = [
        "sync",
        "--server",
        server.url,
        "--token",
        server.token,
        "--data-dir",
        str(data),
        "--workstation",
        "T9",
    ]
    assert main(argv) == 0
    assert "Pulled 2 orders" in capsys.readouterr().out
    store = Store.open(data)
    OrderActions(store, "ann", "T9").mark_printed(order_id)
    store.close()
    assert main(argv) == 0
    assert "pushed 1 changes" in capsys.readouterr().out


def test_prepdesk_sync_against_no_server_says_why_and_fails(
    tmp_path: Path, closed_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "--data-dir",
        str(tmp_path / "t"),
        "sync",
        "--server",
        f"http://127.0.0.1:{closed_port}",
        "--token",
        "x",
    ]
    assert main(argv) == 1
    assert "Cannot reach the order server" in capsys.readouterr().out
    assert (tmp_path / "t" / "prepdesk.sqlite3").exists()  # the data dir given before the command counts
