"""The one translation function, for the core and the screens alike, and the language it speaks.

Catalogs are gettext files under resources/translations/<lang>/LC_MESSAGES/prepdesk.{po,mo}
(app/catalogs.py makes them; `scripts/translations.py compile` is run by the install). Where the
compiled .mo is missing or older than its .po (a fresh checkout, a catalog just topped up), the
.po is compiled in memory instead, so a translation is never silently lost. English is the source
text. Placeholders are named and filled after translation, so a translator may move them.

The language is chosen once, at start (`set_language`); "system" follows the machine's locale.
Tests render a page in a language with `use_language("ru")`.
"""

from __future__ import annotations

import gettext
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_DOMAIN = "prepdesk"
_LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
SYSTEM = "system"
# The languages Prepdesk speaks: code, and its name in itself (a chooser shows it so).
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("en", "English"),
    ("ru", "Русский"),
    ("zh_CN", "简体中文"),
    ("nl", "Nederlands"),
)
_CODES = tuple(code for code, _ in LANGUAGES)

_catalog: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_document = threading.local()  # a document printed in its reader's language, on this thread only
_loaded: dict[tuple[str, float, float], gettext.NullTranslations] = {}


def supported(locale_name: str | None) -> str:
    """The language of ours closest to a locale name ("ru_RU.UTF-8" → "ru", "zh_TW" → "zh_CN",
    "nl_BE" → "nl"); English for anything else."""
    if not locale_name:
        return "en"
    base = locale_name.split(".")[0].split("@")[0].replace("-", "_")
    primary = base.split("_")[0].lower()
    if primary == "zh":
        return "zh_CN"  # Simplified is the one catalog; a Traditional reader reads it
    return primary if primary in _CODES else "en"


def spoken(tag: str | None) -> str | None:
    """Our language for a language tag ("ru-RU" → "ru", "zh-Hans-CN" → "zh_CN"), or None where
    Prepdesk does not speak it ("de", "", "xx")."""
    if not tag:
        return None
    primary = tag.replace("-", "_").split("_")[0].split(".")[0].lower()
    return supported(tag) if primary in ("en", "zh") or primary in _CODES else None


def system_language() -> str:
    """The machine's language, from the locale variables a desktop session sets."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return supported(value.split(":")[0])
    return "en"


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def _load(language: str) -> gettext.NullTranslations:
    po = _LOCALE_DIR / language / "LC_MESSAGES" / f"{_DOMAIN}.po"
    mo = po.with_suffix(".mo")
    key = (language, _mtime(po), _mtime(mo))
    if key in _loaded:
        return _loaded[key]
    catalog: gettext.NullTranslations
    if key[2] >= 0 and key[2] >= key[1]:
        with mo.open("rb") as f:
            catalog = gettext.GNUTranslations(f)
    elif key[1] >= 0:
        from app.catalogs import compiled  # Babel, only where the install did not compile

        catalog = gettext.GNUTranslations(io.BytesIO(compiled(language)))
    else:
        catalog = gettext.NullTranslations()
    _loaded[key] = catalog
    return catalog


def set_language(language: str | None) -> str:
    """Switch every later `tr` call to `language` ("ru", "zh_CN", "nl", "en", or "system"/None
    for the machine's); returns the language now spoken."""
    global _catalog, _language
    code = system_language() if not language or language == SYSTEM else supported(language)
    _catalog = gettext.NullTranslations() if code == "en" else _load(code)
    _language = code
    return code


def current_language() -> str:
    """The language `tr` speaks now: "en", "ru", "zh_CN" or "nl"."""
    return _language


@contextmanager
def use_language(language: str) -> Iterator[str]:
    """Speak `language` inside the block, then the language spoken before (for tests and for
    one document in a buyer's language)."""
    global _catalog, _language
    before = (_catalog, _language)
    try:
        yield set_language(language)
    finally:
        _catalog, _language = before


@contextmanager
def document_language(language: str | None) -> Iterator[str]:
    """`tr` on this thread only speaks `language` inside the block (a packing slip in the buyer's
    language, made on a worker thread while the screens keep theirs); None: the screens'."""
    before = getattr(_document, "catalog", None), getattr(_document, "language", None)
    code = supported(language) if language else _language
    _document.catalog = gettext.NullTranslations() if code == "en" else _load(code)
    _document.language = code
    try:
        yield code
    finally:
        _document.catalog, _document.language = before


def speaking() -> str:
    """The language `tr` speaks on this thread (a document's, else the screens')."""
    return getattr(_document, "language", None) or _language


def _active() -> gettext.NullTranslations:
    return getattr(_document, "catalog", None) or _catalog


def tr(text: str, /, **values: object) -> str:
    """Translate `text` and fill its {named} placeholders."""
    translated = _active().gettext(text)
    return translated.format(**values) if values else translated


def ntr(singular: str, plural: str, n: int, /, **values: object) -> str:
    """Translate a phrase that depends on a count; `n` is available as {n}."""
    translated = _active().ngettext(singular, plural, n)
    return translated.format(n=n, **values)
