"""an order not yet shipped lists its shipping service as its carrier

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The store's own copy of each order (order_bodies.data, JSON) names its shipping service.
    op.execute(
        "UPDATE orders SET carrier = COALESCE((SELECT json_extract(data, '$.shipping_service')"
        " FROM order_bodies WHERE order_bodies.order_id = orders.id), '') WHERE carrier = ''"
    )


def downgrade() -> None:
    op.execute("UPDATE orders SET carrier = '' WHERE id NOT IN (SELECT order_id FROM shipments)")
