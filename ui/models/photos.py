"""Product photos for the screens: fetched from the server off the GUI thread, shrunk to thumbnails
there, and kept in memory so an order opened twice does not fetch them twice.

`photo_url` is relative to the server (`/api/v1/photos/<name>`). Photos are fetched on their own
lane with their own server client (`Workstation.photo_server`, a second `OrderServerClient`: a
requests Session is not shared between threads), so an order opened during a long sync pass
shows its photos at once instead of after the pass.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap

from ui.tasks import Lane, TaskRunner

if TYPE_CHECKING:
    from ui.context import Workstation


def thumbnail(content: bytes, size: QSize) -> QImage:
    """Decode and shrink a photo (any thread: QImage, unlike QPixmap, may live off the GUI)."""
    image = QImage.fromData(content)
    if image.isNull():
        raise ValueError("not an image")
    return image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


class PhotoCache(QObject):
    """GUI thread. `request(url)` answers at once from memory, or fetches and emits `ready`."""

    ready = Signal(str, QPixmap)  # (photo_url, thumbnail)

    def __init__(
        self,
        tasks: TaskRunner,
        fetch: Callable[[str], bytes] | None,
        size: QSize,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._fetch = fetch
        self._size = size
        self._pixmaps: dict[str, QPixmap] = {}
        self._asked: set[str] = set()

    def get(self, url: str) -> QPixmap | None:
        return self._pixmaps.get(url)

    def request(self, url: str) -> None:
        if not url or self._fetch is None:
            return
        cached = self._pixmaps.get(url)
        if cached is not None:
            self.ready.emit(url, cached)
            return
        if url in self._asked:
            return  # on its way (or failed: a missing photo is not asked for again and again)
        self._asked.add(url)
        fetch, size = self._fetch, self._size

        def done(image: QImage) -> None:
            pixmap = QPixmap.fromImage(image)
            self._pixmaps[url] = pixmap
            self.ready.emit(url, pixmap)

        def failed(_error: BaseException) -> None:
            pass  # the line shows without its photo; the order is still workable

        self._tasks.run(
            lambda: thumbnail(fetch(url), size),
            on_success=done,
            on_failure=failed,
            lane=Lane.PHOTOS,
            owner=self,
        )


def photo_fetcher(workstation: Workstation) -> Callable[[str], bytes] | None:
    """The photo client's download (used on the photos lane only), or None at a table with no
    server (or none for photos)."""
    client = workstation.photo_server
    return None if client is None else client.photo
