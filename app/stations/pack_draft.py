"""What a pack table holds of an order before it ships: the parcels scanned so far, each with
its tracking number and weight, kept in the scan journal alone (station "pack") and rebuilt from
it, so a program killed mid-pack resumes with its parcels.

How a pack scan is journalled (`ScanRow`): `verdict` is the step it made (`PackEntry`) or
"refused: <words>"; `line_position` is the parcel's number (1, 2…); `units` a weight in grams.
A parcel's tracking number is what `interpret(raw, SHIP)` reads from the row's `raw`.
Pure reads on a session the caller owns (the store worker thread).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.i18n import tr
from app.scan import ScanContext, ScanKind, interpret
from app.store.models import ScanRow

STATION = "pack"
REFUSED = "refused: "
NO_TRACKING = "no_tracking"  # the meaning_kind of a parcel handed over before its number is known

# What a parcel may weigh (written down in the README's "Decisions"): under 10 g the scale is
# empty (or reads its own noise), not a parcel; 70 kg is the most any carrier we read takes per
# piece (DHL Express); carriers that take less are held to their own limit.
WEIGHT_MIN_G = 10
WEIGHT_MAX_G = 70_000
CARRIER_MAX_G = {
    "usps": 31_751,  # 70 lb
    "ups": 68_038,  # 150 lb
    "fedex": 68_038,  # 150 lb
    "dpd": 31_500,
    "royal_mail": 20_000,  # Tracked 24/48 parcels
}


class PackEntry(enum.StrEnum):
    """The steps a pack scan (or key) makes, as the journal's `verdict` keeps them."""

    OPEN = "open"  # an order taken to the table
    LABEL = "label"  # the label on the box checked: this order's
    PARCEL = "parcel"  # a parcel added (with its tracking number, or without one yet)
    TRACKING = "tracking"  # a parcel handed over without a number gets it
    WEIGHT = "weight"  # a parcel weighed (units = grams)
    UNDO = "undo"  # the last parcel taken back
    ASIDE = "aside"  # the order put aside; its parcels are kept for when it comes back
    SHIPPED = "shipped"  # shipped, in the same commit as the outbox entries
    CANCELLED = "cancelled"  # cancelled upstream mid-pack: the draft is gone


class PackStep(enum.StrEnum):
    """What the table waits for: the big prompt on the page."""

    ORDER = "order"
    LABEL = "label"
    TRACKING = "tracking"
    WEIGHT = "weight"
    SHIP = "ship"


# A draft ends for good with these; the table leaves its order with these and ASIDE.
ENDS_DRAFT = (PackEntry.SHIPPED, PackEntry.CANCELLED)
LEAVES_ORDER = (PackEntry.ASIDE, PackEntry.SHIPPED, PackEntry.CANCELLED)


@dataclass(frozen=True, slots=True)
class ParcelDraft:
    """One box of the order as packed so far. `tracking` is "" while the number is not known."""

    number: int
    tracking: str = ""
    carrier: str = ""  # the carrier's code ("ups"), from the number's format
    carrier_name: str = ""
    weight_g: int | None = None
    warning: str = ""  # a carrier other than the service bought: said, not refused


@dataclass(slots=True)
class PackDraft:
    """An order's parcels as the journal holds them; `label_checked`: the box's label was scanned."""

    order_id: str
    label_checked: bool = False
    parcels: list[ParcelDraft] = field(default_factory=list)

    def apply(self, entry: str, raw: str, kind: str, parcel: int | None, grams: int, service: str) -> None:
        """Lay one journalled step on the draft: the live session and the rebuild both call this,
        so a resumed draft is the one the screen showed."""
        if entry == PackEntry.LABEL:
            self.label_checked = True
        elif entry == PackEntry.PARCEL:
            number = parcel or len(self.parcels) + 1
            self.parcels.append(parcel_of(number, "" if kind == NO_TRACKING else raw, service))
            if kind != NO_TRACKING:
                self.label_checked = True  # a carrier label's own number was the box's label
        elif entry == PackEntry.TRACKING:
            self._replace(parcel, lambda p: replace(parcel_of(p.number, raw, service), weight_g=p.weight_g))
        elif entry == PackEntry.WEIGHT:
            self._replace(parcel, lambda p: replace(p, weight_g=grams))
        elif entry == PackEntry.UNDO:
            self.parcels = [p for p in self.parcels if p.number != parcel]

    def _replace(self, number: int | None, change: Callable[[ParcelDraft], ParcelDraft]) -> None:
        self.parcels = [change(p) if p.number == number else p for p in self.parcels]

    def first_without_tracking(self) -> ParcelDraft | None:
        return next((p for p in self.parcels if not p.tracking), None)


def step_of(draft: PackDraft | None) -> PackStep:
    """What the table waits for, with this draft on it (None: no order at the table)."""
    if draft is None:
        return PackStep.ORDER
    if not draft.label_checked:
        return PackStep.LABEL
    if draft.parcels and draft.parcels[-1].weight_g is None:
        return PackStep.WEIGHT
    if not draft.parcels or draft.first_without_tracking() is not None:
        return PackStep.TRACKING
    return PackStep.SHIP


