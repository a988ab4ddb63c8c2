"""Right and wrong sound different, and a table without speakers stays quiet without complaint."""

from __future__ import annotations

import wave

from ui.notify import _SOUND_FILES, SOUNDS, Notifier, Tone


def test_right_and_wrong_have_different_bundled_sounds() -> None:
    frames = {}
    for tone in (Tone.RIGHT, Tone.WRONG, Tone.NEW_ORDERS):
        with wave.open(str(SOUNDS / _SOUND_FILES[tone])) as w:
            assert w.getnchannels() == 1 and w.getsampwidth() == 2 and w.getnframes() > 0
            frames[tone] = w.readframes(w.getnframes())
    assert len(set(frames.values())) == 3
    assert len(frames[Tone.WRONG]) > len(frames[Tone.RIGHT])  # wrong is longer: heard from a step away


def test_each_verdict_asks_for_its_own_sound_and_says_its_words(qtbot) -> None:
    notifier = Notifier(sounds_on=True)  # no sound server here: it must stay silent, not warn
    heard: list[str] = []
    said: list[tuple[str, str]] = []
    notifier.sounded.connect(heard.append)
    notifier.said.connect(lambda text, tone: said.append((text, tone)))
    notifier.right("Label printed.")
    notifier.wrong("Wrong item: this order has no 4006381333931.")
    notifier.info("Synced.")
    assert heard == ["right", "wrong"]
    assert said == [
        ("Label printed.", "right"),
        ("Wrong item: this order has no 4006381333931.", "wrong"),
        ("Synced.", "info"),
    ]


def test_a_right_scan_ends_a_red_banner_the_newest_result_wins(qtbot) -> None:
    from ui.banner import Banner

    notifier = Notifier(sounds_on=False)
    banner = Banner()
    qtbot.addWidget(banner)
    notifier.said.connect(banner.show_message)
    notifier.wrong("Not on order 100001: 5901234123457. Put it back.")
    assert banner.tone == "wrong" and "Put it back" in banner.text()
    notifier.right()  # the next unit, right: a station says its words on its own page
    assert banner.tone == "" and banner.text() == ""
