"""A row of widgets that wraps onto a second row (and a third) when the page is too narrow for
them all, each keeping the width its text needs: buttons and counts that are short in English
and a third longer in Russian or Dutch, at 1366×768 with the docks open (issue 11 point 5).

Like a QHBoxLayout, an item whose widget grows sideways (a horizontal size policy with the
expanding flag, e.g. a title set `QSizePolicy.Expanding`) takes the room left over in its row,
which pushes what follows it to the right; `add_stretch()` adds an empty such item. A widget
wider than the whole row (a word-wrapped label) gets the row's width and the height it needs
for it (height-for-width), so the layout's own height follows its width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QSpacerItem,
    QStyle,
    QWidget,
)


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = -1, right: bool = False) -> None:
        """`right`: a row with nothing that grows stands at the right edge (a row of buttons
        under a page's table), else at the left."""
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._right = right
        # The height each width needs, until the layout is invalidated: Qt asks it many times a
        # layout pass, and a station's page lays out again at every scan (its counts change).
        self._heights: dict[int, int] = {}

    # -- building ---------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add_stretch(self) -> None:
        """An empty item that takes the room left in its row (what follows goes right)."""
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # -- measuring --------------------------------------------------------------------------

    def spacing(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parent()
        if isinstance(parent, QWidget):
            return parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing, None, parent)
        if isinstance(parent, QLayout):
            return max(parent.spacing(), 0)
        return 6

    def setSpacing(self, spacing: int) -> None:
        self._spacing = spacing

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._place(QRect(0, 0, width, 0), move=False)
        return height

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def sizeHint(self) -> QSize:
        """All in one row: the width that needs, the height of the tallest."""
        spacing = self.spacing()
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown) + spacing * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        """The widest single item: every row is at least that wide."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    # -- inside -----------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty() or item.spacerItem() is not None]

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in rows inside `rect` (or only measure): the height it takes."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        spacing = self.spacing()
        rows: list[list[tuple[QLayoutItem, int]]] = [[]]
        used = 0
        for item in self._shown():
            hint = item.sizeHint()
            width = min(max(hint.width(), item.minimumSize().width()), area.width())
            if item.spacerItem() is not None:
                width = 0
            row = rows[-1]
            if row and used + spacing + width > area.width() and any(i.spacerItem() is None for i, _ in row):
                rows.append([])
                row, used = rows[-1], 0
            used += (spacing if row else 0) + width
            row.append((item, width))
        y = area.y()
        for row in rows:
            if all(item.spacerItem() is not None for item, _ in row):
                continue  # (a stretch that ends a row keeps the row at the left)
            left = area.width() - sum(w for _, w in row) - spacing * (len(row) - 1)
            growing = [i for i, (item, _) in enumerate(row) if _grows(item)]
            widths = [w for _, w in row]
            for n, i in enumerate(growing):  # the room left, shared among those that grow
                widths[i] += left // len(growing) + (1 if n < left % len(growing) else 0)
            heights = [
                item.heightForWidth(w) if item.hasHeightForWidth() else item.sizeHint().height()
                for (item, _), w in zip(row, widths, strict=True)
            ]
            height = max(heights)
            if move:
                x = area.x() + (left if self._right and not growing else 0)
                for (item, _), w, h in zip(row, widths, heights, strict=True):
                    item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(w, h)))
                    x += w + spacing
            y += height + spacing
        return y - spacing - area.y() + margins.top() + margins.bottom() if y > area.y() else 0


def _grows(item: QLayoutItem) -> bool:
    return bool(item.expandingDirections() & Qt.Orientation.Horizontal) and (
        item.spacerItem() is not None or item.widget() is not None
    )


def fit_placeholder(edit: QLineEdit) -> None:
    """Keep `edit` at least as wide as its placeholder needs whole (with the clear button's
    room, kept even while it is hidden): in a flow, what follows moves down instead."""
    edit.ensurePolished()
    frame = (
        edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
        if edit.hasFrame()
        else 0
    )
    margins = edit.textMargins()
    needs = QFontMetrics(edit.font()).horizontalAdvance(edit.placeholderText())
    needs += margins.left() + margins.right() + 4 * frame + 4 + 2 * _PADDING
    if edit.isClearButtonEnabled():
        needs += edit.sizeHint().height() // 2 + 8
    edit.setMinimumWidth(max(edit.minimumWidth(), needs))


_PADDING = 8  # the most a style sheet here pads a line edit by, each side


class WrappingLabel(QLabel):
    """A word-wrapped label whose height is fixed to what its text needs at its width, at
    least `least` pixels: one line or two of a station's large prompt, whole. Its height, and
    so the page's layout, changes only when the number of lines does (a new text of as many
    lines as the last, or the same width, relays nothing out)."""

    def __init__(self, text: str = "", least: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._least = least
        self.setWordWrap(True)
        self.setFixedHeight(least)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit()  # a role's style sheet (the prompt turning red) may change the font

    def _fit(self) -> None:
        # Measured here: QLabel's own heightForWidth never answers less than its fixed height.
        margins = self.contentsMargins()
        room = QRect(0, 0, max(self.width() - margins.left() - margins.right(), 1), 100_000)
        flags = int(self.alignment().value) | Qt.TextFlag.TextWordWrap.value
        lines = self.fontMetrics().boundingRect(room, flags, self.text()).height()
        height = max(self._least, lines + margins.top() + margins.bottom())
        if height != self.height() or height != self.minimumHeight():
            self.setFixedHeight(height)


def fit_sections(header: QHeaderView) -> None:
    """Widen each section in sight to at least what its title needs whole (a column's title
    a third longer in Russian than the width chosen for English), a stretched last section
    too: where the room left is less, the view scrolls sideways to it. Call once the model is
    set."""
    header.ensurePolished()
    shown = [s for s in range(header.count()) if not header.isSectionHidden(s)]
    last = max(shown, key=header.visualIndex) if shown and header.stretchLastSection() else -1
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        wanted = header.sectionSizeFromContents(section).width()
        if header.sectionSize(section) < wanted or section == last:
            header.resizeSection(section, wanted)  # the last: the least its stretch gives it


def together(*widgets: QWidget, spacing: int = -1) -> QWidget:
    """Widgets that go onto a new row of a flow together (a count and the button it feeds):
    in a row of their own, which itself wraps when even that is too narrow."""
    box = QWidget()
    box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)  # as wide as it needs
    row = FlowLayout(box, spacing=spacing)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return box


class WrappingHeader(QHeaderView):
    """A table's column titles wrapped onto more lines where a column is narrower than its
    title ("SKU · bin · vendor" over SKUs half as wide), whole: a column needs only its
    widest word, and the header grows to the lines its titles take."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(
            Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value)
        )
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.sectionResized.connect(lambda *_: self.updateGeometries())  # its height may change

    def sectionSizeFromContents(self, logical: int) -> QSize:
        whole = super().sectionSizeFromContents(logical)
        model = self.model()
        text = "" if model is None else str(model.headerData(logical, self.orientation()) or "")
        if not text:
            return whole
        metrics = QFontMetrics(self.font())
        margins = whole.width() - metrics.horizontalAdvance(text)  # the style's padding, arrows
        widest = max(metrics.horizontalAdvance(word) for word in text.split())
        width = max(self.sectionSize(logical) - margins, widest)
        flags = int(Qt.AlignmentFlag.AlignCenter.value) | Qt.TextFlag.TextWordWrap.value
        lines = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, text).height()
        return QSize(widest + margins, whole.height() - metrics.height() + lines)
