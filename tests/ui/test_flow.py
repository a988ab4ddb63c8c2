"""ui/flow.py: rows that wrap rather than cut, prompts that take the lines they need, titles
that wrap over their columns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ui.flow import FlowLayout, WrappingHeader, WrappingLabel, together

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()


def _page(qtbot, flow: FlowLayout, width: int) -> QWidget:
    page = QWidget()
    column = QVBoxLayout(page)
    column.addLayout(flow)
    column.addStretch(1)
    qtbot.addWidget(page)
    page.resize(width, 400)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_a_row_too_long_for_the_page_wraps_each_button_whole(qtbot) -> None:
    buttons = [QPushButton(f"A rather long button {n}") for n in range(4)]
    flow = FlowLayout()
    for b in buttons:
        flow.addWidget(b)
    page = _page(qtbot, flow, 2000)
    assert len({b.y() for b in buttons}) == 1  # room for all: one row
    page.resize(400, 400)
    qtbot.wait(20)
    assert len({b.y() for b in buttons}) > 1
    for b in buttons:
        assert b.width() >= b.sizeHint().width()
        assert b.geometry().right() < 400


def test_a_stretch_pushes_what_follows_right_and_right_rows_stand_at_the_right(qtbot) -> None:
    left, right = QPushButton("Left"), QPushButton("Right")
    flow = FlowLayout(right=True)
    flow.addWidget(left)
    flow.add_stretch()
    flow.addWidget(right)
    page = _page(qtbot, flow, 600)
    assert left.x() < 30 and right.geometry().right() > 560

    pair = together(QPushButton("One key"), QPushButton("Another key"))
    wide = QLabel("x" * 200)
    flow2 = FlowLayout(right=True)
    flow2.addWidget(wide)
    flow2.addWidget(pair)
    page2 = _page(qtbot, flow2, 500)
    assert pair.y() > wide.y() and pair.geometry().right() > 460  # its own row, at the right
    del page, page2


def test_the_prompt_takes_two_lines_when_one_is_too_few_and_one_again_after(qtbot) -> None:
    prompt = WrappingLabel("Short", least=40)
    prompt.setStyleSheet("font-size: 30pt;")
    page = QWidget()
    QVBoxLayout(page).addWidget(prompt)
    qtbot.addWidget(page)
    page.resize(300, 400)
    page.show()
    qtbot.waitExposed(page)
    one = prompt.height()
    prompt.setText("A prompt far too long for one line of this page")
    assert prompt.height() > one
    prompt.setText("Short")
    assert prompt.height() == one


def test_a_title_wraps_over_a_column_narrower_than_it(qtbot) -> None:
    model = QStandardItemModel(1, 2)
    model.setHorizontalHeaderLabels(["SKU · bin · vendor", "Total"])
    view = QTableView()
    view.setModel(model)
    header = WrappingHeader(view)
    view.setHorizontalHeader(header)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    one_line = header.sizeHint().height()
    header.resizeSection(0, header.sectionSizeFromContents(0).width())
    qtbot.wait(20)
    assert header.sectionSizeFromContents(0).width() < header.fontMetrics().horizontalAdvance(
        "SKU · bin · vendor"
    )
    assert header.sizeHint().height() > one_line
    assert header.defaultAlignment() & Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value)
