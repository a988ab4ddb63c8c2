"""ZPL II from a resolved label: one ^XA…^XZ per label, every field escaped with ^FH, text the
printer's font cannot draw sent as ^GFA graphics. Also: the carrier label the server supplies.
"""

from __future__ import annotations

import functools
import re

from PIL import Image

from printing import fonts
from printing.layout import Symbology
from printing.resolve import Bars, Bitmap, Matrix, Rect, ResolvedLabel, TextLine
from printing.symbols import FNC1

# Bytes that must never reach the printer as they are inside field data: the command prefixes,
# our own hex escape indicator, and every control character.
_UNSAFE = frozenset("^~\\_") | {chr(c) for c in range(32)} | {"\x7f"}


_INVERT = bytes(b ^ 0xFF for b in range(256))
_UNSAFE_RE = re.compile("[" + re.escape("".join(sorted(_UNSAFE))) + "]")  # the same set, as a pattern


def escape(text: str) -> str:
    """Field data for `^FH^FD…^FS`: `^`, `~`, `\\`, `_` and control characters as `_XX` hex
    (UTF-8 bytes under ^CI28), so no text from an order can become a printer command."""
    if not _UNSAFE_RE.search(text):
        return text
    out: list[str] = []
    for ch in text:
        if ch in _UNSAFE:
            out.extend(f"_{b:02X}" for b in ch.encode("utf-8"))
        else:
            out.append(ch)
    return "".join(out)


_RUN = re.compile(r"([0-9A-F])\1{2,}")  # a run of 2 costs as much written either way
_LOW = " GHIJKLMNOPQRSTUVWXY"  # repeat counts 1-19
_HIGH = " ghijklmnopqrstuvwxyz"  # repeat counts 20, 40 … 400


