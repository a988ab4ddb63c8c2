"""The first paint's plain read of the store file (app/first_paint.py, app/store/readonly.py): it
reads what the window shows without SQLAlchemy, changes nothing in the file whatever state the
file is in, reads beside another process writing, and names a damaged file in words."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.domain import OrderStatus
from app.first_paint import Schema, StoreUnreadable, read_first_paint, unsent_changes
from app.flows import OrderActions
from app.settings import Settings, load_cached, save_cached
from app.store import Store, queries
from app.store.orders import write_orders
from tests.store.conftest import make_order

REPO = Path(__file__).resolve().parents[2]
NEWEST = Store.head_revision()


def _table(path: Path, unsent_orders: int = 0) -> None:
    store = Store(path)
    settings = Settings.load(store)
    settings["workstation.name"] = "table-7"
    settings["language"] = "nl"
    settings.save(store)
    save_cached(store, "operators", [{"code": "ann", "name": "Ann Miller", "badge": ""}])
    actions = OrderActions(store, "ann", "table-7")
    for n in range(1, unsent_orders + 1):
        order = make_order(n, OrderStatus.READY_TO_PRINT)
        with store.transaction() as s:
            write_orders(s, [order.to_dict()])
        actions.mark_printed(order.id)
    store.close()


def test_a_store_at_the_newest_schema_gives_its_settings_and_the_changes_waiting(tmp_path: Path) -> None:
    path = tmp_path / "prepdesk.sqlite3"
    _table(path, unsent_orders=2)
    first = read_first_paint(path, NEWEST)
    assert first.schema is Schema.CURRENT and first.paints_before_the_store
    settings = Settings.load(Store(path, connect_later=True), rows=first.settings)
    assert settings["workstation.name"] == "table-7" and settings["language"] == "nl"
    store = Store(path)
    with store.session() as s:
        assert unsent_changes(path) == queries.unsent_count(s) >= 2
    store.close()


def test_no_file_yet_is_a_new_store_and_the_read_makes_none(tmp_path: Path) -> None:
    path = tmp_path / "prepdesk.sqlite3"
    first = read_first_paint(path, NEWEST)
    assert first.schema is Schema.NEW and not first.paints_before_the_store
    assert unsent_changes(path) == 0
    assert list(tmp_path.iterdir()) == []


def test_an_older_schema_is_not_painted_from_the_plain_read(tmp_path: Path) -> None:
    path = tmp_path / "prepdesk.sqlite3"
    Store(path, revision="0006").close()
    before = path.read_bytes()
    first = read_first_paint(path, NEWEST)
    assert first.schema is Schema.BEHIND and not first.paints_before_the_store
    assert path.read_bytes() == before  # the upgrade (with its backup) is the Store's, when it opens


def test_a_damaged_file_is_named_in_words_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "prepdesk.sqlite3"
    path.write_bytes(b"this is not the store of a packing table\n" * 200)
    before = path.read_bytes()
    with pytest.raises(StoreUnreadable) as unreadable:
        read_first_paint(path, NEWEST)
    assert str(path) in unreadable.value.message and "cannot be read" in unreadable.value.message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prepdesk.sqlite3"]  # no journal, no index
    assert unsent_changes(path) == 0


def test_a_store_another_process_is_writing_is_read_beside_it_as_last_committed(tmp_path: Path) -> None:
    path = tmp_path / "prepdesk.sqlite3"
    _table(path)
    # Another program on this table's file, halfway through a write transaction (WAL).
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE')\n"
            "c.execute(\"UPDATE settings SET value = '\\\"table-8\\\"' WHERE key = 'workstation.name'\")\n"
            "print('HOLDING', flush=True)\n"
            "sys.stdin.readline()\n"
            "c.execute('COMMIT')\n"
            "print('DONE', flush=True)\n",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdin is not None
        assert writer.stdout.readline().strip() == "HOLDING"
        first = read_first_paint(path, NEWEST)
        assert first.schema is Schema.CURRENT
        assert json.loads(first.settings["workstation.name"]) == "table-7"  # what was committed
        writer.stdin.write("\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "DONE"
    finally:
        writer.communicate(timeout=30)
    assert json.loads(read_first_paint(path, NEWEST).settings["workstation.name"]) == "table-8"


def test_a_store_connected_later_reads_its_settings_plainly_until_it_connects(tmp_path: Path) -> None:
    path = tmp_path / "prepdesk.sqlite3"
    _table(path)
    child = (
        "import sys\n"
        "from app.settings import Settings, load_cached\n"
        "from app.store.db import Store\n"
        "store = Store(sys.argv[1], connect_later=True)\n"
        "print(Settings.load(store)['workstation.name'], load_cached(store, 'operators')[0]['name'])\n"
        "print('sqlalchemy' in sys.modules, store.connected)\n"
        "store.connect()\n"
        "print('sqlalchemy' in sys.modules, store.connected, Settings.load(store)['language'])\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", child, str(path)], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert ran.stdout.splitlines() == ["table-7 Ann Miller", "False False", "True True nl"]
    # Connected by its first session, too (what a page's work on the store lane does).
    store = Store(path, connect_later=True)
    with store.session() as s:
        assert queries.unsent_count(s) == 0
    assert store.connected and load_cached(store, "operators")[0]["code"] == "ann"
    store.close()
