"""A stop (Ctrl+C, SIGTERM) is obeyed in every window and dialog: the first-start dialog that
runs before the main loop, and any modal dialog open inside the window."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout

from ui import main as ui_main
from ui.stopping import STOPPING

ASKING = re.compile(r"asking for the order server")
PREPDESK = str(Path(sys.executable).parent / "prepdesk")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_a_stop_ends_the_first_start_dialog_and_the_program(tmp_path: Path, stop: signal.Signals) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [PREPDESK, "--data-dir", str(tmp_path / "table")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line)
            if ASKING.search(line):
                break
        assert any(ASKING.search(line) for line in lines), "".join(lines[-20:])
        process.send_signal(stop)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()
def test_a_stop_ends_a_modal_dialog_open_in_the_window(qtbot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    ui_main._catch_stop_signals()
    ui_main._quit_when_asked(app)
    question = QDialog()
    qtbot.addWidget(question)
    QVBoxLayout(question).addWidget(QLabel("Reprint the label?"))
    QTimer.singleShot(100, lambda: os.kill(os.getpid(), signal.SIGTERM))
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: question.done(12345))  # the stop was not obeyed
    guard.start(10000)
    try:
        answer = question.exec()
        assert answer != 12345, "the dialog stayed open after SIGTERM"
        assert answer == QDialog.DialogCode.Rejected
    finally:
        guard.stop()
        for number, handler in before.items():
            signal.signal(number, handler)
        watch = app.findChild(QTimer, "stop_watch")
        if watch is not None:
            watch.stop()
            watch.deleteLater()
        app.setProperty(STOPPING, False)
        ui_main._stop_asked.clear()
