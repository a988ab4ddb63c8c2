"""Moscow and Shenzhen addresses print on a stock Zebra, and no text leaves its box."""

from __future__ import annotations

from app.domain import Order
from printing import fonts
from printing.layout import LabelLayout, Text
from printing.render import documents, render
from printing.resolve import TextLine, resolve
from printing.templates import shipping_label
from tests.printing.conftest import order_dict, zpl_images


def _name_lines(order: Order) -> list[TextLine]:
    label = resolve(shipping_label(order))
    return [i for i in label.items if isinstance(i, TextLine) and i.text in order.recipient.name]


def _ink(image, box: tuple[int, int, int, int]) -> int:  # type: ignore[no-untyped-def]
    return sum(image.crop(box).histogram()[:128])


def test_cyrillic_and_chinese_names_print_visibly_in_their_box() -> None:
    for name in ("Анна Петровна Смирнова", "王小明 深圳市南山区"):
        order = Order.from_dict(order_dict(name=name))
        zpl = render(shipping_label(order), "zpl")
        assert b"^GFA" in zpl  # drawn by us, not left to a font the printer lacks
        (image,) = zpl_images(zpl)
        (line,) = _name_lines(order)
        assert not line.resident
        box = (line.x, line.y, line.x + line.width, line.y + round(line.size * 1.25))
        ink = _ink(image, box)
        assert ink > 0.08 * (box[2] - box[0]) * (box[3] - box[1]), name
        # the box is 4 mm in from the edge and nothing of the name spills past the label
        assert line.x + line.width <= image.width - 20


def test_a_300_character_name_is_wrapped_shrunk_and_cut_never_off_the_edge() -> None:
    long_name = "Maximilian " * 27 + "End"
    order = Order.from_dict(order_dict(name=long_name))
    lines = [
        i for i in resolve(shipping_label(order)).items if isinstance(i, TextLine) and "Maximilian" in i.text
    ]
    assert 1 <= len(lines) <= 2
    assert lines[-1].text.endswith("...")
    for line in lines:
        assert line.x + line.width <= round((101.6 - 4) * 203 / 25.4)
        assert fonts.resident_width(line.text, line.size) <= line.width + 1


def test_empty_fields_and_a_missing_postcode_still_make_a_label() -> None:
    order = Order.from_dict({**order_dict(), "seller": "", "marketplace": "", "shipping_service": ""})
    order.recipient.postcode = ""
    order.recipient.name = ""
    (image,) = zpl_images(render(documents("shipping", [order]), "zpl"))
    assert image.size == (812, 1218)


def test_emoji_and_control_characters_draw_as_text_not_as_commands() -> None:
    label = LabelLayout(50, 20, [Text(1, 1, 48, 18, "Box\x07 \x1b[2J😀 ok", 3)])
    (line,) = [i for i in resolve(label).items if isinstance(i, TextLine)]
    assert "\x07" not in line.text and "\x1b" not in line.text
    assert line.text.endswith("ok")
