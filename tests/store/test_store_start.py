"""Opening the store at start: an up-to-date file opens without Alembic and without scanning its
references (a start must not grow with the store), an older one is still upgraded, backup first."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from app.store import Store
from app.store.db import MIGRATIONS

REPO = Path(__file__).resolve().parents[2]


def test_the_newest_revision_read_from_the_migration_files_is_alembics_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert Store.head_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_an_up_to_date_store_opens_without_running_a_migration_or_a_reference_scan(tmp_path: Path) -> None:
    path = tmp_path / "prepdesk.sqlite3"
    Store(path).close()  # a new file: made at the newest schema
    # A dangling line (its order gone), written past the foreign keys: the check that follows an
    # upgrade refuses such a file, so opening it shows whether that check ran.
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA foreign_keys=OFF")
    raw.execute(
        "INSERT INTO lines (order_id, position, line_id, sku, title, quantity, fnsku, ean, asin,"
        " vendor, configuration, currency, photo_url, bin_location)"
        " VALUES ('gone', 0, 'gone-1', 'SKU-0', 'Mug', 1, '', '', '', '', '', '', '', '')"
    )
    raw.commit()
    raw.close()
    opened = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from app.store import Store; s = Store(sys.argv[1]); print(s.revision());"
            " print('alembic' in sys.modules)",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert opened.returncode == 0, opened.stderr
    revision, alembic_loaded = opened.stdout.split()
    assert revision == Store.head_revision()
    assert alembic_loaded == "False"  # no migration ran: Alembic was never imported
    assert not list(tmp_path.glob("*.before-*"))  # and no backup was taken


def test_an_older_store_is_upgraded_with_a_backup_and_its_references_checked(tmp_path: Path) -> None:
    path = tmp_path / "prepdesk.sqlite3"
    Store(path, revision="0006").close()
    upgraded = Store(path)
    assert upgraded.revision() == Store.head_revision()
    upgraded.close()
    backup = Store(tmp_path / "prepdesk.sqlite3.before-0006", migrate=False)
    assert backup.revision() == "0006"
    backup.close()
