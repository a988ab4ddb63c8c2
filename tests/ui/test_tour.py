"""`prepdesk tour` drives the real workstation through a day offscreen and leaves a PNG of each
step, named after it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[2]


def test_the_tour_runs_a_day_and_saves_a_picture_of_each_step(tmp_path: Path) -> None:
    out = tmp_path / "tour"
    done = subprocess.run(
        [sys.executable, "-m", "prepdesk.cli", "tour", "--out", str(out), "--orders", "40"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = sorted(p.name for p in out.glob("*.png"))
    steps = [name.split("-", 1)[1] for name in names]
    for step in (
        "sign-in.png",
        "print-batch.png",
        "pick-wrong-item.png",
        "pick-short.png",
        "services.png",
        "figures.png",
    ):
        assert step in steps, names
    for path in out.glob("*.png"):
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1366, 768)
