"""Orders from a seller's packing list (CSV, .xlsx or JSON; one row a line): every row checked,
then all orders written in one transaction, or none.

The columns (headings in any case, with spaces, dashes or underscores; see server/samples/):
  order_number*  the marketplace's order number (with the seller: the order's key)
  marketplace*   Amazon, eBay, Etsy, …
  seller*        the seller's name as in the product catalogue (or given for the whole file)
  recipient_name*, street1*, city*, postcode*, country* (ISO 3166 two letters)
  company, street2, region, phone, email, shipping_service, ship_by (ISO 8601)
  buyer_language  the buyer's language for the papers in the box (a tag: ru, zh-CN, nl-BE)
  prep_services   the prep services the seller asks for: price-list codes, each with its quantity
                  where more than one ("POLYBAG; BUBBLE_WRAP x2"; see server/services_asked.py);
                  on one row of the order, or alike on each (in JSON also a list of codes or
                  {"code", "quantity"})
  sku*, quantity* (a whole number from 1), title, price, currency
(* the column must be there; an empty address field makes the order a print error, not a refusal.)

An order spans several rows (one per line); its order fields must agree on every row. Importing
the same file again changes nothing: an order whose (seller, order number) the prep center has
already is left as it is and counted as unchanged. An order whose address a carrier would refuse
arrives as print error (5.3) with the reason; every other order as ready to print (5.1).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.domain import OrderStatus, utcnow
from app.domain.values import QUANTITY_MAX, ValueRefused, clean_text, parse_moment
from app.i18n import tr
from server.addresses import address_problem
from server.db import Database
from server.import_files import ImportRefused, Problem, Row, column_key, file_format, read_table, refuse_if
from server.language_tags import language_tag
from server.models import (
    ActivityRow,
    LineRow,
    OrderRow,
    PrepCenter,
    ProductAliasRow,
    ProductRow,
    ServiceAskedRow,
    ServiceOfferRow,
)
from server.services_asked import (
    AskedService,
    asked_rows,
    not_on_the_list,
    price_list,
    read_services,
    service_item,
)

ORDER_FIELDS = (
    "marketplace", "recipient_name", "company", "street1", "street2", "city", "region", "postcode",
    "country", "phone", "email", "shipping_service", "ship_by", "buyer_language",
)  # fmt: skip
REQUIRED = (
    "order_number", "marketplace", "seller", "recipient_name", "street1", "city", "postcode",
    "country", "sku", "quantity",
)  # fmt: skip
COLUMNS = (*REQUIRED, "company", "street2", "region", "phone", "email", "shipping_service", "ship_by",
           "buyer_language", "prep_services", "title", "price", "currency")  # fmt: skip
# Headings sellers' files use for our columns (compared by column_key).
_OTHER_NAMES = {
    "order": "order_number", "order_id": "order_number", "order_no": "order_number",
    "marketplace_order_id": "order_number", "amazon_order_id": "order_number",
    "channel": "marketplace", "platform": "marketplace",
    "name": "recipient_name", "recipient": "recipient_name", "ship_to_name": "recipient_name",
    "address1": "street1", "address_1": "street1", "address_line_1": "street1", "street": "street1",
    "address2": "street2", "address_2": "street2", "address_line_2": "street2",
    "state": "region", "province": "region", "zip": "postcode", "zip_code": "postcode",
    "postal_code": "postcode", "country_code": "country", "qty": "quantity", "quantity_ordered": "quantity",
    "seller_sku": "sku", "product_name": "title", "item_price": "price", "service": "shipping_service",
    "language": "buyer_language", "buyer_locale": "buyer_language", "services": "prep_services",
    "prep_service": "prep_services",
}  # fmt: skip
KNOWN = {**{column_key(c): c for c in COLUMNS}, **_OTHER_NAMES}
# The lengths the tables hold (server/models.py).
_MAX = {
    "order_number": 80, "marketplace": 60, "seller": 200, "recipient_name": 200, "company": 200,
    "street1": 300, "street2": 300, "city": 120, "region": 120, "postcode": 40, "country": 2,
    "phone": 60, "email": 200, "shipping_service": 120, "sku": 80, "title": 300, "currency": 3,
    "buyer_language": 100, "prep_services": 2000,
}  # fmt: skip
_PRICE = re.compile(r"[0-9]{1,9}([.,][0-9]{1,6})?")


@dataclass
class ImportedOrder:
    key: tuple[str, str]  # (seller, marketplace order number)
    first_row: int
    fields: dict[str, str]
    ship_by: Any
    lines: list[dict[str, Any]] = field(default_factory=list)
    skus: dict[str, int] = field(default_factory=dict)  # sku -> row
    services: list[AskedService] = field(default_factory=list)
    services_row: int = 0  # the row that named them (0: none)


@dataclass
class ImportReport:
    file_name: str
    rows: int
    created: int = 0
    unchanged: int = 0
    print_errors: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    order_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "rows": self.rows,
            "created": self.created,
            "unchanged": self.unchanged,
            "print_errors": self.print_errors,
            "ignored_columns": self.ignored_columns,
        }

    def summary(self) -> str:
        return tr(
            "{file}: {rows} rows; {created} orders created ({errors} of them print errors: bad address), "
            "{unchanged} already here and left unchanged.",
            file=self.file_name, rows=self.rows, created=self.created, errors=self.print_errors,
            unchanged=self.unchanged,
        )  # fmt: skip


def import_orders(
    db: Database,
    data: bytes,
    *,
    file_name: str,
    prep_center: str,
    seller: str = "",
    encoding: str | None = None,
    fmt: str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Check every row of the file and write its new orders in one transaction, or raise
    ImportRefused listing every problem (then nothing is written)."""
    required = tuple(c for c in REQUIRED if not (c == "seller" and seller))
    table = read_table(
        data, fmt=file_format(file_name, fmt), known=KNOWN, required=required, encoding=encoding,
        joined={"prep_services": service_item},
    )  # fmt: skip
    problems = list(table.problems)
    offers: dict[str, ServiceOfferRow] = {}
    if any(row.cells.get("prep_services") for row in table.rows):
        with db.read() as session:  # the price list only grows (server/catalogue_import.py)
            offers = price_list(session)
    orders = _orders(table.rows, seller, offers, problems)
    report = ImportReport(file_name, len(table.rows), ignored_columns=table.ignored_columns)
    if not table.rows and not problems:
        raise ImportRefused(tr("The file has a heading row but no rows."))
    with db.write() as session:
        if session.get(PrepCenter, prep_center) is None:
            raise ImportRefused(tr("No prep center “{id}”.", id=prep_center))
        existing = _existing(session, prep_center, orders.keys())
        new = [order for key, order in orders.items() if key not in existing]
        _fill_from_catalogue(session, prep_center, new, problems)
        refuse_if(problems)
        report.unchanged = len(orders) - len(new)
        if not dry_run:
            _write(db, session, prep_center, new, file_name, report, offers)
        else:
            report.created = len(new)
    return report


