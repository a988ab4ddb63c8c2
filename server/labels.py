"""Carrier label documents the platform "bought" for an order: a 4x6 in ZPL II label or a PDF.

Every string from the order is data, never printer commands: ZPL field data goes through ^FH
hex escapes, so no buyer's name can reconfigure a printer. Like a carrier's, the label is ASCII.
"""

from __future__ import annotations

import io
import random
import unicodedata

from server.demo_tracking import knows_service, tracking_number
from server.models import OrderRow


def label_tracking_number(row: OrderRow) -> str:
    """The tracking number printed on the bought label, stable for the order and made to its
    carrier's rules (a service the demo does not know gets a FedEx number)."""
    service = row.shipping_service if knows_service(row.shipping_service) else "FedEx"
    return tracking_number(random.Random(f"label:{row.id}"), service)[0]


_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)
_LATIN_EXTRA = {
    "ß": "ss",
    "ł": "l",
    "Ł": "L",
    "ø": "o",
    "Ø": "O",
    "æ": "ae",
    "Æ": "AE",
    "€": "EUR",
    "№": "No",
}
# Carriers print Chinese destinations in pinyin as well; the demo's cities and provinces:
_PLACES = {"北京市": "Beijing", "上海市": "Shanghai", "广州市": "Guangzhou", "深圳市": "Shenzhen",
           "杭州市": "Hangzhou", "广东省": "Guangdong", "浙江省": "Zhejiang"}  # fmt: skip


def ascii_text(text: str) -> str:
    """The text as a carrier's label prints it: ASCII only (the printer's built-in font has no
    more), Cyrillic transliterated, accents dropped, known Chinese places in pinyin."""
    for place, pinyin in _PLACES.items():
        text = text.replace(place, pinyin)
    out = []
    for ch in text:
        lower = ch.lower()
        if lower in _CYRILLIC:
            latin = _CYRILLIC[lower]
            out.append(latin.capitalize() if ch != lower else latin)
        elif ch in _LATIN_EXTRA:
            out.append(_LATIN_EXTRA[ch])
        else:
            out.append(unicodedata.normalize("NFKD", ch))
    flat = "".join(c for c in "".join(out) if c.isascii() and (c.isprintable()))
    return " ".join(flat.split())


def zpl_field(text: str) -> str:
    """Field data safe for ^FH_: the characters ZPL would read as commands are hex-escaped."""
    escapes = {"_": "_5F", "^": "_5E", "~": "_7E", "\\": "_5C"}
    return "".join(escapes.get(ch, ch) for ch in text.replace("\r", " ").replace("\n", " "))


def zpl_label(row: OrderRow) -> bytes:
    tracking = label_tracking_number(row)
    address = [
        row.r_name,
        row.r_company,
        row.r_street1,
        row.r_street2,
        " ".join(p for p in (row.r_postcode, row.r_city) if p),
        " ".join(p for p in (row.r_region, row.r_country) if p),
    ]
    fields = []
    y = 260
    for text in (t for t in map(ascii_text, address) if t):
        fields.append(f"^FO60,{y}^A0N,40,40^FH_^FD{zpl_field(text)}^FS")
        y += 50
    body = "\n".join(
        [
            "^XA",
            "^CI28",
            "^PW812",
            "^LL1218",
            "^LH0,0",
            f"^FO40,40^A0N,60,60^FH_^FD{zpl_field(ascii_text(row.shipping_service) or 'Parcel')}^FS",
            f"^FO40,120^A0N,30,30^FH_^FDOrder {zpl_field(row.number)}  {zpl_field(ascii_text(row.marketplace))}^FS",
            "^FO40,200^GB732,3,3^FS",
            "^FO40,220^A0N,28,28^FDSHIP TO:^FS",
            *fields,
            "^FO40,700^GB732,3,3^FS",
            f"^FO80,740^BY3,3,220^BCN,220,Y,N,N^FD{zpl_field(tracking)}^FS",
            f"^FO40,1080^A0N,30,30^FDTRACKING # {zpl_field(tracking)}^FS",
            "^XZ",
            "",
        ]
    )
    return body.encode("utf-8")


def pdf_label(row: OrderRow) -> bytes:
    from reportlab.graphics.barcode import code128
    from reportlab.lib.units import inch
    from reportlab.pdfgen import canvas

    tracking = label_tracking_number(row)
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(4 * inch, 6 * inch), pageCompression=1)
    page.setTitle(f"Carrier label {row.number}")
    page.setFont("Helvetica-Bold", 16)
    page.drawString(0.2 * inch, 5.6 * inch, (row.shipping_service or "Parcel")[:40])
    page.setFont("Helvetica", 9)
    page.drawString(0.2 * inch, 5.35 * inch, f"Order {row.number}  {row.marketplace}")
    page.line(0.2 * inch, 5.2 * inch, 3.8 * inch, 5.2 * inch)
    page.drawString(0.2 * inch, 5.0 * inch, "SHIP TO:")
    page.setFont("Helvetica", 11)
    y = 4.75 * inch
    # The standard PDF fonts hold Latin only: the address is printed as the carrier would.
    for text in (row.r_name, row.r_street1, row.r_street2, f"{row.r_postcode} {row.r_city}", row.r_country):
        if ascii_text(text):
            page.drawString(0.3 * inch, y, ascii_text(text)[:48])
            y -= 0.22 * inch
    barcode = code128.Code128(tracking, barHeight=1.1 * inch, barWidth=1.2)
    barcode.drawOn(page, 0.2 * inch, 1.0 * inch)
    page.setFont("Helvetica", 10)
    page.drawString(0.3 * inch, 0.7 * inch, f"TRACKING # {tracking}")
    page.showPage()
    page.save()
    return out.getvalue()


def label_document(row: OrderRow) -> tuple[bytes, str] | None:
    """(bytes, media type) of the order's carrier label, or None when none was bought."""
    if row.carrier_label == "zpl":
        return zpl_label(row), "application/zpl"
    if row.carrier_label == "pdf":
        return pdf_label(row), "application/pdf"
    return None
