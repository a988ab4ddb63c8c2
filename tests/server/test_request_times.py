"""Times at the edge of the calendar are refused with a 422, in bodies and in the query string;
none makes the server fail."""

from __future__ import annotations

import pytest
import requests

from server.harness import RunningServer
from tests.server.conftest import Workstation

EDGES = [
    "0001-01-01T00:00:00+05:00",
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31T23:59:59+00:00",
    "1899-12-31T23:59:59Z",
    "3000-01-01T00:00:00Z",
]


def _create(server: RunningServer, ship_by: str) -> requests.Response:
    return requests.post(
        f"{server.url}/api/v1/admin/orders",
        json={"prep_center": "A", "ship_by": ship_by, "lines": [{"sku": "NHG-MUG-0231", "quantity": 1}]},
        headers={"Authorization": f"Bearer {server.admin_token}"},
        timeout=30,
    )


@pytest.mark.parametrize("moment", EDGES)
def test_a_date_off_the_calendar_in_a_body_is_a_422(server: RunningServer, moment: str) -> None:
    answer = _create(server, moment)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] == "invalid_request" and "ship_by" in answer.json()["message"]


def test_a_date_within_the_calendar_is_kept_in_utc(server: RunningServer) -> None:
    answer = _create(server, "2026-12-01T09:00:00+05:00")
    assert answer.status_code == 200, answer.text
    assert answer.json()["ship_by"] == "2026-12-01T04:00:00+00:00"


@pytest.mark.parametrize("moment", EDGES)
def test_a_date_off_the_calendar_in_the_query_is_a_422(ann: Workstation, moment: str) -> None:
    answer = ann.get("orders", updated_since=moment)
    assert (answer.status_code, answer.json()["error"]) == (422, "invalid_updated_since")
