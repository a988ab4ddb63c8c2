"""Shipping scales on a serial port: continuous output or request/response (MT-SICS, "W").

The port's reader thread asks and listens; `stable_grams()` lets a worker thread wait for the
next stable reading. `on_weight`/`on_fault` callbacks run on the reader thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace

from app.i18n import tr
from devices.scale_protocols import (
    ScaleFault,
    ScaleProtocol,
    WeightReading,
    parse_mt_sics,
    parse_nci_status,
    parse_weight_line,
)
from devices.serial_link import SerialLink, StatusCallback

log = logging.getLogger(__name__)

_REQUESTS = {
    ScaleProtocol.MT_SICS: b"SI\r\n",
    ScaleProtocol.W_REQUEST: b"W\r",
    ScaleProtocol.CONTINUOUS: None,
}


class Scale(SerialLink):
    """A scale on `port`. `request` overrides what is sent to ask for a weight (e.g. b"S\\r\\n"
    for MT-SICS scales that should answer only when stable)."""

    def __init__(
        self,
        port: str,
        *,
        protocol: ScaleProtocol = ScaleProtocol.MT_SICS,
        baud: int = 9600,
        terminator: bytes | None = None,
        request: bytes | None = None,
        poll_interval: float = 0.25,
        default_unit: str | None = None,
        on_weight: Callable[[WeightReading], None] | None = None,
        on_fault: Callable[[ScaleFault], None] | None = None,
        on_status: StatusCallback | None = None,
        reconnect_interval: float = 1.0,
    ) -> None:
        super().__init__(
            port, baud=baud, terminator=terminator, on_status=on_status, reconnect_interval=reconnect_interval
        )
        self.protocol = protocol
        self.request = request if request is not None else _REQUESTS[protocol]
        self.poll_interval = poll_interval
        self.default_unit = default_unit
        self._on_weight = on_weight
        self._on_fault = on_fault
        self._latest: tuple[float, WeightReading] | None = None
        self._pending: WeightReading | None = None  # a "W" reading waiting for its status line
        self._changed = threading.Condition()

    @property
    def latest(self) -> WeightReading | None:
        with self._changed:
            return self._latest[1] if self._latest else None

    def stable_grams(self, timeout: float = 3.0) -> float:
        """Grams of the first stable reading taken after this call (any thread but the port's).
        Raises ConnectionError when the scale is not connected, TimeoutError when no stable
        reading comes in time."""
        asked = time.monotonic()
        deadline = asked + timeout
        with self._changed:
            while True:
                if self._latest and self._latest[0] >= asked and self._latest[1].stable:
                    return self._latest[1].grams
                left = deadline - time.monotonic()
                if left <= 0:
                    if not self.connected:
                        raise ConnectionError(tr("The scale on {port} is not connected", port=self.port))
                    raise TimeoutError(tr("The scale did not settle; keep the parcel still"))
                self._changed.wait(left)

    def before_request(self) -> None:
        # A "W" scale that sends no status line: its last reading stands as it came.
        self._settle_pending(motion=False)

    def handle_line(self, line: bytes) -> None:
        text = line.decode("latin-1")
        if self.protocol is ScaleProtocol.MT_SICS:
            result = parse_mt_sics(text)
        elif self.protocol is ScaleProtocol.W_REQUEST and (status := parse_nci_status(text)) is not None:
            if status.overload or status.underload:
                self._pending = None
                reason = (
                    tr("The scale is overloaded")
                    if status.overload
                    else tr("The scale reads below zero; zero it")
                )
                self._fault(ScaleFault(reason, text))
            else:
                self._settle_pending(motion=status.motion)
            return
        else:
            result = parse_weight_line(text, self.default_unit)
        if isinstance(result, WeightReading):
            if self.protocol is ScaleProtocol.W_REQUEST:
                # Wait for the status line that may follow: it says whether the scale was moving.
                self._settle_pending(motion=False)
                self._pending = result
            else:
                self._take(result)
        elif isinstance(result, ScaleFault):
            self._fault(result)

    def _settle_pending(self, *, motion: bool) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self._take(replace(pending, stable=pending.stable and not motion))

    def _take(self, reading: WeightReading) -> None:
        with self._changed:
            self._latest = (time.monotonic(), reading)
            self._changed.notify_all()
        if self._on_weight is not None:
            self._on_weight(reading)

    def _fault(self, fault: ScaleFault) -> None:
        log.warning("scale %s: %s (%r)", self.port, fault.reason, fault.raw)
        if self._on_fault is not None:
            self._on_fault(fault)
