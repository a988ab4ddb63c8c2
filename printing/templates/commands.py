"""The sheet of command barcodes a packer scans instead of touching the screen."""

from __future__ import annotations

from collections.abc import Sequence

from app.domain import Command, command_barcode, service_barcode
from app.i18n import tr
from printing.layout import A4, Align, Barcode, Box, LabelLayout, Text


def command_sheet(
    paper: tuple[float, float] = A4, services: Sequence[tuple[str, str]] = ()
) -> list[LabelLayout]:
    """The commands' page, and where `services` (code, name) of the price list are given, a page
    of their barcodes (`PDS-…`): a packer records a service done by scanning it."""
    entries = [(command.label, command_barcode(command)) for command in Command]
    pages = [_sheet(paper, tr("Prepdesk commands: scan instead of pressing a key"), entries, "commands")]
    if services:
        rows = [(name, service_barcode(code)) for code, name in services]
        pages.append(_sheet(paper, tr("Prep services: scan one done on the order"), rows, "services"))
    return pages


def _sheet(
    paper: tuple[float, float], title: str, entries: Sequence[tuple[str, str]], name: str
) -> LabelLayout:
    w, h = paper
    page = LabelLayout(w, h, name=name)
    page.add(Text(15, 12, w - 30, 10, title, 6, bold=True))
    y = 28.0
    pitch = min((h - y - 12) / max(len(entries), 1), 34.0)
    for label, payload in entries:
        page.add(
            Box(15, y, w - 30, pitch - 4, 0.3),
            Text(20, y + 4, 60, pitch - 12, label, 6, bold=True, max_lines=2),
            Barcode(85, y + 3, w - 105, pitch - 16, payload, module_mm=0.5),
            Text(85, y + pitch - 12, w - 105, 5, payload, 3.4, align=Align.LEFT, max_lines=1),
        )
        y += pitch
    return page
