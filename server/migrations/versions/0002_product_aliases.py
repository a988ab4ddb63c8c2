"""Codes taught at the packing tables as aliases of a seller's SKU, with the change sequence.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "product_aliases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("prep_center_id", sa.String(length=40), nullable=False),
        sa.Column("seller", sa.String(length=200), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("sku", sa.String(length=80), nullable=False),
        sa.Column("operator", sa.String(length=40), nullable=False),
        sa.Column("workstation", sa.String(length=120), nullable=False),
        sa.Column("taught_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["prep_center_id"], ["prep_centers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("product_aliases", schema=None) as batch_op:
        batch_op.create_index(
            "ux_product_aliases_center_seller_code", ["prep_center_id", "seller", "code"], unique=True
        )
        batch_op.create_index("ix_product_aliases_center_code", ["prep_center_id", "code"], unique=False)
        batch_op.create_index("ix_product_aliases_center_seq", ["prep_center_id", "seq"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("product_aliases", schema=None) as batch_op:
        batch_op.drop_index("ix_product_aliases_center_seq")
        batch_op.drop_index("ix_product_aliases_center_code")
        batch_op.drop_index("ux_product_aliases_center_seller_code")
    op.drop_table("product_aliases")
