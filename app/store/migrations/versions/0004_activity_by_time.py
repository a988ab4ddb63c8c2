"""the activity log read newest first by time: an index on activity.at

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_activity_at"), "activity", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_activity_at"), table_name="activity")
