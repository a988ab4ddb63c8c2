"""A server's order with any field of the wrong kind — a number where words go, words where a
list goes, a list where a number goes, nothing where something must be — is either refused
with the page it came on (nothing written, the cursor where it was), or stored so that it reads
back: never an order in the store that breaks the screens that show it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.api import OrderServerClient, ServerFailed
from app.order_view import order_view
from app.store import Store, SyncCursor, queries
from app.sync import SyncEngine
from tests.store.conftest import make_order
from tests.sync.conftest import Misbehaviour

HOSTILE: list[Any] = [None, 5, -1, 1.5, "x", "", [], [1], {"a": 1}, True]


def _fields(order: dict[str, Any]) -> list[tuple[tuple[str | int, ...], Any]]:
    """Every place in the order a value sits: top-level keys, and each key of its first line,
    parcel, service, service asked and of its recipient."""
    places: list[tuple[tuple[str | int, ...], Any]] = [((k,), v) for k, v in order.items()]
    for key in ("lines", "shipments", "services", "services_asked"):
        if order.get(key):
            places += [((key, 0, k), v) for k, v in order[key][0].items()]
    places += [(("recipient", k), v) for k, v in order["recipient"].items()]
    return places


def _with(order: dict[str, Any], place: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    changed = json.loads(json.dumps(order))
    target = changed
    for step in place[:-1]:
        target = target[step]
    target[place[-1]] = value
    return changed


def test_an_order_with_any_field_of_the_wrong_kind_is_refused_or_reads_back(
    tmp_path: Path, bad_server: tuple[str, Misbehaviour]
) -> None:
    url, mood = bad_server
    sound = make_order(1).to_dict()
    sound["services_asked"] = [{"code": "POLYBAG", "quantity": 2, "name": "Polybag"}]
    sound["buyer_language"] = "ru"
    client = OrderServerClient(url, "token", "T1", get_retries=0)
    stored_unreadable: list[str] = []
    cases = 0
    for n, (place, _value) in enumerate(_fields(sound)):
        if place in (("id",),):
            continue  # an order without its id is refused by the page's own check (tested apart)
        for k, value in enumerate(HOSTILE):
            cases += 1
            store = Store(tmp_path / f"s{n}-{k}" / "prepdesk.sqlite3")
            try:
                order = _with(sound, place, value)
                page = {"orders": [order], "cursor": "9", "has_more": False}
                mood.status, mood.body = 200, json.dumps(page).encode()
                error = SyncEngine(store, client).run_once().error
                with store.session() as s:
                    written = queries.list_orders(s).total
                    cursor = s.scalar(select(SyncCursor.cursor))
                # (the fake server answers every call with this page: the feeds after the orders'
                # may fail on it too, so an error says nothing of whether the order was taken)
                assert error is None or isinstance(error, ServerFailed), (place, value, error)
                if written == 0:
                    assert cursor is None, (place, value)  # refused: the page is asked again
                    continue
                try:
                    with store.session() as s:
                        loaded = queries.load_order(s, str(order["id"]))
                    assert loaded is not None
                    order_view(store, loaded.id)
                except Exception as e:  # any failure to read it back is the defect
                    stored_unreadable.append(f"{'.'.join(map(str, place))} = {value!r}: {e!r}")
            finally:
                store.close()
    assert cases > 300
    assert stored_unreadable == []
