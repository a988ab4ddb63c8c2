"""A product as the server's catalogue knows it: its codes, weight and photo (a code looked up at
the pick table, say)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Product:
    sku: str
    title: str = ""
    fnsku: str = ""
    ean: str = ""
    asin: str = ""
    vendor: str = ""
    weight_g: int | None = None
    photo_url: str = ""
    seller: str = ""
