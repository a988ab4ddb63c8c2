"""The workstation's memory, given back: the C allocator told to keep few arenas and to return
freed pages to the system now and then.

glibc gives each thread that allocates its own arena (up to 8 per core), and keeps what was
freed in it for reuse; a table's lanes (store, sync, photos, printers, preview) each fragment
their own, so the program's size only grew through a day of opened orders. Two arenas and a
`malloc_trim` once the window stands and every minute after keep it to what is in use. Elsewhere
(another C library, another system) both do nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import sys
from functools import cache

log = logging.getLogger(__name__)

M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h
ARENAS = 2
GIVE_BACK_MS = 60_000


@cache
def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        libc.gnu_get_libc_version  # noqa: B018 - present in glibc only
    except (OSError, AttributeError):
        return None
    return libc


def limit_arenas() -> None:
    """Few allocator arenas for the threads to come (call before any lane starts)."""
    libc = _glibc()
    if libc is not None and not libc.mallopt(M_ARENA_MAX, ARENAS):
        log.info("the allocator kept its arenas as they were")


def give_back() -> None:
    """Return the allocator's free pages to the system (a few ms on the GUI thread)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


def settle() -> None:
    """Once the window stands: collect, move what lives on out of the collector's sight
    (gc.freeze), and give the freed memory back.

    A full collection walks every object in the process; with Qt, SQLAlchemy and the pages built
    that walk took 75-100 ms, on whichever thread triggered it, and stopped the GUI thread with it
    (tests/ui/test_frame_load.py caught it during a 10,000-order sync). What is alive once the
    window stands lives until the program ends, so it need not be walked again."""
    gc.collect()
    gc.freeze()
    give_back()
