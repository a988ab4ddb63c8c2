"""The keyboard-wedge scanner in a Qt application: an application-wide event filter that feeds
every key press to the pure decoder (`wedge.py`), wherever the focus is.

A scan's first keys arrive before anyone can know they are a scan, so every character key is
held back for a moment (max_gap, ~30 ms) and, if it turns out to be typing, replayed to the
widget it was meant for, in order. Keys of a scan are swallowed: none lands in a text field.
Runs on the GUI thread only.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from devices.wedge import WedgeBroken, WedgeDecoder, WedgeOutput, WedgeScan, WedgeSettings, WedgeTyping

log = logging.getLogger(__name__)

_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
}
# Widgets with this dynamic property set to True receive a whole scan as their text, then Enter.
SCAN_FIELD_PROPERTY = "prepdeskScanField"


@dataclass(slots=True)
class _HeldKey:
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    receiver: QWidget


class WedgeScannerFilter(QObject):
    """Install on the QApplication; connect `scanned` (text, source, wall-clock time) and
    `broken` (a reason to show and beep about)."""

    scanned = Signal(str, str, float)
    broken = Signal(str)

    def __init__(
        self,
        settings: WedgeSettings | None = None,
        *,
        source: str = "keyboard",
        gs_key: Qt.Key | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.decoder = WedgeDecoder(settings)
        self.source = source
        # Scanners that cannot type Ctrl+] on the workstation's layout are often set to send a
        # function key for the GS1 separator instead (F8 is a common choice); name it here.
        self.gs_key = gs_key
        self._clock = clock
        self._held: deque[_HeldKey] = deque()
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_deadline)
        self._offset: float | None = None  # window-system key time -> our clock

    def install(self, app: QCoreApplication) -> None:
        app.installEventFilter(self)

    def uninstall(self, app: QCoreApplication) -> None:
        app.removeEventFilter(self)
        self._timer.stop()
        self._apply(self.decoder.flush(self._clock()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or not isinstance(watched, QWidget):
            return False
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            # Claim character keys before the shortcut map sees them: a scanned "R" must not
            # fire a one-key shortcut. (Keys that prove to be typing come back as key presses.)
            if self._char(event) not in (None, "\r", "\t"):
                event.accept()
                return True
            return False
        if kind != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        char = self._char(event)
        if char is None:
            if event.key() not in _MODIFIER_KEYS:
                # Arrows, Backspace, shortcuts: first hand back what is held, in order.
                self._apply(self.decoder.flush(self._clock()))
            return False
        self._held.append(_HeldKey(event.key(), event.modifiers(), event.text() or char, watched))
        self._apply(self.decoder.feed(char, self._key_time(event)))
        return True

    # -- inside

    def _key_time(self, event: QKeyEvent) -> float:
        """When the key was pressed. The window system stamps each key; using that stamp, keys
        a person typed while the screen was busy keep their gaps when they are handed over
        together, and do not pass for a scan. Synthetic events carry no stamp: use the clock."""
        now = self._clock()
        stamp = event.timestamp()
        if stamp <= 0:
            return now
        at = stamp / 1000.0
        # A key is never handed over before it is pressed, so the smallest (now - stamp) seen is
        # the truest offset; a key that looks older than 2 s means the stamp counter restarted.
        if self._offset is None or now - at < self._offset or at + self._offset < now - 2.0:
            self._offset = now - at
        return at + self._offset

    def _char(self, event: QKeyEvent) -> str | None:
        if self.gs_key is not None and event.key() == self.gs_key and not event.isAutoRepeat():
            return "\x1d"
        return _data_char(event)

    def _on_deadline(self) -> None:
        self._apply(self.decoder.tick(self._clock()))

    def _apply(self, outputs: list[WedgeOutput]) -> None:
        for output in outputs:
            if isinstance(output, WedgeTyping):
                self._replay(len(output.text))
            elif isinstance(output, WedgeScan):
                receiver = self._take(output.keys)
                self._deliver_scan(output.text, receiver)
            elif isinstance(output, WedgeBroken):
                self._take(output.keys)
                log.warning("keyboard scan dropped: %s (%r)", output.reason, output.text[:64])
                self.broken.emit(output.reason)
        deadline = self.decoder.deadline()
        if deadline is None:
            self._timer.stop()
        else:
            self._timer.start(max(0, round((deadline - self._clock()) * 1000) + 1))

    def _take(self, n: int) -> QWidget | None:
        receiver = None
        for _ in range(min(n, len(self._held))):
            receiver = self._held.popleft().receiver
        return receiver

    def _replay(self, n: int) -> None:
        for _ in range(min(n, len(self._held))):
            held = self._held.popleft()
            target = held.receiver if shiboken6.isValid(held.receiver) else QApplication.focusWidget()
            if target is None:
                continue
            self._replaying = True
            try:
                QCoreApplication.sendEvent(
                    target, QKeyEvent(QEvent.Type.KeyPress, held.key, held.modifiers, held.text)
                )
            finally:
                self._replaying = False

    def _deliver_scan(self, text: str, receiver: QWidget | None) -> None:
        if (
            isinstance(receiver, QLineEdit)
            and shiboken6.isValid(receiver)
            and receiver.property(SCAN_FIELD_PROPERTY)
        ):
            receiver.setText(text)
            receiver.returnPressed.emit()
        self.scanned.emit(text, self.source, time.time())


def _data_char(event: QKeyEvent) -> str | None:
    """The character a key press carries for the decoder, or None for keys it leaves alone."""
    key = event.key()
    mods = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
    if event.isAutoRepeat():
        return None
    if key == Qt.Key.Key_BracketRight and mods == Qt.KeyboardModifier.ControlModifier:
        return "\x1d"  # Ctrl+] is how a wedge scanner types ASCII 29, the GS1 separator
    text = event.text()
    alt_gr = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    if mods == alt_gr or mods == Qt.KeyboardModifier.GroupSwitchModifier:
        # AltGr characters of European layouts ("@" on a German keyboard) are data.
        return text if len(text) == 1 and text.isprintable() else None
    if mods != Qt.KeyboardModifier.NoModifier:
        return None
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return "\r"
    if key == Qt.Key.Key_Tab:
        return "\t"
    if len(text) == 1 and (text.isprintable() or text == "\x1d"):
        return text
    return None