def _orders(
    rows: list[Row], seller: str, offers: dict[str, ServiceOfferRow], problems: list[Problem]
) -> dict[tuple[str, str], ImportedOrder]:
    orders: dict[tuple[str, str], ImportedOrder] = {}
    said = {(p.row, p.column) for p in problems}  # cells the file reader refused (formulas)
    for row in rows:
        cells = dict(row.cells)
        if seller and not cells.get("seller"):
            cells["seller"] = seller
        kept: dict[str, str] = {}
        bad = False
        for name, value in cells.items():
            try:
                kept[name] = clean_text(value, what=name, max_chars=_MAX.get(name, 300))
            except ValueRefused as refusal:
                problems.append(Problem(row.number, name, str(refusal)))
                bad = True
        bad = bad or any(r == row.number for r, _c in said)
        for name in ("order_number", "marketplace", "seller", "sku", "quantity"):
            if not kept.get(name) and (row.number, name) not in said:
                problems.append(Problem(row.number, name, tr("empty: every row needs it")))
                bad = True
        quantity = _quantity(row.number, kept.get("quantity", ""), problems)
        price = _price(row.number, kept.get("price", ""), problems)
        ship_by = None
        if kept.get("ship_by"):
            try:
                ship_by = parse_moment(kept["ship_by"], what="ship_by")
            except ValueRefused as refusal:
                problems.append(Problem(row.number, "ship_by", str(refusal)))
                bad = True
        language = _language(row.number, kept.get("buyer_language", ""), problems)
        services, services_bad = _services(row.number, kept.get("prep_services", ""), offers, problems)
        currency = kept.get("currency", "").upper()
        if currency and not re.fullmatch(r"[A-Z]{3}", currency):
            problems.append(
                Problem(row.number, "currency", tr("“{c}” is not a currency code (such as EUR)", c=currency))
            )
            bad = True
        if bad or quantity is None or price is False or language is None or services_bad:
            continue
        key = (kept["seller"], kept["order_number"])
        fields = {name: kept.get(name, "") for name in ORDER_FIELDS}
        fields["country"] = fields["country"].upper()
        fields["buyer_language"] = language
        order = orders.get(key)
        if order is None:
            order = orders[key] = ImportedOrder(key, row.number, fields, ship_by)
        elif order.fields != fields:
            differs = next(name for name in ORDER_FIELDS if order.fields[name] != fields[name])
            problems.append(
                Problem(
                    row.number,
                    differs,
                    tr(
                        "order {number} is already on row {first} with another {column}: the same order "
                        "number for two orders, or a typing error",
                        number=key[1],
                        first=order.first_row,
                        column=differs,
                    ),
                )
            )
            continue
        if services and not _same_services(order, services, row.number, problems):
            continue
        sku = kept["sku"]
        if sku in order.skus:
            problems.append(
                Problem(
                    row.number,
                    "sku",
                    tr(
                        "{sku} is already a line of order {number} (row {first}): put the whole quantity on one row",
                        sku=sku,
                        number=key[1],
                        first=order.skus[sku],
                    ),
                )
            )
            continue
        order.skus[sku] = row.number
        order.lines.append(
            {"row": row.number, "sku": sku, "title": kept.get("title", ""), "quantity": quantity,
             "price": price or None, "currency": currency}
        )  # fmt: skip
    return orders


