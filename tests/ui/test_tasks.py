"""The frame's background-work rule: store work on one thread, results back on the GUI thread."""

from __future__ import annotations

import threading
from functools import partial

from PySide6.QtWidgets import QLabel

from ui.tasks import Lane, TaskRunner


def test_store_work_runs_on_one_worker_in_order_and_answers_on_the_gui_thread(qtbot) -> None:
    runner = TaskRunner()
    gui = threading.get_ident()
    ran_on: list[int] = []
    answered_on: list[int] = []
    results: list[int] = []

    def work(i: int) -> int:
        ran_on.append(threading.get_ident())
        return i

    def done(i: int) -> None:
        answered_on.append(threading.get_ident())
        results.append(i)

    for i in range(20):
        runner.run(partial(work, i), on_success=done)
    qtbot.waitUntil(lambda: len(results) == 20, timeout=5000)
    assert results == list(range(20))
    assert len(set(ran_on)) == 1 and gui not in ran_on
    assert set(answered_on) == {gui}
    runner.shutdown()


def test_a_failure_nobody_handles_is_reported_in_one_place_in_plain_words(qtbot) -> None:
    runner = TaskRunner()

    def broken() -> None:
        raise ValueError("The printer for shipping labels is out of paper.")

    with qtbot.waitSignal(runner.failed, timeout=5000) as signal:
        runner.run(broken, lane=Lane.PRINTER)
    assert signal.args == ["The printer for shipping labels is out of paper."]
    runner.shutdown()


def test_a_failure_with_its_own_handler_goes_to_that_handler_only(qtbot) -> None:
    runner = TaskRunner()
    seen: list[BaseException] = []
    reported: list[str] = []
    runner.failed.connect(reported.append)

    def broken() -> None:
        raise RuntimeError("server gone")

    runner.run(broken, on_failure=seen.append, lane=Lane.NETWORK)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert str(seen[0]) == "server gone" and reported == []
    runner.shutdown()


def test_a_page_closed_while_its_work_ran_is_not_called_back(qtbot) -> None:
    runner = TaskRunner()
    page = QLabel()
    gate = threading.Event()
    called: list[object] = []
    future = runner.run(gate.wait, on_success=called.append, owner=page)
    page.deleteLater()
    qtbot.wait(50)
    gate.set()
    future.result(timeout=5)
    qtbot.wait(100)
    assert called == [] and not runner.is_busy()
    runner.shutdown()


def test_the_busy_text_shows_while_work_runs_and_clears_after(qtbot) -> None:
    runner = TaskRunner()
    texts: list[str] = []
    runner.busy_changed.connect(texts.append)
    gate = threading.Event()
    runner.run(gate.wait, busy_text="Syncing orders…")
    assert runner.is_busy() and texts == ["Syncing orders…"]
    gate.set()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=5000)
    assert texts[-1] == ""
    runner.shutdown()


def test_synchronous_mode_runs_at_once_for_tests(qtbot) -> None:
    runner = TaskRunner(synchronous=True)
    results: list[int] = []
    runner.run(lambda: 6 * 7, on_success=results.append)
    assert results == [42]
