"""The language: the computer's at first start, the one chosen in Settings after; dates, numbers,
money and weights on screen written as that language writes them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QComboBox

from app import formats
from app.i18n import current_language, set_language, tr, use_language
from app.settings import LANGUAGES, Settings
from ui.language import LanguageSample

MOMENT = datetime(2026, 11, 30, 15, 2, tzinfo=UTC)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("lang_variable", "spoken", "word"),
    [
        ("ru_RU.UTF-8", "ru", "К печати"),
        ("zh_CN.UTF-8", "zh_CN", "待打印"),
        ("zh_TW.UTF-8", "zh_CN", "待打印"),
        ("nl_BE.UTF-8", "nl", "Te printen"),
        ("de_DE.UTF-8", "en", "Ready to print"),
        ("C.UTF-8", "en", "Ready to print"),
    ],
)
def test_at_first_start_the_screens_speak_the_computers_language(
    monkeypatch: pytest.MonkeyPatch, lang_variable: str, spoken: str, word: str
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", lang_variable)
    settings = Settings()  # nothing chosen yet
    assert settings["language"] == "system"
    assert set_language(settings["language"]) == spoken == current_language()
    assert tr("Ready to print") == word


def test_a_language_chosen_in_settings_wins_over_the_computers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "ru")
    settings = Settings()
    settings["language"] = "nl"
    set_language(settings["language"])
    assert tr("Pack & Ship") == "Inpakken"
    assert [code for code, _ in LANGUAGES] == ["system", "en", "ru", "zh_CN", "nl"]


@pytest.mark.usefixtures("utc")
def test_dates_numbers_money_and_weights_follow_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TIME", raising=False)
    seen = {}
    for language in ("en", "ru", "zh_CN", "nl"):
        with use_language(language):
            seen[language] = (
                formats.date_time(MOMENT),
                formats.number(12345),
                formats.money(Decimal("1234.50"), "EUR"),
                formats.weight(1250),
            )
    assert seen["en"] == ("30/11/2026, 15:02", "12,345", "€1,234.50", "1.25 kg")
    assert seen["ru"] == ("30.11.2026, 15:02", "12\xa0345", "1\xa0234,50\xa0€", "1,25 кг")
    assert seen["zh_CN"][0] == "2026/11/30 15:02"
    assert seen["nl"][:3] == ("30-11-2026, 15:02", "12.345", "€\xa01.234,50")


def test_an_english_computer_in_america_keeps_its_own_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TIME", raising=False)
    with use_language("en"):
        assert formats.clock(datetime(2026, 11, 30, 15, 2)).endswith("PM")


def test_the_chooser_shows_the_chosen_languages_words_and_formats(qtbot) -> None:
    chooser = QComboBox()
    qtbot.addWidget(chooser)
    for value, label in LANGUAGES:
        chooser.addItem(label, value)
    sample = LanguageSample(chooser)
    qtbot.addWidget(sample)
    chooser.setCurrentIndex(chooser.findData("ru"))
    assert "К печати" in sample.text() and "1,25 кг" in sample.text()
    assert sample.text().startswith("Applies at the next start.")  # the screens' language
    chooser.setCurrentIndex(chooser.findData("zh_CN"))
    assert "待打印" in sample.text()
