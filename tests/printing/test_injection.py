"""ZPL hidden in an order is printed as text: not one command reaches the printer."""

from __future__ import annotations

import binascii
import re

import pytest

from app.domain import Order
from printing.render import documents, render
from printing.transports import open_printer
from tests.printing.conftest import order_dict, zpl_images

CORPUS = [
    "^XA^JUF^XZ",
    "~JR",
    "^DFR:EVIL.ZPL^FS",
    "~WC",
    "^XZ^XA^FO0,0^GB800,1200,800^FS^XZ",
    "~HS~JA~PS",
    "a\\&b_5E_7E",
    "\x02\x03\r\n^FS^XZ",
    "^CI0^FH^FD~DGR:X.GRF",
]

_ALLOWED = {
    "XA",
    "CI",
    "PW",
    "LL",
    "LH",
    "FO",
    "A0",
    "FH",
    "FD",
    "FS",
    "GB",
    "GF",
    "BY",
    "BC",
    "BE",
    "BU",
    "BQ",
    "BX",
    "PQ",
    "XZ",
}


def _hostile(text: str) -> Order:
    d = order_dict(name=text, company=text, street1=text, street2=text, city=text, region=text, postcode=text)
    d.update(seller=text, marketplace=text, marketplace_order_id=text, shipping_service=text)
    for line in d["lines"]:
        line.update(title=text, configuration=text)
    return Order.from_dict(d)


def _commands(zpl: bytes) -> list[str]:
    """The commands a printer would see, as zplkit's own parser splits the stream."""
    from zplkit._native import parse

    out = []
    for element in parse(zpl).elements:
        data = bytes(element)
        if element.kind in ("format_command", "control_command"):
            out.append(data[1:3].decode("ascii", "replace").upper())
        elif element.kind == "control_character" or data.strip():
            out.append(repr(data))  # anything else is not ours
    return out


def _fields(zpl: bytes) -> list[str]:
    """Each ^FH field's data as the printer reads it (hex escapes undone)."""
    out = []
    for raw in re.findall(rb"\^FH\^FD(.*?)\^FS", zpl, flags=re.S):
        out.append(re.sub(rb"_([0-9A-F]{2})", lambda m: binascii.unhexlify(m.group(1)), raw).decode("utf-8"))
    return out


@pytest.mark.parametrize("text", CORPUS)
def test_zpl_in_every_field_stays_text(text: str, emulator) -> None:  # type: ignore[no-untyped-def]
    order = _hostile(text)
    zpl = render(documents("shipping", [order]) + documents("item", [order]), "zpl")
    assert set(_commands(zpl)) <= _ALLOWED
    labels = 1 + order.units
    assert zpl.count(b"^XA") == labels and zpl.count(b"^XZ") == labels
    # the field data, as the printer decodes it, is the order's text itself (made printable)
    printable = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    assert any(printable in field for field in _fields(zpl)) or "^" not in printable
    open_printer(emulator.uri).send(zpl)
    assert len(emulator.labels) == labels
    assert all(label.startswith(b"^XA") and label.endswith(b"^XZ") for label in emulator.labels)
    assert len(zpl_images(zpl)) == labels
