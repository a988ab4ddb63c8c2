"""The scan journal: every scan is written down before the screen says it was accepted.

Runs on the store worker thread; `journal_scan` returns only after the commit (synchronous=FULL),
so a scan the operator saw accepted survives a crash or a power cut.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from app.domain import utcnow
from app.store import Store
from app.store.models import ScanRow


class ScanJournal:
    def __init__(
        self, store: Store, operator: str, workstation: str, *, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self.store = store
        self.operator = operator  # changes when another operator signs in
        self.workstation = workstation
        self.clock = clock

    def journal_scan(self, raw: str, meaning_kind: str, order_id: str | None, verdict: str) -> int:
        """Commit one scan (what was read, what it meant, for which order, accepted or why not);
        returns its journal number."""
        with self.store.transaction() as s:
            row = ScanRow(
                at=self.clock(),
                raw=raw,
                meaning_kind=meaning_kind,
                order_id=order_id,
                verdict=verdict,
                operator=self.operator,
                workstation=self.workstation,
            )
            s.add(row)
            s.flush()
            return int(row.id)

    def journal_in(
        self,
        s: Session,
        raw: str,
        meaning_kind: str,
        order_id: str | None,
        verdict: str,
        *,
        station: str = "",
        line_position: int | None = None,
        units: int = 0,
    ) -> int:
        """Write one scan in the caller's transaction, so it commits together with its effect
        (a station's progress, an order shipped); returns its journal number once flushed."""
        row = ScanRow(
            at=self.clock(),
            raw=raw,
            meaning_kind=meaning_kind,
            order_id=order_id,
            verdict=verdict,
            operator=self.operator,
            workstation=self.workstation,
            station=station,
            line_position=line_position,
            units=units,
        )
        s.add(row)
        s.flush()
        return int(row.id)
