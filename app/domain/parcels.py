"""Parcels and their tracking numbers: the one spelling of a tracking number, and when an order
may ship. Shared by the server (which refuses) and the core (which checks before it confirms).

Decisions (README, "Parcels and shipping"):
- A tracking number is kept without spaces and in capitals, ASCII letters and digits only, at
  most MAX_TRACKING characters: `1z 999 aa1…` and `1Z999AA1…` are one parcel.
- A shipping service is untracked when its name says so: the word "untracked" or "no tracking"
  ("Royal Mail 2nd Class Untracked", "Letter - no tracking"). Only then may a parcel go without a
  tracking number.
- An order ships (7.1) only with at least one parcel, each with its tracking number unless the
  bought service is untracked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.domain.values import ValueRefused
from app.i18n import tr

MAX_TRACKING = 40
_TRACKING = re.compile(r"[A-Z0-9]+")
_UNTRACKED = re.compile(r"\buntracked\b|\bno[\s-]+tracking\b", re.IGNORECASE)


def normal_tracking(text: str) -> str:
    """The tracking number as it is kept and compared: spaces out, capitals; refused (with the
    reason) when it holds a control character or anything but ASCII letters and digits."""
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text):
        raise ValueRefused(tr("The tracking number holds control characters (such as a line break)."))
    value = "".join(text.split()).upper()
    if len(value) > MAX_TRACKING:
        raise ValueRefused(tr("A tracking number has at most {max} characters.", max=MAX_TRACKING))
    if value and not (value.isascii() and _TRACKING.fullmatch(value)):
        raise ValueRefused(tr("A tracking number is made of the letters A-Z and digits only."))
    return value


def is_untracked(shipping_service: str) -> bool:
    """True when the service the seller bought has no tracking (its name says so)."""
    return bool(_UNTRACKED.search(shipping_service))


def why_tracking_missing(shipping_service: str, tracking_numbers: Iterable[str]) -> str | None:
    """Why these parcels may not go as they are (one lacks its tracking number and the bought
    service is tracked), in words; None when they may."""
    if is_untracked(shipping_service) or all(tracking_numbers):
        return None
    return tr(
        "Every parcel needs its tracking number: “{service}” is a tracked service.",
        service=shipping_service or tr("the shipping service"),
    )


def why_not_shippable(shipping_service: str, tracking_numbers: Iterable[str]) -> str | None:
    """Why an order with these parcels (their tracking numbers, "" for none) may not ship yet, in
    words; None when it may."""
    numbers = list(tracking_numbers)
    if not numbers:
        return tr("An order ships with at least one parcel; record its parcels first.")
    return why_tracking_missing(shipping_service, numbers)
