"""The public tracking-number suite in ../shared/reference: every carrier Prepdesk claims must
recognise the suite's valid numbers as its own and refuse its invalid ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.scan import ScanContext, ScanKind, interpret

# courier file -> (carrier codes we answer with, formats of that file we claim, or None for all)
CLAIMED: dict[str, tuple[set[str] | None, set[str] | None]] = {
    "ups.json": ({"ups"}, None),
    "usps.json": ({"usps"}, None),
    "fedex.json": ({"fedex"}, None),
    "dhl.json": ({"dhl_express"}, {"DHL Express"}),
    "s10.json": (None, None),  # any national post, found by the country code
    "amazon.json": ({"amazon"}, {"Amazon Logistics"}),
    "ontrac.json": ({"ontrac"}, None),
    "dpd.json": ({"dpd"}, None),
}


def _cases(shared: Path, which: str) -> list[tuple[str, str, str]]:
    out = []
    for file, (_, formats) in CLAIMED.items():
        data = json.loads((shared / "tracking_number_data" / "couriers" / file).read_text(encoding="utf-8"))
        for fmt in data["tracking_numbers"]:
            if formats is None or fmt["name"] in formats:
                out += [(file, fmt["name"], number) for number in fmt["test_numbers"][which]]
    return out


def _carriers_found(number: str, file: str) -> set[str]:
    meaning = interpret(number, ScanContext.SHIP)
    codes = set()
    for cand in meaning.candidates:
        if cand.kind is ScanKind.TRACKING and cand.carrier is not None:
            codes.add("s10" if cand.format == "s10" and file == "s10.json" else cand.carrier.code)
    return codes


def _wanted(file: str) -> set[str]:
    return CLAIMED[file][0] or {"s10"}


def test_every_valid_number_of_a_claimed_carrier_is_recognised_as_that_carrier(
    shared_reference: Path,
) -> None:
    cases = _cases(shared_reference, "valid")
    assert len(cases) > 90
    missed = [(f, name, n) for f, name, n in cases if not _carriers_found(n, f) & _wanted(f)]
    assert missed == []


def test_on_the_ship_screen_the_claimed_carrier_comes_first(shared_reference: Path) -> None:
    wrong = []
    for file, name, number in _cases(shared_reference, "valid"):
        top = interpret(number, ScanContext.SHIP)
        code = "s10" if top.format == "s10" else (top.carrier.code if top.carrier else top.kind.value)
        if code not in _wanted(file):
            wrong.append((name, number, code))
    assert wrong == []


def test_no_invalid_number_is_taken_for_the_carrier_it_imitates(shared_reference: Path) -> None:
    cases = _cases(shared_reference, "invalid")
    assert len(cases) > 30
    false_matches = [(f, name, n) for f, name, n in cases if _carriers_found(n, f) & _wanted(f)]
    assert false_matches == []


@pytest.mark.parametrize("file", sorted(CLAIMED))
def test_each_claimed_courier_file_is_in_the_suite(shared_reference: Path, file: str) -> None:
    assert (shared_reference / "tracking_number_data" / "couriers" / file).is_file()
