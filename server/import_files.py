"""Reading a seller's file (CSV, Excel .xlsx or JSON) into rows of text, one row a line, each with
the row number a person sees in the file, and refusing what cannot be read with the reason in words.

Used by every import of the server: orders, products, the price list. What a row means is the
caller's business; this module only answers "what does row N say in column C".

Encodings: UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised. Anything else is
refused unless the caller names the encoding (`--encoding cp1251`, `?encoding=gb18030`): a file
in CP1251 or GB18030 decodes without error as many other encodings, so guessing would put wrong
letters into addresses without anyone noticing. The refusal says which encoding to name.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from app.i18n import ntr, tr

# A seller's packing list of 10,000 lines is about 2 MB; 20 MiB leaves room and bounds memory.
MAX_FILE_BYTES = 20 * 1024 * 1024
# An .xlsx is a zip: what it holds unpacked is bounded too (a "zip bomb" is refused).
MAX_XLSX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_ROWS = 100_000
MAX_PROBLEMS_SHOWN = 1000
FORMATS = ("csv", "xlsx", "json")


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong, where: `row` as numbered in the file (None: the whole file)."""

    row: int | None
    column: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}

    def __str__(self) -> str:
        where = tr("row {row}", row=self.row) if self.row is not None else tr("file")
        if self.column:
            where += f", {self.column}"
        return f"{where}: {self.reason}"


class ImportRefused(Exception):
    """Nothing was imported: the file or some of its rows are wrong (all problems listed)."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []

    def to_dict(self) -> dict[str, Any]:
        return {
            "error": "import_refused",
            "message": self.message,
            "problem_count": len(self.problems),
            "problems": [p.to_dict() for p in self.problems[:MAX_PROBLEMS_SHOWN]],
        }


def refuse_if(problems: list[Problem]) -> None:
    """Raise ImportRefused listing every problem, by row, if there is any (nothing is written)."""
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column))
        raise ImportRefused(
            ntr(
                "Nothing was imported: {n} problem in the file.",
                "Nothing was imported: {n} problems in the file.",
                len(problems),
            ),
            problems,
        )


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # as a person sees it: the header is row 1 of a CSV or sheet; item 1 of a JSON list
    cells: dict[str, str]


@dataclass
class Table:
    """A file read: its columns (in the names we know them by), rows, and what was wrong."""

    columns: list[str]
    rows: list[Row]
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def column_key(name: str) -> str:
    """A heading as we compare it: "Order Number", "order-number", "ORDER_NUMBER" are one."""
    return re.sub(r"[\s\-_.]+", "_", name.strip().lower()).strip("_")


def file_format(file_name: str, wanted: str | None = None) -> str:
    """csv, xlsx or json: as the caller says, else from the file's name."""
    fmt = (wanted or file_name.rsplit(".", 1)[-1] if "." in file_name or wanted else "").lower()
    if fmt in ("txt", "tsv"):
        fmt = "csv"
    if fmt not in FORMATS:
        raise ImportRefused(
            tr(
                "“{name}” is not a file we read: send a .csv, .xlsx or .json file (or say its format).",
                name=file_name,
            )
        )
    return fmt


def check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise ImportRefused(
            tr(
                "The file is {size} MB; at most {max} MB are read at once. Split it into smaller files.",
                size=f"{size / 1024 / 1024:.1f}",
                max=MAX_FILE_BYTES // 1024 // 1024,
            )
        )


def read_table(
    data: bytes,
    *,
    fmt: str,
    known: dict[str, str],
    required: tuple[str, ...],
    encoding: str | None = None,
    joined: dict[str, Callable[[Any], str | None]] | None = None,
) -> Table:
    """The rows of `data`, their headings mapped through `known` (heading key -> column name).

    `joined`: columns a JSON row may give as a list, each with how an item is written in the
    cell's text form (None: an item it cannot be).

    A file that cannot be read at all, or lacks a `required` column, raises ImportRefused;
    cell-level problems (formulas, merged cells) are in `Table.problems`.
    """
    check_size(len(data))
    merged: dict[int, str] = {}
    if fmt == "csv":
        raw_rows: Iterator[tuple[int, list[Any]]] = _csv_rows(data, encoding)
    elif fmt == "xlsx":
        raw_rows = _xlsx_rows(data, merged)
    else:
        return _json_table(data, known, required, encoding, joined or {})
    return _table(raw_rows, known, required, merged)


