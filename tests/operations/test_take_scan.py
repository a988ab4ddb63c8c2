"""Every scan's one path (no Qt): `take_scan` looks it up, writes it to the scan journal, and
answers what the frame should do; a scan a page took is written down as taken."""

from __future__ import annotations

from sqlalchemy import select

from app.domain import OrderStatus
from app.operations import ScanAct, take_scan
from app.store import ScanRow
from app.store.orders import write_orders
from app.store.queries import load_order
from tests.store.conftest import make_order, parcel

S = OrderStatus


def _journal(store) -> list[tuple[str, str, str | None, str]]:
    with store.session() as s:
        rows = s.scalars(select(ScanRow).order_by(ScanRow.id))
        return [(r.raw, r.meaning_kind, r.order_id, r.verdict) for r in rows]


def test_an_order_label_opens_its_order_and_is_journalled_first(store, journal, order_in) -> None:
    order_id = order_in(S.READY_TO_PRINT)
    with store.session() as s:
        number = load_order(s, order_id).number

    verdict = take_scan(store, journal, f"PDO-{number}")

    assert (verdict.act, verdict.order_id, verdict.where) == (ScanAct.OPEN_ORDER, order_id, "order")
    assert _journal(store) == [(f"PDO-{number}", "order", order_id, "opened")]


def test_an_unknown_order_a_badge_a_product_and_a_page_taken_scan_are_each_journalled(store, journal) -> None:
    unknown = take_scan(store, journal, "PDO-999999")
    badge = take_scan(store, journal, "PDB-ann")
    product = take_scan(store, journal, "4006381333931")
    taken = take_scan(store, journal, "PDC-CONFIRM", taken_by="page_print")

    assert unknown.act is ScanAct.REFUSED and "999999" in unknown.message
    assert badge.act is ScanAct.SIGN_IN
    assert (product.act, product.search) == (ScanAct.FIND_ORDERS, "4006381333931")
    assert taken.act is ScanAct.TAKEN
    assert _journal(store) == [
        ("PDO-999999", "order", None, "unknown order"),
        ("PDB-ann", "badge", None, "sign-in"),
        ("4006381333931", "product", None, "orders searched"),
        ("PDC-CONFIRM", "command", None, "taken by page_print"),
    ]


def test_a_scan_that_means_nothing_is_refused_with_the_reason_and_still_journalled(store, journal) -> None:
    verdict = take_scan(store, journal, "NOT-A-CODE-42")
    assert verdict.act is ScanAct.NOTHING and verdict.message
    assert [(raw, verdict) for raw, _kind, _order, verdict in _journal(store)] == [
        ("NOT-A-CODE-42", "unknown code")
    ]


def test_a_parcels_tracking_number_opens_its_order(store, journal) -> None:
    order = make_order(7, S.SHIPPED, shipments=[parcel("1Z999AA10123456784")])
    with store.transaction() as s:
        write_orders(s, [order.to_dict()])

    verdict = take_scan(store, journal, "1Z999AA10123456784")

    assert (verdict.act, verdict.order_id, verdict.where) == (ScanAct.OPEN_ORDER, order.id, "tracking")
    assert _journal(store)[-1][2:] == (order.id, "opened")
