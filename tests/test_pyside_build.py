"""Guard against a PySide6 build that leaks references to None (6.12.0 on Python 3.11).

Such a build aborts a workstation after hours of scanning with `none_dealloc`; this test fails
on it, whatever the pin in pyproject.toml says.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def test_installed_pyside_keeps_none_alive_over_many_void_calls() -> None:
    # A child process: a build that dropped references would abort the interpreter at exit.
    probe = textwrap.dedent(
        """
        import os, sys
        from PySide6.QtGui import QFont
        from PySide6.QtWidgets import QApplication, QTreeWidgetItem
        app = QApplication.instance() or QApplication([])
        item, font = QTreeWidgetItem(["a", "b"]), QFont()
        before = sys.getrefcount(None)
        for _ in range(1000):
            item.setFont(0, font)
        print(sys.getrefcount(None) - before)
        sys.stdout.flush()
        os._exit(0)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    drift = int(out.stdout.strip().splitlines()[-1])
    assert drift > -100, f"PySide6 drops a reference to None on every void call (drift {drift})"
