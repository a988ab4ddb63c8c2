"""Tracking numbers: which carrier issued a number, checked by that carrier's own check digit.

Rules are written from the carriers' published label specifications (UPS 1Z, USPS Pub. 199 IMpb,
FedEx Ground/Express barcodes, DHL Express waybills, UPU S10, DPD parcel labels, OnTrac,
Amazon Logistics). Input is the scan with spaces removed and letters in capitals.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import tr
from app.scan import carriers as c
from app.scan.checks import dhl_mod7, fedex_mod11, gs1_mod10, iso7064_mod37_36, s10_check, ups_mod10
from app.scan.meaning import Carrier


@dataclass(frozen=True, slots=True)
class TrackingMatch:
    carrier: Carrier
    format: str
    number: str  # what the carrier's tracking page and the marketplace expect
    specificity: int


@dataclass(slots=True)
class TrackingFindings:
    matches: list[TrackingMatch]
    near_miss: str | None = None  # the reason when a number has a carrier's shape but not its check


def find_tracking(text: str) -> TrackingFindings:
    """Every carrier format `text` satisfies, check digits included. Never raises."""
    found = TrackingFindings([])
    n = len(text)
    if n < 10 or n > 40 or not text.isalnum() or not text.isascii():
        return found
    if not text.strip("0"):
        return found  # all zeros: a test pattern or a blank label, never a parcel
    if text.isdigit():
        _numeric(text, found)
    else:
        _alphanumeric(text, found)
    return found


def _add(found: TrackingFindings, ok: bool, match: TrackingMatch, miss: str) -> None:
    if ok:
        found.matches.append(match)
    elif found.near_miss is None:
        found.near_miss = miss


def _wrong(carrier: Carrier) -> str:
    return tr("Looks like a {carrier} tracking number, but its check digit is wrong", carrier=carrier.name)


def _alphanumeric(t: str, found: TrackingFindings) -> None:
    n = len(t)
    head = t[:2]
    if n == 18 and head == "1Z":
        # 1Z, 6-character shipper account, 2-digit service, 7-character package, check digit.
        ok = t[17].isdigit() and ups_mod10(t[2:17]) == t[17]
        _add(found, ok, TrackingMatch(c.UPS, "ups_1z", t, 95), _wrong(c.UPS))
        return
    if n == 13 and t[:2].isalpha() and t[2:11].isdigit() and t[11:].isalpha():
        _s10(t, found)
        return
    if n == 15 and t[:3] in ("TBA", "TBC", "TBM") and t[3:].isdigit():
        # Amazon Logistics (US, Canada, Mexico): no check digit is published.
        found.matches.append(TrackingMatch(c.AMAZON, "amazon_tba", t, 85))
        return
    if n == 15 and t[0] in "CD" and t[1:].isdigit():
        # OnTrac C/D numbers: the letter stands for a digit (C 4, D 5) put before the 13-digit
        # serial unless the serial already starts with it; then the UPS arithmetic (as the public
        # reference suite checks them).
        letter_digit, serial = str((ord(t[0]) - 3) % 10), t[1:14]
        ok = ups_mod10(serial if serial.startswith(letter_digit) else letter_digit + serial) == t[14]
        _add(found, ok, TrackingMatch(c.ONTRAC, "ontrac", t, 80), _wrong(c.ONTRAC))
        return
    if n == 11 and t[0].isalpha() and t[1:].isdigit():
        # UPS waybill (freight and express envelopes): letter, 9 digits, UPS check digit.
        ok = ups_mod10(t[1:10]) == t[10]
        _add(found, ok, TrackingMatch(c.UPS, "ups_waybill", t, 30), _wrong(c.UPS))
        return
    if n == 15 and t[:14].isdigit():
        _dpd14(t, found, 70)
    elif n == 28 and t[:27].isdigit():
        _dpd28(t, found)


def _s10(t: str, found: TrackingFindings) -> None:
    # UPU S10: 2-letter service, 8-digit serial, check digit, issuing post's country code.
    country = t[11:]
    if not c.is_country(country):
        if found.near_miss is None:
            found.near_miss = tr(
                "Looks like an international postal item, but {country} is no country", country=country
            )
        return
    post = c.post_of(country)
    ok = s10_check(t[2:10]) == t[10]
    _add(found, ok, TrackingMatch(post, "s10", t, 90), _wrong(post))


def _dpd14(t: str, found: TrackingFindings, specificity: int) -> None:
    # DPD parcel number: 14 digits and an ISO 7064 MOD 37,36 check character.
    ok = iso7064_mod37_36(t[:14]) == t[14]
    _add(found, ok, TrackingMatch(c.DPD, "dpd_14", t[:14], specificity), _wrong(c.DPD))


def _dpd28(t: str, found: TrackingFindings) -> None:
    # DPD label barcode: 7-character postcode, 14-digit parcel number, service, country, check.
    ok = iso7064_mod37_36(t[:27]) == t[27]
    _add(found, ok, TrackingMatch(c.DPD, "dpd_28", t[7:21], 85), _wrong(c.DPD))


def _usps_core(t: str) -> bool:
    """An IMpb tracking number without routing code: 9 then 1-5, 22 or 26 digits, GS1 check."""
    return len(t) in (22, 26) and t[0] == "9" and "1" <= t[1] <= "5" and gs1_mod10(t[:-1]) == t[-1]


def _numeric(t: str, found: TrackingFindings) -> None:
    n = len(t)
    if t.startswith("420") and n >= 30:
        # IMpb with its routing code: (420) and a 5- or 9-digit ZIP before the tracking number.
        for zip_len in (5, 9):
            rest = t[3 + zip_len :]
            if _usps_core(rest):
                found.matches.append(TrackingMatch(c.USPS, "usps_impb_routed", rest, 90))
                return
    if n in (22, 26) and t[0] == "9" and "1" <= t[1] <= "5":
        _add(found, _usps_core(t), TrackingMatch(c.USPS, "usps_impb", t, 75), _wrong(c.USPS))
    elif n == 20:
        # USPS 20-digit (Delivery Confirmation, Certified Mail): the check digit counts either
        # the digits alone or the "91" that the barcode of the same number carries in front.
        ok = gs1_mod10(t[:19]) == t[19] or gs1_mod10("91" + t[:19]) == t[19]
        _add(found, ok, TrackingMatch(c.USPS, "usps_20", t, 35), _wrong(c.USPS))
        if t.startswith("00") and gs1_mod10(t[2:19]) == t[19]:
            # FedEx Ground's SSCC-18 label barcode with its (00) application identifier.
            found.matches.append(TrackingMatch(c.FEDEX, "fedex_sscc_20", t[2:], 40))
    if n == 22 and t.startswith("96"):
        # FedEx Ground 96 barcode: the last 15 digits are the Ground tracking number.
        ok = gs1_mod10(t[7:21]) == t[21]
        _add(found, ok, TrackingMatch(c.FEDEX, "fedex_ground_96", t[7:], 80), _wrong(c.FEDEX))
    elif n == 34:
        # FedEx 34-digit barcodes (Express, and Ground "96"): the last 12 digits are the
        # tracking number, checked with the 13-digit serial before them.
        ok = fedex_mod11(t[20:33]) == t[33]
        fmt = "fedex_ground_gsn" if t.startswith("96") else "fedex_express_34"
        _add(found, ok, TrackingMatch(c.FEDEX, fmt, t[22:], 80), _wrong(c.FEDEX))
    elif n == 32 and t[0] == "3":
        # FedEx ASTRA barcode: the 12-digit tracking number sits at digits 17-28.
        ok = fedex_mod11(t[16:27]) == t[27]
        _add(found, ok, TrackingMatch(c.FEDEX, "fedex_astra", t[16:28], 70), _wrong(c.FEDEX))
    elif n == 12:
        ok = fedex_mod11(t[:11]) == t[11]
        _add(found, ok, TrackingMatch(c.FEDEX, "fedex_12", t, 45), _wrong(c.FEDEX))
    elif n == 15:
        # FedEx Ground, and DPD when its check character happens to be a digit.
        _add(
            found, gs1_mod10(t[:14]) == t[14], TrackingMatch(c.FEDEX, "fedex_ground", t, 45), _wrong(c.FEDEX)
        )
        _dpd14(t, found, 40)
    elif n == 18:
        # FedEx Ground SSCC-18 (a serial shipping container code used as tracking number).
        ok = gs1_mod10(t[:17]) == t[17]
        _add(found, ok, TrackingMatch(c.FEDEX, "fedex_sscc_18", t, 35), _wrong(c.FEDEX))
    elif n in (10, 11):
        ok = dhl_mod7(t[:-1]) == t[-1]
        _add(
            found,
            ok,
            TrackingMatch(c.DHL_EXPRESS, "dhl_express", t, 35 if n == 10 else 30),
            _wrong(c.DHL_EXPRESS),
        )
    elif n == 28:
        _dpd28(t, found)
