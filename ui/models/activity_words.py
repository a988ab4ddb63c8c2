"""How the activity log reads to a person: the action in words, and the operator by name.

Shared by the activity page and the order detail's timeline, so one entry reads the same on both.
"""

from __future__ import annotations

from typing import Any

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


def operator_names(store: Any) -> dict[str, str]:
    """Code → name of every operator the server named to this table (kept for offline use).
    Store lane."""
    known = load_cached(store, OPERATORS_CACHE) or []
    return {o["code"]: o.get("name") or "" for o in known if isinstance(o, dict) and o.get("code")}


def who(code: str, names: dict[str, str]) -> str:
    """ "Ann Miller (ann)"; the bare code for an operator this table has never been told about."""
    name = names.get(code, "")
    return f"{name} ({code})" if name and name != code else code
