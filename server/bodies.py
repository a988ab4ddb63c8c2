"""The request bodies the server accepts: strict, so an unknown field or a wrong type is a 422."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Body(BaseModel):
    """Unknown fields are refused; text must be clean UTF-8 with no NUL (PostgreSQL refuses it)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _clean_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            if "\x00" in value:
                raise ValueError("text must not contain NUL characters")
            value.encode("utf-8")  # a lone surrogate raises UnicodeEncodeError, a ValueError
        return value


Text = Annotated[str, Field(max_length=2000)]
ShortText = Annotated[str, Field(max_length=120)]


class ClaimBody(Body):
    minutes: int = Field(10, ge=1, le=60)


class EmptyBody(Body):
    pass


class StatusBody(Body):
    status: Annotated[str, Field(min_length=1, max_length=8)]
    reason: Text = ""


class ParcelBody(Body):
    tracking_number: Annotated[str, Field(min_length=1, max_length=80)]
    carrier: Annotated[str, Field(max_length=60)] = ""
    weight_g: Annotated[int, Field(ge=0, le=1_000_000)] | None = None

    @field_validator("tracking_number")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("a tracking number is needed")
        return value


class ShipmentsBody(Body):
    parcels: Annotated[list[ParcelBody], Field(min_length=1, max_length=100)]


class ServiceLineBody(Body):
    code: Annotated[str, Field(min_length=1, max_length=40)]
    quantity: Annotated[int, Field(ge=1, le=100_000)]


class ServicesBody(Body):
    services: Annotated[list[ServiceLineBody], Field(min_length=1, max_length=100)]


class MarketplaceBody(Body):
    confirm_after_s: Annotated[float, Field(ge=0, le=86_400)] | None = None
    refuse_share: Annotated[float, Field(ge=0, le=1)] | None = None


class AliasBody(Body):
    """A code taught as another name of a seller's SKU. The code's own rules (length, ASCII, not
    one of our own codes) are checked by the route, so the refusal says which rule in words."""

    seller: Annotated[str, Field(max_length=200)]
    sku: Annotated[str, Field(min_length=1, max_length=80)]
    code: str
