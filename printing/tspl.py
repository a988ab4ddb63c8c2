"""TSPL (TSC, Rollo-class 4×6 printers) as one bitmap per label: those printers have no font for
Cyrillic or Chinese either, so the whole label travels as the picture we drew."""

from __future__ import annotations

from printing.raster import draw_label
from printing.resolve import ResolvedLabel


def render_tspl(labels: list[ResolvedLabel]) -> bytes:
    out = bytearray()
    for label in labels:
        image = draw_label(label)
        row = (image.width + 7) // 8
        # TSPL BITMAP: 1 = white (no dot), which is Pillow's "1" raw layout already
        data = image.tobytes()
        mm_w, mm_h = label.width * 25.4 / label.dpi, label.height * 25.4 / label.dpi
        out += f"SIZE {mm_w:.1f} mm,{mm_h:.1f} mm\r\nGAP 3 mm,0 mm\r\nCLS\r\n".encode("ascii")
        out += f"BITMAP 0,0,{row},{image.height},0,".encode("ascii") + data + b"\r\nPRINT 1,1\r\n"
    return bytes(out)
