"""Every string a person reads goes through the translation function: no widget in the screens
is given English text directly, so the Russian, Chinese and Dutch catalogs to come reach every
word on screen. (Log lines are for the people who fix things and stay English.)"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT_FILES = sorted(
    [*(ROOT / "ui").rglob("*.py"), ROOT / "printing" / "preview.py", ROOT / "devices" / "wedge_qt.py"]
)

# Calls that put text in front of a person: Qt setters and constructors that take a label.
SHOWS_TEXT = {
    "setText", "setPlaceholderText", "setToolTip", "setWindowTitle", "setStatusTip", "setTitle",
    "addItem", "insertItem", "setHeaderLabels", "showMessage", "setLabelText", "setWhatsThis",
    "addTab", "setTabText", "setInformativeText", "setDetailedText", "addAction", "setSuffix",
    "setPrefix", "setSpecialValueText", "QLabel", "QPushButton", "QCheckBox", "QRadioButton",
    "QGroupBox", "QAction", "QMessageBox", "QToolButton", "QDockWidget", "QListWidgetItem",
    "QMenu", "critical", "information", "question", "showMessageBox",
}  # fmt: skip
LOGGERS = {"log", "logger", "logging"}
WORDS = re.compile(r"[A-Za-z]{2,}")
# Not words in a language: shortcuts ("Ctrl+P") and examples of an address.
NOT_PROSE = re.compile(r"^((Ctrl|Shift|Alt|Meta)\+)+\S+$|^\w+://\S*$")


def _literal_prose(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    else:
        return None
    return text if WORDS.search(text) and not NOT_PROSE.match(text.strip()) else None


def untranslated(source: str) -> list[tuple[int, str]]:
    """(line, text) for each English text handed straight to something that shows it."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            name = func.attr
            if isinstance(func.value, ast.Name) and func.value.id in LOGGERS:
                continue
        elif isinstance(func, ast.Name):
            name = func.id
        else:
            continue
        if name not in SHOWS_TEXT:
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            text = _literal_prose(arg)
            if text is not None:
                found.append((node.lineno, text))
    return found


def test_the_check_catches_english_handed_to_a_widget() -> None:
    """The rule itself: a bare string is caught, tr(...) and a logger are not."""
    source = (
        'label = QLabel("Ready to print")\n'
        'button.setText(f"Print {n} labels")\n'
        'ok = QLabel(tr("Ready to print"))\n'
        'log.warning("printer %s not opened")\n'
        'button.setToolTip("Ctrl+P")\n'
        'box.setPlaceholderText("https://orders.example.com")\n'
    )
    assert untranslated(source) == [(1, "Ready to print"), (2, "Print  labels")]


@pytest.mark.parametrize("path", QT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_text_on_screen_goes_through_tr(path: Path) -> None:
    assert untranslated(path.read_text(encoding="utf-8")) == []
