"""A network label printer on loopback for tests and demo mode: takes raw ZPL on a TCP port,
keeps each label (^XA…^XZ), answers `~HS`, and can be switched to paper out, head open,
paused, buffer full, silent, hang up mid-job or garbage status.

Its server runs on its own thread; `jobs` and `labels` may be read from any thread, and
`add_listener(fn)` calls `fn(label_bytes)` on the emulator's thread for each label received.
"""

from __future__ import annotations

import contextlib
import enum
import math
import socket
import socketserver
import threading
import time
from collections.abc import Callable

from printing.hoststatus import HostStatus


class Fault(enum.StrEnum):
    NONE = "none"
    PAPER_OUT = "paper_out"
    HEAD_OPEN = "head_open"
    PAUSED = "paused"
    BUFFER_FULL = "buffer_full"
    SILENT = "silent"  # takes data, never answers ~HS
    HANG_UP = "hang_up"  # closes the connection in the middle of a label
    GARBAGE = "garbage"  # answers ~HS with noise
    PAPER_OUT_AFTER_JOB = "paper_out_after_job"  # runs out as the job's last label prints


class PrinterEmulator:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, seconds_per_label: float = 0.0) -> None:
        """`seconds_per_label`: how long each label takes to print (0: at once); while labels
        wait, ~HS reports them in its "formats in buffer" field, as a busy Zebra does."""
        self._lock = threading.Lock()
        self.seconds_per_label = seconds_per_label
        self._printing_until = 0.0  # monotonic time the last received label is printed
        self._armed_at = 0
        self._labels: list[bytes] = []
        self._listeners: list[Callable[[bytes], None]] = []
        self.fault = Fault.NONE
        self.status_queries = 0
        emulator = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                emulator._serve(self.request)

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self._server = Server((host, port), Handler)
        address = self._server.server_address
        self.host: str = str(address[0])
        self.port: int = int(address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="printer-emulator", daemon=True
        )
        self._thread.start()

    @property
    def uri(self) -> str:
        return f"tcp://{self.host!s}:{self.port}"

    @property
    def labels(self) -> list[bytes]:
        """Every label received, one ^XA…^XZ each, oldest first."""
        with self._lock:
            return list(self._labels)

    jobs = labels  # the name demo mode's panel reads

    def clear(self) -> None:
        with self._lock:
            self._labels.clear()

    def add_listener(self, listener: Callable[[bytes], None]) -> None:
        with self._lock:
            self._listeners.append(listener)

    def set_fault(self, fault: Fault | str) -> None:
        with self._lock:
            self._armed_at = len(self._labels)  # "after the job" means the next job
        self.fault = Fault(fault)

    def _waiting(self) -> int:
        """Labels received but not yet printed; a paper-out-after-job fault strikes when the
        last of them is done."""
        if self.seconds_per_label <= 0:
            left = 0
        else:
            left = max(
                0, math.ceil((self._printing_until - time.monotonic()) / self.seconds_per_label - 1e-9)
            )
        if left == 0 and self.fault is Fault.PAPER_OUT_AFTER_JOB and len(self._labels) > self._armed_at:
            self.fault = Fault.PAPER_OUT
        return left

    def status(self) -> HostStatus:
        waiting = self._waiting()
        f = self.fault
        return HostStatus(
            formats_in_buffer=waiting,
            paper_out=f is Fault.PAPER_OUT,
            paused=f in (Fault.PAUSED, Fault.PAPER_OUT),  # a Zebra pauses itself when paper runs out
            head_open=f is Fault.HEAD_OPEN,
            buffer_full=f is Fault.BUFFER_FULL,
        )

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> PrinterEmulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the connection ------------------------------------------------------------------------

    def _keep(self, label: bytes) -> None:
        with self._lock:
            self._labels.append(label)
            now = time.monotonic()
            self._printing_until = max(self._printing_until, now) + self.seconds_per_label
            listeners = list(self._listeners)
        for listener in listeners:
            with contextlib.suppress(Exception):  # a panel's bug must not stop the printer
                listener(label)

    def _answer_status(self, sock: socket.socket) -> bool:
        """Answer one ~HS; False when the connection should end."""
        self.status_queries += 1
        if self.fault is Fault.SILENT:
            return True
        if self.fault is Fault.GARBAGE:
            sock.sendall(b"\x02\xff\xfeOK?\x03\r\n\x02,,\x03\r\nxyz\r\n")
            return True
        sock.sendall(self.status().encode())
        return True

    def _serve(self, sock: socket.socket) -> None:
        buffer = b""
        in_label = False
        sock.settimeout(30)
        while True:
            try:
                chunk = sock.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while True:
                if not in_label:
                    hs = buffer.find(b"~HS")
                    xa = buffer.find(b"^XA")
                    if hs >= 0 and (xa < 0 or hs < xa):
                        buffer = buffer[hs + 3 :]
                        self._answer_status(sock)
                        continue
                    if xa < 0:
                        buffer = buffer[-2:]  # bytes between labels (newlines) are dropped
                        break
                    buffer = buffer[xa:]
                    in_label = True
                    if self.fault is Fault.HANG_UP:
                        sock.close()
                        return
                xz = buffer.find(b"^XZ")
                if xz < 0:
                    break
                self._keep(buffer[: xz + 3])
                buffer = buffer[xz + 3 :]
                in_label = False


def start_emulator(host: str = "127.0.0.1", port: int = 0, seconds_per_label: float = 0.0) -> PrinterEmulator:
    """A running emulator on a free loopback port; `stop()` it when done."""
    return PrinterEmulator(host, port, seconds_per_label)
