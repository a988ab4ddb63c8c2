"""Fixtures of the printing tests: orders as the server sends them, the printer emulator on a
loopback port, and helpers that render ZPL with zplkit and read barcodes back with zxing-cpp."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image

from app.domain import Order


def order_dict(number: str = "100234", **recipient: str) -> dict[str, Any]:
    return {
        "id": f"id-{number}",
        "number": number,
        "status": "5.1",
        "marketplace": "Amazon.de",
        "marketplace_order_id": "302-1234567-7654321",
        "seller": "Acme Gadgets GmbH",
        "ship_by": "2026-11-24T12:00:00Z",
        "shipping_service": "DHL Paket",
        "recipient": {
            "name": "Jane Doe",
            "street1": "1 Main Street",
            "city": "Springfield",
            "postcode": "12345",
            "country": "US",
            **recipient,
        },
        "lines": [
            {
                "id": "1",
                "sku": "ACME-TOY-RED",
                "fnsku": "X001ABC123",
                "title": "Wooden toy train, red",
                "quantity": 2,
                "bin_location": "B-03-2",
                "configuration": "red",
            },
            {"id": "2", "sku": "ACME-MUG", "title": "Mug", "quantity": 1, "bin_location": "A-01-1"},
        ],
    }


@pytest.fixture
def order() -> Order:
    return Order.from_dict(order_dict())


@pytest.fixture
def emulator() -> Iterator[Any]:
    from printing.emulator import start_emulator

    printer = start_emulator()
    yield printer
    printer.stop()


def zpl_images(zpl: bytes, dpi: int = 203) -> list[Image.Image]:
    """Each label of `zpl` as zplkit renders it (an independent ZPL renderer); fails on errors."""
    import zplkit
    from zplkit.rendering import Limits

    # a whole 4x6 graphic (a carrier's label) is 124 kB; printers take it, zplkit's default cap is 25 kB
    document = zplkit.render(zpl, zplkit.Options(dpi=dpi), limits=Limits(graphic_bytes=400_000))
    # the one warning zplkit always gives is about its font-0 strikes; anything else is ours
    assert [w for w in document.warnings if not w.startswith("Resident fonts")] == []
    images = []
    for scene in document.labels:
        raster = scene.rasterize()
        images.append(Image.frombytes("L", (raster.width, raster.height), raster.pixels))
    return images


def pdf_images(pdf: bytes, dpi: int = 200) -> list[Image.Image]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]
    finally:
        document.close()


def barcodes(image: Image.Image) -> list[str]:
    import zxingcpp

    return [code.text for code in zxingcpp.read_barcodes(image)]


def png_image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("L")
