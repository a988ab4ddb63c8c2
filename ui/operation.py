"""How a screen starts an operation of `app.operations` (after Anki's `CollectionOp`): the call
runs on its lane, then, on the GUI thread, the result's `Changes` go to every screen on
`WorkstationEvents.changed` (the screens refresh the orders named; the sync controller starts a
pass when the outbox grew) and the screen that started it shows the result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QObject

from app.operations import Changes
from ui.context import WorkstationEvents
from ui.tasks import Lane, TaskRunner


class Changed(Protocol):
    @property
    def changes(self) -> Changes: ...


R = TypeVar("R", bound=Changed)


def run_operation(
    tasks: TaskRunner,
    events: WorkstationEvents,
    operation: Callable[[], R],
    *,
    on_success: Callable[[R], object],
    on_failure: Callable[[BaseException], object] | None = None,
    busy_text: str = "",
    lane: str = Lane.STORE,
    owner: QObject | None = None,
) -> None:
    """Run `operation()` on `lane`; tell every screen what changed, then `on_success(result)`."""

    def done(result: R) -> None:
        if result.changes:  # told also when the screen that started it has closed since
            events.changed.emit(result.changes)
        if owner is None or shiboken6.isValid(owner):
            on_success(result)

    def failed(error: BaseException) -> None:
        if on_failure is not None and (owner is None or shiboken6.isValid(owner)):
            on_failure(error)

    # No failure handler: the task runner's one place for failures nobody handles.
    tasks.run(
        operation,
        on_success=done,
        on_failure=failed if on_failure is not None else None,
        busy_text=busy_text,
        lane=lane,
    )
