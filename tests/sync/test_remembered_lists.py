"""What the table hears from the server for signing in and for services — the operators, the
price list — is remembered in the store, so the table works on while the server is away; and
the store is written only when the server said something new."""

from __future__ import annotations

import pytest

from app.api import OrderServerClient, ServerUnreachable
from app.domain.people import badge_matches
from app.operators import ask_and_remember, remembered_operators
from app.stations.services import cached_price_list, fresh_price_list
from app.store import Store
from server.harness import RunningServer


def test_operators_heard_once_sign_people_in_while_the_server_is_away(
    server: RunningServer, store: Store, client: OrderServerClient
) -> None:
    assert remembered_operators(store) == []
    heard = ask_and_remember(client.me, store)
    assert len(heard) == 4 and remembered_operators(store) == heard
    chen = next(o for o in heard if o.name.startswith("Chen"))
    assert badge_matches(chen, f"PDB-{chen.badge}") and not badge_matches(chen, "PDB-")

    server.stop()
    with pytest.raises(ServerUnreachable):
        ask_and_remember(client.me, store)
    assert remembered_operators(store) == heard  # the names stand


def test_a_price_list_is_kept_for_offline_use_and_written_only_when_it_changed(
    server: RunningServer, store: Store, client: OrderServerClient
) -> None:
    offers = fresh_price_list(client.services, store)
    assert offers and cached_price_list(store) == offers
    written = store.path.stat().st_mtime_ns, store.path.with_name(store.path.name + "-wal").stat().st_size
    fresh_price_list(client.services, store)  # the same list again
    assert (
        store.path.stat().st_mtime_ns,
        store.path.with_name(store.path.name + "-wal").stat().st_size,
    ) == written
    server.stop()
    with pytest.raises(ServerUnreachable):
        fresh_price_list(client.services, store)
    assert cached_price_list(store) == offers
