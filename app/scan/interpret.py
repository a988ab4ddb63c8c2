"""From the raw string a scanner sent to what it means, for the screen that asked.

Runs on whichever thread calls it; pure and fast (no I/O, no locks), so the GUI thread may call
it for every scan.
"""

from __future__ import annotations

from app.domain.codes import BADGE_PREFIX, COMMAND_PREFIX, ORDER_PREFIX, SERVICE_PREFIX, Command
from app.i18n import tr
from app.scan import gs1, products, tracking
from app.scan.meaning import Candidate, ScanContext, ScanKind, ScanMeaning, Symbology

# A GS1 DataMatrix holds up to ~2,300 characters; anything much longer is a stuck key or a
# burst of junk, not one barcode.
MAX_SCAN_LENGTH = 4096

_AIM_NAMES = {
    "A": "Code 39",
    "C": "Code 128",
    "d": "Data Matrix",
    "E": "EAN/UPC",
    "e": "GS1 DataBar",
    "F": "Codabar",
    "G": "Code 93",
    "H": "Code 11",
    "I": "Interleaved 2 of 5",
    "L": "PDF417",
    "Q": "QR Code",
    "z": "Aztec",
    "X": "Other",
}
_AIM_SPECIAL = {
    "]C1": "GS1-128",
    "]d2": "GS1 DataMatrix",
    "]Q3": "GS1 QR Code",
    "]E4": "EAN-8",
    "]e0": "GS1 DataBar",
}

_CONTEXT_BONUS: dict[ScanContext, dict[ScanKind, int]] = {
    ScanContext.ANY: {},
    ScanContext.ORDER_LOOKUP: {ScanKind.ORDER: 60, ScanKind.TRACKING: 30},
    ScanContext.PICK: {ScanKind.PRODUCT: 50, ScanKind.GS1: 50},
    ScanContext.SHIP: {ScanKind.TRACKING: 50},
    ScanContext.SIGN_IN: {ScanKind.BADGE: 60},
}
_OUR_PAYLOAD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
_EDGE = "".join(chr(i) for i in range(33)) + "\x7f"


def _symbology(text: str) -> tuple[Symbology | None, str]:
    if len(text) >= 3 and text[0] == "]" and text[1] in _AIM_NAMES:
        ident = text[:3]
        name = _AIM_SPECIAL.get(ident) or _AIM_NAMES[text[1]]
        return Symbology(ident, name), text[3:]
    return None, text


def _clean(raw: str) -> str:
    """Drop what no barcode carries: surrounding whitespace and control characters (the
    scanner's terminator, a stray NUL), and control characters inside other than GS."""
    text = raw.strip(_EDGE.replace(gs1.GS, "")).strip(" \t\r\n")
    if not text.isprintable():
        text = "".join(ch for ch in text if ch.isprintable() or ch == gs1.GS)
    return text


def _unknown(raw: str, text: str, symbology: Symbology | None, reason: str) -> ScanMeaning:
    return ScanMeaning(raw, text, ScanKind.UNKNOWN, text, symbology=symbology, reason=reason)


def _own_code(raw: str, text: str, symbology: Symbology | None) -> ScanMeaning | None:
    """Our own order labels, badges and command barcodes. Case is ignored: a scanner on a
    workstation with Caps Lock on types them in small letters."""
    upper = text.upper()
    if not upper.startswith("PD") or len(upper) < 5:
        return None
    for prefix, kind in (
        (ORDER_PREFIX, ScanKind.ORDER),
        (BADGE_PREFIX, ScanKind.BADGE),
        (COMMAND_PREFIX, ScanKind.COMMAND),
        (SERVICE_PREFIX, ScanKind.SERVICE),
    ):
        if not upper.startswith(prefix):
            continue
        payload = upper[len(prefix) :]
        if not payload or not _OUR_PAYLOAD.issuperset(payload):
            return _unknown(raw, text, symbology, tr("A Prepdesk barcode with a damaged payload"))
        command: Command | None = None
        if kind is ScanKind.COMMAND:
            try:
                command = Command(payload)
            except ValueError:
                return _unknown(raw, text, symbology, tr("Unknown command barcode {code}", code=payload))
        candidate = Candidate(kind, payload, kind.value, 100, command=command)
        return ScanMeaning(
            raw, text, kind, payload, kind.value, symbology, command=command, candidates=(candidate,)
        )
    return None


