"""A barcode that cannot be read must not print: every item label's code reads back from the
printed label whatever the length of the SKU (Code 128 while it fits, a Data Matrix after), and a
code that fits no way is refused with words, never sent off the edge of the label."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain import Line
from prepdesk.cli import main
from printing.layout import Barcode, LabelLayout
from printing.render import render
from printing.resolve import Bars, Matrix, resolve
from printing.symbols import BarcodeDoesNotFit
from printing.templates.item import item_label
from tests.printing.conftest import barcodes, png_image, zpl_images

SKUS = ["X001ABC123", "NHG-MUG-0231", "NHG-MUG-0231-BLUE-XL", "12345678901234567890", "LONG-SKU-" + "A" * 31]


@pytest.mark.parametrize("sku", SKUS)
@pytest.mark.parametrize("dpi", [203, 300])
def test_an_item_label_barcode_stays_on_the_label_and_reads_back(sku: str, dpi: int) -> None:
    layout = item_label(Line(id="l1", sku=sku, title="Stoneware mug", quantity=1))
    label = resolve(layout, dpi)
    codes = [item for item in label.items if isinstance(item, Bars | Matrix)]
    assert len(codes) == 1
    code = codes[0]
    right = code.x + (code.module * len(code.modules) if isinstance(code, Bars) else code.size)
    assert code.x >= 0 and right <= label.width
    zpl = render(layout, "zpl", dpi)
    assert barcodes(zpl_images(zpl, dpi)[0]) == [sku]
    assert barcodes(png_image(render(layout, "png", dpi))) == [sku]


def test_a_long_code_with_no_2d_fallback_is_refused_with_words(tmp_path: Path) -> None:
    layout = LabelLayout(57, 32, [Barcode(1.5, 1.5, 54, 12, "NHG-MUG-0231-BLUE-XL-PACK-OF-TWELVE")])
    with pytest.raises(BarcodeDoesNotFit, match="too long for a barcode 54 mm wide"):
        render(layout, "zpl")


def test_the_label_command_says_why_it_made_no_label(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from tests.printing.conftest import order_dict

    order = order_dict()
    order["lines"] = [{**order["lines"][0], "fnsku": "", "sku": "S" * 300}]
    path = tmp_path / "order.json"
    path.write_text(json.dumps(order), encoding="utf-8")
    out = tmp_path / "items.zpl"
    assert main(["label", "--kind", "item", "--order-json", str(path), "-o", str(out)]) == 2
    said = capsys.readouterr().err
    assert said.startswith("Not made:") and "too long" in said
    assert not out.exists()
