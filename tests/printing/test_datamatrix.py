"""Data Matrix from our own ECC 200 encoder: a scanner (zxing-cpp) reads back exactly what we put
in, from the bare cells and from every renderer (PNG, Qt preview, PDF, and the printer's pinned
^BX as zplkit draws it), and all of them draw a symbol of the same size."""

from __future__ import annotations

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from printing.datamatrix import datamatrix_cells
from printing.layout import Barcode, LabelLayout, Symbology
from printing.render import render
from tests.printing.conftest import pdf_images, png_image, zpl_images
from tests.printing.test_preview import _qimage_to_pil

GS1_PAYLOAD = "0109506000134352" + "17261231" + "10LOT42\x1d" + "21SN0815"
GS1_READ = "(01)09506000134352(17)261231(10)LOT42(21)SN0815"

PAYLOADS = {
    "short digits": "12345678",
    "an FNSKU": "X001ABC123",
    "a 300-character string": ("PDO-100234 Wooden toy train, red; " * 10)[:300],
    "lowercase and umlauts": "Größe: ä, ö, ü",
    "Cyrillic": "Москва, ул. Тверская 1",
    "printer commands": "^XA^JUF^XZ ~JR _1 \\ back",
}


def _image(cells: list[list[bool]], module: int = 4, quiet: int = 4) -> Image.Image:
    side = (len(cells) + 2 * quiet) * module
    image = Image.new("L", (side, side), 255)
    for r, row in enumerate(cells):
        for c, dark in enumerate(row):
            if dark:
                x, y = (c + quiet) * module, (r + quiet) * module
                image.paste(0, (x, y, x + module, y + module))
    return image


def _read(image: Image.Image) -> list[zxingcpp.Barcode]:
    return list(zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.DataMatrix))


def _only(image: Image.Image) -> zxingcpp.Barcode:
    found = _read(image)
    assert len(found) == 1
    return found[0]


def _label(data: str, symbology: Symbology = Symbology.DATAMATRIX) -> LabelLayout:
    return LabelLayout(60, 60, [Barcode(5, 5, 50, 50, data, symbology)])


def _dark_box(image: Image.Image) -> tuple[int, int]:
    """Width and height of everything dark in `image`: the symbol's printed size."""
    box = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert box is not None
    return box[2] - box[0], box[3] - box[1]


@pytest.mark.parametrize("data", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_a_scanner_reads_back_exactly_what_the_cells_carry(data: str) -> None:
    code = _only(_image(datamatrix_cells(data)))
    assert code.text == data
    assert code.symbology_identifier == "]d1"


def test_a_gs1_data_matrix_starts_with_fnc1_and_separates_fields_with_it() -> None:
    code = _only(_image(datamatrix_cells(GS1_PAYLOAD, gs1=True)))
    assert code.symbology_identifier == "]d2"  # FNC1 first: a GS1 Data Matrix to every scanner
    assert code.text == GS1_READ
    assert code.bytes == GS1_PAYLOAD.encode("ascii")
    # Data as a wedge scanner hands it on, with a separator in front: still one FNC1 at the head.
    assert datamatrix_cells("\x1d" + GS1_PAYLOAD, gs1=True) == datamatrix_cells(GS1_PAYLOAD, gs1=True)
    zpl = render(_label("\x1d" + GS1_PAYLOAD, Symbology.GS1_DATAMATRIX), "zpl").decode()
    assert zpl == render(_label(GS1_PAYLOAD, Symbology.GS1_DATAMATRIX), "zpl").decode()


def test_the_smallest_symbol_that_holds_the_data_is_chosen() -> None:
    assert len(datamatrix_cells("123456")) == 10  # three digit pairs fill the 10x10 exactly
    assert len(datamatrix_cells("1234567")) == 12
    assert len(datamatrix_cells("7" * 3116)) == 144  # the standard's largest numeric capacity


def test_too_much_data_is_refused_with_a_reason_and_the_label_shows_it_as_text() -> None:
    with pytest.raises(ValueError, match="Too much for a Data Matrix"):
        datamatrix_cells("x" * 1600)
    with pytest.raises(ValueError, match="only ASCII"):
        datamatrix_cells("01095060001343521" + "0Größe", gs1=True)
    image = png_image(render(_label("x" * 1600), "png"))
    assert _read(image) == []
    assert image.getextrema()[0] == 0  # not a blank label: the data is printed as text


@pytest.mark.parametrize(
    ("data", "symbology", "expected"),
    [
        (PAYLOADS["a 300-character string"], Symbology.DATAMATRIX, PAYLOADS["a 300-character string"]),
        (PAYLOADS["lowercase and umlauts"], Symbology.DATAMATRIX, PAYLOADS["lowercase and umlauts"]),
        (PAYLOADS["Cyrillic"], Symbology.DATAMATRIX, PAYLOADS["Cyrillic"]),
        (PAYLOADS["printer commands"], Symbology.DATAMATRIX, PAYLOADS["printer commands"]),
        (GS1_PAYLOAD, Symbology.GS1_DATAMATRIX, GS1_READ),
    ],
    ids=["300 characters", "umlauts", "Cyrillic", "printer commands", "GS1"],
)
def test_every_renderer_draws_the_same_readable_symbol(  # type: ignore[no-untyped-def]
    qapp, data: str, symbology: Symbology, expected: str
) -> None:
    from printing.preview import preview_image

    layout = _label(data, symbology)
    zpl = render(layout, "zpl")
    assert zpl.count(b"^XA") == 1 and zpl.count(b"^XZ") == 1  # no field data became a command
    printed = zpl_images(zpl)[0]
    screen = png_image(render(layout, "png"))
    preview = _qimage_to_pil(preview_image(layout, 203))
    (pdf,) = pdf_images(render(layout, "pdf"))
    for image in (printed, screen, preview, pdf):
        assert _only(image).text == expected
    # the printer's ^BX is pinned to the size the screen shows, dot for dot
    assert _dark_box(printed) == _dark_box(screen) == _dark_box(preview)


@pytest.mark.parametrize("data", ["12345678", "X001ABC123", "Größe", "0" * 3000], ids=str.__len__)
def test_where_the_printer_also_encodes_in_ascii_it_prints_our_very_modules(data: str) -> None:
    # zplkit is an independent encoder: equal dots mean equal codewords, Reed-Solomon blocks
    # (3,000 digits: the 144x144 with its ten interleaved blocks), placement and patterns
    layout = LabelLayout(80, 80, [Barcode(5, 5, 70, 70, data, Symbology.DATAMATRIX)])
    screen = png_image(render(layout, "png"))
    printed = zpl_images(render(layout, "zpl"))[0].crop((0, 0, *screen.size))
    printed = printed.point(lambda v: 255 if v > 127 else 0)
    assert ImageChops.difference(screen, printed).getbbox() is None


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(max_codepoint=127), min_size=1, max_size=100))
def test_any_ascii_text_reads_back_exactly(data: str) -> None:
    assert _only(_image(datamatrix_cells(data))).bytes == data.encode("ascii")
