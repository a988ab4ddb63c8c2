"""The README's first command, as a person runs it: `prepdesk --demo` starts the demo server,
the emulated printer and the workstation; Ctrl+C (SIGINT) or a service manager's SIGTERM closes
it cleanly, taking its server and its temporary folder with it. On a machine with no screen it
still runs (offscreen, and says so); without --demo it says in words that it needs a screen."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

OPENED = re.compile(r"Workstation (\S+) open")
STARTING = re.compile(r"demo: its data, labels and documents go to")


def _headless_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


PREPDESK = str(Path(sys.executable).parent / "prepdesk")  # the console script pip installed


def _prepdesk(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [PREPDESK, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def _wait_for(process: subprocess.Popen[str], pattern: re.Pattern[str], seconds: float) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + seconds
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if pattern.search(line):
            return lines
    raise AssertionError("".join(lines[-40:]) or "no output")


def _children(pid: int) -> list[int]:
    """The processes `pid` started (read from /proc, as pgrep would)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{pid}$", text, re.MULTILINE):
            found.append(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize(
    ("stop", "moment"),
    [(signal.SIGINT, OPENED), (signal.SIGTERM, OPENED), (signal.SIGTERM, STARTING)],
    ids=["ctrl-c once open", "sigterm once open", "sigterm while starting"],
)
def test_the_demo_runs_with_no_screen_and_closes_cleanly_on_a_signal(
    stop: signal.Signals, moment: re.Pattern[str]
) -> None:
    process = _prepdesk("--demo", env=_headless_env())
    try:
        lines = _wait_for(process, moment, 120)
        if moment is STARTING:
            process.send_signal(stop)  # before the demo server and the window are up
            # Obeyed from inside the first event loop: it stops, its window never opened (or
            # opened and closed, on a slower machine), and says so to the end of its output.
            assert process.stdout is not None
            lines += process.stdout.readlines()
        # Keep reading what it says, so a full pipe never holds it up.
        threading.Thread(target=lambda: lines.extend(process.stdout or ()), daemon=True).start()
        output = "".join(lines)
        assert "runs offscreen" in output
        folder = re.search(r"(/\S*prepdesk-demo-\w+)", output)
        children = _children(process.pid)
        if moment is OPENED:
            assert children, "the demo order server runs as a child process"
            process.send_signal(stop)
        assert process.wait(timeout=60) == 0, "".join(lines[-30:])
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in children), "the demo server was left running"
        assert folder is not None and not Path(folder.group(1)).exists(), "the demo's folder was left"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_without_a_screen_the_workstation_says_it_needs_one(tmp_path: Path) -> None:
    result = subprocess.run(
        [PREPDESK, "--data-dir", str(tmp_path)],
        env=_headless_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "No display" in result.stderr and "QT_QPA_PLATFORM=offscreen" in result.stderr