def _count(char: str, n: int) -> str:
    out = []
    while n:
        chunk = min(n, 419)
        out.append(
            (_HIGH[chunk // 20] if chunk >= 20 else "") + (_LOW[chunk % 20] if chunk % 20 else "") + char
        )
        n -= chunk
    return "".join(out)


_REPEATS = {char * n: _count(char, n) for char in "0123456789ABCDEF" for n in range(3, 420)}


def _repeat(match: re.Match[str]) -> str:
    run = match[0]
    return _REPEATS.get(run) or _count(run[0], len(run))


def compress_rows(hexdata: str, row_bytes: int) -> str:
    """ZPL's ASCII compression of ^GFA data: a row like the one before is ":", trailing white is
    ",", runs of one hex digit a count letter (G-Y 1-19, g-z 20-400) before it. A 4x6 page of
    text shrinks about tenfold, which counts on a 9600-baud serial printer."""
    width = row_bytes * 2
    rows: list[str] = []
    previous = None
    for start in range(0, len(hexdata), width):
        row = hexdata[start : start + width]
        if row == previous:
            rows.append(":")
            continue
        previous = row
        ink = row.rstrip("0")
        rows.append(ink + "," if len(ink) < width else ink)
    # one pass over all rows: "\n" keeps runs from crossing rows, and is dropped after
    return _RUN.sub(_repeat, "\n".join(rows)).replace("\n", "")


def graphic_field(image: Image.Image) -> tuple[int, int, str]:
    """(total bytes, bytes per row, data) of a 1-bit image for ^GFA (black = 1 on the printer),
    the data hex with ZPL's ASCII compression."""
    mono = image if image.mode == "1" else image.convert("1")
    row = (mono.width + 7) // 8
    # Pillow's "1" raw data is 1 = white; the printer's is 1 = black.
    data = mono.tobytes().translate(_INVERT)
    if mono.width % 8:  # padding bits in each row must stay white
        pad = 0xFF << (8 - mono.width % 8) & 0xFF
        fixed = bytearray(data)
        for end in range(row - 1, len(fixed), row):
            fixed[end] &= pad
        data = bytes(fixed)
    return len(data), row, compress_rows(data.hex().upper(), row)


def _text(line: TextLine) -> str:
    if line.resident:
        top = line.y + round(fonts.CAP_TOP * line.size * fonts.RESIDENT_CAP_HEIGHT / 0.73)
        return f"^FO{line.x},{top}^A0N,{line.size},{line.size}^FH^FD{escape(line.text)}^FS"
    return f"^FO{line.x},{line.y}{_text_graphic(line.text, line.size, line.bold, line.width)}^FS"


@functools.lru_cache(maxsize=16384)
def _text_graphic(text: str, size: int, bold: bool, width: int) -> str:
    """^GFA of a text line drawn from the bundled fonts; cached, since the same city, seller
    and carrier names come back label after label."""
    image = text_image(text, size, bold, width)
    total, row, hexdata = graphic_field(image)
    return f"^GFA,{total},{total},{row},{hexdata}"


def text_image(text: str, size: int, bold: bool, width: int) -> Image.Image:
    """The 1-bit picture of a non-resident text line, as ZPL sends it and previews draw it."""
    image = fonts.raster(text, round(size * fonts.RESIDENT_CAP_HEIGHT / 0.73), bold)
    if image.width > width + 2:
        image = image.crop((0, 0, width, image.height))
    return image


def _bars(bars: Bars) -> str:
    head = f"^FO{bars.x},{bars.y}^BY{bars.module}"
    if bars.symbology is Symbology.EAN13:
        return f"{head}^BEN,{bars.height},N,N^FD{bars.zpl_data}^FS"
    if bars.symbology is Symbology.UPCA:
        return f"{head}^BUN,{bars.height},N,N,N^FD{bars.zpl_data}^FS"
    # mode N with our own start and code-set invocations: the printer draws exactly our bars
    return f"{head}^BCN,{bars.height},N,N,N,N^FH^FD{escape(bars.zpl_data)}^FS"


def _matrix(m: Matrix) -> str:
    if m.symbology is Symbology.QR:
        return f"^FO{m.x},{m.y}^BQN,2,{m.module},M^FH^FDMA,{escape(m.data)}^FS"
    # The printer's own ^BX pinned to the size we resolved, so it prints what the preview shows.
    # "_" is its escape character (after ^FH): "_1" an FNC1, "__" an underscore. Latin-1 text
    # goes as Latin-1 bytes under ^CI27, as our cells carry it (^CI28 would send UTF-8).
    side = len(m.cells)
    head = f"^FO{m.x},{m.y}^BXN,{m.module},200,{side},{side},,_^FH^FD"
    data = m.data.replace("_", "__")
    if m.symbology is Symbology.GS1_DATAMATRIX:  # a leading separator is the symbol's own FNC1
        return f"{head}{escape('_1' + data.removeprefix(FNC1).replace(FNC1, '_1'))}^FS"
    if data.isascii() or any(ord(ch) > 255 for ch in data):  # UTF-8 under ^CI28, as our cells
        return f"{head}{escape(data)}^FS"
    latin1 = "".join(f"_{ord(ch):02X}" if ch in _UNSAFE or ord(ch) > 127 else ch for ch in data)
    return f"^CI27{head}{latin1}^FS^CI28"


def _rect(r: Rect) -> str:
    t = min(r.w, r.h) if r.filled else r.thickness
    return f"^FO{r.x},{r.y}^GB{r.w},{r.h},{t},B,0^FS"


def _bitmap(b: Bitmap) -> str:
    total, row, hexdata = graphic_field(b.image)
    return f"^FO{b.x},{b.y}^GFA,{total},{total},{row},{hexdata}^FS"


def label_zpl(label: ResolvedLabel, copies: int = 1) -> str:
    parts = [f"^XA^CI28^PW{label.width}^LL{label.height}^LH0,0"]
    for item in label.items:
        if isinstance(item, TextLine):
            parts.append(_text(item))
        elif isinstance(item, Bars):
            parts.append(_bars(item))
        elif isinstance(item, Matrix):
            parts.append(_matrix(item))
        elif isinstance(item, Rect):
            parts.append(_rect(item))
        elif isinstance(item, Bitmap):
            parts.append(_bitmap(item))
    if copies > 1:
        parts.append(f"^PQ{copies}")
    parts.append("^XZ")
    return "\n".join(parts) + "\n"


def render_zpl(labels: list[ResolvedLabel]) -> bytes:
    return "".join(label_zpl(label) for label in labels).encode("utf-8")


def pdf_to_zpl(pdf: bytes, dpi: int = 203, threshold: int = 160) -> bytes:
    """A carrier's PDF label for a thermal printer: each page rasterised at the printer's dpi,
    thresholded (not dithered: a dithered barcode does not scan) and sent as one ^GFA label."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    out: list[str] = []
    try:
        for page in document:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
            mono = image.point(lambda v: 255 if v > threshold else 0, mode="1")
            total, row, hexdata = graphic_field(mono)
            out.append(
                f"^XA^CI28^PW{mono.width}^LL{mono.height}^LH0,0"
                f"^FO0,0^GFA,{total},{total},{row},{hexdata}^FS^XZ\n"
            )
    finally:
        document.close()
    return "".join(out).encode("ascii")
