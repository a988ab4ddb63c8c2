"""A seller's order file imported on the real server (SQLite and PostgreSQL): every bad input of
issue 12 gets a clear answer naming the row and the reason, and nothing is half-imported;
importing the same file again changes nothing; a bad address arrives as print error (5.3)."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import requests

from server.harness import RunningServer
from tests.server.conftest import Workstation

SAMPLES = Path(__file__).resolve().parents[2] / "server" / "samples"
HEADER = "order_number,marketplace,seller,recipient_name,street1,city,postcode,country,sku,quantity"


def post_file(server: RunningServer, kind: str, data: bytes, **query: Any) -> requests.Response:
    return requests.post(
        f"{server.url}/api/v1/admin/imports/{kind}",
        params=query,
        data=data,
        headers={"Authorization": f"Bearer {server.admin_token}"},
        timeout=60,
    )


@pytest.fixture
def catalogue(server: RunningServer) -> RunningServer:
    """Prep center A knows the sample products (their photos uploaded first, as a web page would)."""
    for photo in (SAMPLES / "photos").iterdir():
        answer = requests.post(
            f"{server.url}/api/v1/admin/photos/{photo.name}",
            data=photo.read_bytes(),
            headers={"Authorization": f"Bearer {server.admin_token}"},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
    answer = post_file(server, "products", (SAMPLES / "products.csv").read_bytes(), prep_center="A")
    assert answer.status_code == 200, answer.text
    return server


def import_orders(
    server: RunningServer, data: bytes, file_name: str = "orders.csv", **query: Any
) -> requests.Response:
    return post_file(server, "orders", data, prep_center="A", file_name=file_name, **query)


def imported(ann: Workstation) -> dict[str, dict[str, Any]]:
    """The imported orders a table sees, by marketplace order number."""
    return {o["marketplace_order_id"]: o for o in ann.all_orders() if o["marketplace_order_id"]}


def refused(answer: requests.Response) -> list[tuple[int | None, str, str]]:
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["error"] == "import_refused"
    assert body["message"]
    return [(p["row"], p["column"], p["reason"]) for p in body["problems"]]


def test_the_sample_file_in_each_format_arrives_once_with_a_bad_address_as_print_error(
    catalogue: RunningServer, ann: Workstation
) -> None:
    first = import_orders(catalogue, (SAMPLES / "orders.csv").read_bytes())
    assert first.status_code == 200, first.text
    assert first.json() | {"ignored_columns": []} == {
        "file": "orders.csv", "rows": 5, "created": 4, "unchanged": 0, "print_errors": 1, "ignored_columns": [],
    }  # fmt: skip
    orders = imported(ann)
    assert len(orders) == 4
    two_lines = orders["114-3941689-8772232"]
    assert two_lines["status"] == "5.1"
    assert [(ln["sku"], ln["quantity"]) for ln in two_lines["lines"]] == [
        ("NHG-MUG-0231", 2),
        ("NHG-TWL-0112", 1),
    ]
    assert two_lines["lines"][0]["ean"] == "4006381333931"  # the catalogue's codes come with the line
    assert two_lines["lines"][0]["photo_url"] == "/api/v1/photos/mug.png"
    assert two_lines["recipient"]["postcode"] == "1015 CJ"
    # A code taught as an alias of a SKU finds that SKU.
    assert orders["W-550192"]["lines"][0]["sku"] == "NHG-MUG-0231"
    no_street = orders["W-550193"]
    assert no_street["status"] == "5.3"
    assert no_street["status_reason"] == "Street address missing"
    # The seller's asks come with the order: its buyer's language and the prep services (named on
    # the order's first row only), with the price list's names.
    assert two_lines["buyer_language"] == "nl"
    assert two_lines["services_asked"] == [
        {"code": "POLYBAG", "quantity": 3, "name": "Polybag with suffocation warning"},
        {"code": "INSERT", "quantity": 1, "name": "Insert / flyer"},
    ]
    assert orders["114-7730021-1180345"]["services_asked"] == [
        {"code": "BUBBLE_WRAP", "quantity": 3, "name": "Bubble wrap"}
    ]
    assert "buyer_language" not in no_street and "services_asked" not in no_street

    cursor = ann.get("orders", cursor="0", limit=1000).json()["cursor"]
    for name in ("orders.csv", "orders.xlsx", "orders.json"):
        again = import_orders(catalogue, (SAMPLES / name).read_bytes(), file_name=name)
        assert again.status_code == 200, again.text
        assert (again.json()["created"], again.json()["unchanged"]) == (0, 4)
    # Nothing changed: no order has a new change number, none was added.
    assert ann.get("orders", cursor=cursor).json()["orders"] == []
    assert imported(ann) == orders


def rows_csv(rows: list[list[str]], header: str = HEADER, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header.split(","))
    writer.writerows(rows)
    return out.getvalue()


def row(
    number: str, sku: str = "NHG-MUG-0231", quantity: str = "1", name: str = "Jan de Vries", **kw: str
) -> list[str]:
    values = {
        "order_number": number, "marketplace": "Amazon", "seller": "Nordic Home Goods", "recipient_name": name,
        "street1": "Keizersgracht 123", "city": "Amsterdam", "postcode": "1015 CJ", "country": "NL",
        "sku": sku, "quantity": quantity, **kw,
    }  # fmt: skip
    return [values[c] for c in HEADER.split(",")]


def test_bad_rows_are_each_named_with_the_reason_and_nothing_is_imported(
    catalogue: RunningServer, ann: Workstation
) -> None:
    before = ann.all_orders()
    text = rows_csv(
        [
            row("GOOD-1"),  # row 2: fine, but must not arrive while others are wrong
            row("Q-0", quantity="0"),  # 3
            row("Q-NEG", quantity="-1"),  # 4
            row("SKU-X", sku="NO-SUCH-SKU"),  # 5
            row("DUP-1"),  # 6
            row("DUP-1", sku="NHG-TWL-0112", name="Someone Else"),  # 7: same number, another order
            row("TWICE", sku="NHG-TWL-0112"),  # 8
            row("TWICE", sku="NHG-TWL-0112", quantity="2"),  # 9: the same line twice
            row("FORMULA", quantity="=2*3"),  # 10
            row("HALF", quantity="1.5"),  # 11
        ]
    )
    problems = refused(import_orders(catalogue, text.encode()))
    by_row = {r: (column, reason) for r, column, reason in problems}
    assert set(by_row) == {3, 4, 5, 7, 9, 10, 11}
    assert by_row[3][0] == by_row[4][0] == "quantity"
    assert "at least 1" in by_row[3][1] and "-1" in by_row[4][1]
    assert by_row[5] == ("sku", "NO-SUCH-SKU is not a product of Nordic Home Goods at this prep center")
    assert "row 6" in by_row[7][1] and by_row[7][0] == "recipient_name"
    assert "row 8" in by_row[9][1]
    assert "formula" in by_row[10][1]
    assert "whole number" in by_row[11][1]
    assert ann.all_orders() == before


def test_a_missing_column_refuses_the_file_naming_the_column(
    catalogue: RunningServer, ann: Workstation
) -> None:
    header = HEADER.replace(",quantity", "")
    text = "\r\n".join([header, ",".join(row("A-1")[:-1])])
    answer = import_orders(catalogue, text.encode())
    assert refused(answer) == [(None, "quantity", "the column is missing")]
    assert "quantity" in answer.json()["message"]
    assert imported(ann) == {}


@pytest.mark.parametrize(
    ("encoding", "name", "city"), [("cp1251", "Иван Петров", "Москва"), ("gb18030", "王芳", "上海")]
)
def test_a_file_not_in_utf8_is_refused_until_its_encoding_is_said_then_kept_letter_for_letter(
    catalogue: RunningServer, ann: Workstation, encoding: str, name: str, city: str
) -> None:
    country, postcode = ("RU", "101000") if encoding == "cp1251" else ("CN", "200000")
    text = rows_csv([row("ENC-1", name=name, city=city, country=country, postcode=postcode)], delimiter=";")
    data = text.encode(encoding)
    answer = import_orders(catalogue, data)
    assert refused(answer)[0][2] == "not UTF-8: say the file's encoding"
    assert encoding in answer.json()["message"]
    assert imported(ann) == {}

    answer = import_orders(catalogue, data, encoding=encoding)
    assert answer.status_code == 200, answer.text
    order = imported(ann)["ENC-1"]
    assert (order["recipient"]["name"], order["recipient"]["city"]) == (name, city)
    assert order["status"] == "5.1"


def xlsx(rows: list[list[Any]], merge: str = "") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    for r in rows:
        sheet.append(r)
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_formulas_and_merged_cells_in_a_workbook_are_named_by_row(
    catalogue: RunningServer, ann: Workstation
) -> None:
    formula = row("X-1")
    formula[-1] = "=1+1"
    rows: list[list[Any]] = [row("X-0"), formula, row("X-2"), row("X-2", sku="NHG-TWL-0112")]
    problems = refused(import_orders(catalogue, xlsx(rows, merge="A4:A5"), file_name="orders.xlsx"))
    assert (3, "quantity", "a formula (=1+1), not a value: paste the values only") in problems
    merged = [p for p in problems if "merged cells (A4:A5)" in p[2]]
    assert [p[0] for p in merged] == [4, 5]
    assert imported(ann) == {}
    # Without them, the same workbook is imported (quantities as numbers, as Excel keeps them).
    rows[1] = row("X-1", quantity=3)  # type: ignore[arg-type]
    answer = import_orders(catalogue, xlsx(rows), file_name="orders.xlsx")
    assert answer.status_code == 200, answer.text
    assert imported(ann)["X-1"]["lines"][0]["quantity"] == 3


def test_a_50_mb_file_is_refused_with_a_clear_word(
    catalogue: RunningServer, ann: Workstation, tmp_path: Path
) -> None:
    big = HEADER.encode() + b"\r\n" + (",".join(row("BIG")).encode() + b"\r\n") * (50 * 1024 * 1024 // 80)
    answer = import_orders(catalogue, big)
    assert answer.status_code == 413
    assert answer.json() == {"error": "too_large", "message": "The request body is larger than 20 MiB."}
    # The command line refuses it before reading it.
    from prepdesk.cli import main

    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)
    assert (
        main(["server", "import", str(path), "--prep-center", "A", "--db", catalogue.db_url, "--json"]) == 1
    )
    assert imported(ann) == {}


def test_a_json_file_is_a_list_of_rows(catalogue: RunningServer, ann: Workstation) -> None:
    rows = [dict(zip(HEADER.split(","), row("J-1"), strict=True))]
    rows[0]["quantity"] = 2  # type: ignore[assignment]
    answer = import_orders(catalogue, json.dumps(rows).encode(), file_name="orders.json")
    assert answer.status_code == 200, answer.text
    assert imported(ann)["J-1"]["lines"][0]["quantity"] == 2
    problems = refused(
        import_orders(catalogue, json.dumps([{"order_number": []}]).encode(), file_name="x.json")
    )
    assert {p[1] for p in problems} >= {"sku"}  # the missing columns are named
    assert refused(import_orders(catalogue, b"{not json", file_name="x.json")) == []


def test_the_command_line_import_says_every_problem_and_imports_nothing(
    catalogue: RunningServer, ann: Workstation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from prepdesk.cli import main

    path = tmp_path / "list.csv"
    path.write_text(rows_csv([row("CLI-1"), row("CLI-2", quantity="0")]), encoding="utf-8")
    assert main(["server", "import", str(path), "--prep-center", "A", "--db", catalogue.db_url]) == 1
    err = capsys.readouterr().err
    assert "row 3, quantity" in err and "Nothing was imported" in err
    assert imported(ann) == {}
    path.write_text(rows_csv([row("CLI-1"), row("CLI-2", quantity="2")]), encoding="utf-8")
    assert main(["server", "import", str(path), "--prep-center", "A", "--db", catalogue.db_url]) == 0
    assert "2 orders created" in capsys.readouterr().out
    assert sorted(imported(ann)) == ["CLI-1", "CLI-2"]
    assert str(uuid.UUID(imported(ann)["CLI-1"]["id"]))  # ids are the server's own


ASKS = HEADER + ",buyer_language,prep_services"


def asks_row(number: str, language: str = "", services: str = "", **kw: str) -> list[str]:
    return [*row(number, **kw), language, services]


def test_bad_prep_services_and_buyer_languages_are_named_by_row_and_nothing_is_imported(
    catalogue: RunningServer, ann: Workstation
) -> None:
    text = rows_csv(
        [
            asks_row("OK-1", "ru", "POLYBAG x2; INSERT"),  # row 2: fine, but not while others are wrong
            asks_row("S-UNKNOWN", services="GIFT_WRAP"),  # 3
            asks_row("S-ZERO", services="POLYBAG x0"),  # 4
            asks_row("S-WORD", services="POLYBAG x two"),  # 5
            asks_row("S-HALF", services="BUBBLE_WRAP*1.5"),  # 6
            asks_row("S-TWICE", services="POLYBAG, polybag x2"),  # 7
            asks_row("S-DIFF", services="POLYBAG"),  # 8
            asks_row("S-DIFF", sku="NHG-TWL-0112", services="POLYBAG x2"),  # 9: the order asks otherwise
            asks_row("L-BAD", "english"),  # 10
            asks_row("L-UNKNOWN", "xx"),  # 11
            asks_row("L-REGION", "ru-XY"),  # 12
            asks_row("L-DIFF", "ru"),  # 13
            asks_row("L-DIFF", "nl", sku="NHG-TWL-0112"),  # 14: another language for the same order
        ],
        header=ASKS,
    )
    problems = refused(import_orders(catalogue, text.encode()))
    by_row = {r: (column, reason) for r, column, reason in problems}
    assert set(by_row) == {3, 4, 5, 6, 7, 9, 10, 11, 12, 14}, problems
    assert by_row[3] == (
        "prep_services",
        "GIFT_WRAP is not on the price list (BOX_CONTENT, BUBBLE_WRAP, BUNDLE, FNSKU_LABEL, FRAGILE_STICKER, "
        "INSERT, INSPECTION, OVERBOX, POLYBAG, SHRINK_WRAP)",
    )
    assert by_row[4] == ("prep_services", "POLYBAG: 0 is not a whole number from 1 to 100000")
    assert by_row[5] == ("prep_services", "POLYBAG: “two” is not a number")
    assert by_row[6] == ("prep_services", "BUBBLE_WRAP: 1.5 is not a whole number from 1 to 100000")
    assert by_row[7][0] == "prep_services" and "named twice" in by_row[7][1]
    assert by_row[9][0] == "prep_services" and "row 8" in by_row[9][1]
    assert by_row[10] == ("buyer_language", "“english” is not a language tag (such as ru, zh-CN or nl-BE)")
    assert by_row[11] == ("buyer_language", "“xx” is not a language (such as ru, zh-CN or nl-BE)")
    assert by_row[12] == ("buyer_language", "“XY” is not a country or region (such as CN or BE)")
    assert by_row[14][0] == "buyer_language" and "row 13" in by_row[14][1]
    assert imported(ann) == {}

    # Mended, the file arrives; the codes are the price list's in any spelling (its barcode too),
    # a tag in its one spelling, and importing it again changes nothing.
    text = rows_csv(
        [
            asks_row("OK-1", "RU", "pds-polybag x2; Insert"),
            asks_row("OK-1", "ru", "", sku="NHG-TWL-0112"),  # the services on one row of the order
            asks_row("OK-2", "zh_cn", "BUBBLE_WRAP × 4, FNSKU-LABEL:2"),
            asks_row("OK-2", "zh-CN", "FNSKU_LABEL x2; bubble_wrap*4", sku="NHG-TWL-0112"),  # alike
            asks_row("OK-3"),
        ],
        header=ASKS,
    )
    answer = import_orders(catalogue, text.encode())
    assert answer.status_code == 200, answer.text
    orders = imported(ann)
    assert orders["OK-1"]["buyer_language"] == "ru"
    assert [(s["code"], s["quantity"]) for s in orders["OK-1"]["services_asked"]] == [
        ("POLYBAG", 2),
        ("INSERT", 1),
    ]
    assert orders["OK-2"]["buyer_language"] == "zh-CN"
    assert [(s["code"], s["quantity"]) for s in orders["OK-2"]["services_asked"]] == [
        ("BUBBLE_WRAP", 4),
        ("FNSKU_LABEL", 2),
    ]
    assert "services_asked" not in orders["OK-3"] and "buyer_language" not in orders["OK-3"]
    cursor = ann.get("orders", cursor="0", limit=1000).json()["cursor"]
    again = import_orders(catalogue, text.encode())
    assert (again.json()["created"], again.json()["unchanged"]) == (0, 3)
    assert ann.get("orders", cursor=cursor).json()["orders"] == []
    assert imported(ann) == orders


def test_the_workstation_client_reads_the_buyers_language_and_the_services_asked(
    catalogue: RunningServer, tmp_path: Path
) -> None:
    from app.api import OrderServerClient
    from app.domain import ServiceAsked

    rows: list[dict[str, Any]] = [
        dict(zip(ASKS.split(","), asks_row("RU-1", "ru", name="Анна Смирнова"), strict=True))
    ]
    # A JSON file may list the services; an item that is neither a code nor {code, quantity} is named.
    rows[0]["prep_services"] = [{"code": "POLYBAG", "quantity": 2}, 42]
    problems = refused(import_orders(catalogue, json.dumps(rows).encode(), file_name="orders.json"))
    assert problems == [(1, "prep_services", "an item of the list is not one we read")]
    rows[0]["prep_services"] = [{"code": "POLYBAG", "quantity": 2}]
    answer = import_orders(catalogue, json.dumps(rows, ensure_ascii=False).encode(), file_name="orders.json")
    assert answer.status_code == 200, answer.text
    client = OrderServerClient(catalogue.url, catalogue.token, "table-1")
    try:
        listed = {o.marketplace_order_id: o for o in client.list_orders(limit=1000).orders}
        order = client.get_order(listed["RU-1"].id)
    finally:
        client.close()
    for seen in (listed["RU-1"], order):
        assert seen.buyer_language == "ru"
        assert seen.services_asked == [ServiceAsked("POLYBAG", 2, "Polybag with suffocation warning")]
    assert order.recipient.name == "Анна Смирнова"


def test_the_platforms_order_keeps_its_buyers_language_and_services_asked(
    catalogue: RunningServer, ann: Workstation
) -> None:
    from tests.server.conftest import new_order

    order = new_order(catalogue, buyer_language="nl_be", services_asked=[{"code": "polybag", "quantity": 2}])
    assert order["buyer_language"] == "nl-BE"
    assert order["services_asked"] == [
        {"code": "POLYBAG", "quantity": 2, "name": "Polybag with suffocation warning"}
    ]
    assert ann.order(order["id"])["buyer_language"] == "nl-BE"
    before = ann.all_orders()
    for body, error in (
        ({"buyer_language": "Klingon"}, "invalid_language"),
        ({"services_asked": [{"code": "GIFT_WRAP", "quantity": 1}]}, "unknown_service"),
    ):
        answer = requests.post(
            f"{catalogue.url}/api/v1/admin/orders",
            json={"prep_center": "A", "seller": "Nordic Home Goods", **body},
            headers={
                "Authorization": f"Bearer {catalogue.admin_token}",
                "Idempotency-Key": str(uuid.uuid4()),
            },
            timeout=30,
        )
        assert (answer.status_code, answer.json()["error"]) == (422, error), answer.text
    assert ann.all_orders() == before
