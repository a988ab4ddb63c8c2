"""Serial devices on pseudo-terminals: each test gets its own port path in tmp_path."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devices.emulators import ScannerEmulator


class Inbox:
    """Collects what a device's callbacks hand over on the reader thread; waits for it."""

    def __init__(self) -> None:
        self._items: queue.Queue[Any] = queue.Queue()

    def put(self, *args: Any) -> None:
        self._items.put(args[0] if len(args) == 1 else args)

    def get(self, timeout: float = 5.0) -> Any:
        return self._items.get(timeout=timeout)

    def get_where(self, accept: Any, timeout: float = 5.0) -> Any:
        while True:
            item = self.get(timeout)
            if accept(item):
                return item

    def empty_for(self, seconds: float) -> bool:
        try:
            self._items.get(timeout=seconds)
        except queue.Empty:
            return True
        return False


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def port_path(tmp_path: Path) -> Path:
    return tmp_path / "ttyUSB0"


@pytest.fixture
def scanner_emulator(port_path: Path) -> Iterator[ScannerEmulator]:
    emulator = ScannerEmulator(port_path)
    yield emulator
    emulator.close()
