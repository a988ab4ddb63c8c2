"""The operators who may sign in at this table: the server's list, remembered in the store so a
table signs people in while the server cannot be reached.

`remembered_operators` on the store lane; `ask_and_remember` on the sync lane (the server
client's), where it also writes what it heard into the store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.domain.people import Operator, Whoami
from app.settings import OPERATORS_CACHE, load_cached, save_cached

if TYPE_CHECKING:
    from app.store import Store


def remembered_operators(store: Store) -> list[Operator]:
    """The names last heard from the server ([] before the first answer; a damaged entry left out)."""
    value = load_cached(store, OPERATORS_CACHE)
    if not isinstance(value, list):
        return []
    operators = []
    for d in value:
        if isinstance(d, dict) and d.get("code"):
            operators.append(
                Operator(str(d["code"]), str(d.get("name") or d["code"]), str(d.get("badge") or ""))
            )
    return operators


def ask_and_remember(who_works_here: Callable[[], Whoami], store: Store) -> list[Operator]:
    """The server's operators (the token's own where it names no others), remembered when they
    changed. Raises what the server call raises (offline: the remembered names stand)."""
    me = who_works_here()
    operators = list(me.operators) or [me.operator]
    if operators != remembered_operators(store):
        save_cached(
            store, OPERATORS_CACHE, [{"code": o.code, "name": o.name, "badge": o.badge} for o in operators]
        )
    return operators
