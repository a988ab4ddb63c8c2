"""a station's progress is its scan journal: which line a scan counted for, and how many units

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("scan_journal") as batch:
        batch.add_column(sa.Column("station", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("line_position", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("units", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("scan_journal") as batch:
        batch.drop_column("units")
        batch.drop_column("line_position")
        batch.drop_column("station")
