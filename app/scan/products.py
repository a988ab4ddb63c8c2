"""Product codes on the goods: EAN-13, EAN-8, UPC-A, UPC-E and GTIN-14 with their check digit,
and Amazon's FNSKU and ASIN. Anything else a pick screen may still match as a seller's SKU.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import tr
from app.scan.checks import gs1_check_ok


@dataclass(frozen=True, slots=True)
class ProductMatch:
    format: str  # ean13, ean8, upc_a, upc_e, gtin14, fnsku, asin
    code: str
    gtin: str | None  # the 14-digit GTIN the code stands for
    specificity: int


_NUMERIC_FORMATS = {8: ("ean8", 55), 12: ("upc_a", 65), 13: ("ean13", 70), 14: ("gtin14", 60)}
# What each format is called where a person reads it.
FORMAT_NAMES = {
    "ean13": "EAN-13",
    "ean8": "EAN-8",
    "upc_a": "UPC-A",
    "upc_e": "UPC-E",
    "gtin14": "GTIN-14",
    "fnsku": "Amazon FNSKU",
    "asin": "Amazon ASIN",
}
_NAMES = {n: FORMAT_NAMES[fmt] for n, (fmt, _) in _NUMERIC_FORMATS.items()}


def upc_e_to_upc_a(code: str) -> str | None:
    """Expand an 8-digit UPC-E (number system 0 or 1) to its 12-digit UPC-A, or None."""
    if len(code) != 8 or not code.isdigit() or code[0] not in "01":
        return None
    ns, d, check = code[0], code[1:7], code[7]
    last = d[5]
    if last in "012":
        body = d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        body = d[0:3] + "00000" + d[3:5]
    elif last == "4":
        body = d[0:4] + "00000" + d[4]
    else:
        body = d[0:5] + "0000" + last
    return ns + body + check


def find_products(text: str, symbology: str | None) -> tuple[list[ProductMatch], str | None]:
    """Product readings of `text` and, when a code has the shape but a wrong check digit, why not."""
    n = len(text)
    if text.isdigit() and text.isascii():
        fmt = _NUMERIC_FORMATS.get(n)
        if fmt is None or not text.strip("0"):
            return [], None
        matches: list[ProductMatch] = []
        miss: str | None = None
        if gs1_check_ok(text):
            name, spec = fmt
            # A scanner that says EAN/UPC (]E) makes the reading certain.
            matches.append(
                ProductMatch(
                    name,
                    text,
                    text.zfill(14),
                    spec + 25 if symbology and symbology.startswith("]E") else spec,
                )
            )
        else:
            miss = tr("Looks like a product code ({format}), but its check digit is wrong", format=_NAMES[n])
        if n == 8:
            upc_a = upc_e_to_upc_a(text)
            if upc_a is not None and gs1_check_ok(upc_a):
                matches.append(ProductMatch("upc_e", text, upc_a.zfill(14), 50))
                miss = None
        return matches, miss
    if n == 10 and text.isalnum() and text.isascii():
        up = text.upper()
        if up.startswith("X00"):
            return [ProductMatch("fnsku", up, None, 85)], None
        if up.startswith("B0"):
            return [ProductMatch("asin", up, None, 70)], None
    return [], None


def looks_like_sku(text: str) -> bool:
    """A seller's SKU as a pick screen may meet it: one printable token of sensible length."""
    return 1 <= len(text) <= 64 and text.isprintable() and not any(ch.isspace() for ch in text)
