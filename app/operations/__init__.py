"""The operations the screens start: each is one call that does the store, outbox, journal and
printing work of a use case and returns what changed (`Changes`). No Qt.

- `print_batch` (print_batch.py): a batch's labels, pick list and slips, on the printer's lane;
- `move_orders`, `mark_print_errors` (order_moves.py): status moves in bulk, one transaction;
- `take_scan` (scan.py): every scan's lookup and journal, and its verdict;
- `SyncPasses` (sync_pass.py): a sync pass and the news it brings.

The screens run them through `ui/operation.py`, which hands each result's `Changes` to every
screen on one signal (`WorkstationEvents.changed`); the sync controller starts a pass when the
outbox grew (after Anki's `aqt/operations`: `CollectionOp` and `OpChanges`).
"""

from app.operations.changes import NOTHING, Changes
from app.operations.lanes import INLINE, Lanes
from app.operations.order_moves import (
    BULK_MOVES,
    BulkMove,
    BulkOutcome,
    bulk_move,
    mark_print_errors,
    move_orders,
)
from app.operations.print_batch import BatchPrinted, print_batch
from app.operations.scan import ScanAct, ScanVerdict, take_scan

__all__ = [
    "BULK_MOVES",
    "INLINE",
    "NOTHING",
    "BatchPrinted",
    "BulkMove",
    "BulkOutcome",
    "Changes",
    "Lanes",
    "ScanAct",
    "ScanVerdict",
    "bulk_move",
    "mark_print_errors",
    "move_orders",
    "print_batch",
    "take_scan",
]
