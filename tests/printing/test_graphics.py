"""^GFA graphics (our text, photos, carrier PDFs) reach the printer dot for dot, compressed."""

from __future__ import annotations

import random

from PIL import Image, ImageChops

from printing.zpl import graphic_field
from tests.printing.conftest import zpl_images


def test_a_compressed_graphic_prints_exactly_the_dots_we_drew() -> None:
    rng = random.Random(3)
    for width in (203, 8, 1, 812):  # odd widths leave padding bits in each row's last byte
        image = Image.new("1", (width, 120), 1)
        for _ in range(300):
            x, y = rng.randrange(width), rng.randrange(120)
            image.paste(0, (x, y, min(width, x + rng.randrange(1, 500)), y + rng.randrange(1, 4)))
        image.paste(0, (0, 60, width, 62))  # a full black row, then rows repeated
        total, row, data = graphic_field(image)
        assert len(data) < total * 2 or width < 16  # compression pays off
        zpl = f"^XA^PW900^LL200^FO10,10^GFA,{total},{total},{row},{data}^FS^XZ".encode()
        (printed,) = zpl_images(zpl)
        got = printed.crop((10, 10, 10 + width, 130)).point(lambda v: 255 if v > 127 else 0)
        assert ImageChops.difference(got, image.convert("L")).getbbox() is None, width
