"""Finding text a person cannot read whole on a shown window: cut by its widget, elided by a
view, or squeezed out of a tab, a header section or a dock's title bar.

`clipped_texts(window)` walks the window's visible widgets and compares, for each text, the
room its widget gives with what the text needs as the style draws it (the widget's own font,
style sheet included): labels, buttons (push, check, radio, tool), combo boxes (the text
shown), tab bars (each tab), header views (each section in sight), dock widgets (the title),
line edits (the placeholder while empty) and item views (the texts of the rows in sight, as
their delegate would draw them whole). `sideways_scrollbars(window)` names the docks that show
a horizontal scroll bar. GUI thread, on a window that is shown (offscreen will do).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QWidget,
)

SLACK = 1  # pixels: rounding between a style's measure and its drawing


@dataclass(frozen=True, slots=True)
class Clipped:
    where: str  # the page or panel, the kind of widget, its name
    text: str
    needs: int  # pixels the text needs
    room: int  # pixels it has

    def __str__(self) -> str:
        return f"{self.where}: “{self.text}” needs {self.needs} px, has {self.room}"


def clipped_texts(window: QWidget) -> list[Clipped]:
    """Every text on the window's visible widgets that is not shown whole."""
    found: list[Clipped] = []
    for widget in _shown(window):
        found.extend(_check(widget))
    return found


def sideways_scrollbars(window: QWidget) -> list[str]:
    """Where a person would have to scroll sideways to read: any scroll area in a dock, and any
    page or panel laid out in a scroll area (a list or table may scroll sideways past its last
    columns; a page may not)."""
    found = []
    for area in window.findChildren(QAbstractScrollArea):
        if not area.isVisible() or _in_sight(area).isEmpty() or not area.horizontalScrollBar().isVisible():
            continue
        if isinstance(area, QScrollArea) or _dock_of(area) is not None:
            found.append(_where(area))
    return found


def _dock_of(widget: QWidget) -> QDockWidget | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QDockWidget):
        parent = parent.parentWidget()
    return parent


# -- inside -----------------------------------------------------------------------------------


def _shown(window: QWidget) -> Iterable[QWidget]:
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.isVisible() and widget.width() > 0 and not _in_sight(widget).isEmpty():
            widget.ensurePolished()
            yield widget


def _in_sight(widget: QWidget) -> QRect:
    """The part of `widget` (its own coordinates) inside every widget that holds it, up to its
    window: what can be seen of it. (Qt's visibleRegion also takes away what its own children
    cover, which for a view is all of it.)"""
    sight = widget.rect()
    child, parent = widget, widget.parentWidget()
    offset = QPoint(0, 0)
    while parent is not None and not child.isWindow():
        offset += child.pos()
        sight = sight.intersected(parent.rect().translated(-offset))
        child, parent = parent, parent.parentWidget()
    return sight


def _check(widget: QWidget) -> list[Clipped]:
    return _cut_by_edge(widget) or _cut_inside(widget)


def _cut_by_edge(widget: QWidget) -> list[Clipped]:
    """A text widget reaching past the edge of what holds it (a status bar's last chip past the
    window's edge). Inside a scroll area, what is out of sight can be scrolled to: not cut."""
    if not isinstance(widget, (QLabel, QAbstractButton, QComboBox)) or widget.isWindow():
        return []
    text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
    if not text.strip():
        return []
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractScrollArea):
            return []
        parent = parent.parentWidget()
    shown = _in_sight(widget)
    if shown.width() + SLACK < widget.width():
        return [Clipped(_where(widget, "past the edge"), _plain(text), widget.width(), shown.width())]
    return []


def _cut_inside(widget: QWidget) -> list[Clipped]:
    if isinstance(widget, QLabel):
        return _label(widget)
    if isinstance(widget, QAbstractButton):
        return _button(widget)
    if isinstance(widget, QComboBox):
        return _combo(widget)
    if isinstance(widget, QTabBar):
        return _tabs(widget)
    if isinstance(widget, QHeaderView):
        return _sections(widget)
    if isinstance(widget, QDockWidget):
        return _dock_title(widget)
    if isinstance(widget, QLineEdit):
        return _placeholder(widget)
    if isinstance(widget, QAbstractItemView):
        return _rows(widget)
    return []


