"""The barcodes Prepdesk prints for itself: order labels, operator badges, command sheets.

Payloads use only upper-case letters, digits and '-', which every keyboard-wedge scanner sends
the same way whatever the keyboard layout of the workstation.
"""

from __future__ import annotations

import enum
import re

from app.i18n import tr

ORDER_PREFIX = "PDO-"
BADGE_PREFIX = "PDB-"
COMMAND_PREFIX = "PDC-"
OUR_PREFIXES = (ORDER_PREFIX, BADGE_PREFIX, COMMAND_PREFIX)

# A code taught as an alias of a SKU: what a barcode on an item can hold and a keyboard-wedge
# scanner sends the same everywhere (printable ASCII), short enough to read on a screen.
ALIAS_CODE_MAX = 64
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]+")


class Command(enum.StrEnum):
    CONFIRM = "CONFIRM"
    CANCEL = "CANCEL"
    SHORT = "SHORT"
    REPRINT = "REPRINT"
    QTY_1 = "QTY-1"
    QTY_5 = "QTY-5"
    QTY_10 = "QTY-10"

    @property
    def label(self) -> str:
        return tr(_COMMAND_LABELS[self])

    @property
    def quantity(self) -> int:
        """For the quantity commands, how many units one scan adds; 0 for the others."""
        return int(self.value.split("-")[1]) if self.value.startswith("QTY-") else 0


_COMMAND_LABELS = {
    Command.CONFIRM: "Confirm",
    Command.CANCEL: "Cancel",
    Command.SHORT: "Short pick",
    Command.REPRINT: "Reprint",
    Command.QTY_1: "Quantity +1",
    Command.QTY_5: "Quantity +5",
    Command.QTY_10: "Quantity +10",
}


def order_barcode(order_number: str) -> str:
    return ORDER_PREFIX + order_number


def badge_barcode(operator_code: str) -> str:
    return BADGE_PREFIX + operator_code


def command_barcode(command: Command) -> str:
    return COMMAND_PREFIX + command.value


def alias_code_problem(code: str) -> str | None:
    """Why `code` cannot be taught as an alias of a SKU, in words; None when it can.

    Our own order, badge and command codes (any case: a scanner on Caps Lock) always mean
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
    if code.upper().startswith(OUR_PREFIXES):
        return tr(
            "“{code}” is one of Prepdesk's own codes (order label, badge or command), not an item's.",
            code=code,
        )
    return None
