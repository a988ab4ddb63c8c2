"""The barcodes Prepdesk prints for itself: order labels, operator badges, command sheets.

Payloads use only upper-case letters, digits and '-', which every keyboard-wedge scanner sends
the same way whatever the keyboard layout of the workstation.
"""

from __future__ import annotations

import enum

from app.i18n import tr

ORDER_PREFIX = "PDO-"
BADGE_PREFIX = "PDB-"
COMMAND_PREFIX = "PDC-"
SERVICE_PREFIX = "PDS-"  # a prep service of the price list, on the command sheet


class Command(enum.StrEnum):
    CONFIRM = "CONFIRM"
    CANCEL = "CANCEL"
    SHORT = "SHORT"
    REPRINT = "REPRINT"
    QTY_1 = "QTY-1"
    QTY_5 = "QTY-5"
    QTY_10 = "QTY-10"
    SCANNER_SETUP = (
        "SCANNER-SETUP"  # scanned after setting a scanner's prefix and suffix: Prepdesk learns them
    )

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
    Command.SCANNER_SETUP: "Scanner set-up: learn its prefix and suffix",
}


def order_barcode(order_number: str) -> str:
    return ORDER_PREFIX + order_number


def badge_barcode(operator_code: str) -> str:
    return BADGE_PREFIX + operator_code


def command_barcode(command: Command) -> str:
    return COMMAND_PREFIX + command.value


def service_barcode(code: str) -> str:
    """A price-list service as a barcode: our letters only, so `FNSKU_LABEL` is `PDS-FNSKU-LABEL`."""
    return SERVICE_PREFIX + code.upper().replace("_", "-")
