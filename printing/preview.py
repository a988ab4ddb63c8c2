"""The on-screen preview of a label, drawn with QPainter from the same resolved geometry the
printer gets (the only module of printing/ that touches Qt). Call it on any thread: QImage and
QPainter on a QImage need no GUI thread."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from app.domain import Order
from printing import fonts
from printing.layout import LabelLayout
from printing.resolve import Bars, Bitmap, Matrix, Rect, ResolvedLabel, TextLine, resolve
from printing.zpl import text_image


def _ink(image: Image.Image) -> QImage:
    """The black dots of a 1-bit image as an image with transparent white."""
    alpha = image.convert("L").point(lambda v: 255 - v)
    rgba = Image.new("RGBA", image.size, (0, 0, 0, 0))
    rgba.putalpha(alpha)
    data = rgba.tobytes()
    return QImage(data, rgba.width, rgba.height, rgba.width * 4, QImage.Format.Format_RGBA8888).copy()


def draw_resolved(label: ResolvedLabel) -> QImage:
    """The label at printer dots (one pixel a dot), black on white."""
    image = QImage(label.width, label.height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    black = QColor("black")
    painter = QPainter(image)
    try:
        for item in label.items:
            if isinstance(item, TextLine):
                if item.resident:
                    top = item.y + round(fonts.CAP_TOP * item.size * fonts.RESIDENT_CAP_HEIGHT / 0.73)
                    painter.drawImage(item.x, top, _ink(fonts.resident_lookalike(item.text, item.size)))
                else:
                    painter.drawImage(
                        item.x, item.y, _ink(text_image(item.text, item.size, item.bold, item.width))
                    )
            elif isinstance(item, Bars):
                i, n = 0, len(item.modules)
                while i < n:
                    if item.modules[i] == "1":
                        j = i
                        while j < n and item.modules[j] == "1":
                            j += 1
                        painter.fillRect(
                            QRect(item.x + i * item.module, item.y, (j - i) * item.module, item.height), black
                        )
                        i = j
                    else:
                        i += 1
            elif isinstance(item, Matrix):  # QR and Data Matrix: the cells resolved once
                m = item.module
                for r, row in enumerate(item.cells):
                    for c, dark in enumerate(row):
                        if dark:
                            painter.fillRect(QRect(item.x + c * m, item.y + r * m, m, m), black)
            elif isinstance(item, Rect):
                if item.filled:
                    painter.fillRect(QRect(item.x, item.y, item.w, item.h), black)
                else:
                    t = item.thickness
                    painter.fillRect(QRect(item.x, item.y, item.w, t), black)
                    painter.fillRect(QRect(item.x, item.y + item.h - t, item.w, t), black)
                    painter.fillRect(QRect(item.x, item.y, t, item.h), black)
                    painter.fillRect(QRect(item.x + item.w - t, item.y, t, item.h), black)
            elif isinstance(item, Bitmap):
                painter.drawImage(item.x, item.y, _ink(item.image))
    finally:
        painter.end()
    return image


def preview_image(layout: LabelLayout, dpi: int = 203, width_px: int | None = None) -> QImage:
    """The label as the printer will print it at `dpi`, scaled to `width_px` if given."""
    image = draw_resolved(resolve(layout, dpi))
    if width_px and width_px != image.width():
        image = image.scaledToWidth(width_px, Qt.TransformationMode.SmoothTransformation)
    return image


def shipping_label_preview(order: Order, width_px: int = 406, dpi: int = 203) -> QImage:
    """The 4×6 shipping label of `order` for the order detail page."""
    from printing.templates import shipping_label

    return preview_image(shipping_label(order), dpi, width_px)
