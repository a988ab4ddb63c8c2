"""order bodies kept apart from the narrow orders table; indexes for status+number, failed pushes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "order_bodies",
        sa.Column("order_id", sa.String(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("server_data", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_bodies_order_id_orders"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("order_id", name=op.f("pk_order_bodies")),
    )
    op.execute(
        "INSERT INTO order_bodies (order_id, data, server_data) SELECT id, data, server_data FROM orders"
    )
    # The table is rebuilt (SQLite drops columns by copying); app.store.Store runs migrations
    # with foreign keys off, so the rebuild does not cascade into lines, parcels and bodies.
    with op.batch_alter_table("orders") as batch_op:
        batch_op.add_column(sa.Column("unsent_changes", sa.Integer(), nullable=False, server_default="0"))
        batch_op.drop_column("data")
        batch_op.drop_column("server_data")
        batch_op.create_index("ix_orders_status_number", ["status", "number"], unique=False)
        batch_op.create_index("ix_orders_failed_pushes", ["failed_pushes"], unique=False)
    op.execute("UPDATE orders SET unsent_changes = 1 WHERE id IN (SELECT order_id FROM outbox)")


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch_op:
        batch_op.drop_index("ix_orders_failed_pushes")
        batch_op.drop_index("ix_orders_status_number")
        batch_op.add_column(sa.Column("data", sa.Text(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("server_data", sa.Text(), nullable=True))
        batch_op.drop_column("unsent_changes")
    op.execute(
        "UPDATE orders SET data = (SELECT data FROM order_bodies WHERE order_id = orders.id),"
        " server_data = (SELECT server_data FROM order_bodies WHERE order_id = orders.id)"
    )
    op.drop_table("order_bodies")
