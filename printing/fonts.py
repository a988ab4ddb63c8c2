"""Text metrics and rasters: the printer's resident font 0 (widths only) and the bundled fonts.

Label text that is plain printable ASCII is printed with the printer's own scalable font 0; we
only need its widths to fit a box. Anything else (Cyrillic, Chinese, accents) is drawn from the
bundled fonts in `resources/fonts` with Pillow, and cached, since the same city, seller and
carrier names come back label after label.
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
LATIN = FONT_DIR / "DejaVuSans.ttf"
LATIN_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
CJK = FONT_DIR / "DroidSansFallbackFull.ttf"

# Advance of each printable ASCII character of Zebra font 0 (^A0N,h,h), as a fraction of h;
# measured once from a captured font-0 strike. Index 0 is the space (32).
_RESIDENT_ADVANCE = (
    "0.2815 0.2815 0.469 0.469 0.469 0.9065 0.625 0.2815 0.2815 0.2815 0.469 0.9065 0.2815 0.9065 "
    "0.2815 0.2815 0.469 0.469 0.469 0.469 0.469 0.469 0.469 0.469 0.469 0.469 0.2815 0.2815 1.0 "
    "0.9065 1.0 0.4375 0.9065 0.5625 0.5625 0.5315 0.594 0.5 0.5 0.594 0.625 0.2815 0.4375 0.5625 "
    "0.469 0.75 0.625 0.5625 0.5625 0.5625 0.594 0.5315 0.5 0.625 0.5315 0.8125 0.5625 0.5625 0.5 "
    "0.2815 0.469 0.2815 0.5 0.5 0.2815 0.469 0.5 0.4375 0.5 0.469 0.2815 0.5 0.5 0.25 0.25 0.4375 "
    "0.25 0.75 0.5 0.469 0.5 0.5 0.344 0.4375 0.2815 0.5 0.4375 0.6565 0.4375 0.4375 0.375 0.5 0.5 "
    "0.5 1.0"
)
RESIDENT_ADVANCE: tuple[float, ...] = tuple(float(x) for x in _RESIDENT_ADVANCE.split())
RESIDENT_CAP_HEIGHT = 0.75  # of h; the cap top sits at the field origin
BASELINE = 0.95  # of an em, from the top of a line drawn by `raster`
CAP_TOP = BASELINE - 0.73  # DejaVu's cap height is 0.73 em


def is_resident(text: str) -> bool:
    """Whether the printer's font 0 can draw every character of `text` (printable ASCII)."""
    return text.isascii() and text.isprintable()


_ADVANCE = {chr(32 + i): a for i, a in enumerate(RESIDENT_ADVANCE)}


@functools.lru_cache(maxsize=65536)
def _resident_em(text: str) -> float:
    return sum(map(_ADVANCE.__getitem__, text))


def resident_width(text: str, height: int) -> float:
    """Width in dots of `text` printed with ^A0N,height,height."""
    return _resident_em(text) * height


def clean(text: str) -> str:
    """Order text as it may be drawn: control characters become spaces (they are data, never
    printer commands, and draw nothing), runs of white space one space."""
    if not text.isprintable():
        text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    return " ".join(text.split())


@functools.cache
def _cmap(path: Path) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(path)).charToGlyph)


@functools.lru_cache(maxsize=16384)
def font_file(char: str, bold: bool = False) -> Path:
    """The bundled font that draws `char`: DejaVu for Latin and Cyrillic, Droid for CJK."""
    if ord(char) in _cmap(LATIN_BOLD if bold else LATIN):
        return LATIN_BOLD if bold else LATIN
    return CJK


def drawable(text: str) -> str:
    """`text` with characters no bundled font can draw (most emoji) shown as '?'."""
    cjk = _cmap(CJK)
    latin = _cmap(LATIN)
    return "".join(c if ord(c) in latin or ord(c) in cjk or c == " " else "?" for c in text)


