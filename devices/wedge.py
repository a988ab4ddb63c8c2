"""Keyboard-wedge scanners: tells a scan from a person's typing by the rhythm of the keys, or,
where the scanner is set to send a prefix (and a suffix), by those alone.

A pure decoder, no Qt: feed it (character, time) pairs; it answers what became of them — a
whole scan, keys to hand back as ordinary typing, or a broken scan to complain about. The Qt
adapter (`wedge_qt.py`) holds keys back while the decoder decides, and replays the typing.
Runs on whichever thread feeds it (the GUI thread, in the workstation); not thread-safe.

Framed scans: with a prefix set, a scan is the keys between the prefix and the suffix (or the
terminator), however far apart they come: a machine under load that hands keys over late, or a
scanner that pauses, can no longer turn a scan's first key into typing. Keys that do not start
with the prefix are typing at once. Most scanners can add a prefix and a suffix to every code
(their manual's "prefix/suffix" or "data editing" barcodes); `setup_scan` tells Prepdesk which.
"""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass, field

from app.domain.codes import Command, command_barcode
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
    prefix: str = ""  # stripped from the scan; keys without it are typing; with it, gaps don't matter
    suffix: str = ""  # stripped from the scan; where set, a framed scan without it is broken
    terminator: Terminator = Terminator.ENTER
    min_length: int = 5  # data characters, after the prefix
    max_length: int = 8192  # longer bursts are a stuck key or junk
    # Without a terminator a scan ends after this much silence (None: after max_gap).
    idle_timeout: float | None = None
    # A framed scan (prefix seen) still waiting for its end after this much silence was cut short.
    framed_timeout: float = 1.0

    @property
    def framed(self) -> bool:
        return bool(self.prefix)


# The code Prepdesk prints for teaching it the scanner's prefix and suffix: scanned once after the
# scanner was set up, whatever comes before and after it is taken as the prefix and the suffix.
SETUP_CODE = command_barcode(Command.SCANNER_SETUP)  # "PDC-SCANNER-SETUP", on the command sheet


def learn_affixes(keys: str, terminator: Terminator = Terminator.ENTER) -> tuple[str, str] | None:
    """(prefix, suffix) from the keys a scan of `SETUP_CODE` sent, or None when they do not
    hold it. The terminator, where one came, is not part of the suffix."""
    text = keys.rstrip("".join(_TERMINATOR_CHARS[terminator]))
    at = text.upper().find(SETUP_CODE)
    if at < 0:
        return None
    return text[:at], text[at + len(SETUP_CODE) :]


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
        s = self.settings
        wait = s.max_gap
        if s.terminator is Terminator.NONE and s.idle_timeout is not None:
            wait = max(wait, s.idle_timeout)
        if s.framed and (s.suffix or s.terminator is not Terminator.NONE or not self._framed_open()):
            wait = max(wait, s.framed_timeout)
        return self._burst.times[-1] + wait

    def tick(self, now: float) -> list[WedgeOutput]:
        deadline = self.deadline()
        if deadline is None or now < deadline:
            return []
        return self._close_framed(now, None) if self.settings.framed else self._close(now, None)

    def feed(self, char: str, at: float) -> list[WedgeOutput]:
        """One key's text (one character; "\\r" for Enter, "\\t" for Tab) pressed at `at` seconds."""
        if self.settings.framed:
            return self._feed_framed(char, at)
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
        if not self.holding:
            return []
        return self._close_framed(now, None) if self.settings.framed else self._close(now, None)

    # -- framed scans (a prefix set): the prefix and suffix decide, not the gaps

    def _framed_open(self) -> bool:
        """The prefix came whole: the keys held are a scan's, whatever their pace."""
        prefix = self.settings.prefix
        return len(self._burst.chars) >= len(prefix) and "".join(self._burst.chars[: len(prefix)]) == prefix

    def _feed_framed(self, char: str, at: float) -> list[WedgeOutput]:
        s = self.settings
        burst = self._burst
        if not self.holding:
            if char == s.prefix[0]:
                burst.chars.append(char)
                burst.times.append(at)
                return []
            return [WedgeTyping(char)]
        if not self._framed_open():
            if char in self._terminators:
                return [*self._release(), WedgeTyping(char)]
            burst.chars.append(char)
            burst.times.append(at)
            if "".join(burst.chars) != s.prefix[: len(burst.chars)]:
                return self._release()  # not the prefix: a person typing
            return []
        if char in self._terminators:
            return self._close_framed(at, char)
        if burst.overflow or len(burst.chars) >= s.max_length:
            burst.overflow += 1
            burst.times[-1] = at
            return []
        burst.chars.append(char)
        burst.times.append(at)
        data = "".join(burst.chars[len(s.prefix) :])
        if s.suffix and s.terminator is Terminator.NONE and data.endswith(s.suffix):
            return self._close_framed(at, None)
        return []

    def _close_framed(self, now: float, terminator: str | None) -> list[WedgeOutput]:
        s = self.settings
        burst = self._burst
        if not self._framed_open():  # the start of a prefix, then nothing: typing
            return self._release()
        keys = len(burst.chars) + burst.overflow + (1 if terminator else 0)
        self._burst = _Burst()
        if burst.overflow:
            return [
                WedgeBroken(
                    "".join(burst.chars[:64]), tr("Too long for one scan ({n} keys)", n=keys), now, keys
                )
            ]
        text = "".join(burst.chars)
        data = text[len(s.prefix) :]
        ended = terminator is not None or (s.terminator is Terminator.NONE and not s.suffix)
        if s.suffix:
            ended = ended or s.terminator is Terminator.NONE
            if data.endswith(s.suffix):
                data = data[: len(data) - len(s.suffix)]
            else:
                ended = False
        if ended and len(data) >= s.min_length:
            return [WedgeScan(data, burst.times[0], burst.times[-1], keys)]
        gaps = sorted(b - a for a, b in itertools.pairwise(burst.times))
        if not terminator and gaps and gaps[len(gaps) // 2] > s.max_gap:
            # A person typed the prefix's sign and went on at a person's pace: give it back.
            return [WedgeTyping(text)]
        return [WedgeBroken(text, tr("A scan was cut short; scan again"), now, keys)]

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
