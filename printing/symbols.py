"""Barcode symbols computed by us: the bars every renderer draws, and the exact ZPL that makes the
printer draw the same bars (Code 128 with explicit code sets, so printer and preview agree).
"""

from __future__ import annotations

from dataclasses import dataclass

from barcode.charsets import code128 as _c128

FNC1 = "\x1d"  # in GS1-128 data: a group separator, printed as FNC1
_START = {"B": 104, "C": 105}
_SWITCH_TO = {"B": 100, "C": 99}
_FNC1_VALUE = 102


class BarcodeDataError(ValueError):
    """Data this symbology cannot carry (e.g. a control character in a Code 128 SKU)."""


class BarcodeDoesNotFit(ValueError):
    """A barcode that would not fit its box even at the narrowest readable module: printed, it
    would run off the label and read as nothing, so the label is not made. `str()` says why."""


@dataclass(frozen=True, slots=True)
class LinearSymbol:
    modules: str  # "1" bar, "0" space, one character per narrow module, no quiet zone
    zpl_data: str  # field data for ^BC/^BE/^BU, before ^FH escaping


def _digits_run(data: str, i: int) -> int:
    n = 0
    while i + n < len(data) and data[i + n].isdigit():
        n += 1
    return n


def code128(data: str, gs1: bool = False) -> LinearSymbol:
    """Code 128 in sets B and C, switching to C for runs of digits where that is shorter."""
    if not data and not gs1:
        raise BarcodeDataError("empty")
    for ch in data:
        if not (32 <= ord(ch) < 127 or (gs1 and ch == FNC1)):
            raise BarcodeDataError(f"character {ch!r} cannot be put in Code 128 here")
    values: list[int] = []
    zpl: list[str] = []
    run = _digits_run(data, 0)
    current = "C" if run >= 4 or (run == len(data) and run % 2 == 0 and run > 0) else "B"
    values.append(_START[current])
    zpl.append(">;" if current == "C" else ">:")
    if gs1:
        values.append(_FNC1_VALUE)
        zpl.append(">8")
    i = 0
    while i < len(data):
        ch = data[i]
        if ch == FNC1:
            values.append(_FNC1_VALUE)
            zpl.append(">8")
            i += 1
            continue
        run = _digits_run(data, i)
        if current == "C":
            if run >= 2:
                values.append(int(data[i : i + 2]))
                zpl.append(data[i : i + 2])
                i += 2
                continue
            current = "B"
            values.append(_SWITCH_TO["B"])
            zpl.append(">6")
            continue
        if run >= 6 or (run >= 4 and i + run == len(data)):
            if run % 2:  # the odd digit goes in set B first
                values.append(ord(ch) - 32)
                zpl.append(ch)
                i += 1
            current = "C"
            values.append(_SWITCH_TO["C"])
            zpl.append(">5")
            continue
        values.append(ord(ch) - 32)
        # In ^BC, ">" starts an invocation code: ">0" is the character ">".
        zpl.append(">0" if ch == ">" else ch)
        i += 1
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    values.append(check)
    # python-barcode keeps the final 2-module termination bar apart from its STOP pattern
    modules = "".join(_c128.CODES[v] for v in values) + _c128.STOP + "11"
    return LinearSymbol(modules=modules, zpl_data="".join(zpl))


def ean13(data: str) -> LinearSymbol:
    """EAN-13 from 12 or 13 digits (a given check digit must be right)."""
    import barcode

    digits = data.strip()
    if not digits.isdigit() or len(digits) not in (12, 13):
        raise BarcodeDataError("EAN-13 takes 12 or 13 digits")
    symbol = barcode.get("ean13", digits[:12])
    if len(digits) == 13 and symbol.get_fullcode() != digits:
        raise BarcodeDataError("wrong EAN-13 check digit")
    return LinearSymbol(modules=symbol.build()[0], zpl_data=digits[:12])


def upca(data: str) -> LinearSymbol:
    import barcode

    digits = data.strip()
    if not digits.isdigit() or len(digits) not in (11, 12):
        raise BarcodeDataError("UPC-A takes 11 or 12 digits")
    symbol = barcode.get("upca", digits[:11])
    if len(digits) == 12 and symbol.get_fullcode() != digits:
        raise BarcodeDataError("wrong UPC-A check digit")
    return LinearSymbol(modules=symbol.build()[0], zpl_data=digits[:11])


def qr_matrix(data: str) -> list[list[bool]]:
    """QR code modules (error correction M), for renderers that draw it themselves."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(data)
    code.make()
    n = code.getModuleCount()
    return [[bool(code.isDark(r, c)) for c in range(n)] for r in range(n)]
