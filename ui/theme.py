"""The workstation's look: readable from a step away, high contrast, green right and red wrong.

One stylesheet for the whole program; widgets pick a role with `setProperty("role", ...)`
(e.g. "big", "banner-right", "chip-bad") instead of styling themselves. Two settings shape it,
kept with the others (app/settings.py): the type size (normal, large, extra large: every size
in the sheet and the base font grow together) and the colours (light or dark, with a matching
Qt palette so inputs, tables and menus follow).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
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
TYPE_SCALES = {"normal": 1.0, "large": 1.15, "extra_large": 1.3}


@dataclass(frozen=True, slots=True)
class Colours:
    ink: str
    paper: str
    muted: str
    line: str
    panel: str  # status bar, tiles, inputs' surroundings
    info: str  # the neutral banner and prompts
    navigation: str
    chip_good: str
    chip_good_ink: str
    chip_bad: str
    chip_bad_ink: str
    chip_neutral: str
    warn_band: str
    warn_ink: str
    base: str  # text fields and tables
    alternate: str


LIGHT = Colours(
    ink=INK,
    paper=PAPER,
    muted=MUTED,
    line=LINE,
    panel="#f0f2f5",
    info="#e8eef7",
    navigation="#1d2430",
    chip_good="#e3f3e8",
    chip_good_ink=RIGHT,
    chip_bad="#fbe5e6",
    chip_bad_ink=WRONG,
    chip_neutral="#f0f0f0",
    warn_band="#fff1cc",
    warn_ink="#6b3f00",
    base="#ffffff",
    alternate="#f5f7fa",
)
DARK = Colours(
    ink="#ececec",
    paper="#15181d",
    muted="#b4bcc6",
    line="#48505c",
    panel="#22272f",
    info="#223452",
    navigation="#0b0d11",
    chip_good="#123a22",
    chip_good_ink="#7be39a",
    chip_bad="#451519",
    chip_bad_ink="#ff9ca1",
    chip_neutral="#2a3038",
    warn_band="#4a3400",
    warn_ink="#ffd27a",
    base="#1c2026",
    alternate="#232830",
)
THEMES = {"light": LIGHT, "dark": DARK}


def stylesheet(size: str = "normal", theme: str = "light") -> str:
    """The program's stylesheet at a type size and in a theme."""
    k = TYPE_SCALES.get(size, 1.0)
    c = THEMES.get(theme, LIGHT)

    def pt(points: float, most: float = 99) -> str:
        return f"{min(round(points * k), most)}pt"

    return f"""
QWidget {{ color: {c.ink}; }}
QMainWindow, QStackedWidget > QWidget, QDialog, QScrollArea > QWidget > QWidget {{ background: {c.paper}; }}
QListWidget#navigation {{
    background: {c.navigation}; color: #ffffff; border: none; font-size: {pt(15, 17)}; outline: none;
}}
QListWidget#navigation::item {{ padding: 14px 18px; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: #ffffff; }}
QLabel[role="title"] {{ font-size: {pt(22)}; font-weight: 700; }}
QLabel[role="big"] {{ font-size: {pt(18)}; font-weight: 600; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="field-problem"] {{ color: {c.chip_bad_ink}; font-weight: 600; }}
QLabel#banner {{ padding: 0px 16px; }}
QLabel[role="banner-none"] {{ background: {c.paper}; border-bottom: 1px solid {c.line}; }}
QLabel[role="banner-right"], QLabel[role="banner-right-long"] {{ background: {RIGHT}; color: #ffffff; }}
QLabel[role="banner-wrong"], QLabel[role="banner-wrong-long"] {{ background: {WRONG}; color: #ffffff; }}
QLabel[role="banner-info"], QLabel[role="banner-info-long"] {{
    background: {c.info}; color: {c.ink}; border-bottom: 1px solid {c.line};
}}
QLabel[role="banner-right"], QLabel[role="banner-wrong"] {{ font-size: {pt(18)}; font-weight: 700; }}
QLabel[role="banner-info"] {{ font-size: {pt(16)}; }}
QLabel[role="banner-right-long"], QLabel[role="banner-wrong-long"] {{ font-size: {pt(13)}; font-weight: 700; }}
QLabel[role="banner-info-long"] {{ font-size: {pt(13)}; }}
QLabel[role="prompt"] {{
    background: {c.info}; color: {c.ink}; font-size: {pt(34)}; font-weight: 800; padding: 8px 16px;
}}
QLabel[role="prompt-right"] {{
    background: {RIGHT}; color: #ffffff; font-size: {pt(34)}; font-weight: 800; padding: 8px 16px;
}}
QLabel[role="prompt-wrong"] {{
    background: {WRONG}; color: #ffffff; font-size: {pt(34)}; font-weight: 800; padding: 8px 16px;
}}
QLabel[role="chip-good"] {{
    background: {c.chip_good}; color: {c.chip_good_ink}; border: 1px solid {c.chip_good_ink};
    border-radius: 4px; padding: 2px 8px; font-weight: 600;
}}
QLabel[role="chip-bad"] {{
    background: {c.chip_bad}; color: {c.chip_bad_ink}; border: 1px solid {c.chip_bad_ink};
    border-radius: 4px; padding: 2px 8px; font-weight: 600;
}}
QLabel[role="chip-neutral"] {{
    background: {c.chip_neutral}; color: {c.ink}; border: 1px solid {c.line}; border-radius: 4px;
    padding: 2px 8px;
}}
QPushButton {{ font-size: {pt(13)}; padding: 8px 16px; }}
QPushButton[role="primary"] {{ background: {ACCENT}; color: #ffffff; border: none; border-radius: 4px; }}
QPushButton[role="tile"] {{
    background: {c.alternate}; border: 2px solid {c.line}; border-radius: 8px; padding: 16px;
    text-align: left; font-size: {pt(15)};
}}
QPushButton[role="tile"]:hover {{ border-color: {ACCENT}; }}
QPushButton[role="tile-alert"] {{
    background: {c.chip_bad}; border: 2px solid {WRONG}; border-radius: 8px; padding: 16px; text-align: left;
    font-size: {pt(15)}; color: {c.chip_bad_ink};
}}
QTableView {{ font-size: {pt(12, 14)}; gridline-color: {c.line}; selection-background-color: {ACCENT}; }}
QHeaderView::section {{ font-weight: 700; padding: 6px; }}
QStatusBar {{
    border-top: 3px solid {c.line}; min-height: {min(round(40 * k), 46)}px; max-height: {min(round(40 * k), 46)}px;
}}
QStatusBar[role="band-calm"] {{ background: {c.panel}; }}
QStatusBar[role="band-warn"] {{ background: {c.warn_band}; border-top-color: {WARN}; }}
QStatusBar[role="band-bad"] {{ background: {WRONG}; border-top-color: {WRONG}; }}
QStatusBar QLabel {{ font-size: {pt(12, 13)}; }}
QStatusBar[role="band-bad"] QLabel#busy {{ color: #ffffff; }}
QLabel#server {{ font-size: {pt(16, 18)}; padding: 2px 12px; }}
QLabel#server[role="band-calm"] {{ color: {c.muted}; font-size: {pt(12, 13)}; }}
QLabel#server[role="band-warn"] {{ color: {c.warn_ink}; font-weight: 700; }}
QLabel#server[role="band-bad"] {{ color: #ffffff; font-weight: 700; }}
"""


