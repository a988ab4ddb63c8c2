"""Lines of text in any script, shaped by real engines before they are rasterised.

An address line may mix scripts and directions: "شارع الملك فهد 12" (Arabic, read right to
left, with a Latin house number), "רחוב הרצל 5", "मुंबई 400001", "ถนนสุขุมวิท". Each line is
  1. ordered by FriBiDi (the Unicode Bidirectional Algorithm, from the libfribidi that Pillow's
     text layout loads too): an embedding level for each character;
  2. cut into runs of one level and one font (combining marks stay with their base letter);
  3. shaped run by run by HarfBuzz through Pillow's libraqm layout (joined Arabic letters,
     Devanagari conjuncts and vowel signs, Thai marks), right to left for odd levels;
  4. the runs placed left to right in visual order (rule L2 of the algorithm).

Without libraqm or FriBiDi (a Pillow built without them) `available()` is False and a line that
needs shaping cannot be drawn right: `fonts` then refuses it with `ShapingUnavailable` rather
than print letters in the wrong order.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features


class ShapingUnavailable(RuntimeError):
    """This Pillow cannot shape text (no libraqm or no FriBiDi)."""


# Blocks whose letters change shape or order with their neighbours: right-to-left scripts,
# the Indic scripts, Thai and Lao, and their presentation forms.
_COMPLEX = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic ext.
    (0x0900, 0x0DFF),  # Devanagari … Sinhala
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x109F),  # Tibetan, Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0xA8E0, 0xA8FF),  # Devanagari extended
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms A
    (0xFE70, 0xFEFF),  # Arabic presentation forms B
)


def needs_shaping(text: str) -> bool:
    """Whether `text` has letters that join, reorder or combine (else glyphs may be set one by
    one, as Latin, Cyrillic and CJK are)."""
    for char in text:
        code = ord(char)
        if code < 0x0300:
            continue
        if unicodedata.category(char).startswith("M") or char in "\u200c\u200d":
            return True
        if any(low <= code <= high for low, high in _COMPLEX):
            return True
        if unicodedata.bidirectional(char) in ("R", "AL"):
            return True
    return False


# --- FriBiDi ---------------------------------------------------------------------------------

_PAR_ON = 0x40  # FRIBIDI_PAR_ON: the direction of the first strong letter


@functools.cache
def _fribidi() -> Callable[..., int] | None:
    name = ctypes.util.find_library("fribidi") or "libfribidi.so.0"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    log2vis = lib.fribidi_log2vis
    log2vis.restype = ctypes.c_int8
    log2vis.argtypes = [
        ctypes.POINTER(ctypes.c_uint32),
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_uint32),
        ctypes.POINTER(ctypes.c_uint32),
        ctypes.c_void_p,
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_int8),
    ]
    return log2vis


def available() -> bool:
    """Whether lines can be shaped here: Pillow's libraqm layout and FriBiDi."""
    return bool(features.check("raqm")) and _fribidi() is not None


def levels(text: str) -> list[int]:
    """The embedding level of each character (even: left to right, odd: right to left), the
    paragraph's direction taken from its first strong letter."""
    log2vis = _fribidi()
    if log2vis is None:
        raise ShapingUnavailable("FriBiDi (libfribidi) is not installed")
    n = len(text)
    chars = (ctypes.c_uint32 * n)(*map(ord, text))
    visual = (ctypes.c_uint32 * (n + 1))()
    out = (ctypes.c_int8 * n)()
    base = ctypes.c_uint32(_PAR_ON)
    if not log2vis(chars, n, ctypes.byref(base), visual, None, None, out):
        raise ShapingUnavailable("FriBiDi could not order the line")
    return list(out)


# --- runs, shaping, drawing ------------------------------------------------------------------


FontChooser = Callable[[str, "Path | None"], Path]


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    font: Path
    level: int

    @property
    def direction(self) -> str:
        return "rtl" if self.level % 2 else "ltr"


def logical_runs(text: str, font_of: FontChooser) -> list[Run]:
    """`text` cut where the level or the font changes; `font_of(char, font of the run so far)`
    picks each character's font (a mark, a space, a digit may stay in its neighbour's: the
    house number of an Arabic street in the Arabic font's digits)."""
    runs: list[Run] = []
    for char, level in zip(text, levels(text), strict=True):
        previous = runs[-1] if runs else None
        font = font_of(char, previous.font if previous else None)
        if previous and previous.level == level and previous.font == font:
            runs[-1] = Run(previous.text + char, font, level)
        else:
            runs.append(Run(char, font, level))
    return runs


def visual_order(runs: list[Run]) -> list[Run]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every sequence of
    runs at that level or above."""
    order = list(runs)
    if not order:
        return order
    highest = max(r.level for r in order)
    lowest_odd = min((r.level for r in order if r.level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if order[i].level >= level:
                j = i
                while j < len(order) and order[j].level >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


# FreeType faces are not safe from two threads at once (fonts.py shares this lock).
FREETYPE = threading.Lock()


@functools.lru_cache(maxsize=256)
def shaping_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    if not features.check("raqm"):
        raise ShapingUnavailable("Pillow here has no libraqm text layout")
    return ImageFont.truetype(str(path), max(1, size), layout_engine=ImageFont.Layout.RAQM)


def run_width(run: Run, size: int) -> float:
    with FREETYPE:
        return float(shaping_font(run.font, size).getlength(run.text, direction=run.direction))


def width(runs: list[Run], size: int) -> float:
    return sum(run_width(r, size) for r in runs)


def draw(runs: list[Run], size: int, baseline: float, stroke: Callable[[Path], int]) -> Image.Image:
    """The shaped line as ink ("L", 255 = ink), 1.25 em high with its baseline at `baseline`."""
    placed = visual_order(runs)
    total = width(placed, size)
    pad = size // 2
    ink = Image.new("L", (max(1, round(total) + 2 * pad), max(1, round(size * 1.25))), 0)
    pen = ImageDraw.Draw(ink)
    x = float(pad)
    for run in placed:
        with FREETYPE:
            font = shaping_font(run.font, size)
            pen.text(
                (x, baseline),
                run.text,
                font=font,
                fill=255,
                anchor="ls",
                direction=run.direction,
                stroke_width=stroke(run.font),
                stroke_fill=255,
            )
            x += font.getlength(run.text, direction=run.direction)
    return ink.crop((pad, 0, pad + max(1, round(total) + 2), ink.height))
