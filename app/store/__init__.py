"""The workstation's local store: SQLite in WAL mode, Alembic-migrated, in the user data folder."""

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
