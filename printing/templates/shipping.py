"""The 4×6 in shipping label: recipient, order barcode, marketplace, seller, ship-by, service,
parcel n of m.

It keeps the carriers' conventions whatever the screens speak: its headings in English
("SHIP TO", "FROM", as postal services and couriers read them), the ship-by date as YYYY-MM-DD,
the address as the buyer wrote it."""

from __future__ import annotations

from app.domain import Order, order_barcode
from app.i18n import document_language, ntr, tr
from printing.layout import LABEL_4X6, Align, Barcode, Box, LabelLayout, Rule, Text

M = 4.0  # margin, mm


def address_lines(order: Order) -> list[str]:
    r = order.recipient
    place = " ".join(p for p in (r.postcode, r.city) if p)
    if r.region:
        place = f"{place}, {r.region}" if place else r.region
    return [line for line in (r.company, r.street1, r.street2, place, r.country) if line]


def shipping_label(order: Order, parcel: int = 1, parcels: int = 1) -> LabelLayout:
    with document_language("en"):
        return _shipping_label(order, parcel, parcels)


def _shipping_label(order: Order, parcel: int, parcels: int) -> LabelLayout:
    w, h = LABEL_4X6
    inner = w - 2 * M
    label = LabelLayout(w, h, name=f"shipping {order.number}")
    # top band: who sends it and how
    label.add(
        Text(M, M, inner * 0.58, 4, tr("FROM"), 2.6, bold=True),
        Text(M, M + 4.5, inner * 0.58, 9, order.seller, 3.4, max_lines=2),
        Text(M, M + 14, inner * 0.58, 4, order.marketplace, 3.0),
        Box(M + inner * 0.62, M, inner * 0.38, 18, 0.5),
        Text(
            M + inner * 0.62 + 1.5,
            M + 1.5,
            inner * 0.38 - 3,
            15,
            order.shipping_service,
            4.2,
            bold=True,
            align=Align.CENTER,
            min_size_mm=2.6,
        ),
        Rule(M, 25, w - M, 25, 0.8),
    )
    # recipient
    label.add(
        Text(M, 27, inner, 4, tr("SHIP TO"), 2.6, bold=True),
        Text(M + 4, 32, inner - 4, 13, order.recipient.name, 5.6, bold=True, max_lines=2, min_size_mm=3.5),
    )
    y = 46.0
    for line in address_lines(order):
        size = 6.0 if line == order.recipient.country else 4.4
        label.add(
            Text(
                M + 4,
                y,
                inner - 4,
                size * 1.2,
                line,
                size,
                bold=line == order.recipient.country,
                max_lines=1,
                min_size_mm=2.8,
            )
        )
        y += size * 1.25
    label.add(Rule(M, 84, w - M, 84, 0.8))
    # order barcode, with its number readable beneath
    payload = order_barcode(order.number)
    label.add(
        Barcode(M, 87, inner, 26, payload, module_mm=0.5, align=Align.CENTER),
        Text(M, 114.5, inner, 5, payload, 4.0, align=Align.CENTER, max_lines=1),
        Rule(M, 121, w - M, 121, 0.8),
    )
    ship_by = order.ship_by.strftime("%Y-%m-%d") if order.ship_by else "-"
    label.add(
        Text(M, 123, inner * 0.6, 4, tr("Marketplace order"), 2.4),
        Text(M, 127, inner * 0.6, 5, order.marketplace_order_id or "-", 3.4, max_lines=1),
        Text(M, 133.5, inner * 0.6, 4, tr("Ship by"), 2.4),
        Text(M, 137.5, inner * 0.6, 6, ship_by, 4.6, bold=True, max_lines=1),
        Box(M + inner * 0.64, 123, inner * 0.36, 25, 0.5),
        Text(M + inner * 0.64 + 1, 125, inner * 0.36 - 2, 4, tr("Parcel"), 2.6, align=Align.CENTER),
        Text(
            M + inner * 0.64 + 1,
            131,
            inner * 0.36 - 2,
            9,
            tr("{n} of {m}", n=parcel, m=parcels),
            7.0,
            bold=True,
            align=Align.CENTER,
            max_lines=1,
        ),
        Text(
            M + inner * 0.64 + 1,
            142,
            inner * 0.36 - 2,
            4,
            ntr("{n} unit", "{n} units", order.units),
            2.8,
            align=Align.CENTER,
            max_lines=1,
        ),
    )
    return label