def _table(
    raw_rows: Iterator[tuple[int, list[Any]]],
    known: dict[str, str],
    required: tuple[str, ...],
    merged: dict[int, str],
) -> Table:
    header: tuple[int, list[Any]] | None = None
    for number, cells in raw_rows:
        if any(_text(c) for c in cells):
            header = (number, cells)
            break
    if header is None:
        raise ImportRefused(tr("The file is empty: no heading row and no rows."))
    positions, ignored = _headings([_text(c) for c in header[1]], known, required)
    table = Table(columns=list(positions), rows=[], ignored_columns=ignored)
    for number, cells in raw_rows:
        if len(table.rows) >= MAX_ROWS:
            raise ImportRefused(tr("The file has more than {max} rows. Split it.", max=MAX_ROWS))
        if number in merged:
            table.problems.append(
                Problem(
                    number,
                    "",
                    tr("merged cells ({cells}): unmerge them and fill in every row", cells=merged[number]),
                )
            )
        values: dict[str, str] = {}
        for name, index in positions.items():
            cell = cells[index] if index < len(cells) else ""
            if isinstance(cell, _Formula):
                table.problems.append(
                    Problem(
                        number,
                        name,
                        tr("a formula ({formula}), not a value: paste the values only", formula=cell.text),
                    )
                )
                values[name] = ""
                continue
            values[name] = _text(cell)
        if any(values.values()):
            table.rows.append(Row(number, values))
    return table


def _headings(
    headings: list[str], known: dict[str, str], required: tuple[str, ...]
) -> tuple[dict[str, int], list[str]]:
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, heading in enumerate(headings):
        name = known.get(column_key(heading))
        if name is None:
            if heading:
                ignored.append(heading)
            continue
        if name in positions:
            raise ImportRefused(
                tr("The column “{column}” is in the file twice.", column=name),
                [Problem(1, name, tr("the column is in the file twice"))],
            )
        positions[name] = index
    missing = [name for name in required if name not in positions]
    if missing:
        raise ImportRefused(
            ntr(
                "The file lacks the column {columns}.",
                "The file lacks the columns {columns}.",
                len(missing),
                columns=", ".join(missing),
            ),
            [Problem(None, name, tr("the column is missing")) for name in missing],
        )
    return positions, ignored


# -- CSV ------------------------------------------------------------------------------------------


def _encoding(data: bytes, wanted: str | None) -> str:
    if wanted:
        try:
            return codecs.lookup(wanted).name
        except LookupError:
            raise ImportRefused(tr("“{name}” is not an encoding we know.", name=wanted)) from None
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def _not_utf8(data: bytes, error: UnicodeDecodeError) -> ImportRefused:
    line = data.count(b"\n", 0, error.start) + 1
    return ImportRefused(
        tr(
            "The file is not UTF-8 (line {line} holds the byte 0x{byte:02X}). Say its encoding: "
            "cp1251 for a Russian Excel file, gb18030 for a Chinese one, cp1252 for a Western one.",
            line=line,
            byte=data[error.start],
        ),
        [Problem(line, "", tr("not UTF-8: say the file's encoding"))],
    )


def _csv_rows(data: bytes, wanted: str | None) -> Iterator[tuple[int, list[Any]]]:
    encoding = _encoding(data, wanted)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        if wanted:
            line = data.count(b"\n", 0, error.start) + 1
            raise ImportRefused(
                tr("The file is not {encoding} (line {line}).", encoding=encoding, line=line)
            ) from None
        raise _not_utf8(data, error) from None
    if "\x00" in text:
        raise ImportRefused(
            tr("The file holds NUL characters: it is not a text file (or not {e}).", e=encoding)
        )
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for cells in reader:
            yield reader.line_num, [_Formula(c) if c.startswith("=") and len(c) > 1 else c for c in cells]
    except csv.Error as error:
        raise ImportRefused(
            tr("The file is not a valid CSV file (line {line}: {error}).", line=reader.line_num, error=error)
        ) from None


# -- Excel ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Formula:
    text: str


