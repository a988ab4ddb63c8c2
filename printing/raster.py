"""A resolved label drawn into a 1-bit Pillow image at printer dots: the PNG renderer, and the
picture the Qt preview shows (so the screen shows what the printer prints)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from printing import fonts
from printing.resolve import Bars, Bitmap, Matrix, Rect, ResolvedLabel, TextLine
from printing.zpl import text_image


def _paste_black(canvas: Image.Image, image: Image.Image, x: int, y: int) -> None:
    """Draw the black dots of `image` (mode "1", black = 0) onto `canvas`, leaving white alone."""
    mask = image.point(lambda v: 255 if v == 0 else 0, mode="1")
    canvas.paste(0, (x, y), mask)


def draw_label(label: ResolvedLabel) -> Image.Image:
    canvas = Image.new("1", (label.width, label.height), 1)
    draw = ImageDraw.Draw(canvas)
    for item in label.items:
        if isinstance(item, TextLine):
            if item.resident:
                top = item.y + round(fonts.CAP_TOP * item.size * fonts.RESIDENT_CAP_HEIGHT / 0.73)
                _paste_black(canvas, fonts.resident_lookalike(item.text, item.size), item.x, top)
            else:
                _paste_black(canvas, text_image(item.text, item.size, item.bold, item.width), item.x, item.y)
        elif isinstance(item, Bars):
            for run_start, run in _runs(item.modules):
                x0 = item.x + run_start * item.module
                draw.rectangle((x0, item.y, x0 + run * item.module - 1, item.y + item.height - 1), fill=0)
        elif isinstance(item, Matrix):  # QR and Data Matrix: the cells resolved once
            m = item.module
            for r, row in enumerate(item.cells):
                for c, dark in enumerate(row):
                    if dark:
                        x0, y0 = item.x + c * m, item.y + r * m
                        draw.rectangle((x0, y0, x0 + m - 1, y0 + m - 1), fill=0)
        elif isinstance(item, Rect):
            if item.filled:
                draw.rectangle((item.x, item.y, item.x + item.w - 1, item.y + item.h - 1), fill=0)
            else:
                t = item.thickness
                for box in (
                    (item.x, item.y, item.x + item.w - 1, item.y + t - 1),
                    (item.x, item.y + item.h - t, item.x + item.w - 1, item.y + item.h - 1),
                    (item.x, item.y, item.x + t - 1, item.y + item.h - 1),
                    (item.x + item.w - t, item.y, item.x + item.w - 1, item.y + item.h - 1),
                ):
                    draw.rectangle(box, fill=0)
        elif isinstance(item, Bitmap):
            _paste_black(canvas, item.image, item.x, item.y)
    return canvas


def _runs(modules: str) -> list[tuple[int, int]]:
    """(start, length) of each bar."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(modules):
        if modules[i] == "1":
            j = i
            while j < len(modules) and modules[j] == "1":
                j += 1
            out.append((i, j - i))
            i = j
        else:
            i += 1
    return out


def render_png(labels: list[ResolvedLabel]) -> bytes:
    """The labels as one PNG, stacked top to bottom with a grey gap between them."""
    images = [draw_label(label) for label in labels]
    if len(images) == 1:
        sheet = images[0]
    else:
        gap = 16
        sheet = Image.new("L", (max(i.width for i in images), sum(i.height + gap for i in images)), 160)
        y = 0
        for image in images:
            sheet.paste(image.convert("L"), (0, y))
            y += image.height + gap
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG", dpi=(labels[0].dpi, labels[0].dpi))
    return buffer.getvalue()
