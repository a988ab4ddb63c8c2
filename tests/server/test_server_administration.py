"""Setting a prep center up on the real server (SQLite and PostgreSQL): operators and badges,
tokens shown once and kept hashed, revoked at once, with their last use; the price list and
products from files. The same calls the README's commands make."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, text

from server.harness import RunningServer
from tests.server.conftest import Workstation, new_order

SAMPLES = Path(__file__).resolve().parents[2] / "server" / "samples"


class Admin:
    def __init__(self, server: RunningServer) -> None:
        self.server = server
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {server.admin_token}"

    def get(self, path: str, **params: Any) -> requests.Response:
        return self.session.get(f"{self.server.url}/api/v1/admin/{path}", params=params, timeout=30)

    def post(
        self, path: str, body: Any = None, data: bytes | None = None, **params: Any
    ) -> requests.Response:
        return self.session.post(
            f"{self.server.url}/api/v1/admin/{path}", json=body, data=data, params=params, timeout=30
        )


@pytest.fixture
def admin(server: RunningServer) -> Admin:
    return Admin(server)


def test_a_token_is_shown_once_kept_hashed_and_refused_at_once_when_revoked(
    server: RunningServer, admin: Admin
) -> None:
    issued = admin.post("tokens", {"prep_center": "A", "workstation": "table-7"})
    assert issued.status_code == 200, issued.text
    token, token_id = issued.json()["token"], issued.json()["id"]
    table = Workstation(server, "table-7", token=token)
    assert table.get("me").json()["prep_center"]["id"] == "A"
    listed = {t["id"]: t for t in admin.get("tokens", prep_center="A").json()["tokens"]}
    assert listed[token_id]["workstation"] == "table-7"
    assert listed[token_id]["last_used_at"] is not None
    assert "token" not in listed[token_id]
    engine = create_engine(server.db_url)
    try:
        with engine.connect() as connection:
            kept = [r[0] for r in connection.execute(text("SELECT token FROM tokens"))]
    finally:
        engine.dispose()
    assert token not in kept and server.token not in kept  # only hashes
    assert len(kept) == len(set(kept)) and all(len(k) == 64 for k in kept)

    revoked = admin.post(f"tokens/{token_id}/revoke", {})
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    answer = table.get("orders")
    assert answer.status_code == 401
    assert answer.json()["error"] == "token_revoked"
    assert "revoked" in answer.json()["message"]
    assert table.post("orders/x/claim", {}).status_code == 401
    # The other tokens go on working.
    assert Workstation(server, "table-1").get("orders").status_code == 200


def test_tokens_are_refused_when_they_name_what_is_not_there(admin: Admin) -> None:
    for body in (
        {"prep_center": "NOPE", "operator": "ann"},
        {"prep_center": "A", "operator": "nobody"},
        {"prep_center": "A"},
    ):
        answer = admin.post("tokens", body)
        assert answer.status_code == 422 and answer.json()["error"] == "refused", body
    assert admin.post("tokens/0000/revoke", {}).status_code == 422
    assert admin.post("tokens/abcdef0123456789/revoke", {}).json()["message"].startswith("No token")


def test_operators_with_badges_sign_in_at_a_table_and_print_on_a_badge_sheet(
    server: RunningServer, admin: Admin
) -> None:
    answer = admin.post("prep-centers", {"id": "NDP", "name": "North Dock Prep"})
    assert answer.json()["created"] is True
    assert admin.post("prep-centers", {"id": "NDP", "name": "North Dock Prep"}).json()["created"] is False
    assert admin.post("prep-centers", {"id": "NDP", "name": "Another"}).status_code == 422
    made = admin.post(
        "prep-centers/NDP/operators", {"code": "Olga", "name": "Ольга Смирнова", "badge": "OLGA-77"}
    )
    assert made.json() == {"prep_center": "NDP", "code": "olga", "name": "Ольга Смирнова", "badge": "OLGA-77",
                           "created": True}  # fmt: skip
    clash = admin.post("prep-centers/NDP/operators", {"code": "pim", "name": "Pim", "badge": "olga-77"})
    assert clash.status_code == 422 and "olga" in clash.json()["message"]
    token = admin.post("tokens", {"prep_center": "NDP", "operator": "olga"}).json()["token"]
    me = Workstation(server, "t1", token=token, operator="PDB-OLGA-77").get("me").json()
    assert me["operator"] == {"code": "olga", "name": "Ольга Смирнова"}
    sheet = admin.get("prep-centers/NDP/badges.pdf")
    assert sheet.headers["content-type"] == "application/pdf" and sheet.content.startswith(b"%PDF")
    assert admin.get("prep-centers/NOPE/badges.pdf").status_code == 422


def test_the_price_list_comes_from_a_file_with_its_currency_and_prices_the_services(
    server: RunningServer, admin: Admin, ann: Workstation
) -> None:
    bad = b"code,name,unit_price,currency\nPOLYBAG,Polybag,0.50,EURO\nINSERT,Insert,abc,EUR\n"
    answer = admin.post("imports/services", data=bad, file_name="prices.csv")
    assert answer.status_code == 422
    assert [(p["row"], p["column"]) for p in answer.json()["problems"]] == [
        (2, "currency"),
        (3, "unit_price"),
    ]
    assert {s["code"]: s["currency"] for s in admin.get("services").json()["services"]}["POLYBAG"] == "USD"

    answer = admin.post(
        "imports/services", data=(SAMPLES / "services.csv").read_bytes(), file_name="services.csv"
    )
    assert answer.json()["updated"] == 5
    again = admin.post(
        "imports/services", data=(SAMPLES / "services.csv").read_bytes(), file_name="services.csv"
    )
    assert (again.json()["updated"], again.json()["unchanged"]) == (0, 5)
    order = new_order(server, status="6")
    done = ann.post(f"orders/{order['id']}/services", {"services": [{"code": "POLYBAG", "quantity": 2}]})
    assert done.status_code == 200, done.text
    assert (done.json()["services"][0]["unit_price"], done.json()["services"][0]["currency"]) == (
        "0.45",
        "EUR",
    )


def test_products_with_their_codes_and_photos_are_found_by_any_code(
    server: RunningServer, admin: Admin, ann: Workstation
) -> None:
    missing = admin.post("imports/products", data=(SAMPLES / "products.csv").read_bytes(), prep_center="A")
    assert missing.status_code == 422
    assert {p["reason"] for p in missing.json()["problems"]} == {"no photo mug.png was uploaded",
                                                                 "no photo towel.png was uploaded"}  # fmt: skip
    for photo in (SAMPLES / "photos").iterdir():
        assert admin.post(f"photos/{photo.name}", data=photo.read_bytes()).status_code == 200
    answer = admin.post("imports/products", data=(SAMPLES / "products.csv").read_bytes(), prep_center="A")
    assert answer.status_code == 200, answer.text
    assert (answer.json()["created"], answer.json()["aliases"], answer.json()["photos"]) == (3, 3, 0)
    again = admin.post("imports/products", data=(SAMPLES / "products.csv").read_bytes(), prep_center="A")
    assert (again.json()["created"], again.json()["unchanged"], again.json()["aliases"]) == (0, 3, 0)
    for code in ("X001ABCDEF", "4006381333931", "SUP-77812", "sup-77812", "NHG CANDLE"):
        found = ann.get("products", code=code).json()["products"]
        assert [p["seller"] for p in found] == ["Nordic Home Goods"], code
    mug = ann.get("products", code="NHG-MUG-0231").json()["products"][0]
    assert mug["photo_url"] == "/api/v1/photos/mug.png" and mug["weight_g"] == 420
    photo = requests.get(server.url + mug["photo_url"], timeout=10)
    assert (
        photo.headers["content-type"] == "image/png"
        and photo.content == (SAMPLES / "photos/mug.png").read_bytes()
    )
    # A code already another SKU's is refused, naming it; nothing of the file changes.
    clash = b"seller,sku,title,aliases\nNordic Home Goods,NHG-TWL-0112,Towel,SUP-77812\nNordic Home Goods,NEW-1,New,\n"
    answer = admin.post("imports/products", data=clash, prep_center="A")
    assert answer.status_code == 422 and "NHG-MUG-0231" in answer.json()["problems"][0]["reason"]
    assert ann.get("products", code="NEW-1").json()["products"] == []


@pytest.mark.filterwarnings("ignore:Using .httpx. with .starlette.testclient.:UserWarning")
def test_a_server_without_the_demo_starts_empty_but_for_the_price_list(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from server.app import create_app

    app = create_app(
        f"sqlite:///{tmp_path / 's.sqlite3'}", demo=False, admin_token="admin-x", marketplace=False
    )
    with TestClient(app) as client:
        headers = {"Authorization": "Bearer admin-x"}
        assert client.get("/api/v1/admin/prep-centers", headers=headers).json() == {"prep_centers": []}
        assert len(client.get("/api/v1/admin/services", headers=headers).json()["services"]) == 10
        health = client.get("/api/v1/health").json()
        assert health["ok"] is True and health["database"] == "ok"
    app.state.db.dispose()
