"""What an operation changed, said once for every screen (after Anki's `OpChanges`).

Every operation of `app.operations` returns a `Changes`: the orders it wrote, and whether it
queued something for the server. The frame hands it to every screen through one signal
(`WorkstationEvents.changed`): a screen refreshes the orders it shows that are named, and the
sync controller starts a pass when the outbox grew. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    orders: frozenset[str] = frozenset()  # ids of the orders written
    outbox_grew: bool = False  # something waits to be sent to the server

    @classmethod
    def of(cls, order_ids: Iterable[str], *, outbox_grew: bool) -> Changes:
        return cls(frozenset(order_ids), outbox_grew)

    @classmethod
    def written(cls, order_ids: Iterable[str]) -> Changes:
        """Orders moved through the flows: each move queues its change for the server."""
        ids = frozenset(order_ids)
        return cls(ids, bool(ids))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.orders | other.orders, self.outbox_grew or other.outbox_grew)

    def __bool__(self) -> bool:
        return bool(self.orders) or self.outbox_grew


NOTHING = Changes()
