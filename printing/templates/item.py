"""Item labels: the FNSKU (or SKU) as Code 128 with the code readable, the title cut to fit and
the condition; one per thermal label (2.25×1.25 in) or 30 to a Letter sheet (2.625×1 in)."""

from __future__ import annotations

from collections.abc import Sequence

from app.domain import Line
from app.i18n import document_language, tr
from printing.layout import ITEM_LABEL, LETTER, Align, Barcode, LabelLayout, Symbology, Text, inches


def item_code(line: Line) -> str:
    """What the unit's barcode carries: the FNSKU when the marketplace gave one, else the SKU."""
    return line.fnsku or line.sku


def _item_elements(line: Line, x: float, y: float, w: float, h: float) -> list[Barcode | Text]:
    code = item_code(line)
    m = 1.5
    bar_h = h * 0.40
    return [
        # A long SKU (no FNSKU) that no Code 128 fits in the width becomes a Data Matrix.
        Barcode(
            x + m,
            y + m,
            w - 2 * m,
            bar_h,
            code,
            module_mm=0.33,
            align=Align.CENTER,
            fallback=Symbology.DATAMATRIX,
        ),
        Text(
            x + m,
            y + m + bar_h + 0.6,
            w - 2 * m,
            h * 0.16,
            code,
            h * 0.12,
            bold=True,
            align=Align.CENTER,
            max_lines=1,
        ),
        Text(
            x + m,
            y + m + bar_h + 0.6 + h * 0.16,
            w - 2 * m,
            h * 0.22,
            line.title,
            h * 0.095,
            max_lines=2,
            min_size_mm=1.6,
        ),
        Text(x + m, y + h - m - h * 0.12, w - 2 * m, h * 0.12, _condition(), h * 0.09, bold=True),
    ]


def _condition() -> str:
    """The item's condition as Amazon's FNSKU label prints it: in English, whatever the screens
    speak (the fulfilment centre reads it)."""
    with document_language("en"):
        return tr("New")


def item_label(line: Line) -> LabelLayout:
    w, h = ITEM_LABEL
    return LabelLayout(w, h, list(_item_elements(line, 0, 0, w, h)), name=f"item {item_code(line)}")


SHEET_COLUMNS, SHEET_ROWS = 3, 10
_CELL_W, _CELL_H = inches(2.625), inches(1.0)
_LEFT, _TOP, _PITCH_X = inches(0.1875), inches(0.5), inches(2.75)


def item_sheet(lines: Sequence[Line]) -> list[LabelLayout]:
    """30-up Letter sheets (3 columns × 10 rows of 2.625×1 in), one label per unit given."""
    pages: list[LabelLayout] = []
    per_page = SHEET_COLUMNS * SHEET_ROWS
    for start in range(0, max(1, len(lines)), per_page):
        page = LabelLayout(*LETTER, name=f"item sheet {len(pages) + 1}")
        for n, line in enumerate(lines[start : start + per_page]):
            col, row = n % SHEET_COLUMNS, n // SHEET_COLUMNS
            page.elements.extend(
                _item_elements(line, _LEFT + col * _PITCH_X, _TOP + row * _CELL_H, _CELL_W, _CELL_H)
            )
        pages.append(page)
    return pages
