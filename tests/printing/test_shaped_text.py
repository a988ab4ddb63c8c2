"""Every script on the label: Hebrew and Arabic read right to left with joined letters,
Devanagari and Thai combine, a mixed line keeps its order. The label's ^GFA text (rendered back
by zplkit, an independent ZPL renderer) is compared with Qt's own text layout (HarfBuzz, its own
bidi) of the same string in the same fonts; the old glyph-by-glyph drawing fails that comparison."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontDatabase, QImage, QPainter, QTextLayout, QTextOption

from app.domain import Order, order_barcode
from printing import fonts, shaping
from printing.render import render
from printing.resolve import TextLine, resolve
from printing.templates import shipping_label
from tests.printing.conftest import barcodes, order_dict, zpl_images

pytestmark = pytest.mark.skipif(not shaping.available(), reason="Pillow without libraqm/FriBiDi")

# (street line, the font of its script): each as a buyer would write it
ADDRESSES = {
    "hebrew": ("רחוב הרצל 15 תל אביב", "Hebrew"),
    "arabic": ("شارع الملك فهد 12 الرياض", "Arabic"),
    "hindi": ("मुंबई महाराष्ट्र 400001", "Devanagari"),
    "thai": ("ถนนสุขุมวิท 21 กรุงเทพฯ", "Thai"),
    "mixed": ("Flat 4 רחוב הרצל 15", "Hebrew"),
}


def _family(path: str) -> str:
    (family,) = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(path))
    return family


def _ink_box(image: Image.Image) -> Image.Image:
    """The ink (255) of a grey picture with dark text, cropped to it."""
    ink = image.convert("L").point(lambda v: 255 if v < 128 else 0)
    box = ink.getbbox()
    assert box is not None
    return ink.crop(box)


def qt_text(text: str, em: int, script: str) -> Image.Image:
    """`text` as Qt lays it out: its own bidi and HarfBuzz shaping, the script's Noto font first
    and DejaVu for the rest, as the label's fonts are chosen."""
    font = QFont()
    font.setFamilies([_family(str(fonts.SCRIPT_FONTS[script][0])), _family(str(fonts.LATIN))])
    font.setPixelSize(em)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(em * len(text))
    layout.endLayout()
    image = QImage(em * len(text) + 2 * em, 3 * em, QImage.Format.Format_Grayscale8)
    image.fill(255)
    painter = QPainter(image)
    layout.draw(painter, QPointF(em, em / 2))
    painter.end()
    data = bytes(image.constBits())[: image.bytesPerLine() * image.height()]
    return Image.frombytes("L", (image.width(), image.height()), data, "raw", "L", image.bytesPerLine())


def likeness(ours: Image.Image, theirs: Image.Image) -> float:
    """How well two ink pictures agree: the share of each one's ink within 2 dots of the other's
    (the worse of the two), after their sizes are matched. Glyphs in another order, or letters
    left unjoined, score far lower than two shapers' hinting and rounding differences."""
    theirs = theirs.resize(ours.size, Image.Resampling.NEAREST)
    near_theirs = theirs.filter(ImageFilter.MaxFilter(5))
    near_ours = ours.filter(ImageFilter.MaxFilter(5))

    def share(a: Image.Image, near_b: Image.Image) -> float:
        total = a.histogram()[255]
        return ImageChops.logical_and(a.convert("1"), near_b.convert("1")).histogram()[255] / max(1, total)

    return min(share(ours, near_theirs), share(theirs, near_ours))


def _label_line(street: str) -> tuple[Order, Image.Image, TextLine]:
    order = Order.from_dict(order_dict(street1=street))
    zpl = render(shipping_label(order), "zpl")
    (image,) = zpl_images(zpl)
    (line,) = [
        i for i in resolve(shipping_label(order)).items if isinstance(i, TextLine) and i.text == street
    ]
    return order, image, line


@pytest.mark.parametrize("name", ADDRESSES)
def test_label_text_is_shaped_as_qt_shapes_it(qtbot, name: str) -> None:
    street, script = ADDRESSES[name]
    _, image, line = _label_line(street)
    assert not line.resident
    printed = _ink_box(image.crop((line.x, line.y, line.x + line.width, line.y + round(line.size * 1.3))))
    em = round(line.size * fonts.RESIDENT_CAP_HEIGHT / 0.73)
    reference = _ink_box(qt_text(street, em, script))
    assert abs(printed.width - reference.width) <= 0.06 * reference.width, (printed.size, reference.size)
    assert likeness(printed, reference) > 0.9


@pytest.mark.parametrize("name", ["hebrew", "arabic", "hindi"])
def test_glyphs_set_one_by_one_would_fail_the_comparison(qtbot, name: str) -> None:
    """The check can fail: the same line drawn as before (each character's glyph in logical order,
    left to right, unjoined) does not pass for Qt's layout."""
    street, script = ADDRESSES[name]
    em = 40
    basic = ImageFont.truetype(str(fonts.SCRIPT_FONTS[script][0]), em, layout_engine=ImageFont.Layout.BASIC)
    unshaped = Image.new("L", (em * len(street), 2 * em), 255)
    ImageDraw.Draw(unshaped).text((em // 2, em // 2), street, font=basic, fill=0)
    shaped = fonts.raster(street, em)
    reference = _ink_box(qt_text(street, em, script))
    assert likeness(_ink_box(shaped), reference) > 0.9
    assert likeness(_ink_box(unshaped), reference) < 0.8


def test_right_to_left_reads_from_the_right() -> None:
    """In אבג the alef is the rightmost letter, and a house number keeps its digits' order."""
    drawn = fonts.raster("אבג", 80)
    gimel = fonts.raster("ג", 80)
    left = drawn.crop((0, 0, gimel.width, gimel.height))
    assert ImageChops.logical_xor(left, gimel).getbbox() is None
    runs = shaping.visual_order(list(fonts.shaped_runs("רחוב הרצל 15")))
    assert [(r.text, r.direction) for r in runs] == [("15", "ltr"), ("רחוב הרצל ", "rtl")]


@pytest.mark.parametrize("name", ADDRESSES)
def test_every_barcode_still_reads(name: str) -> None:
    order, image, _ = _label_line(ADDRESSES[name][0])
    assert barcodes(image) == [order_barcode(order.number)]


def test_a_character_no_font_draws_is_reported_and_printed_as_a_question_mark() -> None:
    order = Order.from_dict(order_dict(street1="Elm 5 \U0001f99c \u16a0"))  # a parrot, a rune
    label = resolve(shipping_label(order))
    assert label.missing_glyphs == {"\U0001f99c", "\u16a0"}
    assert any(isinstance(i, TextLine) and i.text == "Elm 5 ? ?" for i in label.items)
