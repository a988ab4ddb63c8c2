"""The packing slip that goes in the box (A4 or Letter PDF): order, recipient, and each line with
SKU, title, configuration and quantity, with the product photo when there is one.

It is the buyer's paper, so it speaks the buyer's language where the order says which and
Prepdesk speaks it (`Order.buyer_language`), else the language of the table that prints it (the
prep center's). SKUs, titles and order numbers are printed as they came.

Photos are given as bytes (`photos`: photo_url -> image bytes), fetched beforehand by whoever
calls: printing/ does no network I/O."""

from __future__ import annotations

from collections.abc import Mapping

from app.domain import Order, order_barcode
from app.i18n import document_language, spoken, tr
from printing.layout import A4, Align, Barcode, LabelLayout, Picture, Rule, Text
from printing.templates.shipping import address_lines

M = 15.0
ROW = 22.0


def packing_slip(
    order: Order, paper: tuple[float, float] = A4, photos: Mapping[str, bytes] | None = None
) -> list[LabelLayout]:
    with document_language(spoken(order.buyer_language)):
        return _packing_slip(order, paper, photos)


def _packing_slip(
    order: Order, paper: tuple[float, float], photos: Mapping[str, bytes] | None
) -> list[LabelLayout]:
    w, h = paper
    photos = photos or {}
    pages: list[LabelLayout] = []
    page = LabelLayout(w, h, name=f"packing slip {order.number}")
    page.add(
        Text(M, M, w * 0.55, 10, tr("Packing slip"), 8, bold=True),
        Text(M, M + 11, w * 0.55, 6, tr("Order {number}", number=order.number), 4.5, bold=True),
        Text(M, M + 17, w * 0.55, 5, f"{order.marketplace} {order.marketplace_order_id}".strip(), 3.6),
        Text(M, M + 22, w * 0.55, 5, order.seller, 3.6),
        Barcode(w - M - 70, M, 70, 14, order_barcode(order.number), module_mm=0.4, align=Align.RIGHT),
        Text(w - M - 70, M + 15, 70, 5, order_barcode(order.number), 3.2, align=Align.RIGHT),
        Text(M, M + 30, 80, 5, tr("Ship to"), 3.2, bold=True),
        Text(M, M + 35, w - 2 * M, 5, order.recipient.name, 4.2, bold=True, max_lines=1),
    )
    y = M + 40.5
    for address_line in address_lines(order):
        page.add(Text(M, y, w - 2 * M, 5, address_line, 3.6, max_lines=1))
        y += 5
    y = max(y + 4, M + 70)
    columns = (
        (M + 24, 40, tr("SKU")),
        (M + 66, w - 2 * M - 66 - 22, tr("Item")),
        (w - M - 18, 18, tr("Quantity")),
    )

    def table_head(page: LabelLayout, y: float) -> float:
        for x, cw, title in columns:
            page.add(Text(x, y, cw, 5, title, 3.2, bold=True, max_lines=1))
        page.add(Rule(M, y + 6, w - M, y + 6, 0.4))
        return y + 8

    y = table_head(page, y)
    for line in order.lines:
        if y + ROW > h - M:
            pages.append(page)
            page = LabelLayout(w, h, name=f"packing slip {order.number} p{len(pages) + 1}")
            page.add(
                Text(
                    M, M, w - 2 * M, 6, tr("Order {number} (continued)", number=order.number), 4.5, bold=True
                )
            )
            y = table_head(page, M + 10)
        photo = photos.get(line.photo_url) if line.photo_url else None
        if photo:
            page.add(Picture(M, y, 20, ROW - 3, photo))
        title = line.title + (f" ({line.configuration})" if line.configuration else "")
        page.add(
            Text(columns[0][0], y, columns[0][1], ROW - 3, line.sku, 3.4, max_lines=3, min_size_mm=2.4),
            Text(columns[1][0], y, columns[1][1], ROW - 3, title, 3.4, max_lines=4, min_size_mm=2.4),
            Text(columns[2][0], y, columns[2][1], 8, str(line.quantity), 5, bold=True, align=Align.RIGHT),
            Rule(M, y + ROW - 1.5, w - M, y + ROW - 1.5, 0.2),
        )
        y += ROW
    page.add(
        Text(
            M,
            y + 2,
            w - 2 * M,
            6,
            tr("{units} units in this parcel", units=order.units),
            4,
            bold=True,
            align=Align.RIGHT,
        )
    )
    pages.append(page)
    return pages
