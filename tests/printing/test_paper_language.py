"""Words on paper: the packing slip speaks the buyer's language where the order says which (else
the prep center's, the table's own); the shipping label and the FNSKU label keep the carriers' and
Amazon's English whatever the screens speak. Slips are rendered to PDF and read back as text by
pypdfium2, as a person (or a screen reader) would get them."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from app.domain import Order
from app.i18n import use_language
from printing.render import documents, render
from tests.printing.conftest import order_dict


def slip_text(order: Order) -> str:
    pdf = render(documents("packing-slip", [order]), "pdf")
    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _order(buyer_language: str = "", **recipient: str) -> Order:
    return Order.from_dict({**order_dict(**recipient), "buyer_language": buyer_language})


@pytest.mark.parametrize(
    ("buyer_language", "words"),
    [
        ("en", ("Packing slip", "Order 100234", "Ship to", "Quantity", "3 units in this parcel")),
        ("ru-RU", ("Упаковочный лист", "Заказ 100234", "Кому", "Кол-во", "В этой посылке шт.: 3")),
        ("zh-CN", ("装箱单", "订单 100234", "收件人", "数量", "此包裹内 3 件")),
        ("nl-NL", ("Pakbon", "Order 100234", "Aan", "Aantal", "3 stuks in dit pakket")),
    ],
)
def test_the_packing_slip_speaks_the_buyers_language(buyer_language: str, words: tuple[str, ...]) -> None:
    order = _order(buyer_language, name="Анна Смирнова", city="Москва")
    with use_language("nl"):  # the screens speak Dutch: the buyer's language wins
        text = slip_text(order)
    for word in words:
        assert word in text, (word, text)
    # what came from the marketplace is printed as it came
    assert "ACME-TOY-RED" in text and "Wooden toy train, red" in text and "Анна Смирнова" in text


@pytest.mark.parametrize(
    ("screens", "title"), [("ru", "Упаковочный лист"), ("zh_CN", "装箱单"), ("en", "Packing")]
)
def test_without_a_language_we_speak_the_slip_speaks_the_prep_centers(screens: str, title: str) -> None:
    for order in (_order(""), _order("de-DE")):  # no language given, or one Prepdesk does not speak
        with use_language(screens):
            text = slip_text(order)
        assert title in text


def test_the_shipping_and_item_labels_keep_the_carriers_english() -> None:
    order = _order("ru")
    with use_language("ru"):
        label = render(documents("shipping", [order]), "zpl")
        item = render(documents("item", [order]), "zpl")
    assert b"SHIP TO" in label and b"FROM" in label and b"Ship by" in label
    assert b"New" in item
