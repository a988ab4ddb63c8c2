"""The order server's first schema: prep centers, operators, tokens, orders and their parts.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 00:41:59.791309
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "idempotency",
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key"),
    )
    op.create_table(
        "prep_centers",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "service_offers",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit_price", sa.String(length=32), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "operators",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("prep_center_id", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("badge", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["prep_center_id"],
            ["prep_centers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("operators", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_operators_prep_center_id"), ["prep_center_id"], unique=False)
        batch_op.create_index("ux_operators_center_code", ["prep_center_id", "code"], unique=True)

    op.create_table(
        "orders",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("prep_center_id", sa.String(length=40), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=False),
        sa.Column("marketplace", sa.String(length=60), nullable=False),
        sa.Column("marketplace_order_id", sa.String(length=80), nullable=False),
        sa.Column("seller", sa.String(length=200), nullable=False),
        sa.Column("ship_by", sa.DateTime(timezone=True), nullable=True),
        sa.Column("shipping_service", sa.String(length=120), nullable=False),
        sa.Column("carrier_label", sa.String(length=8), nullable=False),
        sa.Column("r_name", sa.String(length=200), nullable=False),
        sa.Column("r_company", sa.String(length=200), nullable=False),
        sa.Column("r_street1", sa.String(length=300), nullable=False),
        sa.Column("r_street2", sa.String(length=300), nullable=False),
        sa.Column("r_city", sa.String(length=120), nullable=False),
        sa.Column("r_region", sa.String(length=120), nullable=False),
        sa.Column("r_postcode", sa.String(length=40), nullable=False),
        sa.Column("r_country", sa.String(length=2), nullable=False),
        sa.Column("r_phone", sa.String(length=60), nullable=False),
        sa.Column("r_email", sa.String(length=200), nullable=False),
        sa.Column("claim_operator", sa.String(length=40), nullable=False),
        sa.Column("claim_workstation", sa.String(length=120), nullable=False),
        sa.Column("claim_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["prep_center_id"],
            ["prep_centers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index("ix_orders_center_seq", ["prep_center_id", "seq"], unique=False)
        batch_op.create_index("ux_orders_center_number", ["prep_center_id", "number"], unique=True)

    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("prep_center_id", sa.String(length=40), nullable=False),
        sa.Column("seller", sa.String(length=200), nullable=False),
        sa.Column("sku", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("fnsku", sa.String(length=20), nullable=False),
        sa.Column("ean", sa.String(length=20), nullable=False),
        sa.Column("asin", sa.String(length=20), nullable=False),
        sa.Column("vendor", sa.String(length=120), nullable=False),
        sa.Column("weight_g", sa.Integer(), nullable=True),
        sa.Column("photo_url", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["prep_center_id"],
            ["prep_centers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_products_asin"), ["asin"], unique=False)
        batch_op.create_index("ix_products_center_sku", ["prep_center_id", "sku"], unique=False)
        batch_op.create_index(batch_op.f("ix_products_ean"), ["ean"], unique=False)
        batch_op.create_index(batch_op.f("ix_products_fnsku"), ["fnsku"], unique=False)

    op.create_table(
        "tokens",
        sa.Column("token", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("prep_center_id", sa.String(length=40), nullable=True),
        sa.Column("operator_code", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["prep_center_id"],
            ["prep_centers.id"],
        ),
        sa.PrimaryKeyConstraint("token"),
    )
    op.create_table(
        "activity",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("operator", sa.String(length=40), nullable=False),
        sa.Column("workstation", sa.String(length=120), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_order_id"), ["order_id"], unique=False)

    op.create_table(
        "label_documents",
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
        ),
        sa.PrimaryKeyConstraint("order_id"),
    )
    op.create_table(
        "lines",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("fnsku", sa.String(length=20), nullable=False),
        sa.Column("ean", sa.String(length=20), nullable=False),
        sa.Column("asin", sa.String(length=20), nullable=False),
        sa.Column("vendor", sa.String(length=120), nullable=False),
        sa.Column("configuration", sa.String(length=200), nullable=False),
        sa.Column("weight_g", sa.Integer(), nullable=True),
        sa.Column("price", sa.String(length=32), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("photo_url", sa.String(length=300), nullable=False),
        sa.Column("bin_location", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lines_order_id"), ["order_id"], unique=False)

    op.create_table(
        "order_services",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit_price", sa.String(length=32), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("operator", sa.String(length=40), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("order_services", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_order_services_order_id"), ["order_id"], unique=False)

    op.create_table(
        "shipments",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("tracking_number", sa.String(length=80), nullable=False),
        sa.Column("carrier", sa.String(length=60), nullable=False),
        sa.Column("weight_g", sa.Integer(), nullable=True),
        sa.Column("parcel_no", sa.Integer(), nullable=False),
        sa.Column("push_state", sa.String(length=12), nullable=False),
        sa.Column("push_reason", sa.Text(), nullable=False),
        sa.Column("push_attempts", sa.Integer(), nullable=False),
        sa.Column("pushed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shipments_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_shipments_push_state"), ["push_state"], unique=False)

    # The change sequence (server/db.py): a SEQUENCE on PostgreSQL, a counter row on SQLite.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE order_change_seq")
    op.execute("INSERT INTO change_counter (id, value) VALUES (1, 0)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE order_change_seq")
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shipments_push_state"))
        batch_op.drop_index(batch_op.f("ix_shipments_order_id"))

    op.drop_table("shipments")
    with op.batch_alter_table("order_services", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_services_order_id"))

    op.drop_table("order_services")
    with op.batch_alter_table("lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lines_order_id"))

    op.drop_table("lines")
    op.drop_table("label_documents")
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_order_id"))

    op.drop_table("activity")
    op.drop_table("tokens")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_products_fnsku"))
        batch_op.drop_index(batch_op.f("ix_products_ean"))
        batch_op.drop_index("ix_products_center_sku")
        batch_op.drop_index(batch_op.f("ix_products_asin"))

    op.drop_table("products")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index("ux_orders_center_number")
        batch_op.drop_index("ix_orders_center_seq")

    op.drop_table("orders")
    with op.batch_alter_table("operators", schema=None) as batch_op:
        batch_op.drop_index("ux_operators_center_code")
        batch_op.drop_index(batch_op.f("ix_operators_prep_center_id"))

    op.drop_table("operators")
    op.drop_table("service_offers")
    op.drop_table("prep_centers")
    op.drop_table("idempotency")
    op.drop_table("change_counter")
