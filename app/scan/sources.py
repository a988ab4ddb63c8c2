"""What the core needs from scanners and scales, as interfaces: the devices layer provides them
(serial scanners, scales, emulators) and the bootstrap wires them in; the core never imports it.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class ScanSource(Protocol):
    """A scanner the workstation listens to. Its scans arrive through the callback it was built
    with, as (text, source, wall-clock time), on the scanner's own thread."""

    @property
    def source(self) -> str: ...

    def start(self) -> None: ...

    def stop(self, timeout: float = 2.0) -> None: ...


@runtime_checkable
class WeighingScale(Protocol):
    """A scale a flow can ask for a parcel's weight, from a worker thread."""

    def stable_grams(self, timeout: float = 3.0) -> float:
        """Grams of the next stable reading. Raises ConnectionError when the scale is not
        connected, TimeoutError when it does not settle in time."""
        ...
