"""What a scan means, as typed values: the answer `interpret()` gives the screens and flows.

Everything here is frozen, so a meaning can be journalled, passed between threads and compared.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from app.domain.codes import Command


class ScanKind(enum.StrEnum):
    ORDER = "order"
    PRODUCT = "product"
    GS1 = "gs1"
    TRACKING = "tracking"
    BADGE = "badge"
    COMMAND = "command"
    SERVICE = "service"
    UNKNOWN = "unknown"


class ScanContext(enum.StrEnum):
    """Which screen is asking: it decides between formats that collide (a 12-digit number is a
    UPC-A on the pick screen and a FedEx tracking number on the ship screen)."""

    ANY = "any"
    ORDER_LOOKUP = "order_lookup"
    PICK = "pick"
    SHIP = "ship"
    SIGN_IN = "sign_in"


@dataclass(frozen=True, slots=True)
class Carrier:
    """A parcel carrier or national post, with the page a person opens to follow a parcel."""

    code: str
    name: str
    url_template: str | None = None  # "{number}" marks where the tracking number goes

    def tracking_url(self, number: str) -> str | None:
        return self.url_template.format(number=number) if self.url_template else None


@dataclass(frozen=True, slots=True)
class Symbology:
    """The AIM symbology identifier a scanner put in front of the data (`]C1`: GS1-128…)."""

    identifier: str
    name: str

    @property
    def is_gs1(self) -> bool:
        return self.identifier in {"]C1", "]d2", "]Q3", "]e0", "]J1"}


@dataclass(frozen=True, slots=True)
class GS1Data:
    """A GS1 element string broken into its application identifiers (AIs)."""

    elements: tuple[tuple[str, str], ...]  # (AI, value) in scan order
    gtin: str | None = None  # (01) or (02), 14 digits
    sscc: str | None = None  # (00), 18 digits
    batch: str | None = None  # (10)
    expiry: dt.date | None = None  # (17)
    serial: str | None = None  # (21)
    count: int | None = None  # (37)

    @property
    def hri(self) -> str:
        """Human-readable form, `(01)09506000134352(10)ABC`."""
        return "".join(f"({ai}){value}" for ai, value in self.elements)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a scan. `specificity` (0-100) says how unlikely the match is by chance."""

    kind: ScanKind
    value: str
    format: str
    specificity: int
    carrier: Carrier | None = None
    url: str | None = None
    gtin: str | None = None  # the 14-digit GTIN of a product code, to compare EAN with UPC
    gs1: GS1Data | None = None
    command: Command | None = None


@dataclass(frozen=True, slots=True)
class ScanMeaning:
    """The answer for one scan: the best candidate spread out for convenience, every candidate
    ranked for the given context, and for `unknown` the reason a person can read."""

    raw: str
    text: str  # the data after the symbology identifier and control characters are removed
    kind: ScanKind
    value: str
    format: str = ""
    symbology: Symbology | None = None
    carrier: Carrier | None = None
    url: str | None = None
    gtin: str | None = None
    gs1: GS1Data | None = None
    command: Command | None = None
    candidates: tuple[Candidate, ...] = field(default=())
    reason: str | None = None

    @property
    def known(self) -> bool:
        return self.kind is not ScanKind.UNKNOWN

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary (what `prepdesk scan-test` prints and the scan journal keeps)."""
        out: dict[str, object] = {"raw": self.raw, "kind": self.kind.value, "value": self.value}
        if self.format:
            out["format"] = self.format
        if self.symbology:
            out["symbology"] = self.symbology.identifier
        if self.carrier:
            out["carrier"] = self.carrier.name
            out["carrier_code"] = self.carrier.code
        if self.url:
            out["url"] = self.url
        if self.gtin:
            out["gtin"] = self.gtin
        if self.gs1:
            out["gs1"] = {ai: value for ai, value in self.gs1.elements}
        if self.reason:
            out["reason"] = self.reason
        if len(self.candidates) > 1:
            out["candidates"] = [f"{c.kind.value}:{c.format}" for c in self.candidates]
        return out
