"""Data Matrix ECC 200 computed by us (ISO/IEC 16022), so the PNG, the preview, the PDF and the
printer's pinned symbol size all come from the same cells, as QR does with `qr_matrix`.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import tr
from printing.symbols import FNC1, BarcodeDataError

_FNC1_CODEWORD = 232
_UPPER_SHIFT = 235
_PAD = 129


@dataclass(frozen=True, slots=True)
class _Size:
    side: int  # modules per side, finder pattern included
    region: int  # data region side, modules
    regions: int  # data regions per side
    data: int  # data codewords
    ecc: int  # error correction codewords, all blocks together
    blocks: int  # interleaved Reed-Solomon blocks


# ISO/IEC 16022 table 7, the square symbols
_SIZES = tuple(
    _Size(*row)
    for row in (
        (10, 8, 1, 3, 5, 1),
        (12, 10, 1, 5, 7, 1),
        (14, 12, 1, 8, 10, 1),
        (16, 14, 1, 12, 12, 1),
        (18, 16, 1, 18, 14, 1),
        (20, 18, 1, 22, 18, 1),
        (22, 20, 1, 30, 20, 1),
        (24, 22, 1, 36, 24, 1),
        (26, 24, 1, 44, 28, 1),
        (32, 14, 2, 62, 36, 1),
        (36, 16, 2, 86, 42, 1),
        (40, 18, 2, 114, 48, 1),
        (44, 20, 2, 144, 56, 1),
        (48, 22, 2, 174, 68, 1),
        (52, 24, 2, 204, 84, 2),
        (64, 14, 4, 280, 112, 2),
        (72, 16, 4, 368, 144, 4),
        (80, 18, 4, 456, 192, 4),
        (88, 20, 4, 576, 224, 4),
        (96, 22, 4, 696, 272, 4),
        (104, 24, 4, 816, 336, 6),
        (120, 18, 6, 1050, 408, 6),
        (132, 20, 6, 1304, 496, 8),
        (144, 22, 6, 1558, 620, 10),
    )
)


def payload_bytes(data: str) -> bytes:
    """The bytes a symbol carries for `data`: ISO 8859-1 (the standard's default) when every
    character has a byte there; else UTF-8, as a Zebra under ^CI28 encodes it (no ECI)."""
    try:
        return data.encode("latin-1")
    except UnicodeEncodeError:
        return data.encode("utf-8")


def _codewords(data: str, gs1: bool) -> list[int]:
    """ASCII encodation: digit pairs as 130+nn, bytes 128-255 behind the upper shift; for GS1 an
    FNC1 first and one for each group separator in the data."""
    if gs1:
        data = data.removeprefix(FNC1)  # the symbol's own FNC1 already leads; never two
        if any(ord(ch) > 127 for ch in data):
            raise BarcodeDataError(tr("A GS1 Data Matrix carries only ASCII characters"))
        raw = data.encode("ascii")
    else:
        raw = payload_bytes(data)
    out = [_FNC1_CODEWORD] if gs1 else []
    i = 0
    while i < len(raw):
        byte = raw[i]
        if 48 <= byte <= 57 and i + 1 < len(raw) and 48 <= raw[i + 1] <= 57:
            out.append(130 + (byte - 48) * 10 + (raw[i + 1] - 48))
            i += 2
            continue
        if gs1 and byte == ord(FNC1):
            out.append(_FNC1_CODEWORD)
        elif byte < 128:
            out.append(byte + 1)
        else:
            out.extend((_UPPER_SHIFT, byte - 127))
        i += 1
    return out


def _pad(codewords: list[int], capacity: int) -> list[int]:
    """129 right after the data, then pads scrambled by the 253-state algorithm."""
    out = list(codewords)
    if len(out) < capacity:
        out.append(_PAD)
    while len(out) < capacity:
        position = len(out) + 1
        value = _PAD + (149 * position) % 253 + 1
        out.append(value if value <= 254 else value - 254)
    return out


# GF(256) with the field polynomial x^8 + x^5 + x^3 + x^2 + 1 (0x12D)
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x12D
for _power in range(255, 512):
    _EXP[_power] = _EXP[_power - 255]


def _multiply(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


def _generator(n: int) -> list[int]:
    """Coefficients of (x - 2^1)(x - 2^2)…(x - 2^n), highest power first."""
    poly = [1]
    for i in range(1, n + 1):
        root = _EXP[i]
        nxt = [*poly, 0]
        for j, c in enumerate(poly):
            nxt[j + 1] ^= _multiply(c, root)
        poly = nxt
    return poly


def _reed_solomon(block: list[int], n: int) -> list[int]:
    """The `n` check codewords of `block`: the remainder of block·x^n divided by the generator."""
    gen = _generator(n)
    rest = [0] * n
    for codeword in block:
        factor = codeword ^ rest[0]
        rest = [*rest[1:], 0]
        if factor:
            for j in range(n):
                rest[j] ^= _multiply(gen[j + 1], factor)
    return rest


def _with_ecc(data: list[int], size: _Size) -> list[int]:
    """Data and check codewords interleaved: codeword i belongs to block i mod blocks."""
    per_block = size.ecc // size.blocks
    out = data + [0] * size.ecc
    for b in range(size.blocks):
        check = _reed_solomon(data[b :: size.blocks], per_block)
        for j, codeword in enumerate(check):
            out[size.data + j * size.blocks + b] = codeword
    return out


class _Placement:
    """ISO/IEC 16022 annex F: where each bit of each codeword goes in the mapping matrix (the
    data regions side by side, without their finder and timing patterns)."""

    def __init__(self, rows: int, cols: int, codewords: list[int]) -> None:
        self.rows, self.cols, self.codewords = rows, cols, codewords
        self.grid: list[list[bool | None]] = [[None] * cols for _ in range(rows)]

    def module(self, row: int, col: int, index: int, bit: int) -> None:
        if row < 0:
            row += self.rows
            col += 4 - ((self.rows + 4) % 8)
        if col < 0:
            col += self.cols
            row += 4 - ((self.cols + 4) % 8)
        # bit 1 is the most significant
        self.grid[row][col] = bool(self.codewords[index] >> (8 - bit) & 1)

    def shape(self, index: int, places: tuple[tuple[int, int], ...]) -> None:
        for bit, (row, col) in enumerate(places, start=1):
            self.module(row, col, index, bit)

    def utah(self, r: int, c: int, index: int) -> None:
        self.shape(
            index,
            (
                (r - 2, c - 2),
                (r - 2, c - 1),
                (r - 1, c - 2),
                (r - 1, c - 1),
                (r - 1, c),
                (r, c - 2),
                (r, c - 1),
                (r, c),
            ),
        )

    def corner(self, kind: int, index: int) -> None:
        n, m = self.rows, self.cols
        top = {
            1: ((0, m - 2), (0, m - 1), (1, m - 1), (2, m - 1), (3, m - 1)),
            2: ((0, m - 4), (0, m - 3), (0, m - 2), (0, m - 1), (1, m - 1)),
            3: ((0, m - 2), (0, m - 1), (1, m - 1), (2, m - 1), (3, m - 1)),
            4: ((0, m - 3), (0, m - 2), (0, m - 1), (1, m - 3), (1, m - 2), (1, m - 1)),
        }[kind]
        left = {
            1: ((n - 1, 0), (n - 1, 1), (n - 1, 2)),
            2: ((n - 3, 0), (n - 2, 0), (n - 1, 0)),
            3: ((n - 3, 0), (n - 2, 0), (n - 1, 0)),
            4: ((n - 1, 0), (n - 1, m - 1)),
        }[kind]
        self.shape(index, left + top)

    def place(self) -> list[list[bool]]:
        n, m, grid = self.rows, self.cols, self.grid
        index, row, col = 0, 4, 0
        while True:
            if row == n and col == 0:
                self.corner(1, index)
                index += 1
            if row == n - 2 and col == 0 and m % 4:
                self.corner(2, index)
                index += 1
            if row == n - 2 and col == 0 and m % 8 == 4:
                self.corner(3, index)
                index += 1
            if row == n + 4 and col == 2 and not m % 8:
                self.corner(4, index)
                index += 1
            while True:  # up and to the right
                if row < n and col >= 0 and grid[row][col] is None:
                    self.utah(row, col, index)
                    index += 1
                row, col = row - 2, col + 2
                if not (row >= 0 and col < m):
                    break
            row, col = row + 1, col + 3
            while True:  # down and to the left
                if row >= 0 and col < m and grid[row][col] is None:
                    self.utah(row, col, index)
                    index += 1
                row, col = row + 2, col - 2
                if not (row < n and col >= 0):
                    break
            row, col = row + 3, col + 1
            if not (row < n or col < m):
                break
        if grid[n - 1][m - 1] is None:  # the fixed pattern of the sizes that leave a corner free
            grid[n - 1][m - 1] = grid[n - 2][m - 2] = True
            grid[n - 1][m - 2] = grid[n - 2][m - 1] = False
        return [[bool(v) for v in line] for line in grid]


def _symbol(size: _Size, mapping: list[list[bool]]) -> list[list[bool]]:
    """The mapping matrix cut into its data regions, each inside its solid L (left, bottom) and
    its alternating timing pattern (top, right)."""
    cells = [[False] * size.side for _ in range(size.side)]
    block = size.region + 2
    for r in range(size.side):
        for c in range(size.side):
            rr, cc = r % block, c % block
            if cc == 0 or rr == block - 1:
                cells[r][c] = True
            elif rr == 0:
                cells[r][c] = cc % 2 == 0
            elif cc == block - 1:
                cells[r][c] = rr % 2 == 1
            else:
                cells[r][c] = mapping[(r // block) * size.region + rr - 1][
                    (c // block) * size.region + cc - 1
                ]
    return cells


def datamatrix_cells(data: str, gs1: bool = False) -> list[list[bool]]:
    """The modules of the smallest square ECC 200 symbol that holds `data` (True is dark), no quiet
    zone. With `gs1`, a GS1 Data Matrix: FNC1 first, "\\x1d" in the data a further FNC1."""
    if not data:
        raise BarcodeDataError(tr("A Data Matrix needs something to carry"))
    codewords = _codewords(data, gs1)
    size = next((s for s in _SIZES if s.data >= len(codewords)), None)
    if size is None:
        raise BarcodeDataError(
            tr(
                "Too much for a Data Matrix: {count} codewords, the largest symbol holds {most}",
                count=len(codewords),
                most=_SIZES[-1].data,
            )
        )
    stream = _with_ecc(_pad(codewords, size.data), size)
    side = size.region * size.regions
    return _symbol(size, _Placement(side, side, stream).place())
