"""An order keeps its buyer's language and the prep services its seller asks for.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("buyer_language", sa.String(length=35), nullable=False, server_default="")
        )
    op.create_table(
        "order_services_asked",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("order_services_asked", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_order_services_asked_order_id"), ["order_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("order_services_asked", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_services_asked_order_id"))
    op.drop_table("order_services_asked")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("buyer_language")
