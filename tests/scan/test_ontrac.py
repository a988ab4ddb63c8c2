"""OnTrac C and D numbers are checked as the public reference data checks them: the letter's digit
(C 4, D 5) is put before the serial only when the serial does not already start with it."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from app.scan import ScanContext, ScanKind, interpret


def _reference_check(serial: str, fmt: dict) -> str:  # type: ignore[type-arg]
    """The check digit as the suite's own description says: prepend, then mod 10 with its weights."""
    validation = fmt["validation"]
    prepend = validation["serial_number_format"]["prepend_if"]
    if re.match(prepend["matches_regex"], serial):
        serial = prepend["content"] + serial
    checksum = validation["checksum"]
    total = 0
    for i, ch in enumerate(serial):
        total += int(ch) * (checksum["odds_multiplier"] if i % 2 else checksum["evens_multiplier"])
    return str((10 - total % 10) % 10)


def _is_ontrac(number: str) -> bool:
    meaning = interpret(number, ScanContext.SHIP)
    return any(
        c.kind is ScanKind.TRACKING and c.carrier is not None and c.carrier.code == "ontrac"
        for c in meaning.candidates
    )


@pytest.mark.parametrize("letter_index", [0, 1])
def test_ontrac_numbers_agree_with_the_reference_whatever_the_serial_starts_with(
    shared_reference: Path, letter_index: int
) -> None:
    data = json.loads(
        (shared_reference / "tracking_number_data" / "couriers" / "ontrac.json").read_text(encoding="utf-8")
    )
    fmt = data["tracking_numbers"][letter_index]
    letter = "CD"[letter_index]
    own_digit = "45"[letter_index]
    draw = random.Random(f"ontrac-{letter}")
    disagreements = []
    for n in range(800):
        first = own_digit if n % 2 == 0 else str(draw.choice("0123456789"))
        serial = first + "".join(draw.choice("0123456789") for _ in range(12))
        right = _reference_check(serial, fmt)
        wrong = str((int(right) + draw.randint(1, 9)) % 10)
        if not _is_ontrac(f"{letter}{serial}{right}"):
            disagreements.append(("valid refused", letter + serial + right))
        if _is_ontrac(f"{letter}{serial}{wrong}"):
            disagreements.append(("invalid accepted", letter + serial + wrong))
    assert disagreements == []
