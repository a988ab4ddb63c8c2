"""Printer transports chosen by URI scheme: tcp:// (raw 9100 with ~HS), cups://, serial://,
usb:// (a device file) and file:/// (one file per job). Each has a timeout and fails with a
`PrinterFault` whose `reason` an operator can act on.

Runs on the printer's own lane (one thread per printer); never on the GUI thread.
"""

from __future__ import annotations

import itertools
import os
import select
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from app.i18n import tr
from printing import hoststatus

STATUS_TIMEOUT_S = 2.0  # no ~HS answer within this is "not responding"
FINISH_TIMEOUT_S = 120.0  # a job still in the printer's buffer after this is not confirmed
POLL_S = 0.2


class PrinterFault(Exception):
    """The printer cannot take or did not take a job; `reason` says why, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PrinterTransport(Protocol):
    """What the print queue needs of a printer (app.print_queue.Printer is the same shape)."""

    uri: str

    def check(self) -> None:
        """Raise PrinterFault if the printer cannot print now (where it can tell)."""

    def send(self, payload: bytes) -> None:
        """Send one job; after it, confirm it as far as the printer can say (raise if not)."""


class TcpPrinter:
    """A network label printer on raw port 9100: `~HS` before the job (refuse to send on paper
    out, head open, paused, buffer full or silence) and after it (the job is confirmed only if
    the printer still answers and reports no fault)."""

    def __init__(
        self,
        uri: str,
        timeout: float = 10.0,
        status_timeout: float = STATUS_TIMEOUT_S,
        finish_timeout: float = FINISH_TIMEOUT_S,
    ) -> None:
        parts = urlsplit(uri)
        self.finish_timeout = finish_timeout
        self.uri = uri
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 9100
        self.timeout = timeout
        self.status_timeout = status_timeout

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self.host, self.port), timeout=self.status_timeout)
        except OSError as error:
            raise PrinterFault(
                tr("The printer at {where} cannot be reached ({error}).", where=self._where(), error=error)
            ) from error

    def _where(self) -> str:
        return f"{self.host}:{self.port}"

    def _status(self, sock: socket.socket) -> hoststatus.HostStatus:
        data = b""
        try:
            sock.settimeout(self.status_timeout)
            sock.sendall(b"~HS")
            deadline = time.monotonic() + self.status_timeout
            while len(hoststatus.split_lines(data)) < 3:
                sock.settimeout(max(0.01, deadline - time.monotonic()))
                chunk = sock.recv(4096)
                if not chunk:
                    raise PrinterFault(tr("The printer at {where} hung up.", where=self._where()))
                data += chunk
                if len(data) > 4096:
                    break
            return hoststatus.parse(data)
        except TimeoutError as error:
            if data:  # it answered, but not with a host status
                raise PrinterFault(
                    tr("The printer at {where} answered with a garbled status.", where=self._where())
                ) from error
            raise PrinterFault(
                tr("The printer at {where} is not responding.", where=self._where())
            ) from error
        except hoststatus.GarbledStatus as error:
            raise PrinterFault(
                tr("The printer at {where} answered with a garbled status.", where=self._where())
            ) from error
        except OSError as error:
            raise PrinterFault(
                tr(
                    "The printer at {where} dropped the connection ({error}).",
                    where=self._where(),
                    error=error,
                )
            ) from error

    def check(self) -> None:
        with self._connect() as sock:
            fault = self._status(sock).fault()
        if fault:
            raise PrinterFault(fault)

    def send(self, payload: bytes) -> None:
        with self._connect() as sock:
            fault = self._status(sock).fault()
            if fault:
                raise PrinterFault(fault)
            try:
                sock.settimeout(self.timeout)
                sock.sendall(payload)
            except OSError as error:
                raise PrinterFault(
                    tr(
                        "The printer at {where} stopped taking the job ({error}).",
                        where=self._where(),
                        error=error,
                    )
                ) from error
            self._wait_until_printed(sock)

    def _wait_until_printed(self, sock: socket.socket) -> None:
        """Ask ~HS until the printer's buffer is empty: a Zebra answers ~HS at once, even with
        the job still waiting to print, so paper that runs out mid-job shows only later."""
        deadline = time.monotonic() + self.finish_timeout
        while True:
            status = self._status(sock)
            fault = status.fault()
            if fault:
                raise PrinterFault(tr("After the job: {fault}", fault=fault))
            if status.formats_in_buffer == 0 and status.labels_remaining == 0:
                return
            if time.monotonic() > deadline:
                raise PrinterFault(
                    tr(
                        "The printer at {where} still had the job after {seconds} s.",
                        where=self._where(),
                        seconds=round(self.finish_timeout),
                    )
                )
            time.sleep(POLL_S)


class CupsPrinter:
    """A CUPS queue: `lp -d QUEUE -o raw` (ZPL and PDF go as they are)."""

    def __init__(self, uri: str, timeout: float = 30.0) -> None:
        parts = urlsplit(uri)
        self.uri = uri
        self.queue = unquote(parts.netloc or parts.path.lstrip("/"))
        self.timeout = timeout

    def check(self) -> None:
        return None

    def send(self, payload: bytes) -> None:
        try:
            done = subprocess.run(
                ["lp", "-d", self.queue, "-o", "raw"],
                input=payload,
                capture_output=True,
                timeout=self.timeout,
                check=False,
            )
        except FileNotFoundError as error:
            raise PrinterFault(tr("CUPS is not installed here (no lp command).")) from error
        except subprocess.TimeoutExpired as error:
            raise PrinterFault(tr("The print system did not take the job in time.")) from error
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip() or str(done.returncode)
            raise PrinterFault(
                tr("The print queue {queue} refused the job: {message}", queue=self.queue, message=message)
            )


class SerialPrinter:
    """A printer on a serial port: serial:///dev/ttyUSB0?baud=9600."""

    def __init__(self, uri: str, timeout: float = 10.0) -> None:
        parts = urlsplit(uri)
        self.uri = uri
        self.port = unquote(parts.path)
        self.baud = int(parse_qs(parts.query).get("baud", ["9600"])[0])
        self.timeout = timeout

    def check(self) -> None:
        if not os.path.exists(self.port):
            raise PrinterFault(
                tr("The serial port {port} is not there: is the cable plugged in?", port=self.port)
            )

    def send(self, payload: bytes) -> None:
        import serial

        try:
            with serial.Serial(
                self.port, self.baud, timeout=self.timeout, write_timeout=self.timeout
            ) as port:
                port.write(payload)
                port.flush()
        except serial.SerialTimeoutException as error:
            raise PrinterFault(tr("The printer on {port} stopped taking data.", port=self.port)) from error
        except (serial.SerialException, OSError) as error:
            raise PrinterFault(
                tr("The serial port {port} failed: {error}", port=self.port, error=error)
            ) from error


