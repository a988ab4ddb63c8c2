"""Every scan's one path: what it means, what the frame should do with it, written to the scan
journal first (DESIGN.md, "Never lose a scan"). No Qt.

The page on screen is asked first (on the GUI thread, `handle_scan`); then `take_scan` runs on
the store lane for every scan — a page's (`taken_by` the page: only journalled), a badge, an
order's or a parcel's label, a product code, a command no page took, a code that means nothing —
and answers its verdict, which `ui/scan_router.py` carries out. The pick and pack stations write
each scan of their rounds with its effect in their own transaction (`app.stations`): their scans
come here only when the station did not take them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from app.flows import ScanJournal
from app.i18n import tr
from app.scan import ScanKind, ScanMeaning, interpret
from app.store import Store
from app.store.queries import order_id_by_number, order_ids_by_tracking


class ScanAct(enum.StrEnum):
    """What the frame does with a scan."""

    TAKEN = "page"  # the page on screen took it
    SIGN_IN = "badge"  # an operator's badge: sign them in
    OPEN_ORDER = "order"  # open `order_id`
    FIND_ORDERS = "product"  # the order list searches for `search`
    REFUSED = "refused"  # a label of an order or parcel this table does not hold: `message`
    NOTHING = "nothing"  # means nothing here: `message`


@dataclass(frozen=True, slots=True)
class ScanVerdict:
    act: ScanAct
    meaning: ScanMeaning
    order_id: str | None = None
    search: str = ""  # FIND_ORDERS: what to search for
    message: str = ""  # REFUSED, NOTHING: why, in the operator's words
    journal_id: int | None = None  # None: no journal at this table (no store flows)

    @property
    def where(self) -> str:
        """Where the scan went, in the router's words: page, badge, order, tracking, product,
        nothing."""
        if self.act in (ScanAct.TAKEN, ScanAct.SIGN_IN):
            return self.act.value
        if self.meaning.kind in (ScanKind.ORDER, ScanKind.TRACKING):
            return self.meaning.kind.value
        return "product" if self.act is ScanAct.FIND_ORDERS else "nothing"


def take_scan(store: Store, journal: ScanJournal | None, text: str, *, taken_by: str = "") -> ScanVerdict:
    """Look the scan up and journal it; its verdict. `taken_by`: the page that took it (the
    scan is then only written down). Store lane."""
    meaning = interpret(text)  # our own codes whatever their case (a scanner on Caps Lock)
    verdict, order_id, journal_verdict = _verdict(store, meaning, taken_by)
    kind = meaning.kind.value
    journal_id = journal.journal_scan(text, kind, order_id, journal_verdict) if journal is not None else None
    return ScanVerdict(
        verdict.act,
        meaning,
        verdict.order_id,
        verdict.search,
        verdict.message,
        journal_id,
    )


def _verdict(store: Store, meaning: ScanMeaning, taken_by: str) -> tuple[ScanVerdict, str | None, str]:
    """(verdict, the order the journal names, the journal's verdict)."""
    if taken_by:
        return ScanVerdict(ScanAct.TAKEN, meaning), None, f"taken by {taken_by}"
    if meaning.kind is ScanKind.BADGE:
        return ScanVerdict(ScanAct.SIGN_IN, meaning), None, "sign-in"
    if meaning.kind is ScanKind.ORDER:
        number = meaning.value
        with store.session() as s:
            order_id = order_id_by_number(s, number)
        if order_id is None:
            message = tr("No order {number} at this workstation.", number=number)
            return ScanVerdict(ScanAct.REFUSED, meaning, message=message), None, "unknown order"
        return ScanVerdict(ScanAct.OPEN_ORDER, meaning, order_id=order_id), order_id, "opened"
    if meaning.kind is ScanKind.TRACKING:
        tracking_number = meaning.value
        with store.session() as s:
            found = order_ids_by_tracking(s, tracking_number)
        if len(found) == 1:
            return ScanVerdict(ScanAct.OPEN_ORDER, meaning, order_id=found[0]), found[0], "opened"
        if found:  # several orders: the list shows them
            verdict = ScanVerdict(ScanAct.FIND_ORDERS, meaning, search=tracking_number)
            return verdict, None, f"{len(found)} orders"
        message = tr("No parcel with tracking number {number} at this workstation.", number=tracking_number)
        return ScanVerdict(ScanAct.REFUSED, meaning, message=message), None, "0 orders"
    code = product_code(meaning)
    if code:
        return ScanVerdict(ScanAct.FIND_ORDERS, meaning, search=code), None, "orders searched"
    if meaning.kind is ScanKind.UNKNOWN:
        reason = meaning.reason or tr("unknown code")
        message = tr("“{scan}”: {reason}", scan=meaning.raw, reason=reason)
        return ScanVerdict(ScanAct.NOTHING, meaning, message=message), None, "unknown code"
    message = tr("“{scan}” means nothing on this page.", scan=meaning.raw)
    return ScanVerdict(ScanAct.NOTHING, meaning, message=message), None, "nothing here"


def product_code(meaning: ScanMeaning) -> str:
    """The code to look orders up by, for a product scan: the EAN/UPC/FNSKU as scanned, or a GS1
    string's GTIN (as an EAN-13 where it starts with 0, as the lines keep it); "" for others."""
    if meaning.kind is ScanKind.PRODUCT:
        return meaning.value
    gtin = meaning.gs1.gtin if meaning.kind is ScanKind.GS1 and meaning.gs1 is not None else None
    if gtin:
        return gtin[1:] if gtin.startswith("0") else gtin
    return ""
