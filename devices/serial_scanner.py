"""Barcode scanners on a serial port (RS-232, or USB in virtual COM mode): one line per scan.

Callbacks run on the port's reader thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from app.i18n import tr
from devices.serial_link import SerialLink, StatusCallback

ScanCallback = Callable[[str, str, float], None]  # text, source (the port), wall-clock time
RejectCallback = Callable[[str], None]


class SerialScanner(SerialLink):
    """`on_scan(text, source, at)` for every whole line; `on_status(PortStatus)` when the port
    comes and goes; `on_rejected(reason)` for what could not be a scan."""

    def __init__(
        self,
        port: str,
        on_scan: ScanCallback,
        *,
        baud: int = 9600,
        terminator: bytes | None = None,
        encoding: str = "latin-1",
        on_status: StatusCallback | None = None,
        on_rejected: RejectCallback | None = None,
        reconnect_interval: float = 1.0,
    ) -> None:
        super().__init__(
            port, baud=baud, terminator=terminator, on_status=on_status, reconnect_interval=reconnect_interval
        )
        self.encoding = encoding
        self._on_scan = on_scan
        self._on_rejected = on_rejected

    @property
    def source(self) -> str:
        return f"serial:{self.port}"

    def handle_line(self, line: bytes) -> None:
        # Scanners send bytes, not text; latin-1 maps every byte, so nothing is lost or raises.
        text = line.decode(self.encoding, errors="replace").strip("\r\n")
        if not text.strip():
            return
        if "\x00" in text:
            self.handle_rejected(tr("A scan with NUL bytes in it was dropped (wrong baud rate?)"))
            return
        self._on_scan(text, self.source, time.time())

    def handle_rejected(self, reason: str) -> None:
        super().handle_rejected(reason)
        if self._on_rejected is not None:
            self._on_rejected(reason)
