"""The task runner's lanes are the core's (app/lanes.py): each lane's thread knows its lane, so a
lane-bound entry point refuses a task sent to the wrong lane, on a worker as in the synchronous
mode of the tests; the failure reaches the task's failure path in words."""

from __future__ import annotations

from pathlib import Path

from app import lanes
from app.lanes import Lane, WrongLane
from app.store import Store
from ui.tasks import TaskRunner


def test_each_lanes_thread_knows_its_lane(qtbot) -> None:
    runner = TaskRunner()
    seen: dict[str, str | None] = {}
    for lane in (Lane.STORE, Lane.SYNC, f"{Lane.PRINTER}:documents"):
        runner.run(
            lanes.current, lane=lane, on_success=lambda got, lane=lane: seen.__setitem__(str(lane), got)
        )
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
    assert seen == {"store": "store", "sync": "sync", "printer:documents": "printer:documents"}
    assert lanes.current() is None  # the test's own thread: no lane, nothing checked
    runner.shutdown()


def test_a_store_write_sent_to_the_photos_lane_fails_loudly_in_both_modes(qtbot, tmp_path: Path) -> None:
    store = Store(tmp_path / "ws.sqlite3")
    try:

        def write() -> None:
            with store.transaction():
                pass

        for runner in (TaskRunner(synchronous=True), TaskRunner()):
            errors: list[BaseException] = []
            runner.run(write, lane=Lane.PHOTOS, on_failure=errors.append)
            qtbot.waitUntil(lambda errors=errors: bool(errors), timeout=5000)
            assert isinstance(errors[0], WrongLane) and "photos" in str(errors[0])
            done: list[object] = []
            runner.run(write, lane=Lane.STORE, on_success=done.append)
            qtbot.waitUntil(lambda done=done: bool(done), timeout=5000)
            runner.shutdown()
        assert lanes.current() is None  # the synchronous mode left the test's thread as it was
    finally:
        store.close()
