"""The window opens as the operator left it: size, place, and where the docked panels stood."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDockWidget, QLabel

from app.settings import save_cached
from ui.window_memory import WINDOW_CACHE, remember_window, restore_window


def _with_dock(frame) -> QDockWidget:
    """A docked panel like demo mode's virtual scanner (found again by its object name)."""
    dock = QDockWidget("Virtual scanner")
    dock.setObjectName("virtual_scanner_dock")
    dock.setWidget(QLabel("scan here"))
    frame.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    return dock


def test_the_window_opens_at_the_size_it_was_closed_with_and_its_panels_where_they_were(
    qtbot, make_workstation, frame_of
) -> None:
    from ui.main import shut_down

    ws = make_workstation()
    frame = frame_of(ws, operator=False)
    dock = _with_dock(frame)
    # (The offscreen test screen is 800 px wide and Qt keeps a restored window on its screen:
    # the window's floor width of 1024 is what it gives back; the height is free.)
    frame.window.resize(1024, 700)
    qtbot.waitUntil(lambda: frame.window.size() == QSize(1024, 700), timeout=5000)
    dock.hide()  # the operator closed the panel
    remember_window(ws, frame.window)
    frame.close()
    shut_down(ws)  # lets the store lane write the memory down, then closes the store

    again = make_workstation(folder=ws.store.path.parent)
    frame2 = frame_of(again, operator=False)
    dock2 = _with_dock(frame2)
    frame2.window.hide()
    assert frame2.window.size() != QSize(1024, 700)
    assert restore_window(frame2.window, again.store)
    frame2.window.show()
    qtbot.waitUntil(lambda: frame2.window.size() == QSize(1024, 700), timeout=5000)
    assert dock2.isHidden()


def test_a_remembered_window_that_cannot_be_read_opens_with_the_defaults(
    qtbot, make_workstation, frame_of
) -> None:
    ws = make_workstation()
    save_cached(ws.store, WINDOW_CACHE, {"geometry": "%%% not base64 %%%", "state": 42})
    frame = frame_of(ws, operator=False)
    before = frame.window.size()
    assert not restore_window(frame.window, ws.store)
    assert frame.window.size() == before
    save_cached(ws.store, WINDOW_CACHE, "garbage")
    assert not restore_window(frame.window, ws.store)
