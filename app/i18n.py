"""The one translation function, for the core and the screens alike.

Catalogs are gettext `.mo` files under resources/translations/<lang>/LC_MESSAGES/prepdesk.mo.
Until a catalog is installed, `tr` returns the English source text. Placeholders are named and
filled after translation, so a translator may move them.
"""

from __future__ import annotations

import gettext
from pathlib import Path

_DOMAIN = "prepdesk"
_LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
_catalog: gettext.NullTranslations = gettext.NullTranslations()


def set_language(language: str | None) -> None:
    """Switch every later `tr` call to `language` (e.g. "ru", "zh_CN", "nl"); None for English."""
    global _catalog
    if not language or language.startswith("en"):
        _catalog = gettext.NullTranslations()
        return
    _catalog = gettext.translation(_DOMAIN, localedir=_LOCALE_DIR, languages=[language], fallback=True)


def tr(text: str, /, **values: object) -> str:
    """Translate `text` and fill its {named} placeholders."""
    translated = _catalog.gettext(text)
    return translated.format(**values) if values else translated


def ntr(singular: str, plural: str, n: int, /, **values: object) -> str:
    """Translate a phrase that depends on a count; `n` is available as {n}."""
    translated = _catalog.ngettext(singular, plural, n)
    return translated.format(n=n, **values)
