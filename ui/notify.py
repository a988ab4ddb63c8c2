"""How the workstation tells the packer something: a verdict (right/wrong) with its own sound, a
note, or a tray message. Pages call the `Notifier`; the main window shows what it emits.

Sounds are bundled WAVs (resources/sounds/) played with QtMultimedia's QSoundEffect. Where the
machine has no sound server (a headless CI box, a table without speakers) the notifier logs one
note and stays quiet: QtMultimedia is not even loaded, so it cannot warn.
"""

from __future__ import annotations

import enum
import logging
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal

log = logging.getLogger(__name__)

SOUNDS = Path(__file__).resolve().parent.parent / "resources" / "sounds"


class Tone(enum.StrEnum):
    """What kind of news: each has its colour on screen and (for some) its sound."""

    RIGHT = "right"  # green: a good scan, a job confirmed
    WRONG = "wrong"  # red: a wrong item, a refused action, a cancelled order
    INFO = "info"  # neutral: progress, a sync finished
    NEW_ORDERS = "new_orders"  # new orders ready to print


_SOUND_FILES = {
    Tone.RIGHT: "right.wav",
    Tone.WRONG: "wrong.wav",
    Tone.NEW_ORDERS: "new_orders.wav",
}


def sound_server_present() -> bool:
    """Is there something to play sounds on? (Linux: a PulseAudio or PipeWire socket.)"""
    if sys.platform != "linux":
        return True
    if os.environ.get("PULSE_SERVER"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    candidates = [
        Path(runtime) / "pulse" / "native",
        Path(runtime) / "pipewire-0",
        Path("/var/run/pulse/native"),
    ]
    return any(p.exists() for p in candidates)


class Notifier(QObject):
    """The one voice of the workstation. GUI thread only."""

    said = Signal(str, str)  # (text, Tone value): the window shows it in the banner / status bar
    sounded = Signal(str)  # the Tone value whose sound was asked for (also when muted: tests)
    tray_message = Signal(str, str)  # (title, text) for the system tray

    def __init__(self, parent: QObject | None = None, *, sounds_on: bool = True) -> None:
        super().__init__(parent)
        self.sounds_on = sounds_on
        self._effects: dict[Tone, Any] | None = None

    def right(self, text: str = "") -> None:
        self._say(text, Tone.RIGHT)

    def wrong(self, text: str) -> None:
        self._say(text, Tone.WRONG)

    def info(self, text: str) -> None:
        self._say(text, Tone.INFO)

    def new_orders(self, title: str, text: str) -> None:
        """New orders are ready to print: a tray message and the chime."""
        self.tray_message.emit(title, text)
        self._say(text, Tone.NEW_ORDERS)

    def _say(self, text: str, tone: Tone) -> None:
        if text or tone is Tone.RIGHT:
            # A right scan with no words of its own still ends a red banner: the newest result wins.
            self.said.emit(text, tone.value)
        if tone in _SOUND_FILES:
            self.sounded.emit(tone.value)
            if self.sounds_on:
                self._play(tone)

    def _play(self, tone: Tone) -> None:
        effects = self._load_effects()
        effect = effects.get(tone)
        if effect is not None:
            effect.play()

    def _load_effects(self) -> dict[Tone, Any]:
        if self._effects is not None:
            return self._effects
        self._effects = {}
        if not sound_server_present():
            log.info("no sound server on this machine: the workstation stays silent")
            return self._effects
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as error:  # QtMultimedia's system libraries are missing
            log.info("sounds off: QtMultimedia cannot load (%s)", error)
            return self._effects
        if not QMediaDevices.audioOutputs():
            log.info("no audio output device: the workstation stays silent")
            return self._effects
        for tone, name in _SOUND_FILES.items():
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(SOUNDS / name)))
            effect.setVolume(0.8)
            self._effects[tone] = effect
        return self._effects
