"""Each symbology of the layout model reads back the same from the printer's ZPL (zplkit) and from
our own drawing (PNG, which the preview shares): GS1-128 with FNC1, EAN-13, UPC-A, QR."""

from __future__ import annotations

import pytest
import zxingcpp

from printing.layout import Barcode, LabelLayout, Symbology
from printing.render import render
from printing.symbols import BarcodeDataError, code128
from tests.printing.conftest import png_image, zpl_images


def _read(image) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(c.format.name, c.text) for c in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize(
    ("symbology", "data", "expected"),
    [
        (Symbology.EAN13, "4006381333931", ("EAN13", "4006381333931")),
        (Symbology.UPCA, "036000291452", ("UPCA", "036000291452")),
        (Symbology.QR, "PDO-100234 Москва ^XA", ("QRCode", "PDO-100234 Москва ^XA")),
        (Symbology.CODE128, "SKU 12345678 ~>^", ("Code128", "SKU 12345678 ~>^")),
    ],
)
def test_the_printer_and_the_screen_read_the_same_code(
    symbology: Symbology, data: str, expected: tuple[str, str]
) -> None:
    layout = LabelLayout(60, 40, [Barcode(5, 5, 50, 30, data, symbology, module_mm=0.38)])
    for image in (zpl_images(render(layout, "zpl"))[0], png_image(render(layout, "png"))):
        found = _read(image)
        assert len(found) == 1
        fmt, text = found[0]
        if symbology is Symbology.UPCA:  # a UPC-A is an EAN-13 with a leading 0 to some readers
            assert (fmt, text.removeprefix("0") if len(text) == 13 else text) in (expected, ("EAN13", data))
        else:
            assert (fmt, text) == expected


def test_a_gs1_128_code_starts_with_fnc1_and_separates_fields_with_it() -> None:
    data = "0109506000134352\x1d10LOT42"
    layout = LabelLayout(80, 30, [Barcode(5, 5, 70, 20, data, Symbology.GS1_128, module_mm=0.33)])
    for image in (zpl_images(render(layout, "zpl"))[0], png_image(render(layout, "png"))):
        (code,) = zxingcpp.read_barcodes(image)
        assert code.symbology_identifier == "]C1"
        assert code.text.replace("\x1d", "|") in ("0109506000134352|10LOT42", "(01)09506000134352(10)LOT42")


def test_a_code_that_cannot_be_a_barcode_is_refused_not_mangled() -> None:
    with pytest.raises(BarcodeDataError):
        code128("SKU\x07")
    with pytest.raises(BarcodeDataError):
        code128("Жук")
