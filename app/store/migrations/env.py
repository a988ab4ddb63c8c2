"""Alembic environment of the workstation store; run programmatically by `app.store.Store`.

The caller hands over an open connection in `config.attributes["connection"]`, so migrations run
on the same SQLite file, with the same pragmas, as the program.
"""

from __future__ import annotations

from alembic import context

from app.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through app.store.Store
    raise RuntimeError("run the store migrations through app.store.Store")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
