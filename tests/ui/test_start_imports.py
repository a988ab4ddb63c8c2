"""The window first (issue 13): the real command paints its window before it imports what the
first screen does not need — the server client and sync (HTTP), the token vault's keyring, the
printers and label rendering, GS1 parsing, PDF, Alembic — and before it builds the other pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.settings import Settings
from app.store import Store, database_path

REPO = Path(__file__).resolve().parents[2]

NOT_BEFORE_THE_FIRST_PAINT = (
    "alembic",
    "requests",
    "keyring",
    "biip",
    "reportlab",
    "app.api",
    "app.sync",
    "app.secrets",
    "app.flows",
    "app.scan",
    "ui.printers",
    "printing.render",
    "ui.frame",
    "ui.pages.orders",
    "ui.pages.order_detail",
    "ui.pages.print_station",
    "ui.pages.pick",
    "ui.pages.pack_ship",
    "ui.pages.settings",
)

# Runs the console script's function with a spy on the main window's first paint, which prints
# the modules loaded by then and ends the process.
CHILD = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            print("PAINTED", " ".join(sorted(sys.modules)), flush=True)
            os._exit(0)
        return False

spy = FirstPaint()
show = QMainWindow.show
def spied(self):
    self.installEventFilter(spy)
    show(self)
QMainWindow.show = spied
from prepdesk.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def test_the_window_paints_before_the_server_client_printers_keyring_and_other_pages_load(
    tmp_path: Path,
) -> None:
    store = Store(database_path(tmp_path))
    settings = Settings.load(store)
    settings["server.url"] = "http://127.0.0.1:9"  # a table set up before (nothing needs to answer)
    settings["workstation.name"] = "table-1"
    settings.save(store)
    store.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    started = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    painted = [line for line in started.stdout.splitlines() if line.startswith("PAINTED ")]
    assert painted, started.stderr[-2000:]
    loaded = set(painted[0].split()[1:])
    assert "ui.main_window" in loaded  # the spy saw the real window
    assert sorted(loaded & set(NOT_BEFORE_THE_FIRST_PAINT)) == []
