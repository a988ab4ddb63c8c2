"""What a station answers to one scan or key: accepted or refused, the reason in words, what
changed, and the sound the table plays. Frozen, so it crosses from the store lane to the GUI."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Sound(enum.StrEnum):
    """The sound the table plays for a verdict (the values are ui.notify.Tone's)."""

    RIGHT = "right"
    WRONG = "wrong"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Verdict:
    """One scan's answer. `message` is for the person at the table; `lines` are the positions of
    the order lines whose counts changed (the page repaints those rows alone); `journal_id` is
    the scan journal's number of the scan, committed before this verdict was made."""

    accepted: bool
    message: str
    sound: Sound
    lines: tuple[int, ...] = ()
    journal_id: int | None = None
    code: str = ""  # a product code the scan named that is not on the order: the page looks it up
    open_order: str = ""  # the id of an order the page opens next (a label scanned twice)
    verify_order: str = ""  # the id of an order whose goods are verified by scan before packing

    @classmethod
    def right(cls, message: str, lines: tuple[int, ...] = (), journal_id: int | None = None) -> Verdict:
        return cls(True, message, Sound.RIGHT, lines, journal_id)

    @classmethod
    def wrong(cls, message: str, journal_id: int | None = None, code: str = "") -> Verdict:
        return cls(False, message, Sound.WRONG, (), journal_id, code)

    @classmethod
    def quiet(cls, message: str, lines: tuple[int, ...] = (), journal_id: int | None = None) -> Verdict:
        """Accepted with no sound: a key the person pressed (undo, quantity) rather than an item."""
        return cls(True, message, Sound.NONE, lines, journal_id)
