"""Shipping scales on a serial port: continuous output or request/response (MT-SICS, "W").

The port's reader thread asks and listens; `stable_grams()` lets a worker thread wait for the
next stable reading. `on_weight`/`on_fault` callbacks run on the reader thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from app.i18n import tr
from devices.scale_protocols import ScaleFault, ScaleProtocol, WeightReading, parse_mt_sics, parse_weight_line
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

    def handle_line(self, line: bytes) -> None:
        text = line.decode("latin-1")
        if self.protocol is ScaleProtocol.MT_SICS:
            result = parse_mt_sics(text)
        else:
            result = parse_weight_line(text, self.default_unit)
        if isinstance(result, WeightReading):
            with self._changed:
                self._latest = (time.monotonic(), result)
                self._changed.notify_all()
            if self._on_weight is not None:
                self._on_weight(result)
        elif isinstance(result, ScaleFault):
            log.warning("scale %s: %s (%r)", self.port, result.reason, result.raw)
            if self._on_fault is not None:
                self._on_fault(result)
