"""The rules for a value a person or a client hands in: whole numbers, free text, names carried in
headers, and moments in time. One place, shared by the server (which refuses) and the core
(which checks before it confirms anything on screen), so both say no to the same things.

Each check returns the value as it is to be kept, or raises `ValueRefused` with the reason in
words.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from urllib.parse import quote, unquote

from app.i18n import tr


class ValueRefused(ValueError):
    """A value the contract does not take; `str()` is the reason, for a person."""


# -- whole numbers ---------------------------------------------------------------------------------


def whole_number(text: str, *, what: str, low: int, high: int) -> int:
    """`text` as an int from `low` to `high`: ASCII digits only (no sign, no superscripts or
    circled digits), and no longer than `high` written out, so padding cannot sneak past it."""
    if not text or len(text) > len(str(high)) or not (text.isascii() and text.isdigit()):
        raise ValueRefused(
            tr("{what} must be a whole number from {low} to {high}.", what=what, low=low, high=high)
        )
    value = int(text)
    if not low <= value <= high:
        raise ValueRefused(
            tr("{what} must be a whole number from {low} to {high}.", what=what, low=low, high=high)
        )
    return value


# -- free text -------------------------------------------------------------------------------------

# Characters that take up no room on screen although they are not controls or format marks.
_BLANKS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})


def has_words(text: str) -> bool:
    """True when `text` shows something on screen: not only spaces, zero-width or control marks."""
    return any(
        unicodedata.category(ch) not in _INVISIBLE_CATEGORIES and ch not in _BLANKS and not ch.isspace()
        for ch in text
    )


def clean_text(text: str, *, what: str, max_chars: int, multiline: bool = False) -> str:
    """Free text as it is to be kept: trimmed; refused when it holds control characters (a line
    break only where `multiline`), a lone surrogate, or nothing but invisible marks, or is longer
    than `max_chars`. Empty text stays empty (whether it may be empty is the caller's rule)."""
    allowed = "\n\t" if multiline else ""
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cs":
            raise ValueRefused(tr("{what} is not valid text.", what=what))
        if category == "Cc" and ch not in allowed:
            raise ValueRefused(tr("{what} holds control characters (such as a line break).", what=what))
    kept = text.strip()
    if kept and not has_words(kept):
        raise ValueRefused(tr("{what} holds no words, only invisible characters.", what=what))
    if len(kept) > max_chars:
        raise ValueRefused(tr("{what} is longer than {max} characters.", what=what, max=max_chars))
    return kept


def required_text(text: str, *, what: str, max_chars: int, multiline: bool = False) -> str:
    """As `clean_text`, and refused when nothing is left."""
    kept = clean_text(text, what=what, max_chars=max_chars, multiline=multiline)
    if not kept:
        raise ValueRefused(tr("{what} is needed.", what=what))
    return kept


# -- the fields of the writes a table sends (the server's bounds; the core checks with them too) --

REASON_MAX = 2000
CARRIER_MAX = 60
SERVICE_CODE_MAX = 40
QUANTITY_MAX = 100_000
WEIGHT_MAX_G = 1_000_000
PARCELS_MAX = 100
SERVICES_MAX = 100


def reason_text(text: str) -> str:
    """A status reason as it is kept: one line, words if anything, at most REASON_MAX characters."""
    return clean_text(text, what=tr("The reason"), max_chars=REASON_MAX)


def carrier_text(text: str) -> str:
    """A parcel's carrier as it is kept: one line, words if anything, at most CARRIER_MAX."""
    return clean_text(text, what=tr("The carrier"), max_chars=CARRIER_MAX)


def service_code(text: str) -> str:
    """A prep service's code from the price list: one line of words, at most SERVICE_CODE_MAX."""
    return required_text(text, what=tr("The service code"), max_chars=SERVICE_CODE_MAX)


def count(value: object, *, what: str, low: int, high: int) -> int:
    """A whole number of things (a quantity, grams) from `low` to `high`; not a bool, not text."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueRefused(
            tr("{what} must be a whole number from {low} to {high}.", what=what, low=low, high=high)
        )
    return value


def service_quantity(value: object) -> int:
    return count(value, what=tr("The quantity"), low=1, high=QUANTITY_MAX)


def parcel_weight_g(value: object) -> int | None:
    """A parcel's weight in whole grams, or None when not weighed."""
    return None if value is None else count(value, what=tr("The weight"), low=0, high=WEIGHT_MAX_G)


# -- names carried in headers ----------------------------------------------------------------------

# Header values are printable ASCII; a name in any script travels as percent-encoded UTF-8.
_HEADER_SAFE = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) != "%")


def header_value(name: str) -> str:
    """How a workstation or operator name travels in a header: percent-encoded UTF-8 ("Стол-1"
    is sent as "%D0%A1%D1%82%D0%BE%D0%BB-1"; "table-1" as it is)."""
    # A lone surrogate goes out as its bytes, which the server refuses in words (never a crash here).
    # Edge spaces are not carried by HTTP (and a name is kept trimmed).
    return quote(name.strip(), safe=_HEADER_SAFE, errors="surrogatepass")


def name_from_header(raw: str, *, what: str, max_chars: int) -> str:
    """The name a header carries (see `header_value`), checked as free text on one line."""
    if not all(" " <= ch <= "~" for ch in raw):
        raise ValueRefused(
            tr(
                "{what} must be printable ASCII; a name in another script is sent percent-encoded as UTF-8.",
                what=what,
            )
        )
    try:
        name = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        raise ValueRefused(tr("{what} is not percent-encoded UTF-8.", what=what)) from None
    return clean_text(name, what=what, max_chars=max_chars)


# -- moments in time -------------------------------------------------------------------------------

EARLIEST_YEAR = 1900
LATEST_YEAR = 2999


def moment_in_range(moment: datetime, *, what: str) -> datetime:
    """`moment` in UTC (a time without an offset is taken as UTC), from EARLIEST_YEAR to
    LATEST_YEAR, so no later arithmetic or conversion runs off the calendar."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueRefused(
            tr("{what} must lie between the years {first} and {last}.", what=what, first=EARLIEST_YEAR,
               last=LATEST_YEAR)
        )  # fmt: skip
    return moment.astimezone(UTC)


def parse_moment(text: str, *, what: str) -> datetime:
    """An ISO 8601 time from a request, checked with `moment_in_range`."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueRefused(tr("{what} must be an ISO 8601 time.", what=what)) from None
    return moment_in_range(moment, what=what)
