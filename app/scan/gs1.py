"""GS1 element strings (GS1-128, GS1 DataMatrix and QR, DataBar) read through biip.

Keyboard-wedge scanners cannot always type the GS separator (ASCII 29, the FNC1 of a GS1-128
barcode): many are set up to send a stand-in instead. Before parsing, every stand-in in
`GS_SUBSTITUTES` becomes a real GS. The set holds the spellings scanner set-up guides and
label software commonly produce; all of them are outside the GS1 character set, so none can
be mistaken for data:
  "\\x1d" the real GS; "<GS>", "{GS}", "[GS]", "<FNC1>", "{FNC1}" (configured text macros);
  "^]" (caret notation of Ctrl+], which is how ASCII 29 is typed); "\\u241d" (the visible
  symbol for GS that some drivers send); "~" and "|" (the single characters scanner
  configuration sheets most often offer as "replace GS with"). A scanner set to send a
  function key for GS (F8…) is handled by the wedge adapter (`gs_key`), which types GS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from app.i18n import tr
from app.scan.meaning import GS1Data

if TYPE_CHECKING:  # biip (~0.15 s to import, its prefix tables) loads at the first GS1 scan
    from biip import ParseConfig
    from biip.gs1_element_strings import GS1ElementString

GS = "\x1d"
GS_SUBSTITUTES: tuple[str, ...] = ("<FNC1>", "{FNC1}", "<GS>", "{GS}", "[GS]", "^]", "\u241d", "~", "|")


@cache
def _config() -> ParseConfig:
    from biip import ParseConfig

    return ParseConfig(separator_chars=(GS,))


# The AIs a string may start with for us to try it as GS1 without any other hint.
_LEADING_AIS = ("00", "01", "02", "10", "11", "13", "15", "17", "21", "37", "240", "241", "400", "414")


def with_real_gs(text: str, substitutes: tuple[str, ...] = GS_SUBSTITUTES) -> str:
    for stand_in in substitutes:
        if stand_in in text:
            text = text.replace(stand_in, GS)
    return text


def worth_trying(text: str, *, gs1_symbology: bool) -> bool:
    """Whether `text` (separators already real GS) can be a GS1 element string worth parsing."""
    if gs1_symbology or GS in text:
        return True
    if text.startswith("("):
        return True
    n = len(text)
    if text.startswith(("01", "02")):
        return n >= 16
    if text.startswith("00"):
        return n == 20
    return False


def parse_gs1(text: str) -> tuple[GS1Data | None, str | None, bool]:
    """The AIs of `text`, or None and the reason, and whether the reason is a wrong check digit.
    A wrong check digit in any AI rejects the whole string."""
    from biip import ParseError
    from biip.gs1_messages import GS1Message

    body = text.strip(GS)
    try:
        if body.startswith("("):
            message = GS1Message.parse_hri(body, config=_config())
        else:
            message = GS1Message.parse(body, config=_config())
    except (ParseError, ValueError) as exc:
        return None, tr("Not a readable GS1 code: {detail}", detail=str(exc)), False
    return _data(message.element_strings)


def is_digital_link(text: str) -> bool:
    """A GS1 Digital Link (the web address in a product's QR code) carrying a GTIN or SSCC."""
    return text[:8].lower().startswith(("https://", "http://")) and ("/01/" in text or "/00/" in text)


def parse_digital_link(text: str) -> tuple[GS1Data | None, str | None, bool]:
    from biip import ParseError
    from biip.gs1_digital_link_uris import GS1DigitalLinkURI

    try:
        uri = GS1DigitalLinkURI.parse(text)
    except (ParseError, ValueError) as exc:
        return None, tr("Not a readable GS1 Digital Link: {detail}", detail=str(exc)), False
    return _data(uri.element_strings)


def _data(element_strings: Iterable[GS1ElementString]) -> tuple[GS1Data | None, str | None, bool]:
    elements: list[tuple[str, str]] = []
    gtin = sscc = batch = serial = None
    expiry: dt.date | None = None
    count: int | None = None
    for es in element_strings:
        ai = es.ai.ai
        if es.gtin_error or es.sscc_error or es.gln_error:
            return None, tr("GS1 code with a wrong check digit in ({ai})", ai=ai), True
        elements.append((ai, es.value))
        if ai in ("01", "02") and gtin is None:
            gtin = es.value
        elif ai == "00" and sscc is None:
            sscc = es.value
        elif ai == "10" and batch is None:
            batch = es.value
        elif ai == "21" and serial is None:
            serial = es.value
        elif ai == "17" and expiry is None:
            expiry = es.date
        elif ai in ("37", "30") and count is None and es.value.isdigit():
            # (37) units of the trade item in a logistic unit, (30) a variable count of items
            count = int(es.value)
    if not elements:
        return None, tr("Not a readable GS1 code"), False
    data = GS1Data(
        tuple(elements), gtin=gtin, sscc=sscc, batch=batch, expiry=expiry, serial=serial, count=count
    )
    return data, None, False
