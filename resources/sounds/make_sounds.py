"""Writes the workstation's sounds (sine tones, 16-bit mono WAV) beside this file.

Run once after changing a tone: `python resources/sounds/make_sounds.py`. Right is a short high
double chirp; wrong is a low, longer, buzzy tone a packer tells apart without looking.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
HERE = Path(__file__).resolve().parent


def tone(freq: float, seconds: float, volume: float = 0.6, square: float = 0.0) -> list[float]:
    n = int(RATE * seconds)
    fade = max(1, int(RATE * 0.008))
    out = []
    for i in range(n):
        s = math.sin(2 * math.pi * freq * i / RATE)
        if square:
            s = (1 - square) * s + square * (1.0 if s >= 0 else -1.0)
        env = min(1.0, i / fade, (n - i) / fade)
        out.append(volume * env * s)
    return out


def silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


def write(name: str, samples: list[float]) -> None:
    with wave.open(str(HERE / name), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(max(-1, min(1, s)) * 32000)) for s in samples))


if __name__ == "__main__":
    write("right.wav", tone(1568, 0.07) + silence(0.03) + tone(2093, 0.09))
    write("wrong.wav", tone(180, 0.45, volume=0.7, square=0.5))
    write("new_orders.wav", tone(880, 0.12) + silence(0.05) + tone(1175, 0.12) + silence(0.05) + tone(1319, 0.2))
