"""Item labels at the pick station: one FNSKU (or SKU) label per unit, printed on the item-label
printer as the unit is scanned, and never twice for one unit (the job key is the unit's, and the
print queue never sends a confirmed job again).

Runs on the item-label printer's lane (`printer:item_label`): the print queue writes its jobs'
states to the store from there, as every print queue does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from app.domain import Line, Order
from app.i18n import tr
from app.print_station import JobVerdict, PrintDocument, PrintQueue
from app.stations.pick_view import ItemLabelJob

ITEM_LABEL_DOCUMENT = "item_label"


class ItemLabelDocuments(Protocol):
    """An item label rendered by `printing/` for the item-label printer's format."""

    def item_label(self, line: Line) -> PrintDocument: ...


class ItemLabelPrinter:
    def __init__(self, queue: PrintQueue, documents: ItemLabelDocuments) -> None:
        self.queue = queue
        self.documents = documents

    def print_due(self, order: Order, jobs: Sequence[ItemLabelJob]) -> JobVerdict:
        """Print the units' labels in turn; the first fault stops the rest with its reason (the
        next call prints what is still missing, and nothing twice)."""
        for job in jobs:
            line = order.lines[job.position]
            verdict = self.queue.print_job(
                job_key=job.job_key,
                order_id=job.order_id,
                document=ITEM_LABEL_DOCUMENT,
                payload=self.documents.item_label(line),
                copies=1,
            )
            if not verdict.confirmed:
                return JobVerdict(
                    False,
                    tr(
                        "The item label of {sku} did not print: {reason}", sku=line.sku, reason=verdict.reason
                    ),
                )
        return JobVerdict(True)
