"""The price list of services and the products of the sellers, imported from CSV (or .xlsx/JSON):
every row checked, all written in one transaction or nothing; importing the same file again
changes nothing.

Price list columns: code*, name*, unit_price*, currency*, unit (unit, box, bundle, …).
Products columns: seller*, sku*, title, ean (or upc), fnsku, asin, vendor, weight_g,
photo (a file name in the photo folder given with the file), aliases (codes separated by "|").
A product already in the catalogue (same seller and SKU) is updated with the file's values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import utcnow
from app.domain.values import WEIGHT_MAX_G, ValueRefused, clean_text
from app.i18n import tr
from server.db import Database
from server.import_files import ImportRefused, Problem, column_key, file_format, read_table
from server.models import PrepCenter, ProductAliasRow, ProductPhotoRow, ProductRow, ServiceOfferRow

PRICE_COLUMNS = ("code", "name", "unit_price", "currency", "unit")
PRICE_REQUIRED = ("code", "name", "unit_price", "currency")
PRODUCT_COLUMNS = ("seller", "sku", "title", "ean", "fnsku", "asin", "vendor", "weight_g", "photo", "aliases")
PRODUCT_REQUIRED = ("seller", "sku")
_PRICE = re.compile(r"[0-9]{1,9}([.,][0-9]{1,6})?")
_CODE = re.compile(r"[A-Z0-9_]{1,40}")
_PHOTO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}
MAX_PHOTO_BYTES = 2 * 1024 * 1024


@dataclass
class CatalogueReport:
    file_name: str
    rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    photos: int = 0
    aliases: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def summary(self) -> str:
        return tr(
            "{file}: {rows} rows; {created} new, {updated} updated, {unchanged} unchanged; {photos} photos, "
            "{aliases} codes taught.",
            file=self.file_name, rows=self.rows, created=self.created, updated=self.updated,
            unchanged=self.unchanged, photos=self.photos, aliases=self.aliases,
        )  # fmt: skip


def _refuse_if(problems: list[Problem]) -> None:
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column))
        raise ImportRefused(
            tr("Nothing was imported: {count} problem(s) in the file.", count=len(problems)), problems
        )


def import_price_list(
    db: Database, data: bytes, *, file_name: str, encoding: str | None = None, fmt: str | None = None
) -> CatalogueReport:
    known = {column_key(c): c for c in PRICE_COLUMNS} | {"price": "unit_price", "service": "code"}
    table = read_table(
        data, fmt=file_format(file_name, fmt), known=known, required=PRICE_REQUIRED, encoding=encoding
    )
    problems = list(table.problems)
    offers: dict[str, dict[str, str]] = {}
    for row in table.rows:
        cells = row.cells
        code = cells.get("code", "").strip().upper()
        if not _CODE.fullmatch(code):
            problems.append(Problem(row.number, "code", tr("a service code is 1-40 letters, digits or _")))
            continue
        if code in offers:
            problems.append(Problem(row.number, "code", tr("{code} is on an earlier row too", code=code)))
            continue
        try:
            name = clean_text(cells.get("name", ""), what="name", max_chars=200)
            unit = clean_text(cells.get("unit", ""), what="unit", max_chars=20) or "unit"
        except ValueRefused as refusal:
            problems.append(Problem(row.number, "name", str(refusal)))
            continue
        if not name:
            problems.append(Problem(row.number, "name", tr("empty: every row needs it")))
            continue
        price = cells.get("unit_price", "").strip()
        if not _PRICE.fullmatch(price):
            problems.append(
                Problem(row.number, "unit_price", tr("“{p}” is not a price (such as 0.45)", p=price))
            )
            continue
        currency = cells.get("currency", "").strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", currency):
            problems.append(
                Problem(row.number, "currency", tr("“{c}” is not a currency code (such as EUR)", c=currency))
            )
            continue
        offers[code] = {
            "name": name,
            "unit_price": str(Decimal(price.replace(",", "."))),
            "currency": currency,
            "unit": unit,
        }
    _refuse_if(problems)
    report = CatalogueReport(file_name, len(table.rows), ignored_columns=table.ignored_columns)
    with db.write() as session:
        for code, values in offers.items():
            offer = session.get(ServiceOfferRow, code)
            if offer is None:
                session.add(ServiceOfferRow(code=code, **values))
                report.created += 1
            elif {k: getattr(offer, k) for k in values} != values:
                for key, value in values.items():
                    setattr(offer, key, value)
                report.updated += 1
            else:
                report.unchanged += 1
    return report


def import_products(
    db: Database,
    data: bytes,
    *,
    file_name: str,
    prep_center: str,
    photo_folder: Path | None = None,
    photos: dict[str, bytes] | None = None,
    photos_in_database: bool = False,
    encoding: str | None = None,
    fmt: str | None = None,
) -> CatalogueReport:
    """Products from the file; photos from `photo_folder` (CLI), `photos` (name -> bytes), or
    uploaded before (`photos_in_database`: POST /admin/photos/NAME, the API's way)."""
    known = {column_key(c): c for c in PRODUCT_COLUMNS} | {
        "upc": "ean", "gtin": "ean", "barcode": "ean", "name": "title", "product_name": "title",
        "weight": "weight_g", "image": "photo", "photo_file": "photo", "alias": "aliases",
    }  # fmt: skip
    table = read_table(
        data, fmt=file_format(file_name, fmt), known=known, required=PRODUCT_REQUIRED, encoding=encoding
    )
    problems = list(table.problems)
    products: dict[tuple[str, str], dict[str, Any]] = {}
    codes: dict[tuple[str, str], tuple[str, int]] = {}  # (seller, CODE) -> (sku, row)
    photo_data: dict[str, tuple[str, bytes]] = {}
    uploaded: dict[str, int] = {}  # photo name -> first row naming it
    for row in table.rows:
        kept: dict[str, str] = {}
        try:
            for name, value in row.cells.items():
                kept[name] = clean_text(value, what=name, max_chars=300 if name == "title" else 200)
        except ValueRefused as refusal:
            problems.append(Problem(row.number, "", str(refusal)))
            continue
        seller, sku = kept.get("seller", ""), kept.get("sku", "")
        if not seller or not sku:
            problems.append(
                Problem(row.number, "seller" if not seller else "sku", tr("empty: every row needs it"))
            )
            continue
        if len(sku) > 80:
            problems.append(Problem(row.number, "sku", tr("longer than 80 characters")))
            continue
        if (seller, sku) in products:
            problems.append(
                Problem(
                    row.number,
                    "sku",
                    tr("{sku} of {seller} is on an earlier row too", sku=sku, seller=seller),
                )
            )
            continue
        ean = kept.get("ean", "")
        if ean and not (ean.isascii() and ean.isdigit() and len(ean) in (8, 12, 13, 14)):
            problems.append(
                Problem(row.number, "ean", tr("“{e}” is not an EAN/UPC (8, 12, 13 or 14 digits)", e=ean))
            )
            continue
        if len(ean) == 12:
            ean = "0" + ean  # a UPC-A is kept as its EAN-13 (found by both)
        fnsku, asin = kept.get("fnsku", "").upper(), kept.get("asin", "").upper()
        if any(len(v) > 20 or not re.fullmatch(r"[A-Z0-9]*", v) for v in (fnsku, asin)):
            problems.append(
                Problem(row.number, "fnsku", tr("an FNSKU or ASIN is up to 20 letters and digits"))
            )
            continue
        weight: int | None = None
        if kept.get("weight_g"):
            text = kept["weight_g"]
            if not (text.isascii() and text.isdigit() and int(text) <= WEIGHT_MAX_G):
                problems.append(Problem(row.number, "weight_g", tr("“{w}” is not a weight in grams", w=text)))
                continue
            weight = int(text)
        photo_url = ""
        photo = kept.get("photo", "")
        if photo and photos_in_database:
            uploaded[photo] = row.number
            photo_url = f"/api/v1/photos/{photo}"
        elif photo:
            found = _photo(photo, photo_folder, photos)
            if isinstance(found, str):
                problems.append(Problem(row.number, "photo", found))
                continue
            stored = _photo_name(seller, sku, photo)
            photo_data[stored] = found
            photo_url = f"/api/v1/photos/{stored}"
        bad_alias = False
        for code in filter(None, (c.strip() for c in kept.get("aliases", "").split("|"))):
            if (
                len(code) > 64
                or not all(" " <= c <= "~" for c in code)
                or code.upper().startswith(("PDO-", "PDB-", "PDC-"))
            ):
                problems.append(
                    Problem(row.number, "aliases", tr("“{code}” is not a code we can keep", code=code))
                )
                bad_alias = True
                continue
            other = codes.get((seller, code.upper()))
            if other and other[0] != sku:
                problems.append(
                    Problem(
                        row.number,
                        "aliases",
                        tr(
                            "{code} is a code of {sku} on row {row} too",
                            code=code,
                            sku=other[0],
                            row=other[1],
                        ),
                    )
                )
                bad_alias = True
                continue
            codes[(seller, code.upper())] = (sku, row.number)
        if bad_alias:
            continue
        products[(seller, sku)] = {
            "title": kept.get("title", ""), "ean": ean, "fnsku": fnsku, "asin": asin,
            "vendor": kept.get("vendor", "")[:120], "weight_g": weight, "photo_url": photo_url,
        }  # fmt: skip
    _refuse_if(problems)
    report = CatalogueReport(file_name, len(table.rows), ignored_columns=table.ignored_columns)
    with db.write() as session:
        if session.get(PrepCenter, prep_center) is None:
            raise ImportRefused(tr("No prep center “{id}”.", id=prep_center))
        for name, row_number in uploaded.items():
            if session.get(ProductPhotoRow, name) is None:
                problems.append(Problem(row_number, "photo", tr("no photo {name} was uploaded", name=name)))
        _refuse_if(problems)
        _write_products(session, prep_center, products, report)
        for name, (media_type, content) in photo_data.items():
            photo_row = session.get(ProductPhotoRow, name)
            if photo_row is None:
                session.add(ProductPhotoRow(name=name, media_type=media_type, content=content))
                report.photos += 1
            elif photo_row.content != content:
                photo_row.content, photo_row.media_type = content, media_type
                report.photos += 1
        _teach(db, session, prep_center, codes, report, problems)
        _refuse_if(problems)
    return report


def _write_products(
    session: Session,
    prep_center: str,
    products: dict[tuple[str, str], dict[str, Any]],
    report: CatalogueReport,
) -> None:
    existing: dict[tuple[str, str], ProductRow] = {}
    for seller in {s for s, _ in products}:
        skus = [sku for s, sku in products if s == seller]
        for start in range(0, len(skus), 500):
            for row in session.scalars(
                select(ProductRow).where(
                    ProductRow.prep_center_id == prep_center,
                    ProductRow.seller == seller,
                    ProductRow.sku.in_(skus[start : start + 500]),
                )
            ):
                existing.setdefault((seller, row.sku), row)
    for (seller, sku), values in products.items():
        found = existing.get((seller, sku))
        if found is None:
            session.add(ProductRow(prep_center_id=prep_center, seller=seller, sku=sku, **values))
            report.created += 1
            continue
        # An empty cell keeps what the catalogue has; a value replaces it.
        changed = {k: v for k, v in values.items() if v not in ("", None) and getattr(found, k) != v}
        if changed:
            for key, value in changed.items():
                setattr(found, key, value)
            report.updated += 1
        else:
            report.unchanged += 1
    session.flush()


def _teach(
    db: Database,
    session: Session,
    prep_center: str,
    codes: dict[tuple[str, str], tuple[str, int]],
    report: CatalogueReport,
    problems: list[Problem],
) -> None:
    """The aliases column: codes taught as if at a table (the alias feed carries them to tables)."""
    now: datetime = utcnow()
    for (seller, upper), (sku, row_number) in codes.items():
        taken = session.scalars(
            select(ProductAliasRow).where(
                ProductAliasRow.prep_center_id == prep_center,
                ProductAliasRow.seller == seller,
                func.upper(ProductAliasRow.code) == upper,
            )
        ).first()
        if taken is not None:
            if taken.sku != sku:
                problems.append(
                    Problem(
                        row_number,
                        "aliases",
                        tr("{code} is already taught for {sku}", code=upper, sku=taken.sku),
                    )
                )
            continue
        product_code = session.scalar(
            select(ProductRow.sku).where(
                ProductRow.prep_center_id == prep_center,
                ProductRow.seller == seller,
                ProductRow.sku != sku,
                (ProductRow.sku == upper) | (ProductRow.ean == upper) | (ProductRow.fnsku == upper),
            )
        )
        if product_code is not None:
            problems.append(
                Problem(row_number, "aliases", tr("{code} is a code of {sku}", code=upper, sku=product_code))
            )
            continue
        session.add(
            ProductAliasRow(
                prep_center_id=prep_center, seller=seller, code=upper, sku=sku, operator="", workstation="import",
                taught_at=now, seq=db.next_seq(session),
            )
        )  # fmt: skip
        report.aliases += 1


def _photo(name: str, folder: Path | None, given: dict[str, bytes] | None) -> tuple[str, bytes] | str:
    """(media type, bytes) of the photo, or why not."""
    suffix = Path(name).suffix.lower()
    if suffix not in _PHOTO_TYPES or "/" in name or "\\" in name or name.startswith("."):
        return tr("“{name}” is not a photo file name (.png, .jpg or .webp, no folders)", name=name)
    if given is not None and name in given:
        content = given[name]
    elif folder is not None and (folder / name).is_file():
        if (folder / name).stat().st_size > MAX_PHOTO_BYTES:
            return tr("the photo {name} is larger than 2 MB", name=name)
        content = (folder / name).read_bytes()
    else:
        return tr("the photo {name} is not in the photo folder", name=name)
    if len(content) > MAX_PHOTO_BYTES:
        return tr("the photo {name} is larger than 2 MB", name=name)
    return _PHOTO_TYPES[suffix], content


def store_photo(session: Session, name: str, content: bytes) -> dict[str, Any]:
    """A photo uploaded on its own (the API's way), under the name product files give it."""
    suffix = Path(name).suffix.lower()
    if suffix not in _PHOTO_TYPES or not re.fullmatch(r"[A-Za-z0-9_-]{1,100}\.[a-z]{3,4}", name):
        raise ImportRefused(
            tr("“{name}” is not a photo file name (letters, digits, - or _; .png, .jpg or .webp)", name=name)
        )
    if not content or len(content) > MAX_PHOTO_BYTES:
        raise ImportRefused(tr("A photo is 1 byte to 2 MB."))
    row = session.get(ProductPhotoRow, name)
    if row is None:
        session.add(ProductPhotoRow(name=name, media_type=_PHOTO_TYPES[suffix], content=content))
    else:
        row.content, row.media_type = content, _PHOTO_TYPES[suffix]
    return {"name": name, "photo_url": f"/api/v1/photos/{name}"}


def _photo_name(seller: str, sku: str, name: str) -> str:
    """The stored photo's name: safe in a URL, one per product."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", f"{seller}-{sku}").strip("-")[:100] or "photo"
    return stem + Path(name).suffix.lower()
