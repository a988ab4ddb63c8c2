"""The pack station's session, with no Qt, on a real store: an order is packed by scans into
parcels (tracking number and weight each) and shipped; every bad input of issue 15 is refused in
words with the wrong sound and changes nothing; a session made afresh resumes with the parcels."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select

from app.api import OrderServerClient, Timeouts
from app.domain import Claim, Order, OrderStatus
from app.stations import Sound
from app.stations.pack import PackSession, PackStep
from app.stations.pack_draft import STATION
from app.store import Store
from app.store.models import OutboxEntry, ScanRow
from app.store.queries import load_order, unsent_count
from app.sync import SyncEngine
from server.harness import start_server
from tests.stations.conftest import (
    FEDEX,
    ROYAL_MAIL,
    UPS_1,
    UPS_2,
    UPS_WRONG_CHECK,
    new_session,
    put_orders,
)
from tests.store.conftest import make_order

S = OrderStatus


def _label(order: Order) -> str:
    return f"PDO-{order.number}"


def _open_with_label(session: PackSession, order: Order) -> None:
    assert session.scan(_label(order)).accepted
    assert session.scan(_label(order)).accepted  # the label on the box: this order's


def _outbox(store: Store) -> list[OutboxEntry]:
    with store.session() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.id)))


def _pack_rows(store: Store) -> list[ScanRow]:
    with store.session() as s:
        return list(s.scalars(select(ScanRow).where(ScanRow.station == STATION).order_by(ScanRow.id)))


def test_an_order_is_packed_into_two_parcels_by_scans_and_shipped(
    store: Store, session: PackSession, collected: Callable[..., Order]
) -> None:
    order = collected(1)
    following = collected(2)
    assert session.resume().prompt == "Scan the order"

    opened = session.scan(_label(order))
    assert opened.accepted and opened.sound is Sound.RIGHT
    assert session.view().step is PackStep.LABEL and session.view().prompt == "Scan the label on the box"
    assert session.scan(_label(order)).accepted
    assert session.view().prompt == "Scan the tracking number"
    first = session.scan(UPS_1)
    assert first.accepted and "UPS" in first.message
    assert session.view().prompt == "Weigh parcel 1"
    assert session.weigh(1250.4).accepted
    assert session.scan(UPS_2).accepted
    assert session.weigh(800, typed=True).accepted
    assert session.view().step is PackStep.SHIP

    shipped = session.scan("PDC-CONFIRM")
    assert shipped.accepted and shipped.sound is Sound.RIGHT
    assert f"Next: order {following.number}" in shipped.message
    view = session.view()
    assert view.step is PackStep.ORDER and view.next_order == (following.id, following.number)

    with store.session() as s:
        shown = load_order(s, order.id)
    assert shown is not None and shown.status is S.SHIPPED
    assert [(p.tracking_number, p.carrier, p.weight_g) for p in shown.shipments] == [
        (UPS_1, "ups", 1250),
        (UPS_2, "ups", 800),
    ]
    entries = _outbox(store)
    assert [e.kind for e in entries] == ["shipments", "status"]
    assert json.loads(entries[1].body) == {"status": "7.1"}
    steps = [r.verdict for r in _pack_rows(store)]
    assert steps == ["open", "label", "parcel", "weight", "parcel", "weight", "shipped"]


def test_a_tracking_number_with_a_wrong_check_digit_is_refused_and_changes_nothing(
    store: Store, session: PackSession, collected: Callable[..., Order]
) -> None:
    order = collected(1)
    _open_with_label(session, order)
    verdict = session.scan(UPS_WRONG_CHECK)
    assert not verdict.accepted and verdict.sound is Sound.WRONG
    assert "check digit is wrong" in verdict.message
    assert session.view().parcels == () and session.view().prompt == "Scan the tracking number"
    assert _outbox(store) == []


def test_a_tracking_number_already_on_another_order_is_refused_loudly(
    store: Store,
    session: PackSession,
    collected: Callable[..., Order],
    shipped_with: Callable[[int, str], Order],
) -> None:
    earlier = shipped_with(7, UPS_1)
    order = collected(1)
    _open_with_label(session, order)
    verdict = session.scan(UPS_1)
    assert not verdict.accepted and verdict.sound is Sound.WRONG
    assert verdict.message.startswith("STOP") and earlier.number in verdict.message
    assert session.view().parcels == ()
    assert _pack_rows(store)[-1].verdict.startswith("refused: STOP")


def test_another_orders_label_on_the_box_is_refused_loudly_and_nothing_is_recorded(
    store: Store, session: PackSession, collected: Callable[..., Order]
) -> None:
    order, other = collected(1), collected(2)
    assert session.scan(_label(order)).accepted
    verdict = session.scan(_label(other))
    assert not verdict.accepted and verdict.sound is Sound.WRONG
    assert verdict.message.startswith("STOP") and other.number in verdict.message
    view = session.view()
    assert view.order_id == order.id and view.step is PackStep.LABEL
    # The same with parcels on the table: the second box's label is another order's.
    assert (
        session.scan(_label(order)).accepted and session.scan(UPS_1).accepted and session.weigh(500).accepted
    )
    assert not session.scan(_label(other)).accepted
    assert [p.tracking for p in session.view().parcels] == [UPS_1]
    assert _outbox(store) == []


def test_the_box_label_must_be_checked_before_its_parcels(
    session: PackSession, collected: Callable[..., Order]
) -> None:
    order = collected(1)
    assert session.scan(_label(order)).accepted
    verdict = session.scan(UPS_1)
    assert not verdict.accepted and "label on the box" in verdict.message
    # A carrier label the platform bought carries the box's label itself: its number is enough.
    bought = collected(2, carrier_label="zpl")
    assert session.set_aside().accepted
    assert session.scan(_label(bought)).accepted
    assert session.scan(UPS_1).accepted and session.view().prompt == "Weigh parcel 1"


def test_weights_no_carrier_takes_are_refused(session: PackSession, collected: Callable[..., Order]) -> None:
    order = collected(1)
    _open_with_label(session, order)
    assert not session.weigh(500).accepted  # no parcel yet to weigh
    assert session.scan(UPS_1).accepted
    nothing = session.weigh(0)
    assert not nothing.accepted and nothing.sound is Sound.WRONG and "0 g is no parcel" in nothing.message
    three_tonnes = session.weigh(3_000_000, typed=True)
    assert not three_tonnes.accepted and "3000 kg is more than UPS takes" in three_tonnes.message
    assert session.view().parcels[0].weight_g is None and session.view().prompt == "Weigh parcel 1"
    assert session.weigh(68_000).accepted  # UPS takes up to 150 lb
    assert session.scan(ROYAL_MAIL).accepted
    assert not session.weigh(25_000).accepted  # Royal Mail: 20 kg a parcel
    assert session.weigh(19_999).accepted


def test_a_carrier_other_than_the_service_bought_warns_but_is_taken(
    session: PackSession, collected: Callable[..., Order]
) -> None:
    order = collected(1, service="Royal Mail Tracked 48")
    _open_with_label(session, order)
    verdict = session.scan(FEDEX)
    assert verdict.accepted
    assert "FedEx number, but the seller bought “Royal Mail Tracked 48”" in verdict.message
    assert session.view().parcels[0].warning


def test_only_a_collected_order_is_packed(session: PackSession, store: Store) -> None:
    printed = make_order(1, S.PRINTED)
    put_orders(store, printed)
    verdict = session.scan(f"PDO-{printed.number}")
    assert not verdict.accepted and "collected" in verdict.message
    assert not session.scan("PDO-999999").accepted
    assert session.view().order_id is None


def test_an_order_cancelled_mid_pack_stops_the_table_red(
    store: Store, session: PackSession, collected: Callable[..., Order]
) -> None:
    order = collected(1)
    _open_with_label(session, order)
    assert session.scan(UPS_1).accepted
    order.status = S.CANCELLED  # the sync brings the server's cancellation
    put_orders(store, order)
    stop = session.check()
    assert stop is not None and not stop.accepted and stop.sound is Sound.WRONG
    assert "put the goods back" in stop.message
    assert session.view().order_id is None and session.view().parcels == ()
    assert _outbox(store) == []
    # Scanned again, it is refused with the same words; a fresh session does not resume it.
    again = session.scan(_label(order))
    assert not again.accepted and "put the goods back" in again.message
    assert new_session(store).resume().order_id is None


def test_a_cancellation_seen_at_the_next_scan_stops_before_the_scan_counts(
    store: Store, session: PackSession, collected: Callable[..., Order]
) -> None:
    order = collected(1)
    _open_with_label(session, order)
    order.status = S.CANCELLED
    put_orders(store, order)
    verdict = session.scan(UPS_1)
    assert not verdict.accepted and "put the goods back" in verdict.message
    assert session.view().parcels == ()


def test_undo_takes_back_the_last_parcel(session: PackSession, collected: Callable[..., Order]) -> None:
    order = collected(1)
    _open_with_label(session, order)
    assert session.scan(UPS_1).accepted and session.weigh(900).accepted
    assert session.scan(UPS_2).accepted
    undone = session.undo()
    assert undone.accepted and undone.sound is Sound.NONE
    assert [p.tracking for p in session.view().parcels] == [UPS_1]
    assert session.view().step is PackStep.SHIP
    assert session.undo().accepted and not session.undo().accepted


def test_a_fresh_session_resumes_with_the_parcels_the_journal_holds(
    store: Store, session: PackSession, collected: Callable[..., Order]
) -> None:
    order = collected(1)
    _open_with_label(session, order)
    assert session.scan(UPS_1).accepted and session.weigh(900).accepted
    assert session.scan(UPS_2).accepted
    before = session.view()

    resumed = new_session(store).resume()
    assert resumed == before
    assert resumed.prompt == "Weigh parcel 2"


def test_a_parcel_without_its_tracking_number_waits_aside_and_ships_once_the_number_comes(
    store: Store, session: PackSession, collected: Callable[..., Order]
) -> None:
    order = collected(1)
    _open_with_label(session, order)
    assert session.without_tracking().accepted
    assert session.weigh(1500).accepted
    refused = session.ship()
    assert not refused.accepted and "no tracking number yet" in refused.message
    assert _outbox(store) == []
    assert session.set_aside().accepted
    assert session.view().awaiting_tracking == (order.number,)

    later = new_session(store)
    assert later.resume().awaiting_tracking == (order.number,)
    assert later.scan(_label(order)).accepted
    assert later.view().prompt == "Scan the tracking number of parcel 1"
    assert later.scan(UPS_1).accepted
    assert later.view().parcels[0].weight_g == 1500
    assert later.ship().accepted
    assert later.view().awaiting_tracking == ()
    assert [e.kind for e in _outbox(store)] == ["shipments", "status"]


def test_shipping_offline_goes_to_the_outbox_and_reaches_the_server_once(tmp_path) -> None:
    server = start_server(demo_orders=0)
    store = Store(tmp_path / "table" / "prepdesk.sqlite3")
    client = OrderServerClient(server.url, server.token, "T1", timeouts=Timeouts(connect=2, read=10))
    try:
        body = make_order(1, S.COLLECTED, shipping_service="UPS Ground").to_dict()
        body["id"] = ""
        order_id = server.admin("orders", body)["id"]
        engine = SyncEngine(store, client)
        assert engine.run_once().error is None
        session = new_session(store)
        server.stop()  # the server is gone while the order ships

        assert session.scan("PDO-100001").accepted and session.scan("PDO-100001").accepted
        assert session.scan(UPS_1).accepted and session.weigh(700).accepted
        assert session.scan("PDC-CONFIRM").accepted
        assert engine.run_once().error is not None
        with store.session() as s:
            assert unsent_count(s, order_id) == 2

        server.start()
        assert engine.run_once().error is None
        assert engine.run_once().error is None
        on_server = client.get_order(order_id)
        assert on_server.status is S.SHIPPED
        assert [(p.tracking_number, p.carrier, p.weight_g) for p in on_server.shipments] == [
            (UPS_1, "ups", 700)
        ]
        assert [a.detail for a in on_server.activity if a.action == "shipment"] == [f"{UPS_1} (ups)"]
        with store.session() as s:
            assert unsent_count(s) == 0
    finally:
        client.close()
        store.close()
        server.stop()


def test_a_tracking_number_on_a_parcel_of_an_order_put_aside_here_is_refused_loudly(
    session: PackSession, collected: Callable[..., Order]
) -> None:
    first, second = collected(1), collected(2)
    _open_with_label(session, first)
    assert session.scan(UPS_1).accepted and session.weigh(600).accepted
    assert session.set_aside().accepted  # its box stays on the table, labelled
    _open_with_label(session, second)
    verdict = session.scan(UPS_1)
    assert not verdict.accepted and verdict.message.startswith("STOP") and first.number in verdict.message
    assert session.view().parcels == ()
    # Taken back from the first order, the number is free again.
    assert session.set_aside().accepted
    _open_with_label(session, first)
    assert session.undo().accepted and session.set_aside().accepted
    _open_with_label(session, second)
    assert session.scan(UPS_1).accepted


def test_an_order_cancelled_while_the_program_was_down_is_stopped_red_when_it_comes_back(
    store: Store, session: PackSession, collected: Callable[..., Order]
) -> None:
    order = collected(1)
    _open_with_label(session, order)
    assert session.scan(UPS_1).accepted
    order.status = S.CANCELLED  # the first sync after the restart brings the cancellation
    put_orders(store, order)

    later = new_session(store)
    assert later.resume().order_id == order.id
    stop = later.check()
    assert stop is not None and "put the goods back" in stop.message
    assert later.view().order_id is None and new_session(store).resume().order_id is None


def test_an_order_another_table_holds_is_not_packed_here_and_a_product_scan_means_nothing(
    session: PackSession, collected: Callable[..., Order]
) -> None:
    held = collected(1, claim=Claim("boris", "T2", datetime(2099, 1, 1, tzinfo=UTC)))
    verdict = session.scan(f"PDO-{held.number}")
    assert not verdict.accepted and "being worked on at T2" in verdict.message
    order = collected(2)
    _open_with_label(session, order)
    product = session.scan("4006381333931")
    assert not product.accepted and "means nothing at the pack table" in product.message
    assert session.view().parcels == () and session.view().order_id == order.id


def test_the_prep_services_the_seller_asks_for_stay_in_sight_while_the_order_is_packed(
    session: PackSession, collected: Callable[..., Order]
) -> None:
    from app.domain import ServiceAsked

    asked = collected(
        7, services_asked=[ServiceAsked("POLYBAG", 2, "Polybag"), ServiceAsked("INSERT", 1, "")]
    )
    plain = collected(8)
    _open_with_label(session, asked)
    assert session.view().asked == "The seller asks for: Polybag × 2 · INSERT"
    assert session.scan(UPS_1).accepted
    assert session.view().asked == "The seller asks for: Polybag × 2 · INSERT"  # still, parcel by parcel
    assert session.set_aside().accepted
    _open_with_label(session, plain)
    assert session.view().asked == ""