def _where(widget: QWidget, what: str = "") -> str:
    """The nearest page, panel or dock around `widget`, and the widget itself."""
    place = ""
    parent = widget.parentWidget()
    while parent is not None:
        name = type(parent).__name__
        if isinstance(parent, QDockWidget):
            place = f"dock “{parent.windowTitle()}”"
            break
        if name.endswith(("Page", "Panel", "Dialog", "Bar")) or parent.isWindow():
            place = name
            break
        parent = parent.parentWidget()
    own = type(widget).__name__ + (f"#{widget.objectName()}" if widget.objectName() else "")
    return " › ".join(p for p in (place, own, what) if p)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label(label: QLabel) -> list[Clipped]:
    text = label.text()
    if not text.strip() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return []
    if label.wordWrap():
        needs = label.heightForWidth(label.width())
        if needs > label.height() + SLACK:
            return [Clipped(_where(label, "height"), text, needs, label.height())]
        return []
    hint: QSize = label.sizeHint()
    out = []
    if hint.width() > label.width() + SLACK:
        out.append(Clipped(_where(label), text, hint.width(), label.width()))
    if hint.height() > label.height() + SLACK and label.height() < QFontMetrics(label.font()).height():
        out.append(Clipped(_where(label, "height"), text, hint.height(), label.height()))
    return out


def _button(button: QAbstractButton) -> list[Clipped]:
    text = _plain(button.text())
    if not text.strip():
        return []
    if isinstance(button, (QPushButton, QCheckBox, QRadioButton)):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        element = {
            QPushButton: QStyle.SubElement.SE_PushButtonContents,
            QCheckBox: QStyle.SubElement.SE_CheckBoxContents,
            QRadioButton: QStyle.SubElement.SE_RadioButtonContents,
        }[next(k for k in (QPushButton, QCheckBox, QRadioButton) if isinstance(button, k))]
        room = button.style().subElementRect(element, option, button).width()
        needs = max(QFontMetrics(button.font()).horizontalAdvance(line) for line in text.split("\n"))
        if not button.icon().isNull():
            needs += button.iconSize().width() + 4
        if isinstance(button, QPushButton) and button.menu() is not None:
            needs += button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    else:
        needs, room = button.sizeHint().width(), button.width()
    if needs > room + SLACK:
        return [Clipped(_where(button), text, needs, room)]
    return []


def _combo(combo: QComboBox) -> list[Clipped]:
    """The choice shown in the box. (The menu it opens grows to its longest choice.)"""
    text = combo.currentText()
    if not text.strip() or combo.isEditable():
        return []
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    needs = QFontMetrics(combo.font()).horizontalAdvance(text)
    if not combo.itemIcon(combo.currentIndex()).isNull():
        needs += combo.iconSize().width() + 4
    if needs > field.width() + SLACK:
        return [Clipped(_where(combo), text, needs, field.width())]
    return []


def _tabs(bar: QTabBar) -> list[Clipped]:
    out = []
    for i in range(bar.count()):
        if not bar.isTabVisible(i) or not bar.tabText(i).strip():
            continue
        needs, room = bar.tabSizeHint(i).width(), bar.tabRect(i).width()
        if bar.shape() in (QTabBar.Shape.RoundedWest, QTabBar.Shape.RoundedEast):
            needs, room = bar.tabSizeHint(i).height(), bar.tabRect(i).height()
        if needs > room + SLACK:
            out.append(Clipped(_where(bar, "tab"), _plain(bar.tabText(i)), needs, room))
    return out


def _sections(header: QHeaderView) -> list[Clipped]:
    model = header.model()
    if model is None or not header.isVisible():
        return []
    horizontal = header.orientation() == Qt.Orientation.Horizontal
    out = []
    extent = header.viewport().width() if horizontal else header.viewport().height()
    for logical in range(header.count()):
        if header.isSectionHidden(logical):
            continue
        start = header.sectionViewportPosition(logical)
        size = header.sectionSize(logical)
        if start + size <= 0 or start >= extent:
            continue  # scrolled out of sight
        text = model.headerData(logical, header.orientation(), Qt.ItemDataRole.DisplayRole)
        if not text or not str(text).strip():
            continue
        wanted = header.sectionSizeFromContents(logical)
        needs = wanted.width() if horizontal else wanted.height()
        if needs > size + SLACK:
            out.append(Clipped(_where(header, "section"), str(text), needs, size))
        elif start + size > extent + SLACK and not _can_scroll_to(header):
            out.append(Clipped(_where(header, "section past the edge"), str(text), size, extent - start))
    return out


