"""The printers of this table, one print queue per role, made from the settings' printer URIs.

The queues themselves (transports by URI scheme, job journal, status) are `app.print_queue` and
`printing/`; this module only picks the URI of each role and makes the queue.
"""

from __future__ import annotations

import logging
from typing import Any

from app.settings import Settings
from ui.context import PrinterRole

log = logging.getLogger(__name__)


def make_printers(settings: Settings, store: Any) -> dict[str, Any]:
    """A print queue per role that has a printer URI; roles without one are left out."""
    try:
        import app.print_queue  # noqa: F401 - lands with the labels issue
    except ImportError:
        log.info("app.print_queue has not landed yet: no printers")
        return {}
    queues: dict[str, Any] = {}
    for role in PrinterRole.ALL:
        uri = settings[f"printer.{role}"]
        if uri:
            queues[role] = _queue(role, uri, store)
    return queues


def _queue(role: str, uri: str, store: Any) -> Any:
    raise NotImplementedError
