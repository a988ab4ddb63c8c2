"""What scales say, line by line: stable or not, in grams, and refusals with a reason."""

from __future__ import annotations

import pytest

from devices.scale_protocols import (
    ScaleFault,
    WeightReading,
    parse_mt_sics,
    parse_nci_status,
    parse_weight_line,
)


@pytest.mark.parametrize(
    ("line", "grams", "stable"),
    [
        ("S S     0.256 kg", 256.0, True),
        ("S D     0.256 kg", 256.0, False),
        ("S S   1250.0 g", 1250.0, True),
        ("S S      2.50 lb", 1133.981, True),
    ],
)
def test_mt_sics_replies_become_grams(line: str, grams: float, stable: bool) -> None:
    reading = parse_mt_sics(line)
    assert isinstance(reading, WeightReading)
    assert reading.grams == pytest.approx(grams, abs=0.001) and reading.stable is stable


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("S I", "busy"),
        ("S +", "overloaded"),
        ("S -", "zero"),
        ("ES", "understand"),
        ("S S -0.120 kg", "Negative"),
    ],
)
def test_mt_sics_refusals_carry_a_reason(line: str, word: str) -> None:
    fault = parse_mt_sics(line)
    assert isinstance(fault, ScaleFault) and word in fault.reason


@pytest.mark.parametrize(
    ("line", "grams", "stable"),
    [
        ("ST,GS,+0000.256kg", 256.0, True),
        ("US,GS,+0000.256kg", 256.0, False),
        ("\x02  0.256kg\x03", 256.0, True),
        ("?  1.20 lb", 544.311, False),
        ("   12.5 oz", 354.369, True),
        ("0,750 kg", 750.0, True),
    ],
)
def test_plain_weight_lines_become_grams(line: str, grams: float, stable: bool) -> None:
    reading = parse_weight_line(line)
    assert isinstance(reading, WeightReading)
    assert reading.grams == pytest.approx(grams, abs=0.001) and reading.stable is stable


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("ST,GS,-0000.100kg", "Negative"),
        ("OL", "overloaded"),
        ("ST,GS,OL", "overloaded"),
        ("12.5", "unit"),
        ("12.5 stone", "unit"),
        ("\x00\xff\x13 0.5kg", "Unreadable"),
    ],
)
def test_garbage_and_negative_lines_are_refused_with_a_reason(line: str, word: str) -> None:
    fault = parse_weight_line(line)
    assert isinstance(fault, ScaleFault) and word in fault.reason


def test_a_status_line_without_digits_is_not_a_reading() -> None:
    assert parse_weight_line("  ") is None and parse_mt_sics('I4 A "0123456789"') is None


def test_a_scale_without_a_unit_in_its_lines_uses_the_configured_one() -> None:
    reading = parse_weight_line("  1.5", default_unit="kg")
    assert isinstance(reading, WeightReading) and reading.grams == 1500.0


@pytest.mark.parametrize(
    ("line", "motion", "over", "under"),
    [
        ("S00", False, False, False),
        ("S10", True, False, False),
        ("02", False, True, False),
        ("S01", False, False, True),
    ],
)
def test_nci_status_bytes_say_motion_and_capacity(line: str, motion: bool, over: bool, under: bool) -> None:
    status = parse_nci_status(line)
    assert status is not None and (status.motion, status.overload, status.underload) == (motion, over, under)


def test_a_weight_line_is_no_status_line() -> None:
    assert parse_nci_status("  0.256kg") is None and parse_nci_status("1.5") is None
