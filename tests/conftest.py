"""Shared test set-up: Qt offscreen, the shared reference data, and temporary data folders."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The screens follow the computer's language by default; the tests read English words.
os.environ["LANGUAGE"] = "en"

import pytest

from app.i18n import set_language

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _english_after_each_test() -> object:
    """A test that assembled a workstation in another language leaves none behind."""
    yield
    set_language("en")


@pytest.fixture
def shared_reference() -> Path:
    """`../shared/reference`, or skip where the shared folder is not beside the clone."""
    path = SHARED / "reference"
    if not path.is_dir():
        pytest.skip("../shared/reference is not beside this clone")
    return path
