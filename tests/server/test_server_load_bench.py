"""The server load bench runs at a small size (in CI too): every table's calls answered, no error,
the plans and the import figures printed. It asserts no time: the figures are for people."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.server.conftest import POSTGRES_URL

BENCH = Path(__file__).resolve().parents[2] / "bench" / "server_load.py"


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("server_load", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["server_load"] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_the_load_bench_runs_small_without_errors(backend: str, capsys: pytest.CaptureFixture[str]) -> None:
    if backend == "postgres" and not POSTGRES_URL:
        pytest.skip("PREPDESK_TEST_POSTGRES_URL is not set")
    small = ["--quick", "--backend", backend, "--orders", "300", "--tables", "3", "--seconds", "2",
             "--import-lines", "200", "--pg-url", POSTGRES_URL]  # fmt: skip
    assert bench().main(small) == 0
    out = capsys.readouterr().out
    assert "goals: errors 0 -> 0;" in out
    assert "200-line file with 2 bad rows: refused" in out and "2 problems reported" in out
    assert "200-line file: 100 orders imported" in out
    assert "  plans:\n  listing (status 5.1 from the start, 201 rows):\n" in out
