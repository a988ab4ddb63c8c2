"""Tokens kept hashed, with who they are for, when issued, last used and revoked; product photos
and the demo marketplace's settings kept in the database (worker processes keep nothing).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tokens", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("workstation", sa.String(length=120), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("tokens", schema=None) as batch_op:
        batch_op.alter_column("workstation", server_default=None)
    # The tokens a database has were kept as they are: keep only their hashes from now on.
    connection = op.get_bind()
    for (token,) in connection.execute(sa.text("SELECT token FROM tokens")).fetchall():
        connection.execute(
            sa.text("UPDATE tokens SET token = :h WHERE token = :t"),
            {"h": hashlib.sha256(token.encode()).hexdigest(), "t": token},
        )
    op.create_table(
        "product_photos",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )

    op.create_table(
        "marketplace_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("confirm_after_s", sa.Float(), nullable=False),
        sa.Column("refuse_share", sa.Float(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("marketplace_settings")
    op.drop_table("product_photos")
    with op.batch_alter_table("tokens", schema=None) as batch_op:
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("last_used_at")
        batch_op.drop_column("issued_at")
        batch_op.drop_column("workstation")
