"""The screens' language on Qt's side, and the sample beside the language chooser in Settings.

`app.i18n` chooses the language at start (the setting, "system" by default: the computer's
locale); `apply_to_qt` makes Qt's own words (a dialog's Cancel, a context menu) and its number
and date widgets follow it. A new choice in Settings applies at the next start, as the printers
do: every page builds its words once.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app import formats
from app.i18n import current_language, document_language, system_language, tr


def apply_to_qt(app: QCoreApplication) -> None:
    """Qt's default locale and its own translations (qtbase) in the language spoken now."""
    code = current_language()
    locale = QLocale(code)
    QLocale.setDefault(locale)
    if code == "en" or app.findChild(QTranslator, "prepdesk_qtbase") is not None:
        return
    translator = QTranslator(app)
    translator.setObjectName("prepdesk_qtbase")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(locale, "qtbase", "_", folder):
        app.installTranslator(translator)


def sample(language: str) -> str:
    """How the screens will read in `language`: a few words, a date and time, a sum of money."""
    code = system_language() if language == "system" else language
    with document_language(code):
        now = datetime.now().astimezone()
        return " · ".join(
            (
                tr("Ready to print"),
                formats.date_time(now),
                formats.weight(1250),
                formats.money(Decimal("1234.50"), "EUR"),
            )
        )


class LanguageSample(QLabel):
    """Under the language chooser: the chosen language's words and formats, and when it applies."""

    def __init__(self, chooser: QComboBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("language_sample")
        self.setProperty("role", "muted")
        self.setWordWrap(True)
        self.chooser = chooser
        chooser.currentIndexChanged.connect(self.show_sample)
        self.show_sample()

    def show_sample(self) -> None:
        language = str(self.chooser.currentData() or "system")
        self.setText(tr("Applies at the next start. {sample}", sample=sample(language)))
