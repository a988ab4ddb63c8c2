"""Keyboard-wedge scanners: tells a scan from a person's typing by the rhythm of the keys.

A pure decoder, no Qt: feed it (character, time) pairs; it answers what became of them — a
whole scan, keys to hand back as ordinary typing, or a broken scan to complain about. The Qt
adapter (`wedge_qt.py`) holds keys back while the decoder decides, and replays the typing.
Runs on whichever thread feeds it (the GUI thread, in the workstation); not thread-safe.
"""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass, field

from app.i18n import tr


class Terminator(enum.StrEnum):
    """The key a scanner sends after the data (set in the scanner's configuration)."""

    ENTER = "enter"
    TAB = "tab"
    NONE = "none"  # the scan ends when the keys stop coming


_TERMINATOR_CHARS = {Terminator.ENTER: ("\r", "\n"), Terminator.TAB: ("\t",), Terminator.NONE: ()}


@dataclass(frozen=True, slots=True)
class WedgeSettings:
    # Warehouse scanners send a key every 1-10 ms; people rarely type two keys under 30 ms apart.
    max_gap: float = 0.030
    prefix: str = ""  # stripped from the scan; a burst without it is typing
    terminator: Terminator = Terminator.ENTER
    min_length: int = 5  # data characters, after the prefix
    max_length: int = 8192  # longer bursts are a stuck key or junk
    # Without a terminator a scan ends after this much silence (None: after max_gap).
    idle_timeout: float | None = None


@dataclass(frozen=True, slots=True)
class WedgeScan:
    text: str  # without prefix and terminator
    started: float
    ended: float
    keys: int  # how many of the keys fed it used up (prefix and terminator included)


@dataclass(frozen=True, slots=True)
class WedgeTyping:
    """Keys that turned out to be a person's typing: deliver them as if never held."""

    text: str


@dataclass(frozen=True, slots=True)
class WedgeBroken:
    """Scanner-speed keys that did not make a whole scan (cut short, too long): dropped."""

    text: str
    reason: str
    at: float
    keys: int


WedgeOutput = WedgeScan | WedgeTyping | WedgeBroken


@dataclass(slots=True)
class _Burst:
    chars: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    overflow: int = 0


class WedgeDecoder:
    """Feeds keys in; scans, typing and broken scans out, in the order the keys came."""

    def __init__(self, settings: WedgeSettings | None = None) -> None:
        self.settings = settings or WedgeSettings()
        self._terminators = _TERMINATOR_CHARS[self.settings.terminator]
        self._burst = _Burst()
        self._broken_until = -1.0  # the tail of a broken scan may still come until then

    @property
    def holding(self) -> bool:
        """Whether keys are held back, waiting for the decoder to decide."""
        return bool(self._burst.chars) or self._burst.overflow > 0

    def deadline(self) -> float | None:
        """When `tick` must be called if no key comes first (None: nothing held)."""
        if not self.holding:
            return None
        wait = self.settings.max_gap
        if self.settings.terminator is Terminator.NONE and self.settings.idle_timeout is not None:
            wait = max(wait, self.settings.idle_timeout)
        return self._burst.times[-1] + wait

    def tick(self, now: float) -> list[WedgeOutput]:
        deadline = self.deadline()
        if deadline is None or now < deadline:
            return []
        return self._close(now, None)

    def feed(self, char: str, at: float) -> list[WedgeOutput]:
        """One key's text (one character; "\\r" for Enter, "\\t" for Tab) pressed at `at` seconds."""
        out: list[WedgeOutput] = []
        burst = self._burst
        if self.holding and at - burst.times[-1] > self.settings.max_gap:
            out += self._close(at, None)
            burst = self._burst
        if char in self._terminators:
            if self.holding:
                out += self._close(at, char)
            else:
                out.append(WedgeTyping(char))
            return out
        if burst.overflow or len(burst.chars) >= self.settings.max_length:
            burst.overflow += 1
            burst.times[-1] = at
            return out
        burst.chars.append(char)
        burst.times.append(at)
        prefix = self.settings.prefix
        if prefix and len(burst.chars) <= len(prefix) and "".join(burst.chars) != prefix[: len(burst.chars)]:
            # Not the prefix the scanner sends: a person is typing; no need to hold them back.
            out += self._release()
        return out

    def flush(self, now: float) -> list[WedgeOutput]:
        """Decide at once (a non-character key came, or the window lost focus)."""
        return self._close(now, None) if self.holding else []

    # -- inside

    def _release(self) -> list[WedgeOutput]:
        text = "".join(self._burst.chars)
        self._burst = _Burst()
        return [WedgeTyping(text)] if text else []

    def _close(self, now: float, terminator: str | None) -> list[WedgeOutput]:
        burst = self._burst
        s = self.settings
        self._burst = _Burst()
        if burst.overflow:
            self._broken_until = now + 1.0
            n = len(burst.chars) + burst.overflow
            keys = n + (1 if terminator else 0)
            return [
                WedgeBroken("".join(burst.chars[:64]), tr("Too long for one scan ({n} keys)", n=n), now, keys)
            ]
        out: list[WedgeOutput] = []
        lead, chars, times = _peel_typed_lead(burst.chars, burst.times)
        if lead:
            out.append(WedgeTyping(lead))
        text = "".join(chars)
        data: str | None = text
        if s.prefix:
            data = text[len(s.prefix) :] if text.startswith(s.prefix) else None
        ends_right = terminator is not None or s.terminator is Terminator.NONE
        keys = len(chars) + (1 if terminator else 0)
        if data is not None and ends_right and len(data) >= s.min_length:
            out.append(WedgeScan(data, times[0], times[-1], keys))
        elif len(chars) >= s.min_length:
            # Too fast and too long for a person, yet no whole scan: the scanner was cut off.
            self._broken_until = now + 1.0
            out.append(WedgeBroken(text, tr("A scan was cut short; scan again"), now, keys))
        elif terminator is not None and times[0] <= self._broken_until:
            # The tail of a scan that was cut short: it must not land in a text field.
            out.append(WedgeBroken(text, tr("A scan was cut short; scan again"), now, keys))
        else:
            out.append(WedgeTyping(text + (terminator or "")))
        return out


def _peel_typed_lead(chars: list[str], times: list[float]) -> tuple[str, list[str], list[float]]:
    """A key a person pressed just before the scanner started belongs to the typing: it stands
    much further from the scan's first key than the scanner's own steady rhythm."""
    if len(chars) < 6:
        return "", chars, times
    gaps = sorted(b - a for a, b in itertools.pairwise(times[2:]))
    rhythm = gaps[len(gaps) // 2]
    apart = max(3 * rhythm, rhythm + 0.008)
    for lead in (1, 2):
        if times[lead] - times[lead - 1] > apart and times[lead + 1] - times[lead] <= apart:
            return "".join(chars[:lead]), chars[lead:], times[lead:]
    return "", chars, times
