"""The window first (issue 13): the real command paints its window before it imports what the
first screen does not need — the server client and sync (HTTP), the token vault's keyring, the
printers and label rendering, GS1 parsing, PDF, Alembic, SQLAlchemy and the ORM (the first paint
reads the store with plain sqlite3: app/first_paint.py) — and before it builds the other pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.domain import OrderStatus
from app.flows import OrderActions
from app.settings import Settings
from app.store import Store, database_path, queries
from app.store.orders import write_orders
from tests.store.conftest import make_order

REPO = Path(__file__).resolve().parents[2]

NOT_BEFORE_THE_FIRST_PAINT = (
    "alembic",
    "sqlalchemy",
    "app.store.models",
    "app.store.queries",
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
    # The sub-commands' modules: opening the window names none (prepdesk/cli.py)
    "server",
    "printing.cli",
    "prepdesk.scanner_commands",
    "ui.tour",
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
            print("TITLE", watched.windowTitle(), flush=True)
            print("OUTBOX", watched.status.outbox, watched.status.server.text(), flush=True)
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


def _set_up_table(folder: Path, unsent_orders: int = 0) -> int:
    """A table set up before (its server need not answer), with `unsent_orders` orders marked
    printed here and not yet sent; the count of changes waiting, as the store says."""
    store = Store(database_path(folder))
    settings = Settings.load(store)
    settings["server.url"] = "http://127.0.0.1:9"
    settings["workstation.name"] = "table-1"
    settings.save(store)
    actions = OrderActions(store, "ann", "table-1")
    for n in range(1, unsent_orders + 1):
        order = make_order(n, OrderStatus.READY_TO_PRINT)
        with store.transaction() as s:
            write_orders(s, [order.to_dict()])
        actions.mark_printed(order.id)
    with store.session() as s:
        waiting = queries.unsent_count(s)
    store.close()
    return waiting


def _first_paint(folder: Path) -> dict[str, str]:
    """Start the real command on `folder`; what the child printed at the first paint."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    started = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    seen = dict(line.split(" ", 1) for line in started.stdout.splitlines() if " " in line)
    assert "PAINTED" in seen, started.stderr[-2000:]
    return seen


def test_the_window_paints_before_the_server_client_printers_keyring_and_other_pages_load(
    tmp_path: Path,
) -> None:
    _set_up_table(tmp_path)
    loaded = set(_first_paint(tmp_path)["PAINTED"].split())
    assert "ui.main_window" in loaded  # the spy saw the real window
    assert sorted(loaded & set(NOT_BEFORE_THE_FIRST_PAINT)) == []


def test_the_first_paint_shows_the_changes_waiting_for_the_server_read_without_sqlalchemy(
    tmp_path: Path,
) -> None:
    waiting = _set_up_table(tmp_path, unsent_orders=3)
    assert waiting >= 3
    seen = _first_paint(tmp_path)
    assert "sqlalchemy" not in seen["PAINTED"].split()
    assert seen["TITLE"].endswith("table-1")  # the table's name, from its settings
    count, words = seen["OUTBOX"].split(" ", 1)
    assert int(count) == waiting
    assert str(waiting) in words  # "… · 3 to send · …" in the status bar at the first paint


def test_an_up_to_date_table_paints_before_its_store_connects_an_older_one_is_upgraded_first(
    tmp_path: Path, qtbot: object
) -> None:
    from ui.main import open_table, shut_down

    current, older = tmp_path / "current", tmp_path / "older"
    _set_up_table(current)
    ws = open_table(current)
    assert not ws.store.connected  # connected after the paint, on a worker (ui/main.py open_window)
    assert ws.name == "table-1"
    shut_down(ws)
    store = Store(database_path(older), revision="0006")
    settings = Settings.load(store)
    settings["workstation.name"] = "table-2"
    settings.save(store)
    store.close()
    ws = open_table(older)
    assert ws.store.connected and ws.store.revision() == Store.head_revision()
    assert (older / "prepdesk.sqlite3.before-0006").exists()  # the backup, before the upgrade
    assert ws.name == "table-2"
    shut_down(ws)


def test_a_damaged_store_file_stops_the_start_in_words_and_is_left_as_it_was(tmp_path: Path) -> None:
    path = database_path(tmp_path)
    path.write_bytes(b"not a packing table's store\n" * 300)
    before = path.read_bytes()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    started = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert started.returncode == 1
    assert "PAINTED" not in started.stdout  # no window on a store it cannot read
    assert f"{path} cannot be read" in started.stderr and "Traceback" not in started.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prepdesk.sqlite3"]


def test_the_command_still_offers_its_sub_commands_and_says_what_is_wrong_with_an_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from prepdesk.cli import main, opens_the_window

    assert opens_the_window(["--data-dir", "/somewhere"]) is not None
    for asked in (["--help"], ["-h"], ["tour", "--out", "x"], ["--data-dir"]):
        assert opens_the_window(asked) is None
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "scan-test" in capsys.readouterr().out  # the commands are listed, as before
    with pytest.raises(SystemExit) as wrong:
        main(["--data-dir"])
    assert wrong.value.code == 2 and "--data-dir" in capsys.readouterr().err
