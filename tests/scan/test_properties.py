"""Whatever a scanner or a person sends, interpret() answers and never vouches for a code whose
check digit is wrong. The oracles here are written independently of app/scan."""

from __future__ import annotations

from biip.gtin import Gtin
from hypothesis import given, settings
from hypothesis import strategies as st

from app.scan import ScanContext, ScanKind, interpret


def _gtin_ok(code: str) -> bool:
    try:
        Gtin.parse(code)
    except Exception:
        return False
    return True


def _mod10_ok(code: str) -> bool:
    weights = [3, 1] * 20
    total = sum(int(d) * w for d, w in zip(reversed(code[:-1]), weights, strict=False))
    return (10 - total % 10) % 10 == int(code[-1])


def _ups_ok(n: str) -> bool:
    values = [int(ch) if ch.isdigit() else (ord(ch) - 63) % 10 for ch in n[2:17]]
    total = sum(v * (2 if i % 2 else 1) for i, v in enumerate(values))
    return (10 - total % 10) % 10 == int(n[17])


def _s10_ok(n: str) -> bool:
    total = sum(int(d) * w for d, w in zip(n[2:10], [8, 6, 4, 2, 3, 5, 9, 7], strict=True))
    check = {10: 0, 11: 5}.get(11 - total % 11, 11 - total % 11)
    return check == int(n[10])


def _fedex12_ok(n: str) -> bool:
    weights = [3, 1, 7] * 4
    return sum(int(d) * w for d, w in zip(n[:11], weights, strict=False)) % 11 % 10 == int(n[11])


ORACLES = {
    "ean13": _gtin_ok,
    "ean8": _gtin_ok,
    "upc_a": _gtin_ok,
    "gtin14": _gtin_ok,
    "ups_1z": _ups_ok,
    "s10": _s10_ok,
    "fedex_12": _fedex12_ok,
    "dhl_express": lambda n: int(n[:-1]) % 7 == int(n[-1]),
    "usps_impb": _mod10_ok,
    "usps_impb_routed": _mod10_ok,
    "fedex_ground": _mod10_ok,
    "fedex_ground_96": _mod10_ok,
    "fedex_sscc_18": _mod10_ok,
    "fedex_sscc_20": _mod10_ok,
    "usps_20": lambda n: _mod10_ok(n) or _mod10_ok("91" + n),
}


def _check_every_candidate(raw: str) -> None:
    for context in ScanContext:
        meaning = interpret(raw, context)
        assert isinstance(meaning.kind, ScanKind)
        assert (meaning.reason is not None) == (meaning.kind is ScanKind.UNKNOWN)
        for cand in meaning.candidates:
            oracle = ORACLES.get(cand.format)
            if oracle is not None:
                assert oracle(cand.value), (raw, cand)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_any_string_at_all_gets_an_answer_and_no_false_check_digit(raw: str) -> None:
    _check_every_candidate(raw)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789", min_size=8, max_size=34))
def test_digit_strings_never_pass_a_wrong_check_digit(raw: str) -> None:
    _check_every_candidate(raw)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["1Z999AA1012345678", "RB12345678", "401234567890", "4006381333931"[:12]]),
    st.integers(0, 9),
    st.sampled_from(["", "GB", "NL"]),
)
def test_every_wrong_check_digit_of_a_known_code_is_refused(body: str, digit: int, tail: str) -> None:
    scan = body + str(digit) + (tail if body.startswith("RB") else "")
    _check_every_candidate(scan)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=16, max_size=40), st.sampled_from(["\x1d", "<GS>", "^]", "|"]))
def test_gs1_looking_strings_with_separators_never_raise(digits: str, sep: str) -> None:
    _check_every_candidate("]C101" + digits[:14] + "10" + digits[14:20] + sep + "21" + digits[20:])