def _xlsx_rows(data: bytes, merged_rows: dict[int, str]) -> Iterator[tuple[int, list[Any]]]:
    """The sheet's rows; `merged_rows` is filled (row -> range) before the first row comes."""
    import openpyxl
    from openpyxl.utils.cell import range_boundaries

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportRefused(tr("The file is not an Excel .xlsx workbook.")) from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ImportRefused(
            tr("The workbook unpacks to {size} MB; at most {max} MB are read. Split it.",
               size=unpacked // 1024 // 1024, max=MAX_XLSX_UNPACKED_BYTES // 1024 // 1024)
        )  # fmt: skip
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise ImportRefused(tr("The workbook cannot be read: {error}", error=error)) from None
    sheet = book.worksheets[0]
    for ref in _merged_ranges(book, sheet):
        _col1, row1, _col2, row2 = range_boundaries(ref)
        for row in range(row1 or 1, (row2 or row1 or 1) + 1):
            merged_rows.setdefault(row, ref)
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        values: list[Any] = []
        for cell in cells:
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", "") == "f" or (isinstance(value, str) and value.startswith("=")):
                values.append(_Formula(str(value)))
            else:
                values.append(value)
        yield number, values
    book.close()


def _merged_ranges(book: Any, sheet: Any) -> list[str]:
    """The merged ranges of a read-only sheet, from its XML (read-only mode does not load them)."""
    from xml.etree.ElementTree import iterparse

    path = getattr(sheet, "_worksheet_path", "")
    if not path:
        return []
    refs: list[str] = []
    with book._archive.open(path) as source:
        for _event, element in iterparse(source):
            if element.tag.endswith("}mergeCell"):
                refs.append(element.get("ref", ""))
            element.clear()
    return [ref for ref in refs if ref]


# -- JSON -----------------------------------------------------------------------------------------


def _json_table(
    data: bytes,
    known: dict[str, str],
    required: tuple[str, ...],
    encoding: str | None,
    joined: dict[str, Callable[[Any], str | None]],
) -> Table:
    try:
        text = data.decode(_encoding(data, encoding))
    except UnicodeDecodeError as error:
        raise _not_utf8(data, error) from None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ImportRefused(tr("The file is not valid JSON: {error}", error=error)) from None
    items = document.get("rows") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise ImportRefused(tr('A JSON file holds a list of rows (or {"rows": [...]}), one object a line.'))
    if not items:
        raise ImportRefused(tr("The file is empty: no rows."))
    if len(items) > MAX_ROWS:
        raise ImportRefused(tr("The file has more than {max} rows. Split it.", max=MAX_ROWS))
    headings: list[str] = []
    for item in items:
        if isinstance(item, dict):
            headings += [k for k in item if k not in headings]
    positions, ignored = _headings(headings, known, required)
    table = Table(columns=list(positions), rows=[], ignored_columns=ignored)
    by_key = {column_key(h): h for h in headings}
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            table.problems.append(Problem(number, "", tr("a row is an object of columns and values")))
            continue
        values: dict[str, str] = {}
        for key, name in known.items():
            heading = by_key.get(key)
            if heading is None or name not in positions or heading not in item:
                continue
            value = item[heading]
            if isinstance(value, list) and name in joined:
                parts = [joined[name](part) for part in value]
                if None in parts:
                    table.problems.append(Problem(number, name, tr("an item of the list is not one we read")))
                    continue
                value = "; ".join(p for p in parts if p)
            if isinstance(value, (dict, list)):
                table.problems.append(Problem(number, name, tr("a list or object, not a value")))
                continue
            if isinstance(value, str) and value.startswith("=") and len(value) > 1:
                table.problems.append(
                    Problem(number, name, tr("a formula ({formula}), not a value", formula=value))
                )
                continue
            values[name] = _text(value)
        table.rows.append(Row(number, values))
    return table


# -- cells ----------------------------------------------------------------------------------------


def _text(cell: Any) -> str:
    """A cell as text: numbers without a spurious ".0", dates in ISO 8601, nothing as ""."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() and abs(cell) < 1e15 else repr(cell)
    if isinstance(cell, (datetime, date, time)):
        return cell.isoformat()
    return str(cell).strip()
