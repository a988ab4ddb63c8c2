"""What the outbox carries: one typed command per change a table makes for the order server.

The flows make them (app/flows/orders.py), the store keeps them (app/store/outbox.py, their
one serialised form), replays them over the server's word (app/store/orders.py), a refusal's
notice names them (app/store/notices.py) and the sync sends them (app/sync.py through
`OrderServerClient.send`). They live in the domain, not in the flows, because the store, the
sync and the client read them too and none of those may import the flows (which import them).

A command's wire form (`path`, `body()`) is the server contract's (server/API.md); it is also
the form the outbox keeps, and the form the outbox kept before commands were typed, so rows
written by older versions read the same (`command_from_wire`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from app.domain.status import OrderStatus


class CommandKind(enum.StrEnum):
    """The outbox's `kind` column: which command a row holds."""

    STATUS = "status"
    SHIPMENTS = "shipments"
    SERVICES = "services"
    RETRY_PUSH = "retry_push"
    DISMISS_PUSH = "dismiss_push"
    ALIAS = "alias"
    CLAIM = "claim"
    RELEASE = "release"


@dataclass(frozen=True, slots=True)
class StatusMove:
    """Move the order to `status` (with the reason the move needs, where it needs one)."""

    order_id: str
    status: OrderStatus
    reason: str = ""
    kind: ClassVar[CommandKind] = CommandKind.STATUS

    @property
    def path(self) -> str:
        return f"orders/{self.order_id}/status"

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"status": self.status.value}
        if self.reason:
            body["reason"] = self.reason
        return body


@dataclass(frozen=True, slots=True)
class Parcel:
    """One parcel handed to the carrier, as the server is told of it."""

    tracking_number: str
    carrier: str = ""
    weight_g: int | None = None

    def body(self) -> dict[str, Any]:
        return {"tracking_number": self.tracking_number, "carrier": self.carrier, "weight_g": self.weight_g}


@dataclass(frozen=True, slots=True)
class ParcelsAdded:
    """The order's parcels with their tracking numbers (sent before the move to shipped)."""

    order_id: str
    parcels: tuple[Parcel, ...]
    kind: ClassVar[CommandKind] = CommandKind.SHIPMENTS

    @property
    def path(self) -> str:
        return f"orders/{self.order_id}/shipments"

    def body(self) -> dict[str, Any]:
        return {"parcels": [p.body() for p in self.parcels]}


@dataclass(frozen=True, slots=True)
class ServiceCount:
    """So many of a prep service (its code on the price list)."""

    code: str
    quantity: int


@dataclass(frozen=True, slots=True)
class ServicesDone:
    """Prep services done on the order; the server prices them from its list."""

    order_id: str
    services: tuple[ServiceCount, ...]
    kind: ClassVar[CommandKind] = CommandKind.SERVICES

    @property
    def path(self) -> str:
        return f"orders/{self.order_id}/services"

    def body(self) -> dict[str, Any]:
        return {"services": [{"code": x.code, "quantity": x.quantity} for x in self.services]}


@dataclass(frozen=True, slots=True)
class PushRetry:
    """Send a parcel's tracking number to the marketplace again, after it refused it."""

    order_id: str
    shipment_id: str
    kind: ClassVar[CommandKind] = CommandKind.RETRY_PUSH

    @property
    def path(self) -> str:
        return f"orders/{self.order_id}/shipments/{self.shipment_id}/retry"

    def body(self) -> dict[str, Any]:
        return {}


@dataclass(frozen=True, slots=True)
class PushDismissal:
    """Give up a parcel's push the marketplace refused (nothing is sent to it)."""

    order_id: str
    shipment_id: str
    kind: ClassVar[CommandKind] = CommandKind.DISMISS_PUSH

    @property
    def path(self) -> str:
        return f"orders/{self.order_id}/shipments/{self.shipment_id}/dismiss"

    def body(self) -> dict[str, Any]:
        return {}


