"""codes taught as aliases of a seller's SKU, at this table or pulled from the server's feed

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "product_aliases",
        sa.Column("seller", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("sku", sa.String(), nullable=False),
        sa.Column("taught_by", sa.String(), nullable=False),
        sa.Column("workstation", sa.String(), nullable=False),
        sa.Column("at", sa.String(length=26), nullable=True),
        sa.PrimaryKeyConstraint("seller", "code", name=op.f("pk_product_aliases")),
    )


def downgrade() -> None:
    op.drop_table("product_aliases")
