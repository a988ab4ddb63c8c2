"""The workstation store: an upgrade keeps the data, the list finds and sorts what the screens need."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from app.domain import OrderStatus, PushState
from app.store import Base, Store, queries
from app.store.orders import write_orders
from tests.store.conftest import make_order, parcel


def test_an_upgrade_from_the_first_schema_keeps_the_workstations_orders_and_unsent_changes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    old = Store(path, revision="0001")
    assert old.revision() == "0001"
    order = make_order(7, shipping_service="Royal Mail Tracked 48")
    body = order.to_dict()
    body["activity"] = []
    with old.engine.begin() as c:  # rows as the first release wrote them, straight SQL
        c.execute(
            text(
                "INSERT INTO orders (id, number, status, status_reason, marketplace, seller, carrier,"
                " recipient_name, search_text, units, line_count, failed_pushes, claim_workstation,"
                " claim_operator, version, data) VALUES ('7', :number, '5.1', '', 'amazon', 'acme', '',"
                " 'Buyer 7', :search, 3, 2, 0, '', '', 1, :data)"
            ),
            {"number": order.number, "search": f"{order.number}\x1fbuyer 7", "data": json.dumps(body)},
        )
        c.execute(
            text(
                "INSERT INTO outbox (idempotency_key, order_id, kind, path, body, operator, workstation,"
                " created_at, attempts, last_error) VALUES ('k-1', '7', 'status', 'orders/7/status',"
                " '{\"status\": \"6\"}', 'ann', 'T1', '2026-11-20 08:00:00.000000', 0, '')"
            )
        )
        c.execute(
            text(
                "INSERT INTO lines (order_id, position, line_id, sku, title, quantity, fnsku, ean, asin,"
                " vendor, configuration, currency, photo_url, bin_location)"
                " VALUES ('7', 0, '7-1', 'SKU-0', 'Mug', 2, '', '', '', '', '', '', '', '')"
            )
        )
        c.execute(
            text(
                "INSERT INTO scan_journal (at, raw, meaning_kind, order_id, verdict, operator, workstation)"
                " VALUES ('2026-11-20 08:00:01.000000', 'PDO-100007', 'order', '7', 'accepted', 'ann', 'T1')"
            )
        )
    old.close()

    upgraded = Store(path)  # a new release starts: migrations run at start
    assert upgraded.revision() == Store.head_revision()
    backup = Store(path.with_name("old.sqlite3.before-0001"), migrate=False)  # the copy taken first
    assert backup.revision() == "0001"
    backup.close()
    with upgraded.session() as s:
        again = queries.load_order(s, "7")
        assert again is not None and again.number == order.number and again.lines == order.lines
        assert queries.unsent_count(s, "7") == 1
        assert s.execute(text("SELECT raw FROM scan_journal")).scalar() == "PDO-100007"
        assert queries.list_orders(s, queries.OrderFilter(search="buyer 7")).total == 1
        assert queries.list_orders(s).rows[0].unsent_changes  # the outbox entry still shows
        # not shipped yet: the service the seller bought stands as its carrier (0005)
        assert queries.list_orders(s, queries.OrderFilter(carrier="Royal Mail Tracked 48")).total == 1
        # rebuilding the orders table did not cascade into its lines
        assert s.execute(text("SELECT sku FROM lines WHERE order_id = '7'")).scalars().all() == ["SKU-0"]
    upgraded.close()


def test_the_migrations_build_exactly_the_tables_the_code_expects(store: Store) -> None:
    with store.engine.connect() as c:
        assert compare_metadata(MigrationContext.configure(c), Base.metadata) == []


def test_the_dashboard_counts_orders_by_status_shipped_today_and_failed_pushes(store: Store) -> None:
    now = datetime.now(UTC)
    shipped = make_order(3, OrderStatus.SHIPPED, shipments=[parcel("1Z999AA10123456784")])
    shipped.shipments[0].created_at = now
    failed = make_order(4, OrderStatus.SHIPPED, shipments=[parcel("00340434161094027300", "dhl")])
    failed.shipments[0].created_at = now - timedelta(days=3)
    failed.shipments[0].push_state = PushState.FAILED
    orders = [make_order(1), make_order(2, OrderStatus.PRINTED), shipped, failed]
    with store.transaction() as s:
        write_orders(s, [o.to_dict() for o in orders])
    with store.session() as s:
        counts = queries.counts_by_status(s)
    assert counts.by_status[OrderStatus.READY_TO_PRINT] == 1
    assert counts.by_status[OrderStatus.PRINTED] == 1
    assert counts.by_status[OrderStatus.SHIPPED] == 2
    assert counts.shipped_today == 1
    assert counts.failed_pushes == 1


def test_the_order_list_filters_searches_and_sorts_like_the_packer_asks(store: Store) -> None:
    orders = [make_order(n) for n in range(1, 31)]
    orders[4].recipient.name = "Иван Сидоров"
    orders[9].shipments = [parcel("1Z999AA10123456784")]
    orders[9].status = OrderStatus.SHIPPED
    with store.transaction() as s:
        write_orders(s, [o.to_dict() for o in orders])
    with store.session() as s:
        ask = queries.list_orders
        assert [r.number for r in ask(s, queries.OrderFilter(search="сидоров")).rows] == [orders[4].number]
        assert [r.id for r in ask(s, queries.OrderFilter(search="1z999aa1012")).rows] == ["10"]
        assert ask(s, queries.OrderFilter(search="X001ABCDEF")).total == 30
        assert ask(s, queries.OrderFilter(search=orders[20].number)).rows[0].id == "21"
        assert ask(s, queries.OrderFilter(search="100%")).total == 0  # a % is a character, not a wildcard
        ebay = ask(s, queries.OrderFilter(marketplace="ebay", seller="acme")).rows
        assert ebay and all(r.marketplace == "ebay" and r.seller == "acme" for r in ebay)
        assert ask(s, queries.OrderFilter(carrier="ups")).total == 1
        shipped = ask(s, queries.OrderFilter(statuses=[OrderStatus.SHIPPED]))
        assert [r.id for r in shipped.rows] == ["10"]
        day = datetime(2026, 11, 21, tzinfo=UTC)
        window = ask(s, queries.OrderFilter(ship_by_from=day, ship_by_to=day + timedelta(days=1))).rows
        assert window and all(
            r.ship_by is not None and day <= r.ship_by < day + timedelta(days=1) for r in window
        )
        by_date = ask(s, sort=queries.SortKey.SHIP_BY, descending=True, limit=30).rows
        assert [r.ship_by for r in by_date] == sorted((r.ship_by for r in by_date), reverse=True)  # type: ignore[type-var]
        first, second = ask(s, limit=10), ask(s, offset=10, limit=10)
        assert first.total == 30 and not {r.id for r in first.rows} & {r.id for r in second.rows}
        assert sorted(queries.choices(s, "marketplace")) == ["amazon", "bol", "ebay"]


def test_the_store_runs_in_wal_mode_and_syncs_every_commit_to_disk(store: Store) -> None:
    with store.session() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
