"""The Zebra `~HS` host status: three framed lines that say whether the printer can take a job.

Line 1: comm settings, paper out, pause, label length, formats in buffer, buffer full, …
Line 2: function settings, unused, head open, ribbon out, …
Line 3: password, static RAM.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import tr

STX, ETX = b"\x02", b"\x03"


class GarbledStatus(ValueError):
    """The printer answered ~HS with something that is not a host status."""


@dataclass(frozen=True, slots=True)
class HostStatus:
    paper_out: bool = False
    paused: bool = False
    buffer_full: bool = False
    head_open: bool = False
    ribbon_out: bool = False
    formats_in_buffer: int = 0
    labels_remaining: int = 0

    def fault(self) -> str:
        """Why the printer cannot print now, in words; "" when it can."""
        if self.head_open:
            return tr("The printer's head is open: close it.")
        if self.paper_out:
            return tr("The printer is out of paper (labels): load a new roll.")
        if self.ribbon_out:
            return tr("The printer is out of ribbon.")
        if self.buffer_full:
            return tr("The printer's buffer is full: wait for it to print what it has.")
        if self.paused:
            return tr("The printer is paused: press its pause button to resume.")
        return ""

    def encode(self) -> bytes:
        """The three lines as a printer sends them (for the emulator)."""
        b = int
        line1 = (
            f"030,{b(self.paper_out)},{b(self.paused)},1218,{self.formats_in_buffer:03d},"
            f"{b(self.buffer_full)},0,0,000,0,0,0"
        )
        line2 = f"001,0,{b(self.head_open)},{b(self.ribbon_out)},0,2,6,0,{self.labels_remaining:08d},1,000"
        line3 = "1234,0"
        return b"".join(STX + line.encode("ascii") + ETX + b"\r\n" for line in (line1, line2, line3))


def split_lines(data: bytes) -> list[bytes]:
    """The framed lines found in `data` so far (complete STX…ETX frames only)."""
    lines: list[bytes] = []
    rest = data
    while True:
        start = rest.find(STX)
        end = rest.find(ETX, start + 1)
        if start < 0 or end < 0:
            return lines
        lines.append(rest[start + 1 : end])
        rest = rest[end + 1 :]


def parse(data: bytes) -> HostStatus:
    """Parse a ~HS answer; GarbledStatus when it is not one."""
    lines = split_lines(data)
    if len(lines) < 3:
        raise GarbledStatus("fewer than three framed lines")
    try:
        one = lines[0].decode("ascii").split(",")
        two = lines[1].decode("ascii").split(",")
        if len(one) != 12 or len(two) != 11:
            raise GarbledStatus("wrong number of fields")
        flag = {"0": False, "1": True}
        return HostStatus(
            paper_out=flag[one[1]],
            paused=flag[one[2]],
            formats_in_buffer=int(one[4]),
            buffer_full=flag[one[5]],
            head_open=flag[two[2]],
            ribbon_out=flag[two[3]],
            labels_remaining=int(two[8]),
        )
    except (UnicodeDecodeError, KeyError, ValueError) as error:
        raise GarbledStatus(str(error)) from error
