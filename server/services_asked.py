"""The prep services a seller asks for on an order, as an order file names them in its
`prep_services` cell: price-list codes, each with how many where more than one.

    POLYBAG; BUBBLE_WRAP x2; INSERT*3        (";" or "," between them; "x2", "× 2", "*2" or ":2")

(a JSON file may give a list: ["POLYBAG", {"code": "BUBBLE_WRAP", "quantity": 2}]).

A code is compared without regard to case, "-" and "_" alike, so the code of the price list
("FNSKU_LABEL") and its barcode ("PDS-FNSKU-LABEL") both name it. Each code at most once a cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.codes import SERVICE_PREFIX
from app.domain.values import QUANTITY_MAX, SERVICES_MAX
from app.i18n import tr
from server.models import ServiceOfferRow

_ITEM = re.compile(r"(?P<code>[^\s*:×]+?)\s*(?:(?:\s[xX]|[*:×])\s*(?P<quantity>\S.*))?")


@dataclass(frozen=True, slots=True)
class AskedService:
    code: str  # as the file wrote it, until matched with the price list
    quantity: int

    @property
    def key(self) -> str:
        return service_key(self.code)


def service_key(code: str) -> str:
    """A code as codes are compared: "pds-fnsku-label", "FNSKU_LABEL" and "fnsku-label" are one."""
    code = code.strip().upper()
    if code.startswith(SERVICE_PREFIX):
        code = code[len(SERVICE_PREFIX) :]
    return code.replace("-", "_")


def read_services(text: str) -> tuple[list[AskedService], list[str]]:
    """The services a cell names, and what is wrong with it in words (then the first is partial)."""
    asked: list[AskedService] = []
    problems: list[str] = []
    seen: set[str] = set()
    items = [item.strip() for item in re.split(r"[;,\n]", text)]
    for item in filter(None, items):
        match = _ITEM.fullmatch(item)
        if match is None:
            problems.append(
                tr("“{item}” is not a service code with its quantity (such as POLYBAG x2)", item=item)
            )
            continue
        quantity = _quantity(match["code"], match["quantity"], problems)
        if quantity is None:
            continue
        service = AskedService(match["code"], quantity)
        if service.key in seen:
            problems.append(
                tr("{code} is named twice: name it once with the whole quantity (such as {code} x2)",
                   code=match["code"])
            )  # fmt: skip
            continue
        seen.add(service.key)
        asked.append(service)
    if len(asked) > SERVICES_MAX:
        problems.append(tr("more than {max} services on one order", max=SERVICES_MAX))
    return asked, problems


def service_item(item: object) -> str | None:
    """An item of a JSON file's list of services as the cell writes it: "POLYBAG" as it is,
    {"code": "BUBBLE_WRAP", "quantity": 2} as "BUBBLE_WRAP x2"; None for anything else."""
    if isinstance(item, str):
        return item
    code = item.get("code") if isinstance(item, dict) else None
    if (
        isinstance(item, dict)
        and isinstance(code, str)
        and code.strip()
        and set(item) <= {"code", "quantity"}
    ):
        quantity = item.get("quantity", 1)
        if isinstance(quantity, bool) or not isinstance(quantity, (int, str)):
            return None
        return f"{item['code']} x{quantity}"
    return None


def _quantity(code: str, text: str | None, problems: list[str]) -> int | None:
    if text is None:
        return 1
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        problems.append(tr("{code}: “{q}” is not a number", code=code, q=text))
        return None
    if value != value.to_integral_value() or not 1 <= value <= QUANTITY_MAX:
        problems.append(
            tr("{code}: {q} is not a whole number from 1 to {max}", code=code, q=text, max=QUANTITY_MAX)
        )
        return None
    return int(value)


def price_list(session: Session) -> dict[str, ServiceOfferRow]:
    """The price list by compared code (see service_key)."""
    return {
        service_key(o.code): o
        for o in session.scalars(select(ServiceOfferRow).order_by(ServiceOfferRow.code))
    }


def not_on_the_list(code: str, offers: dict[str, ServiceOfferRow]) -> str:
    """Why `code` is refused: the codes the list has, so the person sees what to write."""
    codes = [o.code for o in offers.values()]
    if not codes:
        return tr("{code} is not on the price list, which is empty: import the price list first", code=code)
    shown = ", ".join(codes[:12]) + (", …" if len(codes) > 12 else "")
    return tr("{code} is not on the price list ({codes})", code=code, codes=shown)


def asked_rows(
    order_id: str, asked: Iterable[AskedService], offers: dict[str, ServiceOfferRow]
) -> list[dict[str, object]]:
    """The rows of order_services_asked for an order, each with the price list's code and name."""
    return [
        {"order_id": order_id, "code": offers[s.key].code, "quantity": s.quantity, "name": offers[s.key].name}
        for s in asked
    ]
