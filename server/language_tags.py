"""The buyer's language as an order keeps it: a BCP 47 tag of a language, an optional script and
an optional country or region ("ru", "zh-CN", "zh-Hans-CN", "nl-BE", "es-419"), each part a known
one (from the CLDR data Babel carries). A tag is kept in its one spelling: "ZH_cn" is "zh-CN".

The workstation prints the packing slip in this language where it speaks it, else in its own.
"""

from __future__ import annotations

import functools
import re

from app.domain.values import ValueRefused
from app.i18n import tr

LANGUAGE_TAG_MAX = 35  # the longest tag the orders table holds
_TAG = re.compile(
    r"(?P<language>[A-Za-z]{2,3})(?:[-_](?P<script>[A-Za-z]{4}))?(?:[-_](?P<region>[A-Za-z]{2}|[0-9]{3}))?"
)
# CLDR's codes for "no language", "several", "unknown": not a language a slip can be printed in.
_NOT_LANGUAGES = frozenset({"und", "mul", "zxx", "mis"})
_NOT_SCRIPTS = frozenset({"Zzzz", "Zyyy", "Zxxx", "Zinh"})
_NOT_REGIONS = frozenset({"ZZ"})


@functools.cache
def _known() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    from babel import Locale

    english = Locale("en")
    languages = frozenset(str(code) for code in english.languages if "_" not in str(code))
    scripts = frozenset(str(code) for code in english.scripts)
    regions = frozenset(str(code) for code in english.territories)
    return languages - _NOT_LANGUAGES, scripts - _NOT_SCRIPTS, regions - _NOT_REGIONS


def language_tag(text: str) -> str:
    """`text` as a language tag in its one spelling ("" stays ""), or ValueRefused saying why."""
    text = text.strip()
    if not text:
        return ""
    example = tr("such as ru, zh-CN or nl-BE")
    match = _TAG.fullmatch(text) if len(text) <= LANGUAGE_TAG_MAX else None
    if match is None:
        raise ValueRefused(
            tr("“{tag}” is not a language tag ({example})", tag=text[:LANGUAGE_TAG_MAX], example=example)
        )
    languages, scripts, regions = _known()
    language = match["language"].lower()
    script = (match["script"] or "").title()
    region = (match["region"] or "").upper()
    if language not in languages:
        raise ValueRefused(tr("“{code}” is not a language ({example})", code=language, example=example))
    if script and script not in scripts:
        raise ValueRefused(tr("“{code}” is not a script (such as Hans or Cyrl)", code=script))
    if region and region not in regions:
        raise ValueRefused(tr("“{code}” is not a country or region (such as CN or BE)", code=region))
    return "-".join(part for part in (language, script, region) if part)