@dataclass(frozen=True, slots=True)
class AliasTaught:
    """`code` taught as another name of the seller's `sku`, on the order it was taught on."""

    order_id: str
    seller: str
    sku: str
    code: str
    kind: ClassVar[CommandKind] = CommandKind.ALIAS

    @property
    def path(self) -> str:
        return "products/aliases"

    def body(self) -> dict[str, Any]:
        return {"seller": self.seller, "sku": self.sku, "code": self.code}


@dataclass(frozen=True, slots=True)
class ClaimTaken:
    """This table takes (or renews) the order for `minutes` (None: the server's lease)."""

    order_id: str
    minutes: int | None = None
    kind: ClassVar[CommandKind] = CommandKind.CLAIM

    @property
    def path(self) -> str:
        return f"orders/{self.order_id}/claim"

    def body(self) -> dict[str, Any]:
        return {"minutes": self.minutes} if self.minutes else {}


@dataclass(frozen=True, slots=True)
class ClaimGivenBack:
    """This table gives its claim on the order back."""

    order_id: str
    kind: ClassVar[CommandKind] = CommandKind.RELEASE

    @property
    def path(self) -> str:
        return f"orders/{self.order_id}/release"

    def body(self) -> dict[str, Any]:
        return {}


ServerCommand = (
    StatusMove
    | ParcelsAdded
    | ServicesDone
    | PushRetry
    | PushDismissal
    | AliasTaught
    | ClaimTaken
    | ClaimGivenBack
)


def command_from_wire(kind: str, order_id: str, path: str, body: Mapping[str, Any]) -> ServerCommand:
    """The command a stored row holds: its kind, order, wire path and wire body. Raises
    ValueError (or KeyError/TypeError) for a row no version of Prepdesk wrote."""
    match CommandKind(kind):
        case CommandKind.STATUS:
            return StatusMove(order_id, OrderStatus(str(body["status"])), str(body.get("reason") or ""))
        case CommandKind.SHIPMENTS:
            parcels = tuple(
                Parcel(
                    str(p.get("tracking_number") or ""),
                    str(p.get("carrier") or ""),
                    None if p.get("weight_g") is None else int(p["weight_g"]),
                )
                for p in body.get("parcels") or ()
            )
            return ParcelsAdded(order_id, parcels)
        case CommandKind.SERVICES:
            counted = tuple(
                ServiceCount(str(x["code"]), int(x.get("quantity") or 0)) for x in body.get("services") or ()
            )
            return ServicesDone(order_id, counted)
        case CommandKind.RETRY_PUSH:
            return PushRetry(order_id, _shipment_in(path))
        case CommandKind.DISMISS_PUSH:
            return PushDismissal(order_id, _shipment_in(path))
        case CommandKind.ALIAS:
            return AliasTaught(order_id, str(body["seller"]), str(body["sku"]), str(body["code"]))
        case CommandKind.CLAIM:
            minutes = body.get("minutes")
            return ClaimTaken(order_id, int(minutes) if minutes else None)
        case CommandKind.RELEASE:
            return ClaimGivenBack(order_id)


def _shipment_in(path: str) -> str:
    """The parcel a push decision is about: `orders/{order}/shipments/{parcel}/{verb}` (its body
    is empty on the wire, as in the outbox rows of every version)."""
    parts = path.split("/")
    if len(parts) != 5 or parts[0] != "orders" or parts[2] != "shipments":
        raise ValueError(f"not a push decision's path: {path!r}")
    return parts[3]


__all__ = [
    "AliasTaught",
    "ClaimGivenBack",
    "ClaimTaken",
    "CommandKind",
    "Parcel",
    "ParcelsAdded",
    "PushDismissal",
    "PushRetry",
    "ServerCommand",
    "ServiceCount",
    "ServicesDone",
    "StatusMove",
    "command_from_wire",
]
