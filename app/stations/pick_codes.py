"""Which order line a scan names: a line is named by its SKU, FNSKU and EAN/UPC (as the 14-digit
GTIN it stands for, so a UPC-A, its EAN-13 and a GS1 carton's GTIN all meet); a scan names every
reading of it. No I/O: the pick session asks these on the store lane for every scan."""

from __future__ import annotations

from app.domain import Order
from app.scan import ScanMeaning


def gtin14(code: str) -> str:
    """An EAN/UPC as the 14-digit GTIN it stands for ("" for other codes)."""
    return code.zfill(14) if code.isdigit() and 8 <= len(code) <= 14 else ""


def line_keys(order: Order) -> dict[str, list[int]]:
    """Every code that names a line, to the line positions it names (in order)."""
    keys: dict[str, list[int]] = {}
    for i, line in enumerate(order.lines):
        for code in {line.sku.upper(), line.fnsku.upper(), line.ean.upper(), gtin14(line.ean)}:
            if code:
                keys.setdefault(code, []).append(i)
    return keys


def scan_keys(meaning: ScanMeaning) -> list[str]:
    """The codes a scan may name a line by: every reading of it, then its raw text."""
    keys: list[str] = []
    for cand in meaning.candidates:
        keys.extend(k for k in (cand.value.upper(), cand.gtin or "") if k)
    if meaning.gs1 is not None and meaning.gs1.gtin:
        keys.append(meaning.gs1.gtin)
    keys.append(meaning.text.upper())
    return keys
