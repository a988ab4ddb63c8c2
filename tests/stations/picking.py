"""Picking an order for a test's setup the way a table does it: every unit scanned at the pick
station (collected is reached no other way)."""

from __future__ import annotations

from app.domain import Line, Order
from app.flows import OrderActions, ScanJournal
from app.stations.pick import PickSession
from app.stations.pick_station import PickStation
from app.store.queries import load_order


def unit_code(line: Line) -> str:
    """What the picker scans for a unit of the line: its EAN, else its FNSKU, else its SKU."""
    return line.ean or line.fnsku or line.sku


def pick_every_unit(actions: OrderActions, order_id: str) -> Order:
    """Scan every unit of the order at a pick station of the actions' table; the order ends
    collected. Where the station will not open it, `collected` says why (raises)."""
    journal = ScanJournal(actions.store, actions.operator, actions.workstation, clock=actions.clock)
    session = PickStation(actions.store, actions, journal, clock=actions.clock).open(order_id)
    if not isinstance(session, PickSession):
        return actions.collected(order_id)
    for pick_line in session.view().lines:
        for _ in range(pick_line.remaining):
            answer = session.scan(unit_code(pick_line.line))
            assert answer.verdict.accepted, answer.verdict.message
    with actions.store.session() as s:
        order = load_order(s, order_id)
    assert order is not None
    return order
