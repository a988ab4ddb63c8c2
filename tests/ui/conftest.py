"""Fixtures of the workstation frame's tests: a real store in tmp_path, the reference server on
loopback (in-process), and a wired Workstation made by the bootstrap's own `assemble`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from printing.emulator import PrinterEmulator, start_emulator
from server.harness import RunningServer, start_server


@pytest.fixture
def printer() -> Iterator[PrinterEmulator]:
    """The emulated Zebra on a loopback port."""
    emulator = start_emulator()
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def demo_server() -> Iterator[RunningServer]:
    """The reference server with 24 demo orders (seed 5), for the print station's stories."""
    server = start_server(demo_orders=24, seed=5)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def order_server() -> Iterator[RunningServer]:
    server = start_server(demo_orders=0)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def make_workstation(tmp_path: Path, qtbot):
    """`make_workstation(server=None, name="table-1", folder=None, settings=None)`: a Workstation
    on a store in tmp_path, made by the bootstrap's `assemble`."""
    from ui.main import assemble, shut_down

    made = []

    def make(
        server: RunningServer | None = None,
        name: str = "table-1",
        folder: Path | None = None,
        settings: dict | None = None,
    ):
        ws = assemble(
            folder or tmp_path / "ws",
            server_url=server.url if server else "",
            token=server.token if server else "",
            name=name,
            sounds=False,
            settings_given=settings,
        )
        made.append(ws)
        return ws

    yield make
    for ws in made:
        if not ws.closed:
            shut_down(ws)


def synced(qtbot, frame) -> None:
    """Run one sync pass through the frame's controller and wait until it has landed."""
    before = frame.sync.last
    frame.sync.sync_now()
    qtbot.waitUntil(lambda: frame.sync.last is not before and not frame.sync.running, timeout=20000)


def add_orders(server: RunningServer, count: int, *, first: int = 1, status: str = "5.1") -> list[dict]:
    """Orders created on the server by its admin call (what the platform would hand over)."""
    made = []
    for n in range(first, first + count):
        made.append(
            server.admin(
                "orders",
                {
                    "number": f"T{n:05d}",
                    "status": status,
                    "marketplace": "amazon",
                    "seller": "Acme",
                    "recipient": {
                        "name": f"Buyer {n}",
                        "street1": "1 Main St",
                        "city": "Leeds",
                        "country": "GB",
                    },
                    "lines": [{"sku": f"SKU-{n}", "title": "Mug", "quantity": 1, "ean": "4006381333931"}],
                },
            )
        )
    return made


@pytest.fixture
def frame_of(qtbot):
    """`frame_of(ws, operator=True)`: the frame around a workstation, shown, optionally signed in
    as the token's own operator."""
    from ui.frame import build_frame

    frames = []

    def build(ws, operator: bool = True):
        frame = build_frame(ws)
        qtbot.addWidget(frame.window)
        frames.append(frame)
        frame.window.show()
        if operator:
            me = ws.server.me()
            ws.sign_in(me.operator)
        return frame

    yield build
    for frame in frames:
        frame.close()
