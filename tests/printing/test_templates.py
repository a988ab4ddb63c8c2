"""Every template read back the way a scanner and a printer would: ZPL rendered by zplkit and
PDF rasterised by pdfium, each barcode decoded to exactly the payload we meant."""

from __future__ import annotations

import pytest

from app.domain import Command, Line, Order, command_barcode, order_barcode
from printing.layout import LETTER
from printing.render import OrderDocumentMaker, documents, render
from printing.templates import item_label, pick_list
from printing.templates.pick_list import pick_rows
from tests.printing.conftest import barcodes, order_dict, pdf_images, png_image, zpl_images


def test_a_shipping_label_scans_back_to_its_order_number(order: Order) -> None:
    (image,) = zpl_images(render(documents("shipping", [order]), "zpl"))
    assert barcodes(image) == [order_barcode("100234")]
    assert image.size == (812, 1218)  # 4x6 in at 203 dpi


@pytest.mark.parametrize("dpi", [300, 600])
def test_a_shipping_label_at_300_and_600_dpi_scans_too(order: Order, dpi: int) -> None:
    (image,) = zpl_images(render(documents("shipping", [order]), "zpl", dpi), dpi=dpi)
    assert barcodes(image) == [order_barcode("100234")]
    assert image.size == (4 * dpi, 6 * dpi)


def test_a_shipping_label_as_pdf_scans_back(order: Order) -> None:
    (page,) = pdf_images(render(documents("shipping", [order]), "pdf"))
    assert barcodes(page) == [order_barcode("100234")]


def test_an_item_label_carries_the_fnsku_or_else_the_sku() -> None:
    fnsku = Line(id="1", sku="SKU-1", title="Toy", quantity=1, fnsku="X001ABC123")
    bare = Line(id="2", sku="SKU-2^~\\>_x", title="Toy", quantity=1)
    for line, expected in ((fnsku, "X001ABC123"), (bare, "SKU-2^~\\>_x")):
        (image,) = zpl_images(render(item_label(line), "zpl"))
        assert barcodes(image) == [expected]
        (page,) = pdf_images(render(item_label(line), "pdf"), dpi=600)
        assert barcodes(page) == [expected]