@functools.lru_cache(maxsize=16384)
def runs(text: str, bold: bool = False) -> tuple[tuple[Path, str], ...]:
    """`text` cut into runs drawn by one font each."""
    out: list[tuple[Path, str]] = []
    for c in text:
        path = font_file(c, bold) if c != " " or not out else out[-1][0]
        if out and out[-1][0] == path:
            out[-1] = (path, out[-1][1] + c)
        else:
            out.append((path, c))
    return tuple(out)


# FreeType faces are not safe to use from two threads at once (the printer lane renders labels
# while a worker draws a preview); glyphs are cached, so the lock is rarely taken.
_FREETYPE = threading.Lock()


@functools.lru_cache(maxsize=256)
def pil_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), max(1, size))


@functools.lru_cache(maxsize=65536)
def outline_width(text: str, size: int, bold: bool = False) -> float:
    """Width in dots of `text` drawn from the bundled fonts at `size` dots per em."""
    return sum(_advance(c, path, size) for path, part in runs(text, bold) for c in part)


@functools.lru_cache(maxsize=32768)
def _advance(char: str, path: Path, size: int) -> float:
    with _FREETYPE:
        return pil_font(path, size).getlength(char)


@functools.lru_cache(maxsize=32768)
def _glyph(char: str, path: Path, size: int, bold: bool = False) -> tuple[Image.Image, int, float]:
    """One character's ink ("L", 255 = ink) on a line 1.25 em high, the x at which to paste it
    relative to the pen, and its advance. Cached: a day's labels use a few hundred glyphs.
    The CJK font has no bold: bold ideographs get a thin stroke around them instead."""
    advance = _advance(char, path, size)
    pad = size // 2
    stroke = max(1, size // 30) if bold and path == CJK else 0
    cell = Image.new("L", (pad * 2 + max(1, round(advance)) + size // 2, round(size * 1.25)), 0)
    with _FREETYPE:
        ImageDraw.Draw(cell).text(
            (pad, BASELINE * size),
            char,
            font=pil_font(path, size),
            fill=255,
            anchor="ls",
            stroke_width=stroke,
            stroke_fill=255,
        )
    box = cell.getbbox()
    if box is None:
        return Image.new("L", (1, 1), 0), 0, advance
    left, right = box[0], box[2]
    return cell.crop((left, 0, right, cell.height)), left - pad, advance


@functools.lru_cache(maxsize=8192)
def raster(text: str, size: int, bold: bool = False) -> Image.Image:
    """`text` drawn black on white as a 1-bit image, `size` dots per em, one line high.

    The image is 1.25 em high with the baseline at 0.95 em (cap top about 0.22 em down), room
    for CJK ideographs above the caps and descenders below. Lines are set glyph by glyph from a
    cache (no kerning), which keeps a day of Cyrillic labels quick."""
    width = max(1, round(outline_width(text, size, bold)) + 2)
    height = max(1, round(size * 1.25))
    ink = Image.new("L", (width, height), 0)
    x = 0.0
    for path, part in runs(text, bold):
        for char in part:
            glyph, dx, advance = _glyph(char, path, size, bold)
            if glyph.width > 1:
                ink.paste(255, (round(x) + dx, 0), glyph)
            x += advance
    return ink.point(_TO_MONO, mode="1")


_TO_MONO = [255 if v < 128 else 0 for v in range(256)]


@functools.lru_cache(maxsize=8192)
def resident_lookalike(text: str, height: int) -> Image.Image:
    """What the printer's font 0 prints for `text` (^A0N,height,height), approximated for
    screens and PNGs: our bold font stretched to font 0's widths and cap height."""
    size = round(height * RESIDENT_CAP_HEIGHT / 0.73)
    drawn = raster(text, size, True)
    top = round(CAP_TOP * size)
    drawn = drawn.crop((0, top, drawn.width, top + height))
    width = max(1, round(resident_width(text, height)))
    return (
        drawn.convert("L")
        .resize((width, height), Image.Resampling.BILINEAR)
        .point(lambda v: 255 if v > 140 else 0, mode="1")
    )
