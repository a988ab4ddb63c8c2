"""Waiting for a reference server started as its own process (the README's commands) to answer."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import requests


def answering(process: subprocess.Popen[bytes], port_file: Path, timeout_s: float = 90) -> str:
    """The server's address once its health call answers (a safety net, not a measure: a
    loaded machine may take long); fails at once if the process stopped while starting."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped while starting"
        if port_file.exists() and port_file.read_text():
            url = f"http://127.0.0.1:{port_file.read_text()}"
            try:
                if requests.get(f"{url}/api/v1/health", timeout=10).status_code == 200:
                    return url
            except requests.RequestException:  # the workers are still starting
                pass
        time.sleep(0.1)
    raise TimeoutError("the server did not answer")
