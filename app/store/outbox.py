"""The outbox's rows and the typed commands they hold (app/domain/outbox.py): the one place a
command is written to the store and read back from it.

A row keeps the command in its wire form: `kind`, `path` (relative to /api/v1) and `body`
(JSON), beside its idempotency key, who made it and when. That is the form rows had before
commands were typed, so a store written by an older version is read as it stands (no
migration; tests/store/test_outbox_rows.py reads one the old code wrote).
Runs on whichever thread owns the session passed in.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from app.domain.outbox import ServerCommand, command_from_wire
from app.store.models import OutboxEntry


def queue_command(
    s: Session, command: ServerCommand, *, operator: str, workstation: str, at: datetime
) -> OutboxEntry:
    """Add `command` to the outbox in the caller's transaction, with a new idempotency key."""
    entry = OutboxEntry(
        idempotency_key=str(uuid.uuid4()),
        order_id=command.order_id,
        kind=command.kind.value,
        path=command.path,
        body=json.dumps(command.body(), ensure_ascii=False),
        operator=operator,
        workstation=workstation,
        created_at=at,
        attempts=0,
        last_error="",
    )
    s.add(entry)
    s.flush()
    return entry


def command_of(entry: OutboxEntry) -> ServerCommand:
    """The command an outbox row holds. Raises ValueError for a row no version of Prepdesk wrote
    (an unknown kind, a body that is not the kind's)."""
    try:
        body = json.loads(entry.body or "{}")
        if not isinstance(body, dict):
            raise TypeError(type(body).__name__)
        return command_from_wire(entry.kind, entry.order_id, entry.path, body)
    except (KeyError, TypeError, ValueError) as e:
        raise ValueError(f"outbox entry {entry.id} ({entry.kind}) cannot be read: {e!r}") from e


__all__ = ["command_of", "queue_command"]
