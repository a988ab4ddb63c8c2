"""Demo mode's "Printed labels" panel: every job the emulated printer received, rendered as the
printer would print it, newest first — so a newcomer sees the labels without a printer.

GUI thread. It watches the emulator (`Workstation.printer_emulator`, from
`printing/emulator.py`) on a timer and renders each new job in a worker: ZPL with zplkit (an
independent ZPL renderer, so the panel shows what the printer got, not what we meant to send),
a PDF with pypdfium2. What cannot be rendered shows as its first lines of text.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import formats
from app.i18n import ntr, tr
from ui.context import Later

if TYPE_CHECKING:
    from printing.emulator import PrinterEmulator
    from ui.tasks import TaskRunner


RENDER_LANE = "render"  # rendering a received label never waits behind the store or a printer
POLL_MS = 700
THUMB = QSize(200, 300)
GRAPHIC_BYTES = 400_000  # the largest ^GF graphic drawn (a 4x6 label at 300 dpi is ~270 kB)
KEPT = 200  # labels shown at most: a demo left running all day keeps the newest, not every one


def job_bytes(job: Any) -> bytes:
    """A received job's raw bytes, whatever the emulator keeps (bytes, or an object with them)."""
    if isinstance(job, bytes | bytearray):
        return bytes(job)
    for name in ("data", "payload", "raw", "content"):
        value = getattr(job, name, None)
        if isinstance(value, bytes | bytearray):
            return bytes(value)
    return str(job).encode()


def render_job(content: bytes) -> list[QImage]:
    """The pages of a job as images (worker thread); raises when it cannot be drawn."""
    if content.lstrip().startswith(b"%PDF"):
        import pypdfium2

        pdf = pypdfium2.PdfDocument(content)
        return [QImage.fromData(_png(page.render(scale=1.0).to_pil())) for page in pdf]
    import zplkit
    from zplkit.rendering import Limits

    # A whole 4x6 graphic (a carrier's PDF label drawn for the thermal printer) is ~124 kB;
    # printers take it, zplkit's default cap is 25 kB.
    document = zplkit.render(content, limits=Limits(graphic_bytes=GRAPHIC_BYTES))
    images = [QImage.fromData(label.png()) for label in document.labels]
    if not images:
        raise ValueError("no label in the job")
    return images


def _png(image: Any) -> bytes:
    import io

    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _framed(image: QImage) -> QPixmap:
    """The label on its own white card with a dark edge, so a white label shows on the panel."""
    label = QPixmap.fromImage(image).scaled(
        THUMB - QSize(4, 4), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    card = QPixmap(label.size() + QSize(4, 4))
    card.fill(QColor("#222222"))
    painter = QPainter(card)
    painter.drawPixmap(2, 2, label)
    painter.end()
    return card


def job_text(content: bytes, lines: int = 8) -> str:
    return "\n".join(content.decode("utf-8", "replace").splitlines()[:lines])


class PrintedLabelsPanel(QWidget):
    """The labels the demo printer received. `refresh()` looks for new jobs at once."""

    labels_shown = Signal(int)  # how many labels the panel shows

    def __init__(
        self, *, tasks: TaskRunner, emulator: Later[PrinterEmulator], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks, self._emulator = tasks, emulator
        self._seen = 0
        self._pages = 0
        self._received = 0  # every label since the last Clear, shown or dropped from the bottom
        self.summary = QLabel()
        self.summary.setProperty("role", "big")
        self.summary.setWordWrap(True)  # a narrow dock: the heading takes two lines, never cut
        self.list = QListWidget()
        # One column, newest on top, each label with its caption under it: fits a narrow dock.
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.TopToBottom)
        self.list.setWrapping(False)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setIconSize(THUMB)
        self.setMinimumWidth(THUMB.width() + 60)
        self.list.setSpacing(6)
        self.list.setStyleSheet("QListWidget { background: #d9dde3; font-size: 12pt; }")
        self.list.setWordWrap(True)
        self.clear_button = QPushButton(tr("Clear"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.clear_button)
        self.clear_button.clicked.connect(self.clear)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(POLL_MS)
        self._show_summary()

    @property
    def emulator(self) -> PrinterEmulator | None:
        return self._emulator()

    def refresh(self) -> None:
        emulator = self.emulator
        jobs = list(getattr(emulator, "jobs", ()) or ()) if emulator is not None else []
        for number, job in enumerate(jobs[self._seen :], start=self._seen + 1):
            self._render(number, job_bytes(job))
        self._seen = len(jobs)

    def _render(self, number: int, content: bytes) -> None:
        at = formats.clock(datetime.now(), seconds=True)
        self._tasks.run(
            lambda: render_job(content),
            on_success=lambda images: self._add(number, at, len(content), images),
            on_failure=lambda _error: self._add_text(number, at, content),
            lane=RENDER_LANE,
            owner=self,
        )

    def _add(self, number: int, at: str, size: int, images: list[QImage]) -> None:
        for page, image in enumerate(images, start=1):
            pixmap = _framed(image)
            caption = tr("Job {n} · {at}", n=number, at=at)
            if len(images) > 1:
                caption += " · " + tr("page {page}", page=page)
            item = QListWidgetItem(QIcon(pixmap), caption)
            item.setToolTip(tr("{size} bytes received", size=formats.number(size)))
            self._insert(item)
        self._show_summary()

    def _add_text(self, number: int, at: str, content: bytes) -> None:
        self._insert(QListWidgetItem(tr("Job {n} · {at}", n=number, at=at) + "\n" + job_text(content)))
        self._show_summary()

    def _insert(self, item: QListWidgetItem) -> None:
        """On top; the oldest leaves the bottom once `KEPT` are shown (one row, not a rebuild)."""
        self.list.insertItem(0, item)
        self._received += 1
        while self.list.count() > KEPT:
            self.list.takeItem(self.list.count() - 1)

    def clear(self) -> None:
        self.list.clear()
        self._received = 0
        self._show_summary()

    def _show_summary(self) -> None:
        count = self.list.count()
        if self.emulator is None:
            self.summary.setText(tr("No emulated printer is running."))
        elif self._received > count:
            self.summary.setText(
                tr("{n} labels received, the newest {kept} shown", n=self._received, kept=count)
            )
        else:
            self.summary.setText(ntr("{n} label received", "{n} labels received", count))
        self.labels_shown.emit(count)
