"""A serial barcode scanner and a serial scale on pseudo-terminals, for demo mode and tests.

Each emulator owns a pty and a stable path (a symlink to the pty's slave, since pty names
change): the program under test opens that path like a real port. `unplug()` closes the pty
and removes the path, as pulling a USB cable removes /dev/ttyUSB0; `replug()` makes a new pty
and points the same path at it. The scale answers on its own thread.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import tty
from pathlib import Path

from devices.scale_protocols import UNIT_GRAMS, ScaleProtocol


class PtyPort:
    """The device end of an emulated serial port, reachable by the program at `path`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._master: int | None = None
        self._slave: int | None = None
        # Reentrant: the scale's thread answers (writes) while it holds the lock to read.
        self._lock = threading.RLock()
        self.replug()

    @property
    def plugged(self) -> bool:
        return self._master is not None

    def replug(self) -> None:
        with self._lock:
            if self._master is not None:
                return
            master, slave = os.openpty()
            tty.setraw(slave)
            tty.setraw(master)
            # Keep the slave open ourselves, so the master never reads EIO between two opens.
            self._master, self._slave = master, slave
            tmp = self.path.with_name(self.path.name + ".new")
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            os.symlink(os.ttyname(slave), tmp)
            os.replace(tmp, self.path)

    def unplug(self) -> None:
        with self._lock:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            for fd in (self._master, self._slave):
                if fd is not None:
                    with contextlib.suppress(OSError):
                        os.close(fd)
            self._master = self._slave = None

    def write(self, data: bytes) -> None:
        with self._lock:
            if self._master is None:
                raise ConnectionError(f"{self.path} is unplugged")
            os.write(self._master, data)

    def read(self, timeout: float) -> bytes:
        """What the program sent, waiting up to `timeout`; b"" when nothing came or unplugged."""
        # Under the lock, so unplug() cannot close (and the system reuse) the descriptor mid-read.
        with self._lock:
            master = self._master
            if master is None:
                return b""
            try:
                ready, _, _ = select.select([master], [], [], timeout)
                return os.read(master, 4096) if ready else b""
            except (OSError, ValueError):
                return b""

    def close(self) -> None:
        self.unplug()


class ScannerEmulator(PtyPort):
    """A serial scanner: `scan("PDO-1042")` sends the code and the terminator."""

    def __init__(self, path: str | Path, terminator: bytes = b"\r") -> None:
        super().__init__(path)
        self.terminator = terminator

    def scan(self, text: str) -> None:
        self.write(text.encode("latin-1") + self.terminator)


class ScaleEmulator(PtyPort):
    """A scale showing `grams` (set it with `put`), speaking `protocol`. MT-SICS and "W" scales
    answer requests; a continuous scale sends a line every `interval` seconds."""

    def __init__(
        self, path: str | Path, protocol: ScaleProtocol = ScaleProtocol.MT_SICS, *, interval: float = 0.1
    ) -> None:
        super().__init__(path)
        self.protocol = protocol
        self.interval = interval
        self.grams = 0.0
        self.stable = True
        self.unit = "kg"
        self.garbage: bytes | None = None  # sent instead of the next reply, once
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"scale emulator {self.path}", daemon=True)
        self._thread.start()

    def put(self, grams: float, *, stable: bool = True, unit: str = "kg") -> None:
        self.grams, self.stable, self.unit = grams, stable, unit

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        super().close()

    def reply_line(self) -> bytes:
        if self.garbage is not None:
            line, self.garbage = self.garbage, None
            return line
        value = self.grams / UNIT_GRAMS[self.unit]
        if self.protocol is ScaleProtocol.MT_SICS:
            return f"S {'S' if self.stable else 'D'} {value:>10.3f} {self.unit}\r\n".encode()
        if self.protocol is ScaleProtocol.W_REQUEST:
            # NCI style: weight line, then status bytes (bit 0 of the first: in motion).
            return f"\n{value:>8.3f}{self.unit}\r\nS{'1' if not self.stable else '0'}0\r\x03".encode()
        return f"{'ST' if self.stable else 'US'},GS,{value:+09.3f}{self.unit}\r\n".encode()

    def _run(self) -> None:
        pending = b""
        while not self._stop.is_set():
            if not self.plugged:
                self._stop.wait(0.02)
                continue
            if self.protocol is ScaleProtocol.CONTINUOUS:
                with contextlib.suppress(ConnectionError, OSError):
                    self.write(self.reply_line())
                self.read(self.interval)  # whatever the program sends is ignored
                continue
            pending += self.read(0.05)
            while (i := max(pending.find(b"\r"), pending.find(b"\n"))) >= 0:
                request, pending = pending[:i].strip(), pending[i + 1 :]
                if request in (b"S", b"SI", b"W"):
                    with contextlib.suppress(ConnectionError, OSError):
                        self.write(self.reply_line())
