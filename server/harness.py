"""Start the reference order server for tests, benchmarks and demo mode: in a thread of this
process (fast) or as a child process `python -m server` (for crash tests and the demo).

`stop()` then `start()` brings the server back on the same port with the same database.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

REPO = Path(__file__).resolve().parent.parent


class _Runner(Protocol):
    def start(self) -> None: ...
    def stop(self) -> None: ...
    def kill(self) -> None: ...


@dataclass
class RunningServer:
    url: str  # "http://127.0.0.1:PORT"
    token: str  # prep center A, operator "ann" (the demo token)
    other_token: str  # prep center B (for scoping tests)
    admin_token: str
    db_url: str
    _runner: _Runner = field(repr=False, compare=False)

    def stop(self) -> None:
        """The server is gone: connections are refused until start()."""
        self._runner.stop()

    def start(self) -> None:
        """Again, on the same port, with the same database."""
        self._runner.start()

    def kill(self) -> None:
        """Child process: SIGKILL, as in a power cut (start() brings it back). In-process: stop()."""
        self._runner.kill()

    def admin(self, path: str, body: dict[str, Any]) -> Any:
        """POST an admin call (path under /api/v1/admin) and return its JSON answer; raise on 4xx/5xx."""
        request = urllib.request.Request(
            f"{self.url}/api/v1/admin/{path.lstrip('/')}",
            data=json.dumps(body).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {self.admin_token}",
                "Content-Type": "application/json",
                "Idempotency-Key": str(uuid.uuid4()),
            },
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def start_server(
    db_url: str | None = None,
    demo_orders: int = 0,
    seed: int = 1,
    port: int = 0,
    marketplace_confirm_after_s: float = 0.5,
    marketplace_refuse_share: float = 0.0,
    in_process: bool = True,
) -> RunningServer:
    """A running server on 127.0.0.1; `db_url=None` = a fresh SQLite file in a temp folder."""
    if db_url is None:
        folder = Path(tempfile.mkdtemp(prefix="prepdesk-server-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)  # the fresh database goes with us
        db_url = f"sqlite:///{folder / 'server.sqlite3'}"
    tokens = {
        "demo_token": "demo-" + secrets.token_urlsafe(12),
        "other_token": "other-" + secrets.token_urlsafe(12),
        "admin_token": "admin-" + secrets.token_urlsafe(12),
    }
    settings: dict[str, Any] = {
        "demo_orders": demo_orders,
        "seed": seed,
        "marketplace_confirm_after_s": marketplace_confirm_after_s,
        "marketplace_refuse_share": marketplace_refuse_share,
        **tokens,
    }
    runner: _ThreadRunner | _ProcessRunner
    runner = _ThreadRunner(db_url, port, settings) if in_process else _ProcessRunner(db_url, port, settings)
    runner.start()
    return RunningServer(
        url=f"http://127.0.0.1:{runner.port}",
        token=tokens["demo_token"],
        other_token=tokens["other_token"],
        admin_token=tokens["admin_token"],
        db_url=db_url,
        _runner=runner,
    )


def _listening_socket(port: int) -> socket.socket:
    # Answers go out as headers then body; without TCP_NODELAY, Nagle holds the body back until
    # the client's delayed ACK (~40 ms a call). asyncio sets it on accepted connections only when
    # the listener says IPPROTO_TCP; setting it on the listener too (inherited on Linux) is cheap.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    # A restart must get the same port back although the last connections are in TIME_WAIT.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _wait_until_answering(url: str, alive: Any, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError("the order server stopped while starting")
        try:
            with urllib.request.urlopen(url + "/api/v1/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"the order server at {url} did not answer within {timeout:.0f} s")


class _ThreadRunner:
    """uvicorn in a background thread of this process."""

    def __init__(self, db_url: str, port: int, settings: dict[str, Any]) -> None:
        self.db_url = db_url
        self.port = port
        self.settings = settings
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None

    def start(self) -> None:
        import uvicorn

        from server.app import create_app

        if self._thread is not None:
            return
        app = create_app(self.db_url, **self.settings)
        self.settings["demo_orders"] = 0  # a restart keeps the data it has
        self._sock = _listening_socket(self.port)
        self.port = self._sock.getsockname()[1]
        config = uvicorn.Config(
            app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=2
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, name="order-server", daemon=True
        )
        self._thread.start()
        thread = self._thread
        _wait_until_answering(f"http://127.0.0.1:{self.port}", thread.is_alive)

    def stop(self) -> None:
        if self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout=15)
        if self._sock is not None:
            self._sock.close()
        self._server.config.app.state.db.dispose()
        self._thread = None
        self._server = None
        self._sock = None

    def kill(self) -> None:
        self.stop()  # a thread cannot be killed; crash tests use the child process


class _ProcessRunner:
    """`python -m server` as a child process."""

    def __init__(self, db_url: str, port: int, settings: dict[str, Any]) -> None:
        self.db_url = db_url
        self.port = port  # 0 until the first start: the child binds a free port and tells us which
        self.settings = settings
        self.log_path = Path(tempfile.mkstemp(prefix="prepdesk-server-", suffix=".log")[1])
        atexit.register(self.log_path.unlink, missing_ok=True)
        self.port_path = self.log_path.with_suffix(".port")
        atexit.register(self.port_path.unlink, missing_ok=True)
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        s = self.settings
        command = [
            sys.executable, "-m", "server",
            "--db", self.db_url, "--host", "127.0.0.1", "--port", str(self.port),
            "--demo-data", str(s["demo_orders"]), "--seed", str(s["seed"]),
            "--demo-token", s["demo_token"], "--other-token", s["other_token"],
            "--admin-token", s["admin_token"],
            "--confirm-after", str(s["marketplace_confirm_after_s"]),
            "--refuse-share", str(s["marketplace_refuse_share"]),
            "--port-file", str(self.port_path),
        ]  # fmt: skip
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        }
        self.port_path.unlink(missing_ok=True)
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=REPO)
        self.settings["demo_orders"] = 0
        process = self._process
        try:
            if not self.port:
                self.port = _bound_port(self.port_path, lambda: process.poll() is None)
            _wait_until_answering(f"http://127.0.0.1:{self.port}", lambda: process.poll() is None)
        except (RuntimeError, TimeoutError) as failure:
            self.stop()
            tail = self.log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{failure}; its log ends:\n{tail}") from None

    def stop(self) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def kill(self) -> None:
        """SIGKILL: the server dies mid-work, as in a power cut."""
        if self._process is not None:
            with contextlib.suppress(ProcessLookupError):
                self._process.kill()
            self._process.wait()
            self._process = None


def _bound_port(port_path: Path, alive: Any, timeout: float = 60.0) -> int:
    """The port a child server bound, read from the file it writes once it listens."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, ValueError):
            return int(port_path.read_text(encoding="ascii"))
        if not alive():
            raise RuntimeError("the order server stopped while starting")
        time.sleep(0.05)
    raise TimeoutError(f"the order server did not say its port within {timeout:.0f} s")
