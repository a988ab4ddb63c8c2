"""The one label layout model: a page size and elements placed in millimetres.

Templates build a `LabelLayout`; `printing.resolve` turns it into printer dots once per dpi, and
every renderer (ZPL, PDF, PNG, the Qt preview) draws from that one resolved geometry.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

MM_PER_INCH = 25.4


class Align(enum.StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class Symbology(enum.StrEnum):
    CODE128 = "code128"
    GS1_128 = "gs1-128"  # Code 128 with FNC1 first; "\x1d" in the data is a further FNC1
    EAN13 = "ean13"
    UPCA = "upca"
    QR = "qr"
    DATAMATRIX = "datamatrix"
    GS1_DATAMATRIX = "gs1-datamatrix"  # FNC1 first; "\x1d" in the data is a further FNC1


@dataclass(slots=True)
class Text:
    """Text that must fit its box: wrapped, then shrunk down to `min_size_mm`, then cut with "…";
    never off the edge. `size_mm` is the height of one line's characters (cap to descender)."""

    x: float
    y: float
    w: float
    h: float
    text: str
    size_mm: float = 3.5
    min_size_mm: float | None = None
    bold: bool = False
    align: Align = Align.LEFT
    max_lines: int = 0  # 0: as many as the box holds


@dataclass(slots=True)
class Barcode:
    """A barcode in a box: linear codes get the widest whole-dot module that fits `w` (never
    below 2 dots), centred or left in the box; 2D codes the largest that fits. A code that does
    not fit at the narrowest module becomes the `fallback` 2D symbol, or is refused."""

    x: float
    y: float
    w: float
    h: float
    data: str
    symbology: Symbology = Symbology.CODE128
    module_mm: float = 0.5  # preferred narrow bar
    align: Align = Align.LEFT
    # A 2D symbol drawn instead, in the same box, when the linear code would not fit it at the
    # narrowest readable module; None: such a label is refused (printing.symbols.BarcodeDoesNotFit).
    fallback: Symbology | None = None


@dataclass(slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    thickness: float = 0.3
    filled: bool = False


@dataclass(slots=True)
class Rule:
    """A horizontal or vertical line (the longer side wins)."""

    x1: float
    y1: float
    x2: float
    y2: float
    thickness: float = 0.3


@dataclass(slots=True)
class Picture:
    """An image (PNG/JPEG bytes) scaled to fit its box, keeping its proportions."""

    x: float
    y: float
    w: float
    h: float
    content: bytes


Element = Text | Barcode | Box | Rule | Picture


@dataclass(slots=True)
class LabelLayout:
    """One label or one page: its size and its elements, in millimetres from the top left."""

    width_mm: float
    height_mm: float
    elements: list[Element] = field(default_factory=list)
    name: str = ""

    def add(self, *elements: Element) -> LabelLayout:
        self.elements.extend(elements)
        return self


def inches(value: float) -> float:
    return value * MM_PER_INCH


LABEL_4X6 = (inches(4), inches(6))
ITEM_LABEL = (inches(2.25), inches(1.25))
A4 = (210.0, 297.0)
LETTER = (inches(8.5), inches(11))
