"""How the activity log reads to a person: the action in words, and the operator by name.

Shared by the activity page and the order detail's timeline, so one entry reads the same on both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from app.domain import Activity, OrderStatus
from app.i18n import tr
from app.settings import OPERATORS_CACHE, load_cached

_ACTIONS = {
    "status": "Status changed",
    "claim": "Claimed",
    "release": "Released",
    "takeover": "Taken over",
    "shipment": "Parcel recorded",
    "services": "Services recorded",
    "reprint": "Reprinted",
    "refused": "Refused by the server",
    "alias": "Code taught",
    "cancelled": "Cancelled",
    "print": "Printed",
    "labels_voided": "Labels voided",
    "received": "Received",
    "created": "Created",
    "push_confirmed": "Marketplace confirmed",
    "push_failed": "Marketplace refused",
    "push_retry": "Sent to the marketplace again",
    "push_dismissed": "Marketplace refusal dismissed",
}


def action_words(action: str) -> str:
    """ "Parcel recorded" for `shipment`; an action this table does not know reads as it came."""
    return tr(_ACTIONS[action]) if action in _ACTIONS else action


# How the table and the server write a status move: "5.1 → 6", maybe ": the reason" after it.
_MOVE = re.compile(r"^\s*(?P<before>[\d.]+)\s*→\s*(?P<after>[\d.]+)\s*(?::\s*(?P<reason>.*))?$", re.DOTALL)


def _status_name(code: str) -> str:
    try:
        return OrderStatus(code).label
    except ValueError:
        return code  # a status this table does not know reads as it came


def detail_words(action: str, detail: str) -> str:
    """An entry's detail as a person reads it: a status move by the statuses' names
    ("Ready to print → Printed: reason", not "5.1 → 6: reason"); other details as written."""
    move = _MOVE.match(detail) if action == "status" else None
    if move is None:
        return detail
    words = tr("{before} → {after}", before=_status_name(move["before"]), after=_status_name(move["after"]))
    return f"{words}: {move['reason']}" if move["reason"] else words


def _move_key(entry: Activity) -> tuple[str, str, str, str]:
    move = _MOVE.match(entry.detail)
    detail = f"{move['before']}→{move['after']}:{(move['reason'] or '').strip()}" if move else entry.detail
    return entry.action, detail, entry.operator, entry.workstation


def one_entry_per_change(entries: Sequence[Activity]) -> list[Activity]:
    """The order's entries with a status move this table logged and the server logged again
    (the same move, by the same operator at the same table, fetched back with the order) shown
    once, as this table's entry: where it was made, when it was made. The k-th server copy of a
    move pairs with the k-th entry this table wrote of it, so a move truly made twice (printed,
    voided, printed again) stays twice. Order kept."""
    here: dict[tuple[str, str, str, str], int] = {}
    for entry in entries:
        if entry.action == "status" and entry.logged_here:
            key = _move_key(entry)
            here[key] = here.get(key, 0) + 1
    out: list[Activity] = []
    for entry in entries:
        if entry.action == "status" and not entry.logged_here:
            key = _move_key(entry)
            if here.get(key, 0) > 0:
                here[key] -= 1
                continue  # the server's copy of a move this table logged
        out.append(entry)
    return out


def operator_names(store: Any) -> dict[str, str]:
    """Code → name of every operator the server named to this table (kept for offline use).
    Store lane."""
    known = load_cached(store, OPERATORS_CACHE) or []
    return {o["code"]: o.get("name") or "" for o in known if isinstance(o, dict) and o.get("code")}


def who(code: str, names: dict[str, str]) -> str:
    """ "Ann Miller (ann)"; the bare code for an operator this table has never been told about."""
    name = names.get(code, "")
    return f"{name} ({code})" if name and name != code else code
