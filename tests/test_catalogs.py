"""The Russian, Chinese and Dutch catalogs hold every message of the code, translated, with the
plural forms each language has and the placeholders the code fills. When this fails after new
strings were added: `python scripts/translations.py extract`, then `missing --json`, fill in,
`fill` (see scripts/translations.py)."""

from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.catalog import Catalog

from app import catalogs
from app.i18n import ntr, tr, use_language

PLURAL_FORMS = {"ru": 3, "zh_CN": 1, "nl": 2}


@pytest.fixture(scope="module")
def template() -> Catalog:
    return catalogs.extract_template()


def _english(message: object) -> tuple[str, ...]:
    return message if isinstance(message, tuple) else (message,)  # type: ignore[return-value]


def test_the_code_has_messages_and_the_tables_are_read(template: Catalog) -> None:
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in template if m.id}
    assert len(ids) > 700
    # literal tr() calls, ntr() plurals, and words handed to tr() through a table or an Option
    assert {"Pack & Ship", "{n} order", "Awaiting stock", "Scanner prefix", "Code taught"} <= ids


@pytest.mark.parametrize("language", catalogs.LANGUAGES)
def test_every_message_is_translated(language: str, template: Catalog) -> None:
    catalog = catalogs.read_catalog(language)
    absent = [m.id for m in template if m.id and catalog.get(m.id) is None]
    assert absent == [], f"not in the {language} catalog: run scripts/translations.py extract"
    left = [m.id for m in catalogs.missing(catalog) if template.get(m.id) is not None]
    assert left == [], f"{len(left)} untranslated or fuzzy in {language}: translations.py missing"


@pytest.mark.parametrize("language", catalogs.LANGUAGES)
def test_placeholders_are_kept(language: str) -> None:
    catalog = catalogs.read_catalog(language)
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        fields = set().union(*(catalogs.placeholders(e) for e in _english(message.id)))
        for form in _english(message.string):
            if form and catalogs.placeholders(form) != fields:
                wrong.append((message.id, form))
    assert wrong == []


@pytest.mark.parametrize("language", catalogs.LANGUAGES)
def test_plural_forms_are_complete(language: str) -> None:
    catalog = catalogs.read_catalog(language)
    assert catalog.num_plurals == PLURAL_FORMS[language]
    plurals = [m for m in catalog if m.id and m.pluralizable]
    assert plurals
    for message in plurals:
        assert len(message.string) == PLURAL_FORMS[language] and all(message.string), message.id


@pytest.mark.parametrize("language", catalogs.LANGUAGES)
def test_catalogs_compile_and_load(language: str) -> None:
    translations = gettext.GNUTranslations(io.BytesIO(catalogs.compiled(language)))
    assert translations.gettext("Pack & Ship") != "Pack & Ship"


def test_russian_counts_speak_three_forms() -> None:
    with use_language("ru"):
        words = [ntr("{n} order", "{n} orders", n) for n in (1, 3, 5, 11, 21, 22, 25)]
        assert tr("Ready to print") == "К печати"
    assert words == ["1 заказ", "3 заказа", "5 заказов", "11 заказов", "21 заказ", "22 заказа", "25 заказов"]
    assert tr("Ready to print") == "Ready to print"  # English again after the block


def test_the_checks_catch_a_missing_form_a_fuzzy_entry_and_a_lost_placeholder() -> None:
    catalog = Catalog(locale="ru")
    catalog.add("Order {number}", "Заказ")
    catalog.add(("{n} order", "{n} orders"), ("{n} заказ", "{n} заказа", ""))
    catalog.add("Print", "Печать", flags=["fuzzy"])
    catalog.add("Pick", "")
    catalog.add("Ship", "Отгрузить")
    assert [m.id for m in catalogs.missing(catalog)] == [("{n} order", "{n} orders"), "Print", "Pick"]
    assert catalogs.placeholders("Заказ") != catalogs.placeholders("Order {number}")
