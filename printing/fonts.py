"""Text metrics and rasters: the printer's resident font 0 (widths only) and the bundled fonts.

Label text that is plain printable ASCII is printed with the printer's own scalable font 0; we
only need its widths to fit a box. Anything else (Cyrillic, Chinese, accents) is drawn from the
bundled fonts in `resources/fonts` with Pillow, and cached, since the same city, seller and
carrier names come back label after label.
"""

from __future__ import annotations

import functools
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
    return all(32 <= ord(c) < 127 for c in text)


def resident_width(text: str, height: int) -> float:
    """Width in dots of `text` printed with ^A0N,height,height."""
    return sum(RESIDENT_ADVANCE[ord(c) - 32] for c in text) * height


def clean(text: str) -> str:
    """Order text as it may be drawn: control characters become spaces (they are data, never
    printer commands, and draw nothing), runs of white space one space."""
    out = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    return " ".join(out.split())


@functools.cache
def _cmap(path: Path) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(path)).charToGlyph)


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


def runs(text: str, bold: bool = False) -> list[tuple[Path, str]]:
    """`text` cut into runs drawn by one font each."""
    out: list[tuple[Path, str]] = []
    for c in text:
        path = font_file(c, bold) if c != " " or not out else out[-1][0]
        if out and out[-1][0] == path:
            out[-1] = (path, out[-1][1] + c)
        else:
            out.append((path, c))
    return out


@functools.lru_cache(maxsize=256)
def pil_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), max(1, size))


@functools.lru_cache(maxsize=65536)
def outline_width(text: str, size: int, bold: bool = False) -> float:
    """Width in dots of `text` drawn from the bundled fonts at `size` dots per em."""
    return sum(pil_font(path, size).getlength(part) for path, part in runs(text, bold))


@functools.lru_cache(maxsize=8192)
def raster(text: str, size: int, bold: bool = False) -> Image.Image:
    """`text` drawn black on white as a 1-bit image, `size` dots per em, one line high.

    The image is 1.25 em high with the baseline at 0.95 em (cap top about 0.22 em down), room
    for CJK ideographs above the caps and descenders below."""
    width = max(1, round(outline_width(text, size, bold)) + 2)
    height = max(1, round(size * 1.25))
    image = Image.new("1", (width, height), 1)
    draw = ImageDraw.Draw(image)
    x = 0.0
    for path, part in runs(text, bold):
        font = pil_font(path, size)
        draw.text((x, BASELINE * size), part, font=font, fill=0, anchor="ls")
        x += font.getlength(part)
    return image


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