def _language(row: int, text: str, problems: list[Problem]) -> str | None:
    """The buyer's language in its one spelling ("" when none), None when refused."""
    try:
        return language_tag(text)
    except ValueRefused as refusal:
        problems.append(Problem(row, "buyer_language", str(refusal)))
        return None


def _services(
    row: int, text: str, offers: dict[str, ServiceOfferRow], problems: list[Problem]
) -> tuple[list[AskedService], bool]:
    """The services the row names, each on the price list, and whether the cell was refused."""
    if not text:
        return [], False
    asked, said = read_services(text)
    said += [not_on_the_list(s.code, offers) for s in asked if s.key not in offers]
    problems.extend(Problem(row, "prep_services", reason) for reason in said)
    return asked, bool(said)


def _same_services(
    order: ImportedOrder, services: list[AskedService], row: int, problems: list[Problem]
) -> bool:
    """The order's services are named on one of its rows, or alike on each that names them."""
    if not order.services_row:
        order.services, order.services_row = services, row
        return True
    if {(s.key, s.quantity) for s in order.services} == {(s.key, s.quantity) for s in services}:
        return True
    problems.append(
        Problem(
            row,
            "prep_services",
            tr("order {number} asks other prep services on row {first}: name them on one row, or alike on each",
               number=order.key[1], first=order.services_row),
        )
    )  # fmt: skip
    return False