class DevicePrinter:
    """A USB printer seen as a device file: usb:///dev/usb/lp0."""

    def __init__(self, uri: str, timeout: float = 10.0) -> None:
        self.uri = uri
        self.path = unquote(urlsplit(uri).path)
        self.timeout = timeout

    def check(self) -> None:
        if not os.path.exists(self.path):
            raise PrinterFault(tr("The printer {path} is not connected.", path=self.path))

    def send(self, payload: bytes) -> None:
        self.check()
        try:
            # non-blocking, so a printer that stops taking data (paper out on a USB printer
            # blocks the write) fails the job after the timeout instead of hanging the lane
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK)
        except OSError as error:
            raise PrinterFault(
                tr("The printer {path} cannot be opened: {error}", path=self.path, error=error.strerror)
            ) from error
        try:
            deadline = time.monotonic() + self.timeout
            view = memoryview(payload)
            while view:
                remaining = deadline - time.monotonic()
                _, writable, _ = select.select([], [fd], [], max(0.0, remaining))
                if not writable:
                    raise PrinterFault(tr("The printer {path} stopped taking data.", path=self.path))
                try:
                    view = view[os.write(fd, view) :]
                except BlockingIOError:
                    continue
        except OSError as error:
            raise PrinterFault(
                tr("Writing to {path} failed: {error}", path=self.path, error=error.strerror)
            ) from error
        finally:
            os.close(fd)


_counter = itertools.count(1)


class FolderPrinter:
    """file:///folder: each job a file of its own (job-<time>-<n>.prn), written whole then renamed,
    for print servers that watch a folder and for tests."""

    def __init__(self, uri: str, timeout: float = 10.0) -> None:
        self.uri = uri
        self.folder = Path(unquote(urlsplit(uri).path))
        self.timeout = timeout

    def check(self) -> None:
        if not self.folder.is_dir():
            raise PrinterFault(tr("The print folder {folder} does not exist.", folder=str(self.folder)))

    def send(self, payload: bytes) -> None:
        self.check()
        name = f"job-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{next(_counter):05d}.prn"
        part = self.folder / (name + ".part")
        try:
            part.write_bytes(payload)
            part.rename(self.folder / name)
        except OSError as error:
            raise PrinterFault(
                tr("Writing to {folder} failed: {error}", folder=str(self.folder), error=error.strerror)
            ) from error


TRANSPORTS: dict[str, Callable[[str], PrinterTransport]] = {
    "tcp": TcpPrinter,
    "cups": CupsPrinter,
    "serial": SerialPrinter,
    "usb": DevicePrinter,
    "file": FolderPrinter,
}


def open_printer(uri: str) -> PrinterTransport:
    """The transport for a printer URI, by its scheme."""
    scheme = urlsplit(uri).scheme
    if scheme not in TRANSPORTS:
        raise PrinterFault(
            tr("Unknown printer address “{uri}”: use tcp://, cups://, serial://, usb:// or file://.", uri=uri)
        )
    return TRANSPORTS[scheme](uri)
