"""A layout resolved for one dpi: every position in whole dots, text fitted into lines, barcodes
turned into bars. Computed once; ZPL, PDF, PNG and the Qt preview all draw from it.
"""

from __future__ import annotations

import io
import logging
import math
import unicodedata
from dataclasses import dataclass, field, replace

from PIL import Image, ImageOps

from app.i18n import tr
from printing import fonts
from printing.datamatrix import datamatrix_cells
from printing.layout import Align, Barcode, Box, LabelLayout, Picture, Rule, Symbology, Text
from printing.symbols import BarcodeDataError, BarcodeDoesNotFit, code128, ean13, qr_matrix, upca

log = logging.getLogger(__name__)

MIN_MODULE = 2  # dots: the narrowest bar or cell a scanner reads (0.25 mm at 203 dpi)
LINE_PITCH = 1.2  # line spacing, as a multiple of the character size
_SHRINK_STEP = 0.9


@dataclass(slots=True)
class TextLine:
    x: int  # top left of the line box, dots
    y: int
    text: str
    size: int  # character size in dots (^A0 height; our em is 1.03x that)
    width: int
    resident: bool  # printed with the printer's font 0; else drawn from the bundled fonts
    bold: bool


@dataclass(slots=True)
class Bars:
    x: int
    y: int
    height: int
    module: int  # narrow bar, dots
    modules: str
    symbology: Symbology
    data: str
    zpl_data: str

    @property
    def width(self) -> int:
        return len(self.modules) * self.module


@dataclass(slots=True)
class Matrix:
    x: int
    y: int
    module: int
    cells: tuple[tuple[bool, ...], ...]  # dark modules, row by row, no quiet zone
    symbology: Symbology
    data: str
    size: int  # dots, square


@dataclass(slots=True)
class Rect:
    x: int
    y: int
    w: int
    h: int
    thickness: int
    filled: bool


@dataclass(slots=True)
class Bitmap:
    x: int
    y: int
    image: Image.Image  # mode "1", already at printer dots
    w_mm: float
    h_mm: float
    content: bytes  # the original image, for PDF


Item = TextLine | Bars | Matrix | Rect | Bitmap


@dataclass(slots=True)
class ResolvedLabel:
    width: int
    height: int
    dpi: int
    items: list[Item] = field(default_factory=list)
    name: str = ""
    # characters of its text no bundled font draws, printed as "?" (reported, never a box)
    missing_glyphs: set[str] = field(default_factory=set)


def dots(mm: float, dpi: int) -> int:
    return round(mm * dpi / 25.4)


def resolve(layout: LabelLayout, dpi: int = 203, *, resident: bool = True) -> ResolvedLabel:
    """`layout` at `dpi`. With `resident`, printable-ASCII text uses the printer's font 0 (ZPL,
    and the previews of ZPL labels); without, every text is drawn from the bundled fonts (PDF)."""
    out = ResolvedLabel(dots(layout.width_mm, dpi), dots(layout.height_mm, dpi), dpi, name=layout.name)
    for element in layout.elements:
        if isinstance(element, Text):
            out.items.extend(_text(element, dpi, resident))
            out.missing_glyphs |= fonts.missing_glyphs(fonts.clean(element.text))
        elif isinstance(element, Barcode):
            out.items.extend(_barcode(element, dpi, resident))
        elif isinstance(element, Box):
            t = max(1, dots(element.thickness, dpi))
            w, h = max(1, dots(element.w, dpi)), max(1, dots(element.h, dpi))
            out.items.append(
                Rect(dots(element.x, dpi), dots(element.y, dpi), w, h, min(t, w, h), element.filled)
            )
        elif isinstance(element, Rule):
            out.items.append(_rule(element, dpi))
        elif isinstance(element, Picture):
            bitmap = _picture(element, dpi)
            if bitmap is not None:
                out.items.append(bitmap)
    if out.missing_glyphs:
        log.warning(
            "label %s: no bundled font draws %s; printed as '?'",
            layout.name,
            " ".join(f"U+{ord(c):04X}" for c in sorted(out.missing_glyphs)),
        )
    return out


