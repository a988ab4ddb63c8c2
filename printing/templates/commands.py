"""The sheet of command barcodes a packer scans instead of touching the screen."""

from __future__ import annotations

from app.domain import Command, command_barcode
from app.i18n import tr
from printing.layout import A4, Align, Barcode, Box, LabelLayout, Text


def command_sheet(paper: tuple[float, float] = A4) -> LabelLayout:
    w, h = paper
    page = LabelLayout(w, h, name="commands")
    page.add(Text(15, 12, w - 30, 10, tr("Prepdesk commands: scan instead of pressing a key"), 6, bold=True))
    y = 28.0
    pitch = (h - y - 12) / len(Command)
    for command in Command:
        payload = command_barcode(command)
        page.add(
            Box(15, y, w - 30, pitch - 4, 0.3),
            Text(20, y + 4, 60, pitch - 12, command.label, 6, bold=True, max_lines=2),
            Barcode(85, y + 3, w - 105, pitch - 16, payload, module_mm=0.5),
            Text(85, y + pitch - 12, w - 105, 5, payload, 3.4, align=Align.LEFT, max_lines=1),
        )
        y += pitch
    return page
