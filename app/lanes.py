"""Which thread owns what, checked, not remembered (after Electrum's `assert_runs_in_hwd_thread`).

The workstation runs its work on lanes, each one thread (ui/tasks.py starts them): the store
lane (flows, stations, the scan journal), the sync lane (the sync engine and its server client),
a lane per printer (its print queue), and a few that only wait (photos, downloads). A thread
says which lane it is when the lane starts (`enter`); lane-bound entry points call
`assert_on_lane`, which raises `WrongLane` when a thread of another lane calls them, so a
misplaced call fails at once in development and in tests instead of racing in a warehouse.

A thread that is on no lane (a test's own thread, the command line, a tool's helper) is not
checked: it is the only one around. The GUI thread is a lane too, so that it never waits on
the store, the network or a printer by mistake.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Lane(enum.StrEnum):
    """The workstation's lanes. A lane of a family takes a suffix: "printer:shipping_label"."""

    GUI = "gui"  # the screens; never waits on the store, the network or a printer
    STORE = "store"  # the store, flows, stations and the scan journal: the store's one owner
    SYNC = "sync"  # the sync engine and its server client (they belong to one thread)
    NETWORK = "network"  # other calls that only wait on the network (label downloads)
    PHOTOS = "photos"  # product photos, through their own server client
    PRINTER = "printer"  # a printer's status and jobs; "printer:<role>" is the lane of one printer


# Who writes the store (README, "Two threads write"): the store lane and the sync lane, and each
# printer lane for its own print jobs; SQLite queues them behind BEGIN IMMEDIATE.
STORE_WRITERS: tuple[str, ...] = (Lane.STORE, Lane.SYNC, Lane.PRINTER)


class WrongLane(RuntimeError):
    """A lane-bound entry point was called from a thread of another lane (a programming error)."""


_here = threading.local()


def enter(lane: str) -> None:
    """This thread is `lane` from now on (a lane's thread calls it as it starts)."""
    _here.lane = str(lane)


def leave() -> None:
    """This thread is on no lane any more."""
    _here.lane = None


def current() -> str | None:
    """The lane of this thread, None for a thread on no lane."""
    lane: str | None = getattr(_here, "lane", None)
    return lane


@contextmanager
def running_on(lane: str) -> Iterator[None]:
    """This thread stands in for `lane` while the block runs (a task runner that runs tasks at
    once, for tests, runs each on the caller's thread as if on its lane)."""
    before = current()
    enter(lane)
    try:
        yield
    finally:
        _here.lane = before


def belongs(lane: str, allowed: tuple[str, ...]) -> bool:
    """`lane` is one of `allowed`, or of a family among them ("printer:item" is a "printer")."""
    family = lane.split(":", 1)[0]
    return any(lane == str(a) or family == str(a) for a in allowed)


def assert_on_lane(*allowed: str, what: str = "") -> None:
    """Raise WrongLane unless this thread is on one of the `allowed` lanes (or on none)."""
    lane = current()
    if lane is None or belongs(lane, allowed):
        return
    names = ", ".join(f"“{a}”" for a in allowed)
    raise WrongLane(
        f"{what or 'this'} runs on the {names} lane, but was called on the “{lane}” lane "
        f"(thread {threading.current_thread().name})"
    )


__all__ = [
    "STORE_WRITERS",
    "Lane",
    "WrongLane",
    "assert_on_lane",
    "belongs",
    "current",
    "enter",
    "leave",
    "running_on",
]
