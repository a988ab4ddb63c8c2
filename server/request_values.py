"""The values a request hands the server, checked once, here: numbers and times in the query
string, names in the headers, text in the bodies. The rules are `app.domain.values` and
`app.domain.parcels` (which the workstation checks with too); this module turns a refusal into the
contract's answer: 400 for a query or header value, 422 for a body value (pydantic's handler).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator
from starlette.datastructures import QueryParams

from app.domain import ValueRefused, normal_tracking
from app.domain.values import (
    carrier_text,
    moment_in_range,
    name_from_header,
    parse_moment,
    reason_text,
    service_code,
    whole_number,
)
from app.i18n import tr
from server.errors import ApiError

WORKSTATION_MAX = 120
OPERATOR_MAX = 80


def query_number(params: QueryParams, name: str, *, default: int, low: int, high: int, error: str) -> int:
    """A whole number from the query string (absent or empty: `default`); else 400 `error`."""
    text = params.get(name)
    if not text:
        return default
    try:
        return whole_number(text, what=name, low=low, high=high)
    except ValueRefused as refused:
        raise ApiError(400, error, str(refused)) from None


def query_time(params: QueryParams, name: str, *, error: str) -> datetime | None:
    """An ISO 8601 time from the query string, within the calendar the server keeps; else 422."""
    text = params.get(name)
    if not text:
        return None
    try:
        return parse_moment(text, what=name)
    except ValueRefused as refused:
        raise ApiError(422, error, str(refused)) from None


def header_name(raw: str | None, *, what: str, error: str, max_chars: int) -> str:
    """A name from a header (X-Workstation, X-Operator): printable ASCII, percent-encoded UTF-8
    for other scripts (API.md); anything else 400 `error`."""
    if raw is None:
        return ""
    try:
        return name_from_header(raw, what=what, max_chars=max_chars)
    except ValueRefused as refused:
        raise ApiError(400, error, str(refused)) from None


_KEY = re.compile(r"[\x21-\x7e]{1,200}")


def idempotency_key(raw: str | None) -> str | None:
    """The Idempotency-Key header: 1-200 visible ASCII characters (a UUID fits); else 400."""
    if raw is not None and not _KEY.fullmatch(raw):
        raise ApiError(
            400, "invalid_idempotency_key", tr("The Idempotency-Key must be 1-200 visible ASCII characters.")
        )
    return raw


def _tracking(value: str) -> str:
    return normal_tracking(value)


def _moment(value: datetime) -> datetime:
    return moment_in_range(value, what=tr("The time"))


# Body field types: pydantic runs the check, and a refusal is a 422 naming the field.
Reason = Annotated[str, AfterValidator(reason_text)]
Carrier = Annotated[str, AfterValidator(carrier_text)]
ServiceCode = Annotated[str, AfterValidator(service_code)]
TrackingNumber = Annotated[str, AfterValidator(_tracking)]
Moment = Annotated[datetime, AfterValidator(_moment)]
