"""The warehouse's nouns: orders, lines, parcels, services, activity, statuses. No I/O, no Qt."""

from app.domain.alias import ProductAlias, alias_code_problem
from app.domain.codes import Command, badge_barcode, command_barcode, order_barcode, service_barcode
from app.domain.order import (
    Activity,
    Claim,
    Line,
    Order,
    PushState,
    Recipient,
    Service,
    ServiceAsked,
    ServiceOffer,
    Shipment,
    iso,
    parse_iso,
    utcnow,
)
from app.domain.parcels import (
    MAX_TRACKING,
    is_untracked,
    normal_tracking,
    why_not_shippable,
    why_tracking_missing,
)
from app.domain.status import (
    Actor,
    MoveNotAllowed,
    OrderStatus,
    check_move,
    is_allowed,
)
from app.domain.values import ValueRefused

__all__ = [
    "MAX_TRACKING",
    "Activity",
    "Actor",
    "Claim",
    "Command",
    "Line",
    "MoveNotAllowed",
    "Order",
    "OrderStatus",
    "ProductAlias",
    "PushState",
    "Recipient",
    "Service",
    "ServiceAsked",
    "ServiceOffer",
    "Shipment",
    "ValueRefused",
    "alias_code_problem",
    "badge_barcode",
    "check_move",
    "command_barcode",
    "is_allowed",
    "is_untracked",
    "iso",
    "normal_tracking",
    "order_barcode",
    "parse_iso",
    "service_barcode",
    "utcnow",
    "why_not_shippable",
    "why_tracking_missing",
]
