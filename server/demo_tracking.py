"""Tracking numbers of the demo platform's parcels, made to each carrier's own rules.

A person trying the demo scans these (the parcels of shipped orders, the carrier labels the
platform bought), so each carries its carrier's check digit and is read by Prepdesk's own
rules (`app.scan`) as that carrier's number. Each demo service is one the scan rules know.
The server takes nothing from `app.scan` (the layers' rule), so the arithmetic is written here
again from the carriers' specifications; `tests/server/test_demo_tracking.py` holds the two
to each other.
"""

from __future__ import annotations

import random
import string

# The carrier a service's name starts with, as `app.scan` names it; an S10 post has its
# country code and the service indicators its items use (E… for EMS, C… and L… for parcels
# and tracked letters).
_S10_POSTS = {
    "Royal Mail": ("GB", ("RR", "LX", "CP")),
    "PostNL": ("NL", ("LA", "CC", "RN")),
    "Russian Post EMS": ("RU", ("EA", "EB", "EE")),
    "Russian Post": ("RU", ("RA", "RB", "CA")),
    "China Post EMS": ("CN", ("EA", "EB", "EE")),
    "China Post": ("CN", ("RA", "LT", "CP")),
}


def gs1_mod10(body: str) -> str:
    """GS1 check digit (USPS IMpb): weights 3, 1, 3, … from the right."""
    total = sum(int(ch) * (3 if i % 2 == 0 else 1) for i, ch in enumerate(reversed(body)))
    return str(-total % 10)


def ups_mod10(body: str) -> str:
    """UPS 1Z: letters count as (code point - 3) mod 10, every second character doubled."""
    values = [int(ch) if ch.isdigit() else (ord(ch) - 3) % 10 for ch in body]
    return str(-sum(v * 2 if i % 2 else v for i, v in enumerate(values)) % 10)


def fedex_mod11(body: str) -> str:
    """FedEx Express 12-digit: weights 1, 3, 7 from the right, mod 11, 10 as 0."""
    return str(sum(int(ch) * (1, 3, 7)[i % 3] for i, ch in enumerate(reversed(body))) % 11 % 10)


def dhl_mod7(body: str) -> str:
    """DHL Express waybill: the number modulo 7."""
    return str(int(body) % 7)


def s10_check(serial: str) -> str:
    """UPU S10: weights 8 6 4 2 3 5 9 7, 11 minus the sum mod 11 (10 is 0, 11 is 5)."""
    check = 11 - sum(int(ch) * w for ch, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True)) % 11
    return {10: "0", 11: "5"}.get(check, str(check))


_ALNUM36 = string.digits + string.ascii_uppercase


def iso7064_mod37_36(body: str) -> str:
    """DPD parcel number: ISO/IEC 7064 hybrid MOD 37,36."""
    p = 36
    for ch in body:
        s = (p + _ALNUM36.index(ch)) % 36
        p = (2 * (s or 36)) % 37
    return _ALNUM36[(37 - p) % 36]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


_CARRIERS = ("UPS", "USPS", "FedEx", "DPD", "DHL Express", *_S10_POSTS)


def knows_service(service: str) -> bool:
    """True when the demo makes tracking numbers for `service` (its name starts with a carrier's)."""
    return service.startswith(_CARRIERS)


def tracking_number(rng: random.Random, service: str) -> tuple[str, str]:
    """(tracking number, carrier) for a parcel sent with `service`, check digit included."""
    if service.startswith("UPS"):
        # 1Z, shipper account, service 03 (Ground), package number, UPS check digit.
        account = "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(6))
        body = account + "03" + _digits(rng, 7)
        return "1Z" + body + ups_mod10(body), "UPS"
    if service.startswith("USPS"):
        # IMpb: 9400 (Priority/Ground Advantage with tracking), serial, GS1 check digit.
        body = "9400" + _digits(rng, 17)
        return body + gs1_mod10(body), "USPS"
    if service.startswith("FedEx"):
        body = _digits(rng, 11)
        return body + fedex_mod11(body), "FedEx"
    if service.startswith("DPD"):
        # 14 digits and a check character; one that comes out a digit reads as FedEx Ground
        # too (15 digits), so the demo keeps to numbers whose check is a letter.
        while True:
            body = "0" + _digits(rng, 13)
            if (check := iso7064_mod37_36(body)).isalpha():
                return body + check, "DPD"
    if service.startswith("DHL Express"):
        body = str(rng.randint(10**8, 10**9 - 1))
        return body + dhl_mod7(body), "DHL Express"
    for name, (country, services) in _S10_POSTS.items():
        if service.startswith(name):
            serial = _digits(rng, 8)
            carrier = name.removesuffix(" EMS")
            return rng.choice(services) + serial + s10_check(serial) + country, carrier
    raise ValueError(f"the demo has no tracking numbers for {service!r}")  # a catalogue slip
