"""The one way the screens run work off the GUI thread (STYLE.md habit 3, after Anki's operations).

Threading rule of the house: store and flow work runs on ONE worker ("store" lane), so the
store has one owner; the server client and each printer get their own lanes. The lanes are
named in the core (`app.lanes.Lane`, re-exported here); each lane's thread registers as it
starts, and the entry points that belong to a lane assert it (`app.lanes.assert_on_lane`). Results come back
on the GUI thread through a Qt signal. A callback whose widget has been closed is skipped.
Failures without their own handler are reported in one place: `TaskRunner.failed`, which the
main window shows in its status bar. `TaskRunner(synchronous=True)` runs everything at once on
the calling thread, for tests.

Usage, from any page::

    self._ws.tasks.run(
        lambda: self._ws.store.counts_by_status(),
        on_success=self._show_counts,
        busy_text=tr("Counting orders…"),
        owner=self,
    )
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from app import lanes
from app.i18n import tr
from app.lanes import Lane

log = logging.getLogger(__name__)

T = TypeVar("T")

__all__ = ["Lane", "TaskFailure", "TaskRunner", "describe_error"]


class TaskFailure(Exception):
    """Wraps what a task raised, with the text shown to the operator."""


def describe_error(error: BaseException) -> str:
    """The operator's words for an error: the domain's own message where it has one."""
    message = getattr(error, "message", None)
    if isinstance(message, str) and message:
        return message
    text = str(error).strip()
    return text or tr("Something went wrong ({kind}).", kind=type(error).__name__)


class TaskRunner(QObject):
    """Runs callables on worker lanes and hands their results back on the GUI thread.

    Lives on the GUI thread. `run` may be called from the GUI thread only; `post_to_gui` from
    any thread.
    """

    failed = Signal(str)  # an error nobody handled, in the operator's words
    busy_changed = Signal(str)  # the text of the newest running task, "" when idle
    _deliver = Signal(object)  # internal: a callable to run on the GUI thread

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._lanes: dict[str, ThreadPoolExecutor] = {}
        self._lanes_lock = threading.Lock()
        self._busy: list[tuple[int, str]] = []
        self._next_id = 0
        self._pending: set[Future[Any]] = set()
        self._closed = False
        # Emitted from worker threads, received on this object's (the GUI) thread: Qt queues it.
        self._deliver.connect(self._on_deliver)

    # -- the API --------------------------------------------------------------------------------

    def run(
        self,
        fn: Callable[[], T],
        *,
        on_success: Callable[[T], object] | None = None,
        on_failure: Callable[[BaseException], object] | None = None,
        busy_text: str = "",
        lane: str = Lane.STORE,
        owner: QObject | None = None,
    ) -> Future[T]:
        """Run `fn()` on `lane`; then, on the GUI thread, `on_success(result)` or `on_failure(error)`.

        `owner`: the widget the callbacks belong to; if it is gone by then, they are skipped.
        An error with no `on_failure` goes to `failed` (shown by the main window).
        """
        task_id = self._begin(busy_text)
        if self.synchronous:
            future: Future[T] = Future()
            try:
                with lanes.running_on(str(lane)):  # as if on the lane's thread: its checks hold
                    future.set_result(fn())
            except Exception as error:  # handed to the failure path, as on a worker
                future.set_exception(error)
            self._finish(task_id, future, on_success, on_failure, owner)
            return future
        if self._closed:
            # The window is closing: late work (a refresh after the last sync) is dropped.
            log.debug("task dropped, the runner is shut down: %r", fn)
            future = Future()
            future.cancel()
            self._finish_quietly(task_id)
            return future
        future = self._executor(str(lane)).submit(fn)
        self._pending.add(future)

        def done(f: Future[T]) -> None:
            # Runs on the worker thread: hand over to the GUI thread.
            self._post(lambda: self._finish(task_id, f, on_success, on_failure, owner))

        future.add_done_callback(done)
        return future

    def call(self, lane: str, fn: Callable[[], T]) -> T:
        """Run `fn()` on `lane` and wait for its result: a step an operation hands to the lane
        that owns what it touches (`app.operations.lanes.Lanes`). From a worker only: the GUI
        thread never waits."""
        if self.synchronous:
            return fn()
        if threading.current_thread().name.startswith(f"prepdesk-{lane}_"):
            return fn()  # already on that lane: waiting on itself would never end
        assert threading.current_thread() is not threading.main_thread(), "the GUI thread never waits"
        if self._closed:
            raise TaskFailure(tr("The program is closing."))
        return self._executor(str(lane)).submit(fn).result()

    def post_to_gui(self, fn: Callable[[], object]) -> None:
        """Run `fn()` on the GUI thread soon. Safe from any thread (how worker code reports)."""
        if self.synchronous and threading.current_thread() is threading.main_thread():
            fn()
        else:
            self._post(fn)

    def is_busy(self) -> bool:
        return bool(self._busy)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until every submitted task has finished on its worker (tests, shutdown)."""
        for future in list(self._pending):
            try:
                future.exception(timeout=timeout)
            except TimeoutError:
                return False
        return True

    def shutdown(self, wait: bool = True) -> None:
        """Stop accepting work and let the lanes finish what they hold (window closing)."""
        self._closed = True
        with self._lanes_lock:
            lanes = list(self._lanes.values())
            self._lanes.clear()
        for executor in lanes:
            executor.shutdown(wait=wait, cancel_futures=not wait)

    # -- inside -----------------------------------------------------------------------------

    def _executor(self, lane: str) -> ThreadPoolExecutor:
        with self._lanes_lock:
            executor = self._lanes.get(lane)
            if executor is None:
                # Each lane's thread says which lane it is as it starts (app/lanes.py), so the
                # entry points that belong to one lane can tell a call from another.
                executor = ThreadPoolExecutor(
                    max_workers=1,
                    thread_name_prefix=f"prepdesk-{lane}",
                    initializer=lanes.enter,
                    initargs=(lane,),
                )
                self._lanes[lane] = executor
            return executor

    def _finish_quietly(self, task_id: int) -> None:
        self._busy = [(i, text) for i, text in self._busy if i != task_id]

    def _post(self, fn: Callable[[], object]) -> None:
        if not self._closed and shiboken6.isValid(self):
            self._deliver.emit(fn)

    @Slot(object)
    def _on_deliver(self, fn: Callable[[], object]) -> None:
        try:
            fn()
        except Exception as error:  # a callback's own bug must not kill the event loop
            log.exception("a task callback failed")
            self.failed.emit(describe_error(error))

    def _begin(self, busy_text: str) -> int:
        self._next_id += 1
        self._busy.append((self._next_id, busy_text))
        if busy_text:
            self.busy_changed.emit(busy_text)
        return self._next_id

    def _finish(
        self,
        task_id: int,
        future: Future[T],
        on_success: Callable[[T], object] | None,
        on_failure: Callable[[BaseException], object] | None,
        owner: QObject | None,
    ) -> None:
        self._pending.discard(future)
        self._busy = [(i, text) for i, text in self._busy if i != task_id]
        texts = [text for _, text in self._busy if text]
        self.busy_changed.emit(texts[-1] if texts else "")
        if owner is not None and not shiboken6.isValid(owner):
            return  # the page was closed while the work ran: nobody to tell
        error = future.exception()
        if error is None:
            if on_success is not None:
                on_success(future.result())
            return
        if on_failure is not None:
            on_failure(error)
            return
        log.error(
            "background task failed: %s",
            "".join(traceback.format_exception(type(error), error, error.__traceback__)),
        )
        self.failed.emit(describe_error(error))
