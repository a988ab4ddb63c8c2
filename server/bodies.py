"""The request bodies the server accepts: strict, so an unknown field or a wrong type is a 422.

Numbers are JSON numbers (no "10" for 10), text is checked by `server.request_values`.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.domain.values import (
    CARRIER_MAX,
    PARCELS_MAX,
    QUANTITY_MAX,
    REASON_MAX,
    SERVICE_CODE_MAX,
    SERVICES_MAX,
    WEIGHT_MAX_G,
)
from app.i18n import tr
from server.request_values import Carrier, Reason, ServiceCode, TrackingNumber


class Body(BaseModel):
    """Unknown fields are refused; text must be clean UTF-8 with no control characters but line
    breaks and tabs (PostgreSQL refuses NUL; a terminal or a label printer obeys the rest)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _clean_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            for ch in value:
                category = unicodedata.category(ch)
                if category == "Cs":  # a lone surrogate
                    raise ValueError(tr("The text is not valid UTF-8."))
                if category == "Cc" and ch not in "\t\n\r":
                    raise ValueError(tr("The text holds control characters."))
        return value


def _count(low: int, high: int) -> Any:
    return Field(ge=low, le=high, strict=True)


class ClaimBody(Body):
    minutes: Annotated[int, _count(1, 60)] = 10


class EmptyBody(Body):
    pass


class StatusBody(Body):
    status: Annotated[str, Field(min_length=1, max_length=8)]
    reason: Annotated[Reason, Field(max_length=REASON_MAX + 200)] = ""  # trimmed, then checked


class ParcelBody(Body):
    """A parcel; `tracking_number` is kept in its one spelling (app.domain.parcels), and may be
    empty only for an untracked service (checked against the order)."""

    tracking_number: Annotated[TrackingNumber, Field(max_length=80)] = ""
    carrier: Annotated[Carrier, Field(max_length=CARRIER_MAX + 20)] = ""
    weight_g: Annotated[int, _count(0, WEIGHT_MAX_G)] | None = None


class ShipmentsBody(Body):
    parcels: Annotated[list[ParcelBody], Field(min_length=1, max_length=PARCELS_MAX)]


class ServiceLineBody(Body):
    code: Annotated[ServiceCode, Field(max_length=SERVICE_CODE_MAX + 20)]
    quantity: Annotated[int, _count(1, QUANTITY_MAX)]


class ServicesBody(Body):
    services: Annotated[list[ServiceLineBody], Field(min_length=1, max_length=SERVICES_MAX)]


def _share(low: float, high: float) -> Any:
    return Field(ge=low, le=high, strict=True, allow_inf_nan=False)


class MarketplaceBody(Body):
    confirm_after_s: Annotated[float, _share(0, 86_400)] | None = None
    refuse_share: Annotated[float, _share(0, 1)] | None = None


class AliasBody(Body):
    """A code taught as another name of a seller's SKU. The code's own rules (length, ASCII, not
    one of our own codes) are checked by the route, so the refusal says which rule in words."""

    seller: Annotated[str, Field(max_length=200)]
    sku: Annotated[str, Field(min_length=1, max_length=80)]
    code: str