def _rule(rule: Rule, dpi: int) -> Rect:
    t = max(1, dots(rule.thickness, dpi))
    x1, y1, x2, y2 = (dots(v, dpi) for v in (rule.x1, rule.y1, rule.x2, rule.y2))
    if abs(x2 - x1) >= abs(y2 - y1):
        return Rect(min(x1, x2), y1 - t // 2, max(1, abs(x2 - x1)), t, t, True)
    return Rect(x1 - t // 2, min(y1, y2), t, max(1, abs(y2 - y1)), t, True)


def _measure(text: str, size: int, resident: bool, bold: bool) -> float:
    if resident:
        return fonts.resident_width(text, size)
    return fonts.outline_width(text, round(size * fonts.RESIDENT_CAP_HEIGHT / 0.73), bold)


def _wrap(words: list[str], width: int, size: int, resident: bool, bold: bool) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if _measure(candidate, size, resident, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        # a word wider than the box is broken where it must be (long SKUs, CJK without spaces)
        while _measure(word, size, resident, bold) > width and len(word) > 1:
            cut = _longest_prefix(word, width, size, resident, bold)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def _longest_prefix(text: str, width: int, size: int, resident: bool, bold: bool, tail: str = "") -> int:
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix (plus `tail`) that fits
        mid = (lo + hi + 1) // 2
        if _measure(text[:mid] + tail, size, resident, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    # never between a letter and its marks (a Devanagari vowel sign, a Hebrew point)
    while 1 < lo < len(text) and unicodedata.category(text[lo]).startswith("M"):
        lo -= 1
    return max(lo, 1 if not tail else 0)


def fit_text(
    text: str, width: int, height: int, size: int, min_size: int, resident: bool, bold: bool, max_lines: int
) -> tuple[int, list[str]]:
    """(size, lines): wrap; if the lines do not fit, shrink; at the smallest size cut the last
    line with an ellipsis. Every line is at most `width` dots wide."""
    words = text.split(" ")
    current = size
    while True:
        room = max(1, int(height // (current * LINE_PITCH)) if height >= current else 1)
        if max_lines:
            room = min(room, max_lines)
        lines = _wrap(words, width, current, resident, bold)
        if len(lines) <= room:
            return current, lines
        smaller = int(current * _SHRINK_STEP)
        if smaller < min_size or smaller == current:
            break
        current = smaller
    kept = lines[:room]
    ellipsis = "..." if resident else "…"
    last = kept[-1] if len(lines) == room else kept[-1] + " " + lines[room]
    cut = _longest_prefix(last, width, current, resident, bold, tail=ellipsis)
    kept[-1] = last[:cut].rstrip() + ellipsis
    return current, kept


def _text(element: Text, dpi: int, resident_ok: bool) -> list[TextLine]:
    text = fonts.clean(element.text)
    if not text:
        return []
    resident = resident_ok and fonts.is_resident(text)
    if not resident:
        text = fonts.drawable(text)
    x, y = dots(element.x, dpi), dots(element.y, dpi)
    w, h = max(1, dots(element.w, dpi)), max(1, dots(element.h, dpi))
    size = max(8, dots(element.size_mm, dpi))
    min_size = max(8, dots(element.min_size_mm if element.min_size_mm else element.size_mm * 0.7, dpi))
    size, lines = fit_text(text, w, h, size, min(size, min_size), resident, element.bold, element.max_lines)
    out: list[TextLine] = []
    pitch = round(size * LINE_PITCH)
    for n, line in enumerate(lines):
        lw = min(w, math.ceil(_measure(line, size, resident, element.bold)))
        lx = x
        if element.align is Align.CENTER:
            lx = x + (w - lw) // 2
        elif element.align is Align.RIGHT:
            lx = x + w - lw
        out.append(TextLine(lx, y + n * pitch, line, size, lw, resident, element.bold))
    return out


def _barcode(element: Barcode, dpi: int, resident: bool) -> list[Bars | Matrix | TextLine]:
    x, y = dots(element.x, dpi), dots(element.y, dpi)
    w, h = max(1, dots(element.w, dpi)), max(1, dots(element.h, dpi))
    sym = element.symbology
    try:
        if sym in (Symbology.QR, Symbology.DATAMATRIX, Symbology.GS1_DATAMATRIX):
            return [_matrix(element, x, y, w, h, dpi)]
        if sym is Symbology.EAN13:
            symbol = ean13(element.data)
        elif sym is Symbology.UPCA:
            symbol = upca(element.data)
        else:
            symbol = code128(element.data, gs1=sym is Symbology.GS1_128)
    except BarcodeDataError:
        # A code that cannot be a barcode is shown as text: a wrong bar code is worse than none.
        note = Text(element.x, element.y, element.w, element.h, element.data or "-", 3.0)
        return list(_text(note, dpi, resident))
    # whole dots per module; at least 2 dots (0.25 mm at 203 dpi) so a scanner reads it
    preferred = max(2, dots(element.module_mm, dpi))
    if len(symbol.modules) * MIN_MODULE > w:
        if element.fallback is not None:
            return [_matrix(replace(element, symbology=element.fallback), x, y, w, h, dpi)]
        raise BarcodeDoesNotFit(
            tr(
                "“{code}” is too long for a barcode {width} mm wide: it would run off the label and not "
                "scan. Use a shorter code (an FNSKU) or a larger label.",
                code=element.data,
                width=round(element.w),
            )
        )
    module = max(MIN_MODULE, min(preferred, w // len(symbol.modules)))
    width = module * len(symbol.modules)
    if element.align is Align.CENTER:
        x += max(0, (w - width) // 2)
    elif element.align is Align.RIGHT:
        x += max(0, w - width)
    return [Bars(x, y, h, module, symbol.modules, sym, element.data, symbol.zpl_data)]


def _matrix(element: Barcode, x: int, y: int, w: int, h: int, dpi: int) -> Matrix:
    """QR or Data Matrix computed once here, so every renderer draws (or pins) the same symbol."""
    if element.symbology is Symbology.QR:
        cells = qr_matrix(element.data)
    else:
        cells = datamatrix_cells(element.data, gs1=element.symbology is Symbology.GS1_DATAMATRIX)
    if len(cells) * MIN_MODULE > min(w, h):
        raise BarcodeDoesNotFit(
            tr(
                "“{code}” is too long for a symbol {size} mm square: it would not scan. Use a shorter "
                "code or a larger label.",
                code=element.data,
                size=round(min(element.w, element.h)),
            )
        )
    module = max(MIN_MODULE, min(w, h) // len(cells))
    size = module * len(cells)
    if element.align is Align.CENTER:
        x += max(0, (w - size) // 2)
    elif element.align is Align.RIGHT:
        x += max(0, w - size)
    return Matrix(x, y, module, tuple(tuple(r) for r in cells), element.symbology, element.data, size)


def _picture(element: Picture, dpi: int) -> Bitmap | None:
    try:
        image: Image.Image = Image.open(io.BytesIO(element.content))
        image.load()
    except Exception:  # a broken photo must not stop a packing slip
        return None
    w, h = max(1, dots(element.w, dpi)), max(1, dots(element.h, dpi))
    image = ImageOps.contain(image.convert("L"), (w, h))
    # threshold, not dithering: thermal heads smear dithered grey
    mono = image.point(lambda v: 255 if v > 128 else 0, mode="1")
    return Bitmap(dots(element.x, dpi), dots(element.y, dpi), mono, element.w, element.h, element.content)
