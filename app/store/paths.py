"""Where the workstation keeps its data: `--data-dir`, else PREPDESK_DATA_DIR, else the user data
folder of the operating system (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATABASE_NAME = "prepdesk.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder, created if missing."""
    chosen = override or os.environ.get("PREPDESK_DATA_DIR")
    folder = Path(chosen) if chosen else Path(platformdirs.user_data_dir("prepdesk", "Prepdesk"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def database_path(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / DATABASE_NAME
