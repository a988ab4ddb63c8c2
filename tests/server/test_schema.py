"""The migrations build exactly the tables the models describe, so an upgrade keeps a server's data."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from server.db import Database
from server.models import Base


def test_the_migrated_schema_matches_the_models_and_migrating_again_changes_nothing(db_url: str) -> None:
    db = Database(db_url)
    try:
        db.migrate()
        db.migrate()  # a restart runs the migrations again: nothing to do, nothing lost
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        with db.write() as session:
            assert db.next_seq(session) == 1
            assert db.next_seq(session) == 2
    finally:
        db.dispose()