def _quantity(row: int, text: str, problems: list[Problem]) -> int | None:
    if not text:
        return None  # said above: empty
    try:
        value = Decimal(text)
    except InvalidOperation:
        problems.append(Problem(row, "quantity", tr("“{q}” is not a number", q=text)))
        return None
    if value != value.to_integral_value():
        problems.append(Problem(row, "quantity", tr("{q} is not a whole number of items", q=text)))
        return None
    if value < 1:
        problems.append(Problem(row, "quantity", tr("{q}: a line needs at least 1 item", q=text)))
        return None
    if value > QUANTITY_MAX:
        problems.append(
            Problem(row, "quantity", tr("{q} is more than {max} items", q=text, max=QUANTITY_MAX))
        )
        return None
    return int(value)


def _price(row: int, text: str, problems: list[Problem]) -> str | bool:
    """The price as a decimal string, "" when none, False when refused."""
    if not text:
        return ""
    if not _PRICE.fullmatch(text):
        problems.append(Problem(row, "price", tr("“{p}” is not a price (such as 12.50)", p=text)))
        return False
    return str(Decimal(text.replace(",", ".")))


def _chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing(session: Session, prep_center: str, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    numbers = sorted({number for _seller, number in keys})
    for chunk in _chunks(numbers):
        found.update(
            (r.seller, r.marketplace_order_id)
            for r in session.execute(
                select(OrderRow.seller, OrderRow.marketplace_order_id).where(
                    OrderRow.prep_center_id == prep_center, OrderRow.marketplace_order_id.in_(chunk)
                )
            )
        )
    return found


def _fill_from_catalogue(
    session: Session, prep_center: str, orders: list[ImportedOrder], problems: list[Problem]
) -> None:
    """Each line's SKU must be a product of its seller here (or a code taught as its alias); the
    line takes the product's codes, title, weight and photo."""
    wanted: dict[str, set[str]] = {}
    for order in orders:
        wanted.setdefault(order.key[0], set()).update(line["sku"] for line in order.lines)
    products: dict[tuple[str, str], Any] = {}
    aliases: dict[tuple[str, str], str] = {}
    for seller, skus in wanted.items():
        for chunk in _chunks(sorted(skus)):
            for p in session.execute(
                select(ProductRow.__table__).where(
                    ProductRow.prep_center_id == prep_center,
                    ProductRow.seller == seller,
                    ProductRow.sku.in_(chunk),
                )
            ):
                products.setdefault((seller, p.sku), p)
            missing = [s for s in chunk if (seller, s) not in products]
            if missing:
                for a in session.execute(
                    select(ProductAliasRow.code, ProductAliasRow.sku).where(
                        ProductAliasRow.prep_center_id == prep_center,
                        ProductAliasRow.seller == seller,
                        ProductAliasRow.code.in_(missing),
                    )
                ):
                    aliases[(seller, a.code)] = a.sku
        taught = sorted(set(aliases.values()) - {sku for (_s, sku) in products})
        for chunk in _chunks(taught):
            for p in session.execute(
                select(ProductRow.__table__).where(
                    ProductRow.prep_center_id == prep_center,
                    ProductRow.seller == seller,
                    ProductRow.sku.in_(chunk),
                )
            ):
                products.setdefault((seller, p.sku), p)
    for order in orders:
        seller = order.key[0]
        for line in order.lines:
            sku = aliases.get((seller, line["sku"]), line["sku"])
            product = products.get((seller, sku))
            if product is None:
                problems.append(
                    Problem(line["row"], "sku", tr("{sku} is not a product of {seller} at this prep center",
                                                   sku=line["sku"], seller=seller))
                )  # fmt: skip
                continue
            line.update(
                sku=product.sku, title=line["title"] or product.title, fnsku=product.fnsku, ean=product.ean,
                asin=product.asin, vendor=product.vendor, weight_g=product.weight_g, photo_url=product.photo_url,
            )  # fmt: skip


def _write(
    db: Database,
    session: Session,
    prep_center: str,
    orders: list[ImportedOrder],
    file_name: str,
    report: ImportReport,
    offers: dict[str, ServiceOfferRow],
) -> None:
    if not orders:
        return
    now = utcnow()
    numbers = _free_numbers(session, prep_center, len(orders))
    first_seq = db.reserve_seqs(session, len(orders))
    order_rows: list[dict[str, Any]] = []
    line_rows: list[dict[str, Any]] = []
    activity_rows: list[dict[str, Any]] = []
    asked: list[dict[str, Any]] = []
    for index, order in enumerate(orders):
        f = order.fields
        problem = address_problem(
            name=f["recipient_name"], street1=f["street1"], street2=f["street2"], city=f["city"],
            postcode=f["postcode"], country=f["country"],
        )  # fmt: skip
        status = OrderStatus.PRINT_ERROR if problem else OrderStatus.READY_TO_PRINT
        report.print_errors += bool(problem)
        order_id = uuid.uuid4().hex
        report.order_ids.append(order_id)
        order_rows.append(
            {
                "id": order_id, "prep_center_id": prep_center, "number": numbers[index], "status": status.value,
                "status_reason": problem, "marketplace": f["marketplace"], "marketplace_order_id": order.key[1],
                "seller": order.key[0], "ship_by": order.ship_by, "shipping_service": f["shipping_service"],
                "carrier_label": "", "r_name": f["recipient_name"], "r_company": f["company"],
                "r_street1": f["street1"], "r_street2": f["street2"], "r_city": f["city"], "r_region": f["region"],
                "r_postcode": f["postcode"], "r_country": f["country"], "r_phone": f["phone"], "r_email": f["email"],
                "buyer_language": f["buyer_language"], "claim_operator": "", "claim_workstation": "",
                "claim_expires_at": None,
                "created_at": now, "updated_at": now, "version": 1, "seq": first_seq + index,
            }
        )  # fmt: skip
        for position, line in enumerate(order.lines, start=1):
            line_rows.append(
                {
                    "id": uuid.uuid4().hex, "order_id": order_id, "position": position, "sku": line["sku"],
                    "title": line["title"], "quantity": line["quantity"], "fnsku": line["fnsku"],
                    "ean": line["ean"], "asin": line["asin"], "vendor": line["vendor"], "configuration": "",
                    "weight_g": line["weight_g"], "price": line["price"], "currency": line["currency"],
                    "photo_url": line["photo_url"], "bin_location": "",
                }
            )  # fmt: skip
        asked += asked_rows(order_id, order.services, offers)
        detail = tr("imported from {file}, row {row}", file=file_name, row=order.first_row)
        activity_rows.append(
            {"order_id": order_id, "action": "created", "detail": detail, "operator": "", "workstation": "", "at": now}
        )  # fmt: skip
        if problem:
            activity_rows.append(
                {"order_id": order_id, "action": "status", "detail": f"5.1 → 5.3: {problem}", "operator": "",
                 "workstation": "", "at": now}
            )  # fmt: skip
    for table, rows in (
        (OrderRow, order_rows), (LineRow, line_rows), (ServiceAskedRow, asked), (ActivityRow, activity_rows)
    ):  # fmt: skip
        for chunk in _chunks(rows, 2000):
            session.execute(insert(table), chunk)
    report.created = len(orders)


def _free_numbers(session: Session, prep_center: str, count: int) -> list[str]:
    """`count` order numbers of ours not yet taken at this prep center (as the admin call gives)."""
    start = 900_000 + int(
        session.scalar(
            select(func.count()).select_from(OrderRow).where(OrderRow.prep_center_id == prep_center)
        )
        or 0
    )
    numbers: list[str] = []
    while len(numbers) < count:
        candidates = [str(n) for n in range(start, start + (count - len(numbers)))]
        start += len(candidates)
        taken = _taken(session, prep_center, candidates)
        numbers += [n for n in candidates if n not in taken]
    return numbers


def _taken(session: Session, prep_center: str, candidates: list[str]) -> set[str]:
    taken: set[str] = set()
    for chunk in _chunks(candidates):
        taken.update(
            session.scalars(
                select(OrderRow.number).where(
                    OrderRow.prep_center_id == prep_center, OrderRow.number.in_(chunk)
                )
            )
        )
    return taken