def _is_amazon_order_id(text: str) -> bool:
    """Amazon's order id, as on its packing slips: 3-7-7 digits."""
    return len(text) == 19 and text[3] == "-" and text[11] == "-" and text.replace("-", "").isdigit()


def interpret(raw: str, context: ScanContext = ScanContext.ANY) -> ScanMeaning:
    """What `raw` means on the screen described by `context`. Never raises; a string that is no
    code we know comes back as kind `unknown` with a reason a person can read."""
    text = _clean(raw)
    symbology, text = _symbology(text)
    if not text:
        return _unknown(raw, text, symbology, tr("Empty scan"))
    if len(text) > MAX_SCAN_LENGTH:
        return _unknown(
            raw, text[:64], symbology, tr("Too long for one barcode ({n} characters)", n=len(text))
        )
    own = _own_code(raw, text, symbology)
    if own is not None:
        return own

    candidates: list[Candidate] = []
    reasons: list[tuple[ScanKind, str]] = []  # near misses, for the screen when nothing matched
    gs_text = gs1.with_real_gs(text)
    gs1_symbology = symbology is not None and symbology.is_gs1
    link = gs1.is_digital_link(text)
    if link or gs1.worth_trying(gs_text, gs1_symbology=gs1_symbology):
        data, why, wrong_check = gs1.parse_digital_link(text) if link else gs1.parse_gs1(gs_text)
        if data is not None:
            certain = (
                link or gs1_symbology or gs1.GS in gs_text or text.startswith("(") or len(data.elements) > 1
            )
            spec = (90 if certain else 70) if (data.gtin or data.sscc) else 40
            value = data.gtin or data.sscc or data.hri
            candidates.append(Candidate(ScanKind.GS1, value, "gs1", spec, gtin=data.gtin, gs1=data))
        elif why and (link or wrong_check or gs1_symbology or gs1.GS in gs_text):
            reasons.append((ScanKind.GS1, why))

    compact = (
        gs_text.replace(gs1.GS, "").replace(" ", "").upper()
        if (" " in text or gs1.GS in gs_text)
        else text.upper()
    )
    found = tracking.find_tracking(compact)
    for m in found.matches:
        url = m.carrier.tracking_url(m.number)
        candidates.append(Candidate(ScanKind.TRACKING, m.number, m.format, m.specificity, m.carrier, url))
    if found.near_miss:
        reasons.append((ScanKind.TRACKING, found.near_miss))

    product_text = compact if compact.isdigit() else text
    sym_id = symbology.identifier if symbology else None
    prods, product_miss = products.find_products(product_text, sym_id)
    for p in prods:
        candidates.append(Candidate(ScanKind.PRODUCT, p.code, p.format, p.specificity, gtin=p.gtin))
    if product_miss:
        reasons.append((ScanKind.PRODUCT, product_miss))
    if _is_amazon_order_id(text):
        candidates.append(Candidate(ScanKind.ORDER, text, "amazon_order", 80))
    if not candidates and not reasons and products.looks_like_sku(text):
        # A string we do not recognise may still be the seller's SKU on the pick screen, or an
        # order number typed or scanned from another system on the order lookup screen.
        if context is ScanContext.PICK:
            candidates.append(Candidate(ScanKind.PRODUCT, text, "sku", 5))
        elif context is ScanContext.ORDER_LOOKUP:
            candidates.append(Candidate(ScanKind.ORDER, text, "order_number", 5))

    bonus = _CONTEXT_BONUS[context]
    if not candidates:
        if not reasons:
            return _unknown(raw, text, symbology, tr("Not a barcode Prepdesk knows"))
        # The near miss this screen cares about most: a bad UPC on the pick screen, a bad
        # FedEx number on the ship screen.
        reason = max(reasons, key=lambda r: bonus.get(r[0], 0))[1]
        return _unknown(raw, text, symbology, reason)
    if len(candidates) > 1:
        candidates.sort(key=lambda cand: cand.specificity + bonus.get(cand.kind, 0), reverse=True)
    best = candidates[0]
    return ScanMeaning(
        raw,
        text,
        best.kind,
        best.value,
        best.format,
        symbology,
        carrier=best.carrier,
        url=best.url,
        gtin=best.gtin,
        gs1=best.gs1,
        command=best.command,
        candidates=tuple(candidates),
    )
