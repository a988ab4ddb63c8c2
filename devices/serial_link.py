"""One serial port, one reader thread: opens the port, splits what comes in into lines, asks
again when the device wants asking, and reopens the port by itself after an unplug.

Scanners and scales build on it (`serial_scanner.py`, `scale.py`). Callbacks run on the port's
own thread; a Qt screen hands them to the GUI thread with a queued signal.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import serial

from app.i18n import tr

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PortStatus:
    port: str
    connected: bool
    reason: str | None  # why it is disconnected, in words a person reads
    at: float  # wall-clock time


StatusCallback = Callable[[PortStatus], None]


class SerialLink:
    """The reader thread of one port. Subclasses say what a line means (`handle_line`) and,
    for devices that answer only when asked, what to send (`request`, every `poll_interval`)."""

    request: bytes | None = None
    poll_interval: float = 0.25

    def __init__(
        self,
        port: str,
        *,
        baud: int = 9600,
        terminator: bytes | None = None,  # None: CR, LF or CRLF alike
        on_status: StatusCallback | None = None,
        reconnect_interval: float = 1.0,
        max_line: int = 8192,
    ) -> None:
        self.port = port
        self.baud = baud
        self.terminator = terminator
        self.reconnect_interval = reconnect_interval
        self.max_line = max_line
        self._on_status = on_status
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connected: bool | None = None
        self._serial: serial.Serial | None = None

    @property
    def connected(self) -> bool:
        return bool(self._connected)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"serial {self.port}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # -- for subclasses (called on the reader thread)

    def handle_line(self, line: bytes) -> None:
        raise NotImplementedError

    def handle_rejected(self, reason: str) -> None:
        log.warning("%s: %s", self.port, reason)

    def before_request(self) -> None:
        """Called just before each request is sent."""

    def write(self, data: bytes) -> None:
        """Send to the device; only from the reader thread (inside `handle_line` or `request`)."""
        if self._serial is not None:
            self._serial.write(data)

    # -- inside

    def _report(self, connected: bool, reason: str | None) -> None:
        if self._connected == connected:
            return
        self._connected = connected
        log.info(
            "%s %s%s",
            self.port,
            "connected" if connected else "disconnected",
            f": {reason}" if reason else "",
        )
        if self._on_status is not None:
            self._on_status(PortStatus(self.port, connected, reason, time.time()))

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                port = serial.Serial(self.port, self.baud, timeout=0.05, write_timeout=1.0)
            except (serial.SerialException, OSError, ValueError) as exc:
                self._report(False, tr("Cannot open {port}: {error}", port=self.port, error=str(exc)))
                self._stop.wait(self.reconnect_interval)
                continue
            self._serial = port
            self._report(True, None)
            try:
                self._read(port)
            except (serial.SerialException, OSError) as exc:
                self._report(False, tr("{port} was disconnected: {error}", port=self.port, error=str(exc)))
            finally:
                self._serial = None
                with contextlib.suppress(serial.SerialException, OSError):
                    port.close()
            self._stop.wait(self.reconnect_interval)
        self._report(False, tr("Stopped"))

    def _read(self, port: serial.Serial) -> None:
        buffer = bytearray()
        try:
            self._read_into(port, buffer)
        except (serial.SerialException, OSError):
            if buffer:
                # Unplugged mid-scan: half a barcode is no barcode.
                self.handle_rejected(
                    tr("Unplugged in the middle of a line; {n} bytes dropped", n=len(buffer))
                )
            raise

    def _read_into(self, port: serial.Serial, buffer: bytearray) -> None:
        last_request = 0.0
        skipping = False  # inside a line too long to be a reading: drop up to its end
        while not self._stop.is_set():
            if self.request is not None and time.monotonic() - last_request >= self.poll_interval:
                last_request = time.monotonic()
                self.before_request()
                port.write(self.request)
            chunk = port.read(max(1, port.in_waiting))
            if not chunk:
                continue
            buffer += chunk
            lines = self._lines(buffer)
            if skipping and lines:
                skipping = False
                lines = lines[1:]  # the end of the overlong line
            for line in lines:
                if len(line) > self.max_line:
                    self.handle_rejected(tr("A line of over {n} bytes was dropped", n=self.max_line))
                elif line.strip():
                    self._deliver(line)
            if len(buffer) > self.max_line:
                if not skipping:
                    self.handle_rejected(tr("A line of over {n} bytes was dropped", n=self.max_line))
                skipping = True
                buffer.clear()
        if buffer:
            log.info("%s: %d bytes of an unfinished line dropped at stop", self.port, len(buffer))

    def _deliver(self, line: bytes) -> None:
        try:
            self.handle_line(line)
        except Exception:
            # A failing listener must not kill the port's thread: the next scan still counts.
            log.exception("%s: handling %r failed", self.port, line[:80])

    def _lines(self, buffer: bytearray) -> list[bytes]:
        lines: list[bytes] = []
        if self.terminator is not None:
            while (i := buffer.find(self.terminator)) >= 0:
                lines.append(bytes(buffer[:i]))
                del buffer[: i + len(self.terminator)]
        else:
            while True:
                i = min((j for j in (buffer.find(b"\r"), buffer.find(b"\n")) if j >= 0), default=-1)
                if i < 0:
                    break
                lines.append(bytes(buffer[:i]))
                del buffer[: i + 1]
        return lines
