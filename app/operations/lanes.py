"""The lanes an operation may hop to. No Qt.

An operation runs on one lane (the thread that owns its main part, e.g. the shipping-label
printer's) and hands a step to the lane that owns another part: the server client's (the sync
lane), another printer's. `Lanes.call` runs the step there and waits for its result; the caller
is a worker, never the GUI thread. The screens' task runner (`ui/tasks.py`) is one; `INLINE`
runs every step on the calling thread (tests, the command line).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")

SERVER = "sync"  # the server client belongs to the sync engine's thread (ui.tasks.Lane.SYNC)


def printer_lane(role: str) -> str:
    """Each printer has one owner thread (ui.tasks.Lane.PRINTER + role)."""
    return f"printer:{role}"


class Lanes(Protocol):
    def call(self, lane: str, fn: Callable[[], T]) -> T: ...


class _Inline:
    def call(self, lane: str, fn: Callable[[], T]) -> T:
        return fn()


INLINE: Lanes = _Inline()
