"""What the screen shows is what the printer prints: the QPainter preview against zplkit's
render of the same ZPL at 203 dpi.

Tolerance: outside the lines printed in the printer's resident font 0 the two agree dot for dot
(barcodes, boxes, rules and our ^GFA text: at most 0.05 % of the label's dots differ). Font 0
itself is the printer's, which the preview only imitates (our bold font stretched to font 0's
widths), so over the whole label at most 3 % of the dots may differ."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageDraw

from app.domain import Order
from printing.render import render
from printing.resolve import TextLine, resolve
from printing.templates import item_label, shipping_label
from tests.printing.conftest import order_dict, zpl_images


def _qimage_to_pil(qimage) -> Image.Image:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    gray = qimage.convertToFormat(QImage.Format.Format_Grayscale8)
    w, h = gray.width(), gray.height()
    rows = [bytes(gray.constScanLine(y))[:w] for y in range(h)]
    return Image.frombytes("L", (w, h), b"".join(rows))


@pytest.mark.parametrize("name", ["Jane Doe", "Анна Петровна Смирнова", "王小明"])
@pytest.mark.parametrize("kind", ["shipping", "item"])
def test_the_preview_matches_the_printed_label(qapp, name: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    from printing.preview import preview_image

    order = Order.from_dict(order_dict(name=name))
    layout = shipping_label(order) if kind == "shipping" else item_label(order.lines[0])
    preview = _qimage_to_pil(preview_image(layout, 203)).point(lambda v: 255 if v > 127 else 0)
    (printed,) = zpl_images(render(layout, "zpl"))
    printed = printed.crop((0, 0, preview.width, preview.height)).point(lambda v: 255 if v > 127 else 0)
    diff = ImageChops.difference(preview, printed)
    dots = preview.width * preview.height
    assert sum(diff.histogram()[128:]) <= 0.03 * dots
    # blank out the font-0 lines: the rest must agree dot for dot
    draw = ImageDraw.Draw(diff)
    for item in resolve(layout, 203).items:
        if isinstance(item, TextLine) and item.resident:
            draw.rectangle((item.x - 3, item.y - 2, item.x + item.width + 3, item.y + item.size + 4), fill=0)
    assert sum(diff.histogram()[128:]) <= 0.0005 * dots


def test_the_order_page_gets_a_shipping_label_preview_of_the_width_it_asks(qapp) -> None:  # type: ignore[no-untyped-def]
    from printing.preview import shipping_label_preview

    image = shipping_label_preview(Order.from_dict(order_dict()), width_px=300)
    assert image.width() == 300 and 440 <= image.height() <= 460
