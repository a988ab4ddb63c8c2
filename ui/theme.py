"""The workstation's look: readable from a step away, high contrast, green right and red wrong.

One stylesheet for the whole program; widgets pick a role with `setProperty("role", ...)`
(e.g. "big", "banner-right", "chip-bad") instead of styling themselves.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

RIGHT = "#0a7d32"  # green, white text on it passes WCAG AA
WRONG = "#c0141f"  # red
WARN = "#9a5b00"
INK = "#111111"
PAPER = "#ffffff"
MUTED = "#4a4a4a"
LINE = "#c8c8c8"
ACCENT = "#0b4f9c"

BASE_POINT_SIZE = 12

STYLESHEET = f"""
QWidget {{ color: {INK}; }}
QMainWindow, QStackedWidget > QWidget {{ background: {PAPER}; }}
QListWidget#navigation {{
    background: #1d2430; color: #ffffff; border: none; font-size: 15pt; outline: none;
}}
QListWidget#navigation::item {{ padding: 14px 18px; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: #ffffff; }}
QLabel[role="title"] {{ font-size: 22pt; font-weight: 700; }}
QLabel[role="big"] {{ font-size: 18pt; font-weight: 600; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="field-problem"] {{ color: {WRONG}; font-weight: 600; }}
QLabel[role="banner-right"] {{
    background: {RIGHT}; color: #ffffff; font-size: 18pt; font-weight: 700; padding: 10px 16px;
}}
QLabel[role="banner-wrong"] {{
    background: {WRONG}; color: #ffffff; font-size: 18pt; font-weight: 700; padding: 10px 16px;
}}
QLabel[role="banner-info"] {{
    background: #e8eef7; color: {INK}; font-size: 14pt; padding: 8px 16px;
}}
QLabel[role="prompt"] {{
    background: #e8eef7; color: {INK}; font-size: 34pt; font-weight: 800; padding: 8px 16px;
}}
QLabel[role="prompt-right"] {{
    background: {RIGHT}; color: #ffffff; font-size: 34pt; font-weight: 800; padding: 8px 16px;
}}
QLabel[role="prompt-wrong"] {{
    background: {WRONG}; color: #ffffff; font-size: 34pt; font-weight: 800; padding: 8px 16px;
}}
QLabel[role="chip-good"] {{
    background: #e3f3e8; color: {RIGHT}; border: 1px solid {RIGHT}; border-radius: 4px; padding: 2px 8px;
    font-weight: 600;
}}
QLabel[role="chip-bad"] {{
    background: #fbe5e6; color: {WRONG}; border: 1px solid {WRONG}; border-radius: 4px; padding: 2px 8px;
    font-weight: 600;
}}
QLabel[role="chip-neutral"] {{
    background: #f0f0f0; color: {INK}; border: 1px solid {LINE}; border-radius: 4px; padding: 2px 8px;
}}
QPushButton {{ font-size: 13pt; padding: 8px 16px; }}
QPushButton[role="primary"] {{ background: {ACCENT}; color: #ffffff; border: none; border-radius: 4px; }}
QPushButton[role="tile"] {{
    background: #f5f7fa; border: 2px solid {LINE}; border-radius: 8px; padding: 16px; text-align: left;
    font-size: 15pt;
}}
QPushButton[role="tile"]:hover {{ border-color: {ACCENT}; }}
QPushButton[role="tile-alert"] {{
    background: #fbe5e6; border: 2px solid {WRONG}; border-radius: 8px; padding: 16px; text-align: left;
    font-size: 15pt; color: {WRONG};
}}
QTableView {{ font-size: 12pt; gridline-color: {LINE}; selection-background-color: {ACCENT}; }}
QHeaderView::section {{ font-weight: 700; padding: 6px; }}
QStatusBar {{ background: #f0f2f5; border-top: 1px solid {LINE}; }}
QStatusBar QLabel {{ font-size: 10pt; }}
"""


def apply(app: QApplication) -> None:
    """Give the whole program its font size and stylesheet."""
    font = QFont(app.font())
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)


def set_role(widget: QWidget, role: str) -> None:
    """Switch a widget's style role and make the stylesheet notice (re-polishing only when the
    role changes: status chips are set again and again to the role they already have)."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
