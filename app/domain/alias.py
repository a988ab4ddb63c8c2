"""A code taught at a packing table as another name of a seller's SKU (a supplier's barcode, a
relabelled item), and what a code must be to be taught. Shared by the server and the tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from app.domain.codes import BADGE_PREFIX, COMMAND_PREFIX, ORDER_PREFIX
from app.i18n import tr

# What a barcode on an item can hold and a keyboard-wedge scanner sends the same everywhere
# (printable ASCII), short enough to read on a screen.
ALIAS_CODE_MAX = 64
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]+")
_OUR_PREFIXES = (ORDER_PREFIX, BADGE_PREFIX, COMMAND_PREFIX)


@dataclass(frozen=True, slots=True)
class ProductAlias:
    """`code` stands for the seller's `sku`; taught by an operator at a workstation, at a time."""

    seller: str
    code: str
    sku: str
    taught_by: str = ""
    workstation: str = ""
    at: datetime | None = None


def alias_code_problem(code: str) -> str | None:
    """Why `code` cannot be taught as an alias of a SKU, in words; None when it can.

    Our own order, badge and command codes (in any case: a scanner on Caps Lock) always mean
    themselves, so none of them can ever stand for an item.
    """
    if not code:
        return tr("The code is empty.")
    if len(code) > ALIAS_CODE_MAX:
        return tr("A code is at most {max} characters long.", max=ALIAS_CODE_MAX)
    if not _PRINTABLE_ASCII.fullmatch(code):
        return tr("A code holds only letters, digits, spaces and punctuation of plain ASCII.")
    if code != code.strip(" "):
        return tr("A code does not begin or end with a space.")
    if code.upper().startswith(_OUR_PREFIXES):
        return tr(
            "“{code}” is one of Prepdesk's own codes (order label, badge or command), not an item's.",
            code=code,
        )
    return None
