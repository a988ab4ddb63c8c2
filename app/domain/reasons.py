"""The usual reasons a packing table gives, offered as a short list beside free text wherever a
reason is asked: a reprint, a print error (the order's data is wrong), goods missing, a reopen.

A reason is still words the operator may write for themselves; the list only spares typing the
same few at a packing table. Each is translated when read (a language switch shows at once) and
goes to the server and the activity log as the operator read it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from app.i18n import tr


class ReasonAsked(enum.StrEnum):
    """What the reason is for."""

    REPRINT = "reprint"  # a label or slip printed again; labels voided (6 → 5.1)
    PRINT_ERROR = "print_error"  # the order's data is wrong (→ 5.3)
    AWAITING_STOCK = "awaiting_stock"  # goods are missing (→ 5.2)
    REOPEN = "reopen"  # a collected order back to printed (6.4 → 6)


_USUAL: dict[ReasonAsked, tuple[Callable[[], str], ...]] = {
    ReasonAsked.REPRINT: (
        lambda: tr("Torn or damaged label"),
        lambda: tr("Printer jam"),
        lambda: tr("Faded or unreadable print"),
        lambda: tr("Wrong address on the label"),
        lambda: tr("Label lost"),
        lambda: tr("Wrong label size or stock"),
    ),
    ReasonAsked.PRINT_ERROR: (
        lambda: tr("Wrong or incomplete address"),
        lambda: tr("Postcode missing or wrong"),
        lambda: tr("House number missing"),
        lambda: tr("Recipient name missing"),
        lambda: tr("Street line too long for the carrier"),
        lambda: tr("Phone number missing"),
        lambda: tr("Carrier does not serve this address"),
    ),
    ReasonAsked.AWAITING_STOCK: (
        lambda: tr("Not on the shelf"),
        lambda: tr("Fewer units than ordered"),
        lambda: tr("Item damaged"),
        lambda: tr("Wrong item in the bin"),
    ),
    ReasonAsked.REOPEN: (
        lambda: tr("A unit is missing"),
        lambda: tr("Wrong item packed"),
        lambda: tr("Item damaged at packing"),
    ),
}


def usual_reasons(asked: ReasonAsked) -> list[str]:
    """The short list for `asked`, in the operator's language, most common first."""
    return [words() for words in _USUAL[asked]]
