"""Check-digit arithmetic for product codes and tracking numbers: pure functions, no lookups.

Every function takes the digits (or characters) without the check character and returns the
check character the publisher of the format prescribes, so a caller compares it with the last
character of the scan. Inputs are assumed already validated as the right alphabet.
"""

from __future__ import annotations

_ALNUM36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def gs1_mod10(body: str) -> str:
    """GS1 check digit (GTIN, SSCC, and every carrier that borrowed it): weights 3,1,3,… from the right."""
    total = 0
    weight = 3
    for ch in reversed(body):
        total += (ord(ch) - 48) * weight
        weight = 4 - weight
    return chr(48 + (-total) % 10)


def gs1_check_ok(code: str) -> bool:
    """True when the last digit of an all-digit `code` is its GS1 check digit."""
    return len(code) > 1 and code.isdigit() and gs1_mod10(code[:-1]) == code[-1]


def ups_mod10(body: str) -> str:
    """UPS (and OnTrac) check digit: letters count as (code point - 3) mod 10, every second
    character from the left doubled (no digit-sum, unlike Luhn)."""
    total = 0
    for i, ch in enumerate(body):
        value = ord(ch) - 48 if ch.isdigit() else (ord(ch) - 3) % 10
        total += value * 2 if i % 2 else value
    return chr(48 + (-total) % 10)


def fedex_mod11(body: str) -> str:
    """FedEx Express check digit: weights 1,3,7 repeating from the right, sum mod 11, 10 counts as 0."""
    total = 0
    weights = (1, 3, 7)
    for i, ch in enumerate(reversed(body)):
        total += (ord(ch) - 48) * weights[i % 3]
    return chr(48 + total % 11 % 10)


def dhl_mod7(body: str) -> str:
    """DHL Express air waybill: the number before the check digit, modulo 7."""
    return chr(48 + int(body) % 7)


_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check(serial8: str) -> str:
    """UPU S10 check digit over the 8 serial digits: weights 8 6 4 2 3 5 9 7, 11 minus the sum
    mod 11, where 10 becomes 0 and 11 becomes 5."""
    total = sum((ord(ch) - 48) * w for ch, w in zip(serial8, _S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 10:
        check = 0
    elif check == 11:
        check = 5
    return chr(48 + check)


def iso7064_mod37_36(body: str) -> str:
    """ISO/IEC 7064 hybrid MOD 37,36 over digits and capital letters (DPD parcel numbers)."""
    m = 36
    p = m
    for ch in body:
        s = (p + _ALNUM36.index(ch)) % m
        p = (2 * (s or m)) % (m + 1)
    return _ALNUM36[(m + 1 - p) % m]
