"""Where the goods are verified by scan: at packing, the pack station hands a printed order to
the pick session first; at both, a collected order is checked again unit by unit (no status
move) before it is packed, and again after it is reopened and collected anew."""

from __future__ import annotations

from app.domain import OrderStatus
from app.flows import OrderActions, ScanJournal, unsent_entries
from app.stations.pack import PackSession
from app.stations.pick import PickSession
from app.stations.pick_station import PickStation
from app.stations.pick_view import PickEnd
from app.stations.verify import AT_BOTH, AT_PACK, AT_PICK
from app.store import Store, queries
from app.store.orders import write_orders
from tests.stations.picking import pick_every_unit
from tests.store.conftest import make_order

S = OrderStatus
MUG, CABLE = "4006381333931", "X001ABCDEF"


def put(store: Store, status: OrderStatus) -> str:
    order = make_order(1, status)
    with store.transaction() as s:
        write_orders(s, [order.to_dict()])
    return order.id


def table(store: Store, verify_at: str) -> tuple[OrderActions, PickStation, PackSession]:
    actions, journal = OrderActions(store, "ann", "T1"), ScanJournal(store, "ann", "T1")
    return (
        actions,
        PickStation(store, actions, journal),
        PackSession(store, actions, journal, verify_at=lambda: verify_at),
    )


def status_of(store: Store, order_id: str) -> OrderStatus:
    with store.session() as s:
        order = queries.load_order(s, order_id)
    assert order is not None
    return order.status


def scan_all(session: PickSession) -> None:
    for code in (MUG, MUG, CABLE):
        assert session.scan(code).verdict.accepted


def test_verified_at_pick_a_printed_order_is_not_packed(store: Store) -> None:
    put(store, S.PRINTED)
    _actions, _pick, pack = table(store, AT_PICK)
    verdict = pack.scan("PDO-100001")
    assert not verdict.accepted and not verdict.verify_order and "collected" in verdict.message


def test_verified_at_packing_a_printed_order_goes_to_the_pick_session_first(store: Store) -> None:
    order_id = put(store, S.PRINTED)
    _actions, pick, pack = table(store, AT_PACK)
    handed = pack.scan("PDO-100001")
    assert not handed.accepted and handed.verify_order == order_id
    assert pack.view().order_id is None  # nothing on the pack table yet
    session = pick.open(order_id)
    assert isinstance(session, PickSession)
    scan_all(session)
    assert status_of(store, order_id) is S.COLLECTED
    assert pack.scan("PDO-100001").accepted  # now it is packed


def test_verified_at_both_a_collected_order_is_checked_again_without_moving(store: Store) -> None:
    order_id = put(store, S.PRINTED)
    actions, pick, pack = table(store, AT_BOTH)
    pick_every_unit(actions, order_id)
    handed = pack.scan("PDO-100001")
    assert handed.verify_order == order_id
    check = pick.open(order_id, check=True)
    assert isinstance(check, PickSession)
    wrong = check.scan("5901234123457")
    assert not wrong.verdict.accepted
    scan_all(check)
    assert check.view().end is PickEnd.CHECKED and status_of(store, order_id) is S.COLLECTED
    assert [e.body for e in unsent_entries(store)] == ['{"status": "6.4"}']  # the check sent nothing
    assert pack.scan("PDO-100001").accepted
    # Reopened and collected anew: it is checked again before it is packed.
    pack.set_aside()
    actions.reopen(order_id, "A mug was chipped")
    pick_every_unit(actions, order_id)
    assert pack.scan("PDO-100001").verify_order == order_id


def test_a_check_at_packing_cannot_short_pick_and_refuses_an_order_not_collected(store: Store) -> None:
    order_id = put(store, S.PRINTED)
    _actions, pick, _pack = table(store, AT_BOTH)
    refused = pick.open(order_id, check=True)
    assert not isinstance(refused, PickSession) and "once collected" in refused.message