def prompt_of(draft: PackDraft | None) -> str:
    """The big words on the pack page: what to do next."""
    step = step_of(draft)
    if step is PackStep.ORDER:
        return tr("Scan the order")
    if step is PackStep.LABEL:
        return tr("Scan the label on the box")
    assert draft is not None
    if step is PackStep.WEIGHT:
        return tr("Weigh parcel {n}", n=draft.parcels[-1].number)
    waiting = draft.first_without_tracking()
    if step is PackStep.TRACKING:
        if waiting is not None:
            return tr("Scan the tracking number of parcel {n}", n=waiting.number)
        return tr("Scan the tracking number")
    return tr("Ship")


def parcel_of(number: int, raw: str, service: str) -> ParcelDraft:
    """A parcel from its tracking scan ("" for one without a number yet)."""
    if not raw:
        return ParcelDraft(number, carrier_name=service)
    meaning = interpret(raw, ScanContext.SHIP)
    carrier = meaning.carrier
    if meaning.kind is not ScanKind.TRACKING or carrier is None:
        return ParcelDraft(number, meaning.value)
    return ParcelDraft(
        number,
        meaning.value,
        carrier.code,
        carrier.name,
        warning=carrier_warning(carrier.code, carrier.name, service),
    )


def carrier_warning(code: str, name: str, service: str) -> str:
    """Words when the number's carrier is not the one of the service the seller bought."""
    bought = service.casefold()
    if not bought or name.casefold() in bought or code.replace("_", " ") in bought:
        return ""
    return tr("{carrier} number, but the seller bought “{service}”.", carrier=name, service=service)


def weight_refusal(grams: int, carrier_code: str, carrier_name: str) -> str:
    """Why a weight is not a parcel's, or "" when a carrier takes it."""
    if grams < WEIGHT_MIN_G:
        return tr(
            "{grams} g is no parcel: is it on the scale? A parcel weighs at least {least} g.",
            grams=grams,
            least=WEIGHT_MIN_G,
        )
    most = CARRIER_MAX_G.get(carrier_code, WEIGHT_MAX_G)
    if grams > most:
        return tr(
            "{kg} kg is more than {carrier} takes in one parcel ({most} kg): split it into two boxes.",
            kg=f"{grams / 1000:g}",
            carrier=carrier_name or tr("a carrier"),
            most=f"{most / 1000:g}",
        )
    return ""


def rows_of(s: Session, order_id: str) -> list[ScanRow]:
    """The order's pack rows since its last draft ended (shipped or cancelled), oldest first."""
    ended = s.scalar(
        select(func.max(ScanRow.id)).where(
            ScanRow.station == STATION,
            ScanRow.order_id == order_id,
            ScanRow.verdict.in_([e.value for e in ENDS_DRAFT]),
        )
    )
    statement = select(ScanRow).where(
        ScanRow.station == STATION,
        ScanRow.order_id == order_id,
        ScanRow.id > (ended or 0),
        ScanRow.verdict.not_like(REFUSED + "%"),
    )
    return list(s.scalars(statement.order_by(ScanRow.id)))


def draft_of(s: Session, order_id: str, service: str) -> PackDraft:
    """The order's draft as the journal holds it."""
    draft = PackDraft(order_id)
    replay(draft, rows_of(s, order_id), service)
    return draft


def replay(draft: PackDraft, rows: Iterable[ScanRow], service: str) -> None:
    for row in rows:
        draft.apply(row.verdict, row.raw, row.meaning_kind, row.line_position, row.units, service)


def order_at_table(s: Session) -> str | None:
    """The order this table was packing when it stopped (None when it had left every order)."""
    steps = [PackEntry.OPEN.value, *(e.value for e in LEAVES_ORDER)]
    last = s.execute(
        select(ScanRow.verdict, ScanRow.order_id)
        .where(ScanRow.station == STATION, ScanRow.verdict.in_(steps))
        .order_by(ScanRow.id.desc())
        .limit(1)
    ).first()
    if last is None or last.verdict != PackEntry.OPEN:
        return None
    return str(last.order_id) if last.order_id else None


def orders_with_untracked_parcels(s: Session) -> list[str]:
    """Orders put aside with a parcel that still waits for its tracking number (candidates:
    the caller checks each one's draft and status)."""
    statement = (
        select(ScanRow.order_id)
        .where(
            ScanRow.station == STATION,
            ScanRow.meaning_kind == NO_TRACKING,
            ScanRow.verdict == PackEntry.PARCEL,
        )
        .distinct()
    )
    return [str(x) for x in s.scalars(statement) if x]


def order_holding_parcel(s: Session, tracking: str, besides: str) -> str | None:
    """Another order whose kept draft (put aside at this table) has a parcel of this number:
    its box is still here, and a label swapped between the two is the mistake to stop."""
    statement = (
        select(ScanRow.order_id)
        .where(
            ScanRow.station == STATION,
            ScanRow.order_id != besides,
            ScanRow.verdict.in_([PackEntry.PARCEL.value, PackEntry.TRACKING.value]),
            func.instr(func.upper(ScanRow.raw), tracking) > 0,  # the raw scan holds the number
        )
        .distinct()
    )
    for order_id in s.scalars(statement):
        if order_id and any(p.tracking == tracking for p in draft_of(s, order_id, "").parcels):
            return str(order_id)
    return None


def parcel_numbers(parcels: Sequence[ParcelDraft]) -> str:
    return ", ".join(p.tracking or tr("(number to come)") for p in parcels)
