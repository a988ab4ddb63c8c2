"""The pick list of a batch (PDF): one row per SKU with the total to pick, in bin-location order
so the picker walks the aisles once, then the batch's order barcodes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from app.domain import Order, order_barcode
from app.i18n import ntr, tr
from printing.layout import A4, Align, Barcode, LabelLayout, Rule, Text

M = 12.0
ROW = 7.0


@dataclass(slots=True)
class PickRow:
    sku: str
    title: str
    bin_location: str
    quantity: int = 0
    orders: list[str] = field(default_factory=list)


def pick_rows(orders: Sequence[Order]) -> list[PickRow]:
    """Lines aggregated by SKU, sorted by bin location (lines without one last), then SKU."""
    rows: dict[str, PickRow] = {}
    for order in orders:
        for line in order.lines:
            row = rows.setdefault(line.sku, PickRow(line.sku, line.title, line.bin_location))
            row.quantity += line.quantity
            row.bin_location = row.bin_location or line.bin_location
            if order.number not in row.orders:
                row.orders.append(order.number)
    return sorted(rows.values(), key=lambda r: (r.bin_location == "", r.bin_location, r.sku))


def pick_list(orders: Sequence[Order], paper: tuple[float, float] = A4) -> list[LabelLayout]:
    w, h = paper
    cols = (
        (M, 24, tr("Bin")),
        (M + 26, 42, tr("SKU")),
        (M + 70, w - 2 * M - 70 - 52, tr("Item")),
        (w - M - 50, 14, tr("Qty")),
        (w - M - 34, 34, tr("Orders")),
    )
    pages: list[LabelLayout] = []

    def new_page(table: bool = True) -> tuple[LabelLayout, float]:
        page = LabelLayout(w, h, name=f"pick list p{len(pages) + 1}")
        title = tr(
            "Pick list: {orders}, {units}",
            orders=ntr("{n} order", "{n} orders", len(orders)),
            units=ntr("{n} unit", "{n} units", sum(o.units for o in orders)),
        )
        page.add(
            Text(M, M, w - 2 * M - 20, 8, title, 5.5, bold=True, max_lines=1),
            Text(w - M - 20, M, 20, 6, tr("page {n}", n=len(pages) + 1), 3, align=Align.RIGHT),
        )
        y = M + 10
        if not table:  # a page of order barcodes only
            return page, y
        for x, cw, head in cols:
            page.add(Text(x, y, cw, 5, head, 3.2, bold=True, max_lines=1))
        page.add(Rule(M, y + 5.5, w - M, y + 5.5, 0.4))
        return page, y + 7

    page, y = new_page()
    for row in pick_rows(orders):
        if y + ROW > h - M:
            pages.append(page)
            page, y = new_page()
        values = (row.bin_location or "-", row.sku, row.title, str(row.quantity), ", ".join(row.orders))
        for (x, cw, _), value in zip(cols, values, strict=True):
            page.add(
                Text(x, y, cw, ROW - 1, value, 3.2, max_lines=1, min_size_mm=2.4, bold=value is values[3])
            )
        page.add(Rule(M, y + ROW - 0.8, w - M, y + ROW - 0.8, 0.15))
        y += ROW
    # the batch's order barcodes, so the packer can open each order by scanning the list
    cell_w, cell_h = (w - 2 * M) / 3, 24.0
    if y + 8 + cell_h > h - M:
        pages.append(page)
        page, y = new_page(table=False)
    page.add(Text(M, y + 3, w - 2 * M, 6, tr("Orders in this batch"), 4, bold=True, max_lines=1))
    y += 10
    for n, order in enumerate(orders):
        col = n % 3
        if col == 0 and n:
            y += cell_h
        if col == 0 and y + cell_h > h - M:
            pages.append(page)
            page, y = new_page(table=False)
        x = M + col * cell_w
        payload = order_barcode(order.number)
        page.add(
            Barcode(x + 2, y, cell_w - 6, 14, payload, module_mm=0.3),
            Text(x + 2, y + 15, cell_w - 6, 5, payload, 3, max_lines=1),
        )
    pages.append(page)
    return pages