def _can_scroll_to(header: QHeaderView) -> bool:
    """Whether what lies past the end of `header`'s view can be scrolled into sight: not when
    its scroll bar that way is turned off (a column past the edge is then out of reach)."""
    view = header.parentWidget()
    if not isinstance(view, QAbstractScrollArea):
        return True
    horizontal = header.orientation() == Qt.Orientation.Horizontal
    policy = view.horizontalScrollBarPolicy() if horizontal else view.verticalScrollBarPolicy()
    return policy != Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def _dock_title(dock: QDockWidget) -> list[Clipped]:
    title = _plain(dock.windowTitle())
    if not title.strip() or dock.titleBarWidget() is not None:
        return []
    bar_buttons = [
        b
        for b in dock.findChildren(QAbstractButton, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if b.isVisible() and b.objectName().startswith("qt_dockwidget_")
    ]
    if not bar_buttons:
        return []  # a tabbed dock shows no title bar of its own: its tab says it
    style = dock.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_DockWidgetTitleMargin, None, dock)
    room = min(b.x() for b in bar_buttons) - 2 * margin
    needs = QFontMetrics(dock.font()).horizontalAdvance(title)
    if needs > room + SLACK:
        return [Clipped(_where(dock, "title"), title, needs, room)]
    return []


def _placeholder(edit: QLineEdit) -> list[Clipped]:
    text = edit.placeholderText()
    if edit.text() or not text.strip():
        return []
    margins = edit.textMargins()
    frame = (
        edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
        if edit.hasFrame()
        else 0
    )
    room = edit.contentsRect().width() - margins.left() - margins.right() - 2 * frame - 4
    if edit.isClearButtonEnabled():
        room -= edit.height() // 2 + 8  # the clear button's room is kept even while hidden
    needs = QFontMetrics(edit.font()).horizontalAdvance(text)
    if needs > room + SLACK:
        return [Clipped(_where(edit, "placeholder"), text, needs, room)]
    return []


def _rows(view: QAbstractItemView) -> list[Clipped]:
    """The rows in sight: each text as its delegate would draw it whole, against its cell."""
    model = view.model()
    if model is None or model.rowCount() == 0:
        return []
    viewport = view.viewport().rect()
    out: list[Clipped] = []
    first = view.indexAt(viewport.topLeft())
    row = first.row() if first.isValid() else 0
    parent = QModelIndex()
    columns = 1 if isinstance(view, QListView) else model.columnCount(parent)  # a list's is private
    while row < model.rowCount(parent):
        seen_in_row = False
        for column in range(columns):
            index = model.index(row, column, parent)
            rect = view.visualRect(index)
            if rect.isEmpty() or not rect.intersects(viewport):
                continue
            seen_in_row = True
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if text is None or not str(text).strip():
                continue
            option = QStyleOptionViewItem()
            view.initViewItemOption(option)
            option.rect = rect
            if _free_text(view, index, str(text)):
                continue
            wanted = view.itemDelegateForIndex(index).sizeHint(option, index)
            title = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            what = f"column “{title}”" if title else "item"
            if wanted.width() > rect.width() + SLACK:
                out.append(Clipped(_where(view, what), str(text), wanted.width(), rect.width()))
            elif wanted.height() > rect.height() + SLACK:  # wrapped onto more lines than the row has
                out.append(Clipped(_where(view, what + " height"), str(text), wanted.height(), rect.height()))
        if not seen_in_row:
            break  # below the viewport
        row += 1
    return out


def _free_text(view: QAbstractItemView, index: QModelIndex, text: str) -> bool:
    """Free text that may be elided by design, its whole text one hover away in its tooltip:
    the lines of a log (a list view) and the last column of a table that stretches it (a note,
    an activity's detail)."""
    if text not in str(index.data(Qt.ItemDataRole.ToolTipRole) or ""):
        return False
    if isinstance(view, QListView):
        return True
    if not isinstance(view, QTableView) or not view.horizontalHeader().stretchLastSection():
        return False
    header = view.horizontalHeader()
    last = max((c for c in range(header.count()) if not header.isSectionHidden(c)), key=header.visualIndex)
    return index.column() == last
