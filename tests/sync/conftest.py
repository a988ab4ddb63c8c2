"""Sync fixtures: the reference server on loopback, a workstation store in tmp_path, its client and
sync engine, orders created on the server, and a small misbehaving HTTP server for bad answers."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from app.api import OrderServerClient, Timeouts
from app.domain import OrderStatus
from app.flows import OrderActions
from app.store import Store
from app.sync import SyncEngine
from server.harness import RunningServer, start_server
from tests.store.conftest import make_order


@pytest.fixture
def server() -> Iterator[RunningServer]:
    running = start_server(marketplace_confirm_after_s=3600)
    yield running
    running.stop()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "workstation" / "prepdesk.sqlite3")
    yield s
    s.close()


@pytest.fixture
def client(server: RunningServer) -> Iterator[OrderServerClient]:
    c = OrderServerClient(server.url, server.token, "T1", timeouts=Timeouts(connect=2, read=10))
    yield c
    c.close()


@pytest.fixture
def engine(store: Store, client: OrderServerClient) -> SyncEngine:
    return SyncEngine(store, client)


@pytest.fixture
def actions(store: Store) -> OrderActions:
    return OrderActions(store, "ann", "T1")


@pytest.fixture
def new_orders(server: RunningServer) -> Callable[..., list[str]]:
    """Create `n` orders on the server in `status` (for prep center A); returns their ids."""
    made = iter(range(1, 1_000_000))

    def create(n: int = 1, status: OrderStatus = OrderStatus.READY_TO_PRINT) -> list[str]:
        ids = []
        for _ in range(n):
            body = make_order(next(made), status).to_dict()
            body["id"] = ""
            body["number"] = ""
            ids.append(server.admin("orders", body)["id"])
        return ids

    return create


def status_moves(client: OrderServerClient, order_id: str) -> list[str]:
    """The status moves in the server's activity log of an order, oldest first ("5.1 → 6"…)."""
    return [a.detail.split(":")[0] for a in client.get_order(order_id).activity if a.action == "status"]


# -- a server that misbehaves on purpose ----------------------------------------------------------


@dataclass
class Misbehaviour:
    """What the fake server answers: an HTTP status and a raw body, or silence."""

    status: int = 500
    body: bytes = b'{"error": "internal", "message": "boom"}'
    content_type: str = "application/json"
    silent: bool = False  # accept the connection and never answer
    seen: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)


@pytest.fixture
def bad_server() -> Iterator[tuple[str, Misbehaviour]]:
    mood = Misbehaviour()
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            mood.seen.append((self.command, self.path, dict(self.headers)))
            if mood.silent:
                release.wait(30)
                return
            self.send_response(mood.status)
            self.send_header("Content-Type", mood.content_type)
            self.send_header("Content-Length", str(len(mood.body)))
            self.end_headers()
            self.wfile.write(mood.body)
            del body

        do_GET = _answer
        do_POST = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", mood
    release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
