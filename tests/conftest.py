"""Shared test set-up: Qt offscreen, the shared reference data, and temporary data folders."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_reference() -> Path:
    """`../shared/reference`, or skip where the shared folder is not beside the clone."""
    path = SHARED / "reference"
    if not path.is_dir():
        pytest.skip("../shared/reference is not beside this clone")
    return path
