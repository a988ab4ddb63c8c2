"""Asking for a reason: the usual ones for what is asked (`app.domain.reasons`) as a list to
pick with one click, one key (1-9) or the arrows and Enter, and a line for free text.

GUI thread. `ask_reason` is what the pages call; it returns the reason, or None when the
operator cancels. OK stays off until there are words, so an empty reason is never sent.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.reasons import ReasonAsked, usual_reasons
from app.i18n import tr


class ReasonDialog(QDialog):
    """The usual reasons for `asked`, numbered, above a line for the operator's own words."""

    def __init__(self, asked: ReasonAsked, title: str, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.asked = asked
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.question.setProperty("role", "big")
        self.reasons = QListWidget()
        self.reasons.setObjectName("usual_reasons")
        self.reasons.setStyleSheet("QListWidget { font-size: 14pt; } QListWidget::item { padding: 6px; }")
        for number, words in enumerate(usual_reasons(asked), start=1):
            item = QListWidgetItem(f"{number}  {words}" if number < 10 else words)
            item.setData(Qt.ItemDataRole.UserRole, words)
            self.reasons.addItem(item)
        self.reasons.setMinimumHeight(self.reasons.sizeHintForRow(0) * (self.reasons.count() + 1))
        self.own_words = QLineEdit()
        self.own_words.setObjectName("own_words")
        self.own_words.setPlaceholderText(tr("Or write the reason in your own words"))
        self.own_words.setStyleSheet("font-size: 14pt; padding: 4px;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.reasons)
        layout.addWidget(self.own_words)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        # Selected (a click, the arrows, a digit), not merely current: the list's focus makes its
        # first row current by itself, and no reason is given that the operator did not pick.
        self.reasons.itemSelectionChanged.connect(self._picked)
        self.reasons.itemActivated.connect(self._take)
        self.own_words.textEdited.connect(self._typed)
        self.own_words.returnPressed.connect(self._accept_if_words)
        self.buttons.accepted.connect(self._accept_if_words)
        self.buttons.rejected.connect(self.reject)
        self._enable_ok()
        self.reasons.installEventFilter(self)
        self.reasons.setFocus()  # arrows and Enter, or a digit, pick; letters write

    def reason(self) -> str:
        """The reason as it will be sent: the words in the line, trimmed."""
        return self.own_words.text().strip()

    def choose(self, row: int) -> None:
        """Pick the usual reason at `row` (its words fill the line, to be sent or amended)."""
        self.reasons.setCurrentRow(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # On the list, a digit picks the usual reason of that number; any other letter starts
        # the operator's own words (the list never jumps on a typed letter).
        if watched is self.reasons and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.text()
            if key.isdigit() and key != "0" and int(key) <= self.reasons.count():
                self.choose(int(key) - 1)
                return True
            if (
                key.isprintable()
                and key.strip()
                and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            ):
                self.own_words.setFocus()
                self.own_words.insert(key)
                self._typed(self.own_words.text())
                return True
        return super().eventFilter(watched, event)

    def _picked(self) -> None:
        chosen = self.reasons.selectedItems()
        if chosen:
            self.own_words.setText(str(chosen[0].data(Qt.ItemDataRole.UserRole)))
        self._enable_ok()

    def _take(self, item: QListWidgetItem) -> None:
        """Enter or a double click on a usual reason: that reason, sent."""
        item.setSelected(True)
        self._accept_if_words()

    def _typed(self, _text: str) -> None:
        self.reasons.blockSignals(True)
        self.reasons.setCurrentRow(-1)
        self.reasons.clearSelection()
        self.reasons.blockSignals(False)
        self._enable_ok()

    def _enable_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason()))

    def _accept_if_words(self) -> None:
        if self.reason():
            self.accept()


def ask_reason(parent: QWidget, asked: ReasonAsked, title: str, question: str) -> str | None:
    """The operator's reason (a usual one or their own words), or None if they cancelled."""
    dialog = ReasonDialog(asked, title, question, parent)
    try:
        return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
