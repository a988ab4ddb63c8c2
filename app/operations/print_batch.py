"""Printing a batch, as one operation: plan, carrier labels, labels, pick list and slips.

`print_batch` runs on the shipping-label printer's lane (the lane that owns that printer) and
hands two steps to the lanes that own what they touch: the carrier labels to the server
client's lane, the pick list and slips to the documents printer's (`Lanes.call`). Each order's
outcome is told to `progress` as soon as its label is done (the screen turns its row green or
red while the batch goes on). An order becomes printed only when the printer confirmed its label
(`app.print_station`). No Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.operations.changes import Changes
from app.operations.lanes import INLINE, SERVER, Lanes, printer_lane
from app.print_station import DOCUMENTS, BatchReport, CarrierLabelSource, OrderOutcome, PrintStation


@dataclass(frozen=True, slots=True)
class BatchPrinted:
    report: BatchReport
    changes: Changes


def print_batch(
    station: PrintStation,
    order_ids: Sequence[str],
    *,
    copies: int = 1,
    reprint_reason: str = "",
    server: CarrierLabelSource | None = None,
    lanes: Lanes = INLINE,
    progress: Callable[[OrderOutcome], object] | None = None,
) -> BatchPrinted:
    """Print these orders' labels (oldest ship-by first; the unprintable ones refused with the
    reason), then the pick list and packing slips of those printed. Run it on the lane of the
    shipping-label printer."""
    plan = station.plan(order_ids, copies=copies, reprint_reason=reprint_reason)
    if server is not None and any(o.carrier_label for o in plan.orders):
        plan = lanes.call(SERVER, lambda: station.fetch_carrier_labels(plan, server))
    labelled = station.print_labels(plan, progress=progress)
    report = lanes.call(printer_lane(DOCUMENTS), lambda: station.print_documents(labelled))
    # A reprint voids the labels (6 -> 5.1) before printing: those orders changed even when
    # the printer then failed.
    touched = [o.id for o in plan.orders] if plan.reprint_reason else [o.order_id for o in report.printed]
    return BatchPrinted(report, Changes.written(touched))
