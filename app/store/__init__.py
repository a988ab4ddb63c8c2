"""The workstation's local store: SQLite in WAL mode, Alembic-migrated, in the user data folder.

The names below are loaded when first asked for, so `app.store.paths` and `app.store.readonly`
(the plain sqlite3 reads of the first paint, app/first_paint.py) import without SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.store.db import Store
    from app.store.models import (
        ActivityRow,
        Base,
        LineRow,
        OrderBody,
        OrderFlag,
        OrderRow,
        OutboxEntry,
        PrintJob,
        ProductAliasRow,
        ScanRow,
        ServiceRow,
        Setting,
        ShipmentRow,
        SyncCursor,
        parse_time_text,
        time_text,
    )
    from app.store.paths import data_dir, database_path

_WHERE = {
    "Store": "app.store.db",
    "data_dir": "app.store.paths",
    "database_path": "app.store.paths",
    **{
        name: "app.store.models"
        for name in (
            "ActivityRow",
            "Base",
            "LineRow",
            "OrderBody",
            "OrderFlag",
            "OrderRow",
            "OutboxEntry",
            "PrintJob",
            "ProductAliasRow",
            "ScanRow",
            "ServiceRow",
            "Setting",
            "ShipmentRow",
            "SyncCursor",
            "parse_time_text",
            "time_text",
        )
    },
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:  # a submodule (`from app.store import queries`) is imported by Python itself
        raise AttributeError(f"module 'app.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "ActivityRow",
    "Base",
    "LineRow",
    "OrderBody",
    "OrderFlag",
    "OrderRow",
    "OutboxEntry",
    "PrintJob",
    "ProductAliasRow",
    "ScanRow",
    "ServiceRow",
    "Setting",
    "ShipmentRow",
    "Store",
    "SyncCursor",
    "data_dir",
    "database_path",
    "parse_time_text",
    "time_text",
]
