"""Codes taught as aliases of a seller's SKU: kept once per seller, refused when they would make
one scan mean two items, fed to every table of the prep center by change sequence, and never
seen or used by another prep center."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from server.harness import RunningServer
from tests.server.conftest import Workstation, new_order

SELLER = "Nordic Home Goods"
MUG, TOWEL = "NHG-MUG-0231", "NHG-TWL-0112"  # the mug's EAN 4006381333931, the towel's FNSKU X001ABCDEF


def teach(table: Workstation, code: str, sku: str = MUG, seller: str = SELLER, key: str | None = None) -> Any:
    return table.post("products/aliases", {"seller": seller, "sku": sku, "code": code}, key=key)


def feed(table: Workstation, cursor: str = "0", **params: Any) -> dict[str, Any]:
    answer = table.get("products/aliases", cursor=cursor, **params)
    assert answer.status_code == 200, answer.text
    page: dict[str, Any] = answer.json()
    return page


def test_a_taught_code_finds_its_product_and_reaches_the_feed_once(
    server: RunningServer, ann: Workstation, boris: Workstation
) -> None:
    new_order(server)
    taught = teach(ann, "SUPPLIER-77812")
    assert taught.status_code == 200, taught.text
    alias = taught.json()["alias"]
    assert taught.json()["created"] is True
    assert {k: alias[k] for k in ("seller", "code", "sku", "taught_by", "workstation")} == {
        "seller": SELLER,
        "code": "SUPPLIER-77812",
        "sku": MUG,
        "taught_by": "ann",
        "workstation": "table-1",
    }
    found = boris.get("products", code="SUPPLIER-77812").json()["products"]
    assert [(p["sku"], p["seller"]) for p in found] == [(MUG, SELLER)]
    assert [
        (p["sku"], p["seller"]) for p in boris.get("products", code="supplier-77812").json()["products"]
    ] == [(MUG, SELLER)]  # a scanner on Caps Lock

    page = feed(boris)
    assert [(a["code"], a["sku"], a["seller"]) for a in page["aliases"]] == [("SUPPLIER-77812", MUG, SELLER)]
    assert page["has_more"] is False
    assert feed(boris, page["cursor"]) == {"aliases": [], "cursor": page["cursor"], "has_more": False}

    again = teach(boris, "SUPPLIER-77812")  # the same code for the same SKU, from another table
    assert again.status_code == 200, again.text
    assert again.json() == {"alias": alias, "created": False}
    assert feed(boris, page["cursor"])["aliases"] == []  # nothing changed, nothing to pull


def test_a_retried_teaching_gets_the_first_answer(server: RunningServer, ann: Workstation) -> None:
    new_order(server)
    key = str(uuid.uuid4())
    first = teach(ann, "BOX-1", key=key)
    second = teach(ann, "BOX-1", key=key)
    assert (second.status_code, second.json()) == (first.status_code, first.json())
    assert second.headers.get("Idempotent-Replayed") == "true"
    reused = teach(ann, "BOX-2", key=key)
    assert (reused.status_code, reused.json()["error"]) == (422, "idempotency_key_reused")
    assert [a["code"] for a in feed(ann)["aliases"]] == ["BOX-1"]


@pytest.mark.parametrize(
    ("code", "owner"),
    [
        ("4006381333931", MUG),  # the mug's own EAN
        ("X001ABCDEF", TOWEL),  # the towel's FNSKU
        ("x001abcdef", TOWEL),  # the same, from a scanner on Caps Lock
        (TOWEL, TOWEL),  # another SKU itself
        (TOWEL.lower(), TOWEL),
    ],
)
def test_a_code_of_another_sku_is_refused_naming_that_sku(
    server: RunningServer, ann: Workstation, code: str, owner: str
) -> None:
    new_order(server)
    answer = teach(ann, code, sku=TOWEL if owner == MUG else MUG)
    assert answer.status_code == 409, answer.text
    body = answer.json()
    assert (body["error"], body["sku"]) == ("code_taken", owner)
    assert owner in body["message"]
    assert feed(ann)["aliases"] == []


def test_a_code_taught_for_one_sku_is_refused_for_another(server: RunningServer, ann: Workstation) -> None:
    new_order(server)
    assert teach(ann, "Bundle 7").status_code == 200
    for code in ("Bundle 7", "BUNDLE 7", "bUNDLE 7"):  # in any case: a scanner on Caps Lock
        answer = teach(ann, code, sku=TOWEL)
        assert (answer.status_code, answer.json()["error"], answer.json()["sku"]) == (409, "code_taken", MUG)
    assert [(a["code"], a["sku"]) for a in feed(ann)["aliases"]] == [("Bundle 7", MUG)]


def test_another_seller_may_give_the_same_code_to_its_own_sku(
    server: RunningServer, ann: Workstation
) -> None:
    new_order(server)
    new_order(server, seller="Baltic Outdoor", lines=[{"sku": "BO-TENT-2", "title": "Tent", "quantity": 1}])
    assert teach(ann, "CARTON-5").status_code == 200
    other = teach(ann, "CARTON-5", sku="BO-TENT-2", seller="Baltic Outdoor")
    assert other.status_code == 200, other.text
    found = ann.get("products", code="CARTON-5").json()["products"]
    assert sorted((p["seller"], p["sku"]) for p in found) == [("Baltic Outdoor", "BO-TENT-2"), (SELLER, MUG)]


@pytest.mark.parametrize(
    ("sku", "seller"),
    [
        ("NHG-NOPE-1", SELLER),  # no such SKU
        (MUG, "Baltic Outdoor"),  # a SKU of another seller
        (MUG.lower(), SELLER),  # SKUs are exact
        ("'; DROP TABLE products; --", SELLER),
    ],
)
def test_a_sku_that_is_not_the_sellers_product_is_refused_in_words(
    server: RunningServer, ann: Workstation, sku: str, seller: str
) -> None:
    new_order(server)
    answer = teach(ann, "SUPPLIER-1", sku=sku, seller=seller)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] == "unknown_product"
    assert sku in answer.json()["message"]


@pytest.mark.parametrize(
    "code",
    [
        "",
        " ABC",
        "ABC ",
        "AB\tC",
        "AB\nC",
        "AB\x01C",
        "AB\x7fC",
        "AB\u200bC",  # a zero-width space
        "\ufeffABC",  # a byte-order mark
        "ÄBC-1",
        "АВС-1",  # Cyrillic letters that look Latin
        "A" * 65,
        "7" * 10_000,
        "PDO-100001",
        "pdo-100001",
        "PDB-ANN-1042",
        "Pdc-CONFIRM",
        "pdc-qty-5",
    ],
)
def test_a_code_that_is_no_items_barcode_is_refused_in_words(
    server: RunningServer, ann: Workstation, code: str
) -> None:
    new_order(server)
    answer = teach(ann, code)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    # Control characters are refused for every body's text before the alias rules are asked.
    assert body["error"] == (
        "invalid_request"
        if any((ord(ch) < 32 and ch not in "\t\n\r") or ord(ch) == 127 for ch in code)
        else "invalid_code"
    )
    assert body["message"] and "Traceback" not in body["message"]
    assert feed(ann)["aliases"] == []


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"seller": SELLER, "sku": MUG, "code": "AB\x00C"}, "invalid_request"),  # NUL
        ({"seller": SELLER, "sku": MUG}, "invalid_request"),
        ({"seller": SELLER, "sku": MUG, "code": 7}, "invalid_request"),
        ({"seller": SELLER, "sku": "", "code": "ABC"}, "invalid_request"),
        ({"seller": SELLER, "sku": "S" * 81, "code": "ABC"}, "invalid_request"),
        ({"seller": "S" * 201, "sku": MUG, "code": "ABC"}, "invalid_request"),
        ({"seller": SELLER, "sku": MUG, "code": "ABC", "operator": "boris"}, "unknown_field"),
    ],
)
def test_a_malformed_teaching_is_a_422_with_the_error_body(
    server: RunningServer, ann: Workstation, body: dict[str, Any], error: str
) -> None:
    new_order(server)
    answer = ann.post("products/aliases", body)
    assert (answer.status_code, answer.json()["error"]) == (422, error), answer.text
    assert answer.json()["message"]


def test_a_teaching_needs_a_key_and_a_workstation(server: RunningServer, ann: Workstation) -> None:
    new_order(server)
    body = {"seller": SELLER, "sku": MUG, "code": "ABC"}
    no_key = ann.session.post(ann.url("products/aliases"), json=body, timeout=30)
    assert (no_key.status_code, no_key.json()["error"]) == (400, "idempotency_key_required")
    nameless = Workstation(server, "")
    answer = nameless.post("products/aliases", body)
    assert (answer.status_code, answer.json()["error"]) == (400, "workstation_required")
    assert feed(ann)["aliases"] == []


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"cursor": "-1"}, "invalid_cursor"),
        ({"cursor": "abc"}, "invalid_cursor"),
        ({"cursor": "1.5"}, "invalid_cursor"),
        ({"cursor": " 1"}, "invalid_cursor"),
        ({"cursor": "²"}, "invalid_cursor"),  # a digit to str.isdigit, not to int()
        ({"cursor": "١٢"}, "invalid_cursor"),  # Arabic-Indic digits
        ({"cursor": "9" * 19}, "invalid_cursor"),
        ({"cursor": "'; DROP TABLE product_aliases; --"}, "invalid_cursor"),
        ({"limit": "0"}, "invalid_limit"),
        ({"limit": "1001"}, "invalid_limit"),
        ({"limit": "9" * 40}, "invalid_limit"),
        ({"limit": "lots"}, "invalid_limit"),
        ({"limit": "²"}, "invalid_limit"),
        ({"limit": "-5"}, "invalid_limit"),
    ],
)
def test_a_bad_cursor_or_limit_is_a_400_with_the_error_body(
    server: RunningServer, ann: Workstation, params: dict[str, str], error: str
) -> None:
    answer = ann.get("products/aliases", **params)
    assert (answer.status_code, answer.json()["error"]) == (400, error), answer.text
    assert answer.json()["message"]


def test_the_feed_pages_in_teaching_order(server: RunningServer, ann: Workstation) -> None:
    new_order(server)
    for n in range(5):
        assert teach(ann, f"CODE-{n}", sku=MUG if n % 2 else TOWEL).status_code == 200
    seen: list[str] = []
    cursor = "0"
    while True:
        page = feed(ann, cursor, limit=2)
        seen += [a["code"] for a in page["aliases"]]
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert seen == [f"CODE-{n}" for n in range(5)]


def test_another_prep_center_neither_sees_nor_uses_the_aliases(
    server: RunningServer, ann: Workstation
) -> None:
    new_order(server)
    new_order(
        server,
        prep_center="B",
        seller="Harbour Goods",
        lines=[{"sku": "HG-1", "title": "Hook", "quantity": 1}],
    )
    b = Workstation(server, "b-table", token=server.other_token)
    assert teach(ann, "SUPPLIER-9").status_code == 200

    assert feed(b)["aliases"] == []
    assert b.get("products", code="SUPPLIER-9").json()["products"] == []
    answer = teach(b, "SUPPLIER-9")  # A's seller and SKU, with B's token
    assert (answer.status_code, answer.json()["error"]) == (422, "unknown_product")
    # B may teach the same code to its own goods; A's alias stays A's
    assert teach(b, "SUPPLIER-9", sku="HG-1", seller="Harbour Goods").status_code == 200
    assert [(a["sku"], a["seller"]) for a in feed(b)["aliases"]] == [("HG-1", "Harbour Goods")]
    assert [(a["sku"], a["seller"]) for a in feed(ann)["aliases"]] == [(MUG, SELLER)]
    admin = Workstation(server, "admin", token=server.admin_token)
    assert admin.get("products/aliases").status_code == 403
