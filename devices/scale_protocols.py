"""What a scale says, line by line: Mettler Toledo MT-SICS, and the plain ASCII weight lines of
continuous-output and "W"-request scales. Pure parsing; every unit becomes grams.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from app.i18n import tr


class ScaleProtocol(enum.StrEnum):
    CONTINUOUS = "continuous"  # the scale sends a line on its own, several times a second
    MT_SICS = "mt-sics"  # Mettler Toledo: "SI" or "S" asks, "S S     0.256 kg" answers
    W_REQUEST = "w"  # "W" asks (NCI/Avery, CAS, Brecknell and many indicators), a weight line answers


@dataclass(frozen=True, slots=True)
class WeightReading:
    grams: float
    stable: bool
    unit: str  # as the scale sent it
    raw: str


@dataclass(frozen=True, slots=True)
class ScaleFault:
    reason: str
    raw: str


UNIT_GRAMS = {
    "kg": 1000.0,
    "g": 1.0,
    "mg": 0.001,
    "lb": 453.59237,
    "lbs": 453.59237,
    "oz": 28.349523125,
}
_WEIGHT = re.compile(r"([+-])?\s*(\d+(?:[.,]\d+)?|[.,]\d+)\s*(kg|mg|g|lbs|lb|oz)?(?![a-z])", re.IGNORECASE)
_MOTION_MARKS = {"US", "MO", "M", "D", "?", "MOTION"}
_OVERLOAD_MARKS = {"OL", "OVER", "OVERLOAD", "+OL", "-OL", "^^^^^^"}


def _garbled(line: str) -> ScaleFault | None:
    # Bytes no scale protocol sends: noise on the line, or the wrong baud rate.
    if any(not ch.isprintable() and ch not in "\x02\x03\t" for ch in line) or not line.isascii():
        return ScaleFault(tr("Unreadable scale line (wrong baud rate?)"), line)
    return None


def parse_mt_sics(line: str) -> WeightReading | ScaleFault | None:
    """A reply to `S`/`SI`/`SIR`. None for a line that is no weight reply (an echo, `I4` info)."""
    if garbled := _garbled(line):
        return garbled
    tokens = line.split()
    if not tokens:
        return None
    head = tokens[0]
    if head in ("ES", "ET", "EL"):
        return ScaleFault(tr("The scale did not understand the request ({code})", code=head), line)
    if head != "S" or len(tokens) < 2:
        return None
    status = tokens[1]
    if status == "I":
        return ScaleFault(tr("The scale is busy"), line)
    if status == "+":
        return ScaleFault(tr("The scale is overloaded"), line)
    if status == "-":
        return ScaleFault(tr("The scale reads below zero; zero it"), line)
    if status not in ("S", "D") or len(tokens) < 4:
        return ScaleFault(tr("Unreadable scale reply"), line)
    return _reading(tokens[2], tokens[3], stable=status == "S", raw=line)


@dataclass(frozen=True, slots=True)
class ScaleStatus:
    """The status bytes a "W" scale in the NCI tradition sends after the weight line."""

    motion: bool
    overload: bool
    underload: bool
    raw: str


_STATUS_CHARS = frozenset(chr(c) for c in range(0x30, 0x50))  # "0"-"?" and "@"-"O"


def parse_nci_status(line: str) -> ScaleStatus | None:
    """`00`, `S00`, `S100`…: two or three status bytes, bit 0 of the first meaning the scale is
    in motion, bits 0 and 1 of the second under and over capacity. None for any other line."""
    body = line.strip(" \x02\x03\n\r")
    if body[:1] == "S":
        body = body[1:]
    if not 2 <= len(body) <= 3 or not _STATUS_CHARS.issuperset(body) or "." in body:
        return None
    first, second = ord(body[0]), ord(body[1])
    return ScaleStatus(bool(first & 1), bool(second & 2), bool(second & 1), line)


def parse_weight_line(line: str, default_unit: str | None = None) -> WeightReading | ScaleFault | None:
    """A weight line of a continuous or "W" scale: `ST,GS,+0000.256kg`, `  0.256 kg`, `?  1.20 lb`.
    None for a line without any digit (status and prompt lines)."""
    if garbled := _garbled(line):
        return garbled
    clean = "".join(ch for ch in line if ch.isprintable()).strip()
    if not any(ch.isdigit() for ch in clean):
        upper = clean.upper()
        if any(mark in upper.replace(",", " ").split() for mark in _OVERLOAD_MARKS):
            return ScaleFault(tr("The scale is overloaded"), line)
        return None
    marks = {
        tok for tok in re.split(r"[\s,;:]+", clean.upper()) if tok and not any(ch.isdigit() for ch in tok)
    }
    if marks & _OVERLOAD_MARKS:
        return ScaleFault(tr("The scale is overloaded"), line)
    match = _WEIGHT.search(clean)
    if match is None:
        return ScaleFault(tr("Unreadable scale line"), line)
    sign, number, unit = match.groups()
    unit = unit or default_unit
    if unit is None:
        return ScaleFault(tr("The scale sent no unit"), line)
    stable = not (marks & _MOTION_MARKS) and "?" not in clean
    return _reading((sign or "") + number, unit, stable=stable, raw=line)


def _reading(number: str, unit: str, *, stable: bool, raw: str) -> WeightReading | ScaleFault:
    factor = UNIT_GRAMS.get(unit.lower())
    if factor is None:
        return ScaleFault(tr("Unknown weight unit {unit}", unit=unit), raw)
    try:
        value = float(number.replace(",", "."))
    except ValueError:
        return ScaleFault(tr("Unreadable weight {value}", value=number), raw)
    if value != value or value in (float("inf"), float("-inf")):
        return ScaleFault(tr("Unreadable weight {value}", value=number), raw)
    if value < 0:
        return ScaleFault(
            tr("Negative weight {value} {unit}: zero or tare the scale", value=number, unit=unit), raw
        )
    return WeightReading(round(value * factor, 3), stable, unit, raw)
