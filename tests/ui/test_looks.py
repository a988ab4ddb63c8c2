"""Type size and colours (issue 14, point 15): kept with the settings, applied at once and at the
next start, and every page readable in each: the words of every label and button stand out from
what is behind them (a contrast of at least 3:1 between the darkest and lightest pixels)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from app.settings import Settings
from tests.ui.conftest import add_orders, synced
from ui import theme
from ui.main_window import PageKey
from ui.pages.settings import SettingsPage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()


@pytest.fixture
def house_look():
    app = QApplication.instance()
    yield app
    app.setStyleSheet("")
    app.setPalette(app.style().standardPalette())
    app.setProperty("prepdeskTypeSize", None)
    app.setProperty("prepdeskTheme", None)


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )


def _contrast(image: QImage, rect: QRect) -> float:
    lows, highs = 1.0, 0.0
    step = max(1, min(rect.width(), rect.height()) // 12)
    for x in range(rect.left(), rect.right(), step):
        for y in range(rect.top(), rect.bottom(), step):
            if 0 <= x < image.width() and 0 <= y < image.height():
                lum = _luminance(image.pixelColor(x, y))
                lows, highs = min(lows, lum), max(highs, lum)
    return (highs + 0.05) / (lows + 0.05)


def _unreadable(window: QWidget, page: QWidget) -> list[str]:
    image = window.grab().toImage()
    found = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)) or not widget.isVisibleTo(window):
            continue
        if not widget.isEnabled():  # greyed on purpose
            continue
        text = widget.text()
        if not text.strip() or (
            isinstance(widget, QLabel) and widget.pixmap() is not None and not widget.pixmap().isNull()
        ):
            continue
        seen = widget.visibleRegion().boundingRect()  # what a scroll area or a neighbour leaves
        rect = QRect(widget.mapTo(window, seen.topLeft()), seen.size()).intersected(window.rect())
        if rect.width() < 4 or rect.height() < max(4, widget.fontMetrics().height() // 2):
            continue  # a strip a scroll area's edge leaves of it: its border, none of its words
        if _contrast(image, rect) < 3.0:
            found.append(f"{page.objectName()}: {type(widget).__name__} {text[:40]!r}")
    return found


@pytest.mark.parametrize(("size", "look"), [("normal", "dark"), ("extra_large", "light"), ("large", "dark")])
def test_every_page_is_readable_in_each_type_size_and_theme(
    qtbot, order_server, make_workstation, frame_of, house_look, size: str, look: str
) -> None:
    add_orders(order_server, 3)
    ws = make_workstation(order_server, settings={"display.type_size": size, "display.theme": look})
    theme.apply(house_look, size, look)
    frame = frame_of(ws)
    window = frame.window
    window.resize(1366, 768)
    qtbot.waitExposed(window)
    synced(qtbot, frame)
    unreadable: list[str] = []
    for key in (k for k in window.pages if k != PageKey.SIGN_IN):
        window.show_page(key)
        qtbot.wait(150)
        unreadable += _unreadable(window, window.pages[key])
    assert unreadable == []


def test_the_type_size_and_theme_are_kept_and_applied_when_saved(
    qtbot, order_server, make_workstation, frame_of, house_look
) -> None:
    ws = make_workstation(order_server)
    theme.apply(house_look)
    frame = frame_of(ws)
    page = frame.window.pages[PageKey.SETTINGS]
    assert isinstance(page, SettingsPage)
    page.fill({"display.type_size": "large", "display.theme": "dark"})
    with qtbot.waitSignal(ws.events.settings_changed, timeout=5000):
        page.save()
    assert house_look.font().pointSize() == round(theme.BASE_POINT_SIZE * theme.TYPE_SCALES["large"])
    assert house_look.palette().window().color().name() == theme.DARK.paper
    assert frame.window.banner.height() == theme.banner_height() > 52
    saved = Settings.load(ws.store)
    assert saved["display.type_size"] == "large" and saved["display.theme"] == "dark"
