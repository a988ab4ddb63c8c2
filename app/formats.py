"""Dates, times, numbers, money and weights on screen, as the language spoken writes them (Babel,
the CLDR's data): 30.11.2026, 15:02 and 1 234,50 € in Russian, 2026/11/30 15:02 in Chinese,
1.234 in Dutch. The regional conventions are the computer's where it speaks the same language
(an en_US machine gets 3:02 PM), else the language's home (English: en_GB, 24-hour clock).

Only words for people go through here: marketplace data (status codes, tracking numbers, SKUs,
order numbers) is shown as it came. Times are shown in the computer's time zone.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_skeleton, format_time
from babel.numbers import format_currency, format_decimal
from babel.units import format_unit

from app.i18n import speaking, supported

_HOME = {"en": "en_GB", "ru": "ru_RU", "zh_CN": "zh_Hans_CN", "nl": "nl_NL"}
Number = int | float | Decimal


@lru_cache(maxsize=16)
def _locale_for(language: str, machine: str) -> Locale:
    name = machine.split(".")[0].split("@")[0]
    if name and name not in ("C", "POSIX") and supported(name) == language:
        try:
            return Locale.parse(name)
        except (UnknownLocaleError, ValueError):
            pass
    return Locale.parse(_HOME.get(language, "en_GB"))


def locale() -> Locale:
    """The Babel locale of the language spoken now."""
    machine = os.environ.get("LC_ALL") or os.environ.get("LC_TIME") or os.environ.get("LANG") or ""
    return _locale_for(speaking(), machine)


def _local(moment: datetime) -> datetime:
    # Babel reads a naive time as UTC and shows it unchanged: hand it the local wall time.
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def date_time(moment: datetime | None) -> str:
    """A date and time in a table cell: 30/11/2026, 15:02."""
    return format_datetime(_local(moment), "short", locale=locale()) if moment else ""


def date_time_seconds(moment: datetime | None) -> str:
    """A date and a time to the second: for a log."""
    if not moment:
        return ""
    local = _local(moment)
    loc = locale()
    return f"{format_date(local, 'short', locale=loc)} {format_time(local, 'medium', locale=loc)}"


def day_and_time(moment: datetime | None) -> str:
    """A weekday, day, month and time: Mon 30 Nov 15:02 (a ship-by time)."""
    if not moment:
        return ""
    local = _local(moment)
    loc = locale()
    return f"{format_skeleton('MMMEd', local, locale=loc)} {format_time(local, 'short', locale=loc)}"


def day(moment: date | datetime | None) -> str:
    """A date alone: 30/11/2026."""
    if moment is None:
        return ""
    value = _local(moment) if isinstance(moment, datetime) else moment
    return format_date(value, "short", locale=locale())


def clock(moment: datetime | None, *, seconds: bool = False) -> str:
    """A time of day: 15:02 (or 15:02:07)."""
    if not moment:
        return ""
    return format_time(_local(moment), "medium" if seconds else "short", locale=locale())


def number(value: Number) -> str:
    """A count: 1,234 / 1 234 / 1.234."""
    return format_decimal(value, locale=locale())


def decimal(value: Number, places: int = 2) -> str:
    """A number with a fixed count of decimals: 12.50 / 12,50."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=locale())


def money(amount: Number, currency: str) -> str:
    """An amount in a currency: £12.50, 12,50 €, €12.50."""
    try:
        return format_currency(amount, currency, locale=locale())
    except (ValueError, KeyError):  # a code the CLDR does not know: the number and the code
        return f"{decimal(amount)} {currency}"


def weight(grams: int) -> str:
    """A parcel's weight: 850 g, 1.25 kg / 1,25 кг."""
    if abs(grams) >= 1000:
        return format_unit(round(grams / 1000, 3), "mass-kilogram", length="short", locale=locale())
    return format_unit(grams, "mass-gram", length="short", locale=locale())
