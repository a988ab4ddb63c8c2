"""Product photos for the screens: fetched from the server off the GUI thread, shrunk to thumbnails
there (the size they are shown at, never the photo as sent), and kept in a bounded memory so an
order opened twice does not fetch them twice while a day of orders does not grow the program.

`photo_url` is relative to the server (`/api/v1/photos/<name>`). Photos are fetched on their own
lane with their own server client (`Workstation.photo_server`, a second `OrderServerClient`: a
requests Session is not shared between threads), so an order opened during a long sync pass
shows its photos at once instead of after the pass.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap

from ui.tasks import Lane, TaskRunner

if TYPE_CHECKING:
    from ui.context import Later


def thumbnail(content: bytes, size: QSize) -> QImage:
    """Decode and shrink a photo (any thread: QImage, unlike QPixmap, may live off the GUI)."""
    image = QImage.fromData(content)
    if image.isNull():
        raise ValueError("not an image")
    return image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


KEPT_PHOTOS = 400  # thumbnails kept (64x64: ~16 kB each): a shift's products, not every one seen
RETRY_FAILED_S = 60.0  # a photo that could not be had is asked for again after this long


class PhotoCache(QObject):
    """GUI thread. `request(url)` answers at once from memory, or fetches and emits `ready`;
    `request_all(urls)` answers what memory holds and fetches the rest in one task, which lands
    in one `batch_ready` (one relayout for an order's lines, not one per photo)."""

    ready = Signal(str, QPixmap)  # (photo_url, thumbnail)
    batch_ready = Signal(object)  # dict[str, QPixmap]: photos fetched together by request_all

    def __init__(
        self,
        tasks: TaskRunner,
        fetch: Callable[[str], bytes] | None,
        size: QSize,
        parent: QObject | None = None,
        kept: int = KEPT_PHOTOS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._fetch = fetch
        self._size = size
        self._kept = kept
        self._clock = clock
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._asked: set[str] = set()  # on their way, or fetched
        # A photo that could not be had (the server away, a wrong address since mended, a broken
        # file) is asked for again once RETRY_FAILED_S have passed, not at every order shown.
        self._failed: dict[str, float] = {}

    def _may_ask(self, url: str) -> bool:
        if url in self._asked:
            return False
        failed_at = self._failed.get(url)
        return failed_at is None or self._clock() - failed_at >= RETRY_FAILED_S

    def _failed_now(self, urls: Iterable[str]) -> None:
        now = self._clock()
        for url in urls:
            self._asked.discard(url)
            self._failed[url] = now
        if len(self._failed) > 4 * self._kept:  # missing photos are not remembered for ever
            self._failed = {u: t for u, t in self._failed.items() if now - t < RETRY_FAILED_S}

    def get(self, url: str) -> QPixmap | None:
        found = self._pixmaps.get(url)
        if found is not None:
            self._pixmaps.move_to_end(url)
        return found

    def _keep(self, url: str, pixmap: QPixmap) -> None:
        self._pixmaps[url] = pixmap
        self._pixmaps.move_to_end(url)
        while len(self._pixmaps) > self._kept:
            gone, _ = self._pixmaps.popitem(last=False)
            self._asked.discard(gone)  # fetched again if ever shown again
        if len(self._asked) > 4 * self._kept:
            self._asked = set(self._pixmaps)

    def request_all(self, urls: Iterable[str]) -> dict[str, QPixmap]:
        """The photos memory holds now; the others (not already asked for) are fetched in one
        task on the photos lane and emitted together in `batch_ready`."""
        held: dict[str, QPixmap] = {}
        missing: list[str] = []
        for url in dict.fromkeys(u for u in urls if u):
            cached = self.get(url)
            if cached is not None:
                held[url] = cached
            elif self._fetch is not None and self._may_ask(url):
                self._asked.add(url)
                missing.append(url)
        if missing:
            fetch, size = self._fetch, self._size
            assert fetch is not None

            def fetch_all() -> dict[str, QImage]:
                images: dict[str, QImage] = {}
                for url in missing:
                    try:
                        images[url] = thumbnail(fetch(url), size)
                    except Exception:  # a photo that fails leaves its line without one
                        continue
                return images

            def done(images: dict[str, QImage]) -> None:
                pixmaps = {url: QPixmap.fromImage(image) for url, image in images.items()}
                for url, pixmap in pixmaps.items():
                    self._keep(url, pixmap)
                self._failed_now(url for url in missing if url not in images)
                if pixmaps:
                    self.batch_ready.emit(pixmaps)

            self._tasks.run(
                fetch_all,
                on_success=done,
                on_failure=lambda _e: self._failed_now(missing),
                lane=Lane.PHOTOS,
                owner=self,
            )
        return held

    def request(self, url: str) -> None:
        if not url or self._fetch is None:
            return
        cached = self.get(url)
        if cached is not None:
            self.ready.emit(url, cached)
            return
        if not self._may_ask(url):
            return  # on its way, or failed a moment ago: a missing photo is not asked for again and again
        self._asked.add(url)
        fetch, size = self._fetch, self._size

        def done(image: QImage) -> None:
            pixmap = QPixmap.fromImage(image)
            self._keep(url, pixmap)
            self.ready.emit(url, pixmap)

        def failed(_error: BaseException) -> None:
            self._failed_now([url])  # the line shows without its photo; the order is still workable

        self._tasks.run(
            lambda: thumbnail(fetch(url), size),
            on_success=done,
            on_failure=failed,
            lane=Lane.PHOTOS,
            owner=self,
        )


def photo_fetcher(download: Later[Callable[[str], bytes]]) -> Callable[[str], bytes]:
    """The photo client's download (used on the photos lane only), asked for at each download:
    the bootstrap connects it after the window has painted (possibly after a page was built),
    and makes it anew when the server's address changes."""

    def fetch(url: str) -> bytes:
        get = download()
        if get is None:
            raise ConnectionError("no server client yet")
        return get(url)

    return fetch
