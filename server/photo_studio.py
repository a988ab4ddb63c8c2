"""Draws the demo product photos (one small PNG per kind and colour) into server/photos/.

The PNGs are shipped with the server; run `python -m server.photo_studio` after changing the
catalogue (server/demo_catalogue.py) to draw them again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from server.demo_catalogue import COLOURS, KINDS, Kind

SIZE = 160
PHOTO_DIR = Path(__file__).resolve().parent / "photos"


def draw(kind: Kind, colour: str) -> bytes:
    import io

    from PIL import Image, ImageDraw

    rgb = COLOURS[colour]
    outline = tuple(max(0, c - 60) for c in rgb)
    image = Image.new("RGB", (SIZE, SIZE), (246, 246, 243))
    pen = ImageDraw.Draw(image)
    pen.ellipse((20, 128, 140, 146), fill=(225, 225, 220))  # the shadow on the table
    box = {
        "mug": [(45, 45, 115, 135)],
        "box": [(35, 45, 125, 135)],
        "bottle": [(60, 20, 100, 135)],
        "shirt": [(40, 40, 120, 135)],
        "round": [(35, 35, 125, 125)],
        "flat": [(25, 70, 135, 125)],
        "tube": [(20, 80, 140, 110)],
    }[kind.shape]
    for x0, y0, x1, y1 in box:
        if kind.shape == "round":
            pen.ellipse((x0, y0, x1, y1), fill=rgb, outline=outline, width=3)
        else:
            pen.rounded_rectangle((x0, y0, x1, y1), radius=10, fill=rgb, outline=outline, width=3)
    if kind.shape == "mug":
        pen.arc((98, 65, 135, 110), start=-90, end=90, fill=outline, width=8)
    if kind.shape == "shirt":
        pen.polygon([(40, 40), (15, 65), (30, 80), (40, 70)], fill=rgb, outline=outline)
        pen.polygon([(120, 40), (145, 65), (130, 80), (120, 70)], fill=rgb, outline=outline)
    if kind.shape == "bottle":
        pen.rectangle((70, 10, 90, 22), fill=outline)
    text_colour = (255, 255, 255) if sum(rgb) < 400 else (30, 30, 30)
    pen.text((SIZE // 2, 90), kind.slug.upper()[:8], fill=text_colour, anchor="mm")
    out = io.BytesIO()
    image.quantize(colors=32).save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> int:
    PHOTO_DIR.mkdir(exist_ok=True)
    for kind in KINDS.values():
        for colour in kind.colours:
            (PHOTO_DIR / f"{kind.slug}-{colour}.png").write_bytes(draw(kind, colour))
    return 0


if __name__ == "__main__":
    sys.exit(main())