def test_a_30_up_sheet_holds_thirty_item_labels_that_scan() -> None:
    lines = [Line(id=str(n), sku=f"SKU-{n:03d}", title="Toy", quantity=1) for n in range(31)]
    pages = documents(
        "item-sheet", [Order.from_dict({**order_dict(), "lines": [line.to_dict() for line in lines]})]
    )
    assert len(pages) == 2
    dpi = 300
    (first, _second) = pdf_images(render(pages, "pdf"), dpi=dpi)
    read = []
    for n in range(30):  # each label on its own, as a scanner aimed at it would
        left, top = round((0.1875 + 2.75 * (n % 3)) * dpi), round((0.5 + n // 3) * dpi)
        read.append(barcodes(first.crop((left, top, left + round(2.625 * dpi), top + dpi))))
    assert read == [[f"SKU-{n:03d}"] for n in range(30)]


def test_the_command_sheet_scans_to_every_command() -> None:
    (page,) = pdf_images(render(documents("commands", []), "pdf"))
    assert sorted(barcodes(page)) == sorted(command_barcode(c) for c in Command)
    (label,) = zpl_images(render(documents("commands", []), "zpl"))
    assert sorted(barcodes(label)) == sorted(command_barcode(c) for c in Command)


def test_the_command_sheet_carries_the_price_lists_services_on_a_page_of_their_own() -> None:
    services = [("FNSKU_LABEL", "FNSKU labelling"), ("POLYBAG", "Polybag"), ("BUBBLE_WRAP", "Bubble wrap")]
    commands, prices = pdf_images(render(documents("commands", [], services=services), "pdf"))
    assert sorted(barcodes(prices)) == ["PDS-BUBBLE-WRAP", "PDS-FNSKU-LABEL", "PDS-POLYBAG"]
    assert sorted(barcodes(commands)) == sorted(command_barcode(c) for c in Command)


def test_a_pick_list_adds_up_skus_in_bin_order_and_carries_the_order_barcodes() -> None:
    a = Order.from_dict(order_dict("1001"))
    b = Order.from_dict(order_dict("1002"))
    rows = pick_rows([a, b])
    assert [(r.bin_location, r.sku, r.quantity, r.orders) for r in rows] == [
        ("A-01-1", "ACME-MUG", 2, ["1001", "1002"]),
        ("B-03-2", "ACME-TOY-RED", 4, ["1001", "1002"]),
    ]
    (page,) = pdf_images(render(pick_list([a, b]), "pdf"))
    assert sorted(barcodes(page)) == [order_barcode("1001"), order_barcode("1002")]


def test_a_pick_list_of_two_thousand_lines_runs_over_pages() -> None:
    big = order_dict("9")
    big["lines"] = [
        {"id": str(n), "sku": f"S{n:04d}", "title": "x", "quantity": 1, "bin_location": f"Z{n:04d}"}
        for n in range(2000)
    ]
    pages = pick_list([Order.from_dict(big)], LETTER)
    assert len(pages) > 40
    assert render(pages, "pdf").startswith(b"%PDF")


def test_a_packing_slip_shows_the_photo_it_was_given(order: Order) -> None:
    from PIL import Image

    photo = Image.new("RGB", (60, 60), "black")
    import io

    buffer = io.BytesIO()
    photo.save(buffer, format="PNG")
    order.lines[0].photo_url = "/api/v1/photos/train.png"
    maker = OrderDocumentMaker(photos=lambda url: buffer.getvalue() if url.endswith("train.png") else None)
    slip = maker.packing_slips([order])
    assert slip.format == "pdf"
    (page,) = pdf_images(slip.content, dpi=200)
    assert barcodes(page) == [order_barcode("100234")]
    # the photo sits at the left of the first line: a dark square there
    strip = page.crop((100, 0, 260, page.height))
    assert strip.getextrema()[0] < 50


def test_a_carrier_pdf_prints_on_a_thermal_printer_as_one_graphic(order: Order) -> None:
    from printing.render import Document

    pdf = render(documents("shipping", [order]), "pdf")
    label = OrderDocumentMaker().carrier_label(order, Document("pdf", pdf))
    assert label.format == "zpl" and label.content.count(b"^XA") == 1 and b"^GFA" in label.content
    (image,) = zpl_images(label.content)
    assert barcodes(image) == [order_barcode("100234")]
    zpl = b"^XA^FO10,10^FDcarrier^FS^XZ"
    assert OrderDocumentMaker().carrier_label(order, Document("zpl", zpl)).content == zpl


def test_the_png_of_a_label_scans_like_the_print(order: Order) -> None:
    assert barcodes(png_image(render(documents("shipping", [order]), "png"))) == [order_barcode("100234")]


def test_the_print_station_gets_its_own_document_type(order: Order) -> None:
    from app.print_station import PrintDocument

    maker = OrderDocumentMaker(document=PrintDocument)
    label = maker.shipping_label(order)
    assert isinstance(label, PrintDocument) and label.format == "zpl"
    assert isinstance(maker.pick_list([order]), PrintDocument)


def test_a_tspl_printer_gets_the_label_as_one_bitmap(order: Order) -> None:
    tspl = render(documents("shipping", [order]), "tspl", 203)
    head, _, rest = tspl.partition(b"BITMAP 0,0,")
    assert head.startswith(b"SIZE 101.6 mm,152.4 mm\r\n")
    row, height = (int(v) for v in rest.split(b",")[:2])
    assert (row, height) == (102, 1218)
    assert tspl.endswith(b"\r\nPRINT 1,1\r\n")
    bitmap = rest.split(b",", 3)[3][: row * height]
    assert len(bitmap) == row * height and bitmap.count(0xFF) < len(bitmap)  # some dots are black


def test_a_big_batch_pick_list_carries_every_order_barcode_across_its_pages() -> None:
    orders = [Order.from_dict(order_dict(f"{2000 + n}")) for n in range(40)]
    found = [code for page in pdf_images(render(pick_list(orders), "pdf")) for code in barcodes(page)]
    assert sorted(found) == sorted(order_barcode(f"{2000 + n}") for n in range(40))
