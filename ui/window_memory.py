"""Where the window stood — its size, place and docked panels — kept between runs, so a table's
screen opens as its operator left it. A cache beside the settings (nobody edits it by hand)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow

from app.settings import load_cached, save_cached
from ui.workstation import Workstation

WINDOW_CACHE = "window"


def restore_window(window: QMainWindow, store: Any) -> bool:
    """Put the window back as it was left (before it is shown). Qt keeps a remembered place on
    a screen that still exists; nothing remembered, or a value it cannot read: the defaults."""
    remembered = load_cached(store, WINDOW_CACHE)
    if not isinstance(remembered, dict):
        return False
    geometry = QByteArray.fromBase64(str(remembered.get("geometry", "")).encode("ascii", "ignore"))
    state = QByteArray.fromBase64(str(remembered.get("state", "")).encode("ascii", "ignore"))
    placed = bool(geometry.size()) and window.restoreGeometry(geometry)
    if state.size():
        window.restoreState(state)
    return placed


def remember_window(ws: Workstation, window: QMainWindow) -> None:
    """Keep how the window stands now; written on the store lane (the window is closing, and the
    bootstrap lets the lanes finish before it closes the store)."""
    memory = {
        "geometry": bytes(window.saveGeometry().toBase64().data()).decode("ascii"),
        "state": bytes(window.saveState().toBase64().data()).decode("ascii"),
    }
    ws.tasks.run(lambda: save_cached(ws.store, WINDOW_CACHE, memory))
