"""`prepdesk scan-test`: the set-up tool prints one JSON object per scan, from standard input or
from a serial scanner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from devices.emulators import ScannerEmulator

REPO = Path(__file__).resolve().parents[2]


def _prepdesk(*args: str, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "prepdesk.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        check=True,
    )


def test_scans_typed_on_standard_input_print_one_json_line_each() -> None:
    result = _prepdesk("scan-test", stdin="PDO-1042\n1Z999AA10123456784\n\n4006381333932\n")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in records] == ["order", "tracking", "unknown"]
    assert records[0]["value"] == "1042"
    assert records[1]["carrier"] == "UPS" and records[1]["url"].startswith("https://")
    assert "check digit" in records[2]["reason"]
    assert all(r["raw"] for r in records)


def test_the_ship_context_reads_a_twelve_digit_number_as_fedex() -> None:
    result = _prepdesk("scan-test", "--context", "ship", stdin="341672110681\n")
    assert json.loads(result.stdout)["carrier"] == "FedEx"


def test_scans_from_a_serial_scanner(tmp_path: Path) -> None:
    port = tmp_path / "ttyUSB0"
    emulator = ScannerEmulator(port)
    try:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "prepdesk.cli",
                "scan-test",
                "--serial",
                str(port),
                "--baud",
                "19200",
                "--count",
                "2",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        assert proc.stderr is not None
        status = json.loads(proc.stderr.readline())  # the port is open: now scan
        assert status["connected"] is True
        emulator.scan("PDB-ANNA")
        emulator.scan("RB123456785GB")
        out, _ = proc.communicate(timeout=30)
        records = [json.loads(line) for line in out.splitlines()]
        assert [(r["kind"], r["value"]) for r in records] == [
            ("badge", "ANNA"),
            ("tracking", "RB123456785GB"),
        ]
        assert records[1]["carrier"] == "Royal Mail" and records[1]["source"] == f"serial:{port}"
    finally:
        emulator.close()


def test_the_emulated_scanner_command_feeds_scan_test_over_a_pty(tmp_path: Path) -> None:
    port = tmp_path / "ttyPD0"
    emulator = subprocess.Popen(
        [sys.executable, "-m", "prepdesk.cli", "device-emulator", "scanner", str(port)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert emulator.stdin is not None and emulator.stderr is not None
    try:
        assert json.loads(emulator.stderr.readline())["port"] == str(port)
        reader = subprocess.Popen(
            [sys.executable, "-m", "prepdesk.cli", "scan-test", "--serial", str(port), "--count", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        assert reader.stderr is not None
        assert json.loads(reader.stderr.readline())["connected"] is True
        emulator.stdin.write("PDO-5\n")
        emulator.stdin.flush()
        out, _ = reader.communicate(timeout=30)
        assert json.loads(out)["value"] == "5"
    finally:
        emulator.stdin.close()
        emulator.wait(timeout=30)
