"""Text metrics and rasters: the printer's resident font 0 (widths only) and the bundled fonts.

Label text that is plain printable ASCII is printed with the printer's own scalable font 0; we
only need its widths to fit a box. Anything else (Cyrillic, Chinese, accents, Hebrew, Arabic,
Devanagari, Thai) is drawn from the bundled fonts in `resources/fonts` with Pillow, and cached,
since the same city, seller and carrier names come back label after label. Lines in scripts whose
letters join, combine or run right to left are shaped first (printing/shaping.py: FriBiDi, then
HarfBuzz through libraqm); Latin, Cyrillic and CJK are set glyph by glyph from a cache.
A character no bundled font draws is reported (`missing_glyphs`) and printed as "?", never as
an empty box.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from printing import shaping

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
LATIN = FONT_DIR / "DejaVuSans.ttf"
LATIN_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
CJK = FONT_DIR / "DroidSansFallbackFull.ttf"
# The scripts DejaVu does not draw well or at all, each from its Noto font (OFL, Regular and
# Bold), by Unicode block: (first, last, regular, bold).
_SCRIPTS = (
    (0x0590, 0x05FF, "Hebrew"),
    (0xFB1D, 0xFB4F, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0x08A0, 0x08FF, "Arabic"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0xA8E0, 0xA8FF, "Devanagari"),
    (0x0E00, 0x0E7F, "Thai"),
)
SCRIPT_FONTS = {
    name: (FONT_DIR / f"NotoSans{name}-Regular.ttf", FONT_DIR / f"NotoSans{name}-Bold.ttf")
    for name in ("Hebrew", "Arabic", "Devanagari", "Thai")
}
ALL_FONTS = (LATIN, LATIN_BOLD, CJK, *(f for pair in SCRIPT_FONTS.values() for f in pair))
_JOINERS = "\u200c\u200d"  # zero-width (non-)joiner: they steer shaping and stay in the text

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
    printer commands, and draw nothing), runs of white space one space. The zero-width joiners,
    which choose a letter's form in Arabic and Indic scripts, are kept."""
    if not text.isprintable():
        text = "".join(
            " " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c not in _JOINERS else c
            for c in text
        )
    return " ".join(text.split())


@functools.cache
def _cmap(path: Path) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(path)).charToGlyph)


def _script_font(code: int, bold: bool) -> Path | None:
    for low, high, name in _SCRIPTS:
        if low <= code <= high:
            return SCRIPT_FONTS[name][1 if bold else 0]
    return None


@functools.lru_cache(maxsize=16384)
def font_file(char: str, bold: bool = False) -> Path:
    """The bundled font that draws `char`: Noto for Hebrew, Arabic, Devanagari and Thai, DejaVu
    for Latin, Greek and Cyrillic, Droid for CJK, else whichever bundled font has it."""
    code = ord(char)
    script = _script_font(code, bold)
    if script is not None:
        return script
    latin = LATIN_BOLD if bold else LATIN
    if code in _cmap(latin):
        return latin
    if code in _cmap(CJK):
        return CJK
    for regular, heavy in SCRIPT_FONTS.values():
        if code in _cmap(regular):
            return heavy if bold else regular
    return latin


def _covered(char: str) -> bool:
    return char == " " or char in _JOINERS or any(ord(char) in _cmap(f) for f in ALL_FONTS)


@functools.lru_cache(maxsize=4096)
def missing_glyphs(text: str) -> frozenset[str]:
    """The characters of `text` no bundled font draws (most emoji, rare scripts)."""
    return frozenset(c for c in text if not _covered(c))


def drawable(text: str) -> str:
    """`text` with characters no bundled font can draw shown as '?' (see `missing_glyphs`)."""
    missing = missing_glyphs(text)
    return "".join("?" if c in missing else c for c in text) if missing else text


def _stays(char: str) -> bool:
    """A mark, joiner, space, digit or punctuation: it may stay in its neighbour's font."""
    return char in _JOINERS or (unicodedata.category(char)[0] in "MZNP" and ord(char) < 0x3000)


def _is_mark(char: str) -> bool:
    return char in _JOINERS or unicodedata.category(char).startswith("M")


def _font_in_run(bold: bool) -> shaping.FontChooser:
    def choose(char: str, current: Path | None) -> Path:
        if current is not None and _stays(char) and (_is_mark(char) or ord(char) in _cmap(current)):
            return current
        return font_file(char, bold)

    return choose


@functools.lru_cache(maxsize=16384)
def runs(text: str, bold: bool = False) -> tuple[tuple[Path, str], ...]:
    """`text` cut into runs drawn by one font each (logical order)."""
    return tuple((run.font, run.text) for run in _plain_runs(text, bold))


def _plain_runs(text: str, bold: bool) -> list[shaping.Run]:
    choose = _font_in_run(bold)
    out: list[shaping.Run] = []
    for c in text:
        path = choose(c, out[-1].font if out else None)
        if out and out[-1].font == path:
            out[-1] = shaping.Run(out[-1].text + c, path, 0)
        else:
            out.append(shaping.Run(c, path, 0))
    return out


@functools.lru_cache(maxsize=4096)
def shaped_runs(text: str, bold: bool = False) -> tuple[shaping.Run, ...]:
    """`text` in runs of one font and one direction, for the shaping engine (logical order)."""
    return tuple(shaping.logical_runs(text, _font_in_run(bold)))


# FreeType faces are not safe to use from two threads at once (the printer lane renders labels
# while a worker draws a preview); glyphs are cached, so the lock is rarely taken.
_FREETYPE = shaping.FREETYPE


@functools.lru_cache(maxsize=256)
def pil_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), max(1, size))


@functools.lru_cache(maxsize=65536)
def outline_width(text: str, size: int, bold: bool = False) -> float:
    """Width in dots of `text` drawn from the bundled fonts at `size` dots per em."""
    if shaping.needs_shaping(text):
        return shaping.width(list(shaped_runs(text, bold)), size)
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
    stroke = _stroke(path, size, bold)
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


def _stroke(path: Path, size: int, bold: bool) -> int:
    return max(1, size // 30) if bold and path == CJK else 0


@functools.lru_cache(maxsize=8192)
def raster(text: str, size: int, bold: bool = False) -> Image.Image:
    """`text` drawn black on white as a 1-bit image, `size` dots per em, one line high.

    The image is 1.25 em high with the baseline at 0.95 em (cap top about 0.22 em down), room
    for CJK ideographs above the caps and descenders below. Lines are set glyph by glyph from a
    cache (no kerning), which keeps a day of Cyrillic labels quick; a line that needs shaping
    (printing/shaping.py) is laid out whole."""
    if shaping.needs_shaping(text):
        ink = shaping.draw(
            list(shaped_runs(text, bold)), size, BASELINE * size, lambda p: _stroke(p, size, bold)
        )
        return ink.point(_TO_MONO, mode="1")
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
