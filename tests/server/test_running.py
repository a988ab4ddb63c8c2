"""Running the server for real: settings from a file, the environment and the command line;
several worker processes on PostgreSQL that keep nothing of their own, so a worker killed under
load loses no acknowledged write and the listing cursor still misses nothing; a log line per call."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

from server.settings import ServerSettings, SettingsRefused
from tests.server.conftest import POSTGRES_URL
from tests.server.started import answering

REPO = Path(__file__).resolve().parents[2]


def test_settings_come_from_the_file_then_the_environment_then_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "server.toml"
    config.write_text(
        '[server]\ndatabase = "postgresql+psycopg://p@db/prepdesk"\nbind = "0.0.0.0:9000"\n'
        'workers = 4\nlog_level = "warning"\ndemo = false\n',
        encoding="utf-8",
    )
    for name in ("DATABASE", "BIND", "WORKERS", "LOG_LEVEL", "DEMO", "CONFIG"):
        monkeypatch.delenv(f"PREPDESK_SERVER_{name}", raising=False)
    settings = ServerSettings.load(str(config))
    assert (settings.database, settings.host, settings.port, settings.workers, settings.log_level, settings.demo) == (
        "postgresql+psycopg://p@db/prepdesk", "0.0.0.0", 9000, 4, "warning", False,
    )  # fmt: skip
    monkeypatch.setenv("PREPDESK_SERVER_WORKERS", "2")
    monkeypatch.setenv("PREPDESK_SERVER_LOG_LEVEL", "INFO")
    assert (ServerSettings.load(str(config)).workers, ServerSettings.load(str(config)).log_level) == (
        2,
        "info",
    )
    assert ServerSettings.load(str(config), workers=3, port=0).workers == 3
    # A worker process reads what its parent wrote into the environment.
    for key, value in settings.environment().items():
        monkeypatch.setenv(key, value)
    assert ServerSettings.from_environment() == settings


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('[server]\nworkers = "many"\n', "workers is a whole number"),
        ('[server]\nbind = "localhost"\n', "bind is ADDRESS:PORT"),
        ('[server]\nlog_level = "loud"\n', "log_level is one of"),
        ("[server]\ncolour = 1\n", "unknown setting “colour”"),
        ("[server\n", "not a valid TOML file"),
        ('[server]\nworkers = 4\ndatabase = "sqlite:///x.db"\n', "Several workers need PostgreSQL"),
    ],
)
def test_a_wrong_setting_is_refused_with_what_is_wrong(tmp_path: Path, content: str, words: str) -> None:
    config = tmp_path / "server.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(SettingsRefused, match=words):
        ServerSettings.load(str(config))


@pytest.mark.postgres
@pytest.mark.slow
def test_a_worker_killed_under_load_loses_no_acknowledged_write(tmp_path: Path) -> None:
    if not POSTGRES_URL:
        pytest.skip("PREPDESK_TEST_POSTGRES_URL is not set")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = "t_" + uuid.uuid4().hex[:16]
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    db_url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    port_file, log_file = tmp_path / "port", tmp_path / "server.log"
    token, admin = "demo-" + uuid.uuid4().hex, "admin-" + uuid.uuid4().hex
    command = [
        sys.executable, "-m", "server", "--db", db_url.render_as_string(hide_password=False), "--port", "0",
        "--workers", "2", "--log-level", "info", "--demo-token", token, "--admin-token", admin,
        "--port-file", str(port_file), "--confirm-after", "0.2",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with log_file.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=REPO)
    try:
        url = answering(process, port_file)
        auth = {"Authorization": f"Bearer {admin}", "Idempotency-Key": ""}
        ids = []
        for n in range(60):
            auth["Idempotency-Key"] = str(uuid.uuid4())
            body = {"prep_center": "A", "number": f"K{n}", "lines": [{"sku": "S-1", "quantity": 1}]}
            ids.append(
                requests.post(f"{url}/api/v1/admin/orders", json=body, headers=auth, timeout=30).json()["id"]
            )
        acknowledged: list[str] = []
        stop = threading.Event()

        def table(name: str, mine: list[str]) -> None:
            session = requests.Session()
            session.headers.update({"Authorization": f"Bearer {token}", "X-Workstation": name})
            for order_id in mine:
                key = str(uuid.uuid4())
                for _attempt in range(40):  # a workstation retries with the same key until it hears
                    try:
                        answer = session.post(
                            f"{url}/api/v1/orders/{order_id}/status", json={"status": "6"},
                            headers={"Idempotency-Key": key}, timeout=10,
                        )  # fmt: skip
                    except requests.ConnectionError:
                        time.sleep(0.1)
                        continue
                    if answer.status_code == 200:
                        acknowledged.append(order_id)
                    break
                time.sleep(0.01)

        threads = [threading.Thread(target=table, args=(f"table-{t}", ids[t::4])) for t in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(0.2)
        victim = requests.get(f"{url}/api/v1/health", timeout=10).json()["worker"]
        os.kill(victim, signal.SIGKILL)  # a worker dies mid-work, as in an out-of-memory kill
        for thread in threads:
            thread.join(timeout=120)
        stop.set()
        assert sorted(acknowledged) == sorted(ids)  # the other worker (and the restarted one) answered
        listed: dict[str, str] = {}
        cursor = "0"
        session = requests.Session()
        session.headers.update({"Authorization": f"Bearer {token}", "X-Workstation": "check"})
        while True:
            page = session.get(
                f"{url}/api/v1/orders", params={"cursor": cursor, "limit": 7}, timeout=30
            ).json()
            listed.update({o["id"]: o["status"] for o in page["orders"]})
            cursor = page["cursor"]
            if not page["has_more"]:
                break
        assert {i: listed[i] for i in ids} == dict.fromkeys(ids, "6")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()
    lines = log_file.read_text(errors="replace").splitlines()
    calls = [ln for ln in lines if "prepdesk.server.access" in ln and "POST /api/v1/orders/" in ln]
    assert calls and all(ln.rstrip().endswith(" ms") for ln in calls)
    assert any(" table-1 POST /api/v1/orders/" in ln and " 200 " in ln for ln in calls)
