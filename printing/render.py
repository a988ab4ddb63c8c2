"""Renderers by format (a registry), the documents an order needs, and carrier labels as is.

This is the face of printing/ for the rest of the house: `render(layouts, "zpl"|"pdf"|"png")`,
`documents(kind, orders)` and `OrderDocumentMaker` (what the print station asks for)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain import Order
from app.i18n import tr
from printing import fonts
from printing.layout import A4, LETTER, LabelLayout, Text
from printing.resolve import ResolvedLabel, resolve

Renderer = Callable[[list[LabelLayout], int], bytes]


def _zpl(layouts: list[LabelLayout], dpi: int) -> bytes:
    from printing.zpl import render_zpl

    return render_zpl([resolve(layout, dpi) for layout in layouts])


def _png(layouts: list[LabelLayout], dpi: int) -> bytes:
    from printing.raster import render_png

    return render_png([resolve(layout, dpi) for layout in layouts])


def _pdf(layouts: list[LabelLayout], dpi: int) -> bytes:
    from printing.pdf import PDF_DPI, render_pdf

    return render_pdf([resolve(layout, PDF_DPI, resident=False) for layout in layouts])


def _tspl(layouts: list[LabelLayout], dpi: int) -> bytes:
    from printing.tspl import render_tspl

    return render_tspl([resolve(layout, dpi) for layout in layouts])


RENDERERS: dict[str, Renderer] = {"zpl": _zpl, "pdf": _pdf, "png": _png, "tspl": _tspl}


def render(layouts: LabelLayout | Sequence[LabelLayout], format: str = "zpl", dpi: int = 203) -> bytes:
    """The layouts as one document in `format` ("zpl", "pdf", "png", "tspl"), at `dpi`."""
    if format not in RENDERERS:
        raise ValueError(tr("Unknown label format “{format}”.", format=format))
    pages = [layouts] if isinstance(layouts, LabelLayout) else list(layouts)
    return RENDERERS[format](pages, dpi)


def resolved(layout: LabelLayout, dpi: int = 203) -> ResolvedLabel:
    return resolve(layout, dpi)


KINDS = ("shipping", "packing-slip", "pick-list", "item", "item-sheet", "commands")
PAPERS = {"a4": A4, "letter": LETTER}


def documents(
    kind: str,
    orders: Sequence[Order],
    *,
    paper: tuple[float, float] = A4,
    photos: Mapping[str, bytes] | None = None,
    services: Sequence[tuple[str, str]] = (),
) -> list[LabelLayout]:
    """The layouts of one kind for these orders: a shipping label per order, a packing slip per
    order, one pick list for all, an item label per unit of every line, or the command sheet
    (with a page of the price list's `services`, (code, name), where given)."""
    from printing import templates

    if kind == "shipping":
        return [templates.shipping_label(o) for o in orders]
    if kind == "packing-slip":
        return [page for o in orders for page in templates.packing_slip(o, paper, photos)]
    if kind == "pick-list":
        return templates.pick_list(orders, paper)
    units = [line for o in orders for line in o.lines for _ in range(max(0, line.quantity))]
    if kind == "item":
        return [templates.item_label(line) for line in units]
    if kind == "item-sheet":
        return templates.item_sheet(units)
    if kind == "commands":
        return templates.command_sheet(paper, services)
    raise ValueError(tr("Unknown document “{kind}”.", kind=kind))


@dataclass(frozen=True, slots=True)
class Document:
    """Bytes ready for a printer, in `format` ("zpl", "pdf", "png", "tspl")."""

    format: str
    content: bytes
    cannot_draw: str = ""  # characters of its text no bundled font draws, printed as "?"


class OrderDocumentMaker:
    """What a print station prints for orders, in its printers' formats: labels for the thermal
    printer (ZPL at its dpi), pick lists and packing slips for the office printer (PDF).
    `photos(url)` gives a product photo's bytes already fetched (or None); no network here.
    `document(format, content[, cannot_draw=…])` makes what each method returns (`Document` by
    default; the bootstrap may pass `app.print_station.PrintDocument`, which printing/ may not
    import); a label with characters no bundled font draws names them in `cannot_draw`."""

    def __init__(
        self,
        *,
        label_format: str = "zpl",
        dpi: int = 203,
        document_format: str = "pdf",
        paper: tuple[float, float] = A4,
        photos: Callable[[str], bytes | None] | None = None,
        document: Callable[..., Any] = Document,
    ) -> None:
        self.document = document
        self.label_format = label_format
        self.dpi = dpi
        self.document_format = document_format
        self.paper = paper
        self.photos = photos

    def shipping_label(self, order: Order, parcel: int = 1, parcels: int = 1) -> Any:
        from printing.templates import shipping_label

        layout = shipping_label(order, parcel, parcels)
        content = render(layout, self.label_format, self.dpi)
        # what no font draws is said beside the label: its "?" must be looked at before it ships
        return self.document(self.label_format, content, cannot_draw=undrawable(layout))

    def carrier_label(self, order: Order, label: Any) -> Any:
        """The server's carrier label as it is: ZPL passed through; a PDF for a thermal printer
        rasterised at its dpi into ^GFA; a PDF for an office printer as it is."""
        fmt, content = str(label.format).lower(), bytes(label.content)
        if "zpl" in fmt or self.label_format == "pdf":
            return self.document("zpl" if "zpl" in fmt else "pdf", content)
        from printing.zpl import pdf_to_zpl

        return self.document("zpl", pdf_to_zpl(content, self.dpi))

    def _photos(self, orders: Sequence[Order]) -> dict[str, bytes]:
        if self.photos is None:
            return {}
        found: dict[str, bytes] = {}
        for order in orders:
            for line in order.lines:
                if line.photo_url and line.photo_url not in found:
                    content = self.photos(line.photo_url)
                    if content:
                        found[line.photo_url] = content
        return found

    def pick_list(self, orders: Sequence[Order]) -> Any:
        layouts = documents("pick-list", orders, paper=self.paper)
        return self.document(self.document_format, render(layouts, self.document_format, self.dpi))

    def packing_slips(self, orders: Sequence[Order]) -> Any:
        layouts = documents("packing-slip", orders, paper=self.paper, photos=self._photos(orders))
        return self.document(self.document_format, render(layouts, self.document_format, self.dpi))


def undrawable(layout: LabelLayout) -> str:
    """The characters of `layout`'s texts no bundled font draws, in the order they first appear
    (the label prints them as "?")."""
    seen: dict[str, None] = {}
    for element in layout.elements:
        if isinstance(element, Text):
            text = fonts.clean(element.text)
            missing = fonts.missing_glyphs(text)
            for c in text:
                if c in missing:
                    seen.setdefault(c, None)
    return "".join(seen)
