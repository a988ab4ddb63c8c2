"""Is a recipient's address one a carrier will print a label for? The reason in words if not.

An order whose address fails arrives as print error (5.3) with this reason, so the table sees
at once what to fix; the words match those of the demo's broken addresses.
"""

from __future__ import annotations

import re

from app.i18n import tr

# Postcode formats of the countries prep centers ship to most (others: any non-empty postcode).
_POSTCODES = {
    "US": r"[0-9]{5}(-?[0-9]{4})?",
    "CA": r"[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]",
    "GB": r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}",
    "NL": r"[1-9][0-9]{3} ?[A-Z]{2}",
    "DE": r"[0-9]{5}",
    "FR": r"[0-9]{5}",
    "IT": r"[0-9]{5}",
    "ES": r"[0-9]{5}",
    "PL": r"[0-9]{2}-[0-9]{3}",
    "BE": r"[1-9][0-9]{3}",
    "AT": r"[1-9][0-9]{3}",
    "SE": r"[0-9]{3} ?[0-9]{2}",
    "RU": r"[0-9]{6}",
    "CN": r"[0-9]{6}",
    "JP": r"[0-9]{3}-?[0-9]{4}",
    "AU": r"[0-9]{4}",
}
# Countries without postcodes: an empty postcode is right there.
_NO_POSTCODE = frozenset({"HK", "AE", "QA", "IE", "PA", "JM", "BS", "FJ"})
# What a carrier prints on one address line.
STREET_MAX = 35


def address_problem(
    *, name: str, street1: str, city: str, postcode: str, country: str, street2: str = ""
) -> str:
    """ "" when the address can be printed, else what is wrong (the first thing found)."""
    if not name.strip():
        return tr("Recipient name missing")
    if not street1.strip():
        return tr("Street address missing")
    if len(street1) > STREET_MAX or len(street2) > STREET_MAX:
        return tr("Street line is longer than the carrier allows ({max} characters)", max=STREET_MAX)
    if not city.strip():
        return tr("City missing")
    country = country.strip().upper()
    if not country:
        return tr("Country missing")
    if not re.fullmatch(r"[A-Z]{2}", country):
        return tr("Country “{country}” is not a two-letter country code (ISO 3166)", country=country)
    code = postcode.strip().upper()
    if not code:
        return "" if country in _NO_POSTCODE else tr("Postcode missing")
    pattern = _POSTCODES.get(country)
    if pattern and not re.fullmatch(pattern, code):
        return tr("Postcode “{postcode}” does not match the country's format", postcode=postcode)
    return ""