def palette(theme: str) -> QPalette:
    """Qt's own colours for what the sheet does not name (fields, tables, menus, scroll bars)."""
    c = THEMES.get(theme, LIGHT)
    p = QPalette()
    role = QPalette.ColorRole
    for r, colour in (
        (role.Window, c.paper),
        (role.WindowText, c.ink),
        (role.Base, c.base),
        (role.AlternateBase, c.alternate),
        (role.Text, c.ink),
        (role.Button, c.panel),
        (role.ButtonText, c.ink),
        (role.ToolTipBase, c.panel),
        (role.ToolTipText, c.ink),
        (role.PlaceholderText, c.muted),
        (role.Highlight, ACCENT),
        (role.HighlightedText, "#ffffff"),
        (role.Mid, c.line),
        (role.Light, c.alternate),
        (role.Midlight, c.alternate),
        (role.Dark, c.line),
        (role.Shadow, "#000000"),
        (role.BrightText, "#ffffff"),
        (role.Link, "#6ea8ff" if c is DARK else ACCENT),
    ):
        p.setColor(r, QColor(colour))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor(c.muted))
    return p


def ink(theme: str = "") -> str:
    """The text colour of the theme the program runs in (pages that colour their own text)."""
    app = QApplication.instance()
    name = theme or (str(app.property("prepdeskTheme") or "light") if app is not None else "light")
    return THEMES.get(name, LIGHT).ink


def type_scale() -> float:
    """How much larger than normal the program's type is (the type-size setting)."""
    app = QApplication.instance()
    size = str(app.property("prepdeskTypeSize") or "normal") if app is not None else "normal"
    return TYPE_SCALES.get(size, 1.0)


def colours() -> Colours:
    """The colours of the theme the program runs in."""
    app = QApplication.instance()
    return THEMES.get(str(app.property("prepdeskTheme") or "light") if app is not None else "light", LIGHT)


def banner_height() -> int:
    """The banner's strip: one line of its large type, or two of its smaller one."""
    return round(52 * type_scale())


def apply(app: QApplication, size: str = "normal", theme: str = "light") -> None:
    """Give the whole program its font size, palette and stylesheet."""
    font = QFont(app.font())
    font.setPointSize(round(BASE_POINT_SIZE * TYPE_SCALES.get(size, 1.0)))
    app.setFont(font)
    app.setProperty("prepdeskTheme", theme if theme in THEMES else "light")
    app.setProperty("prepdeskTypeSize", size if size in TYPE_SCALES else "normal")
    app.setPalette(palette(theme))
    app.setStyleSheet(stylesheet(size, theme))


def set_role(widget: QWidget, role: str) -> None:
    """Switch a widget's style role and make the stylesheet notice (re-polishing only when the
    role changes: status chips are set again and again to the role they already have)."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
