"""The keyboard-wedge decoder with synthetic key timings: scans come out whole, typing comes out
as typing, and nothing a scanner sent lands in a text field as stray characters."""

from __future__ import annotations

from devices.wedge import Terminator, WedgeBroken, WedgeDecoder, WedgeScan, WedgeSettings, WedgeTyping

SCANNER = 0.004  # a key every 4 ms
PERSON = 0.120  # a brisk typist
FAST_PERSON = 0.045


class Keys:
    """A keyboard with a clock: sends strings at a given pace and collects what the decoder says."""

    def __init__(self, decoder: WedgeDecoder) -> None:
        self.decoder = decoder
        self.now = 100.0
        self.out: list[object] = []

    def send(self, text: str, gap: float) -> Keys:
        for ch in text:
            self.out += self.decoder.feed(ch, self.now)
            self.now += gap
        self.now -= gap
        return self

    def pause(self, seconds: float) -> Keys:
        self.now += seconds
        self.out += self.decoder.tick(self.now)
        return self

    def scans(self) -> list[str]:
        return [o.text for o in self.out if isinstance(o, WedgeScan)]

    def typed(self) -> str:
        return "".join(o.text for o in self.out if isinstance(o, WedgeTyping))

    def broken(self) -> list[WedgeBroken]:
        return [o for o in self.out if isinstance(o, WedgeBroken)]


def test_a_fast_scan_with_enter_is_one_scan_and_types_nothing() -> None:
    keys = Keys(WedgeDecoder()).send("PDO-1042\r", SCANNER).pause(1)
    assert keys.scans() == ["PDO-1042"] and keys.typed() == ""


def test_slow_typing_is_typing_even_with_enter() -> None:
    keys = Keys(WedgeDecoder()).send("PDO-1042\r", PERSON).pause(1)
    assert keys.scans() == [] and keys.typed() == "PDO-1042\r"


def test_fast_typing_with_rolled_keys_is_still_typing() -> None:
    keys = Keys(WedgeDecoder())
    for word in ("the", "quick", "ship"):
        keys.send(word[:2], 0.012).pause(FAST_PERSON).send(word[2:], FAST_PERSON).pause(FAST_PERSON)
    keys.send("\r", 0).pause(1)
    assert keys.scans() == [] and keys.typed() == "thequickship\r"


def test_typing_is_held_only_for_a_moment() -> None:
    decoder = WedgeDecoder()
    assert decoder.feed("a", 5.0) == []
    deadline = decoder.deadline()
    assert deadline is not None and deadline <= 5.0 + WedgeSettings().max_gap + 1e-9
    assert decoder.tick(deadline) == [WedgeTyping("a")]


def test_two_scans_back_to_back_are_two_scans() -> None:
    keys = Keys(WedgeDecoder()).send("PDO-1\rPDB-ANNA\r", SCANNER).pause(1)
    assert keys.scans() == ["PDO-1", "PDB-ANNA"] and keys.typed() == ""


def test_a_scan_while_a_person_types_keeps_both_apart() -> None:
    keys = Keys(WedgeDecoder()).send("note", PERSON).pause(PERSON).send("4006381333931\r", SCANNER)
    keys.pause(PERSON).send("ok", PERSON).pause(1)
    assert keys.scans() == ["4006381333931"] and keys.typed() == "noteok"


def test_a_key_pressed_just_before_the_scanner_starts_is_typing_not_scan() -> None:
    keys = Keys(WedgeDecoder()).send("x", 0).pause(0.020).send("4006381333931\r", SCANNER).pause(1)
    assert keys.scans() == ["4006381333931"] and keys.typed() == "x"


def test_a_scan_cut_short_is_reported_and_neither_half_is_typed() -> None:
    keys = Keys(WedgeDecoder()).send("PDO-10", SCANNER).pause(0.2).send("42\r", SCANNER).pause(1)
    assert keys.scans() == [] and keys.typed() == ""
    assert len(keys.broken()) == 2 and "cut short" in keys.broken()[0].reason


def test_a_scan_with_a_prefix_and_no_terminator_ends_when_the_keys_stop() -> None:
    settings = WedgeSettings(prefix="~", terminator=Terminator.NONE)
    keys = Keys(WedgeDecoder(settings)).send("~1Z999AA10123456784", SCANNER).pause(0.1)
    keys.send("~PDO-7", SCANNER).pause(0.1)
    assert keys.scans() == ["1Z999AA10123456784", "PDO-7"] and keys.typed() == ""


def test_with_a_prefix_set_typing_is_released_at_the_first_key() -> None:
    decoder = WedgeDecoder(WedgeSettings(prefix="~"))
    assert decoder.feed("h", 1.0) == [WedgeTyping("h")]


def test_tab_as_terminator() -> None:
    keys = (
        Keys(WedgeDecoder(WedgeSettings(terminator=Terminator.TAB))).send("PDC-CONFIRM\t", SCANNER).pause(1)
    )
    assert keys.scans() == ["PDC-CONFIRM"]


def test_a_ten_kilobyte_burst_is_refused_without_typing_it() -> None:
    keys = Keys(WedgeDecoder()).send("9" * 10_240 + "\r", 0.001).pause(1)
    assert keys.scans() == [] and keys.typed() == ""
    assert len(keys.broken()) == 1 and "10240" in keys.broken()[0].reason


def test_a_gs1_scan_keeps_its_group_separators() -> None:
    keys = Keys(WedgeDecoder()).send("]C10109506000134352\x1d10AB\r", SCANNER).pause(1)
    assert keys.scans() == ["]C10109506000134352\x1d10AB"]


def test_a_lone_enter_is_delivered_at_once() -> None:
    assert WedgeDecoder().feed("\r", 1.0) == [WedgeTyping("\r")]


def test_flush_hands_held_keys_back_as_typing() -> None:
    decoder = WedgeDecoder()
    decoder.feed("a", 1.0)
    decoder.feed("b", 1.01)
    assert decoder.flush(1.02) == [WedgeTyping("ab")] and not decoder.holding


def test_a_one_key_tail_of_a_scan_cut_short_is_not_typed_either() -> None:
    keys = Keys(WedgeDecoder()).send("PDO-104", SCANNER).pause(0.2).send("2\r", SCANNER).pause(1)
    assert keys.typed() == "" and len(keys.broken()) == 2


# -- framed scans: a prefix (and suffix) set, timing no longer decides ---------------------------

FRAMED = WedgeSettings(prefix="~", suffix="#")


def test_with_a_prefix_a_scan_whose_keys_come_late_and_uneven_is_still_one_scan() -> None:
    # A machine under load hands the keys over late: the first key 0.4 s before the rest, the
    # others at a person's pace. The prefix says it is a scan; nothing is typed.
    keys = Keys(WedgeDecoder(FRAMED)).send("~", SCANNER).pause(0.4)
    keys.send("PDO-100002#\r", PERSON).pause(2)
    assert keys.scans() == ["PDO-100002"] and keys.typed() == "" and keys.broken() == []


def test_with_a_prefix_fast_typing_without_it_is_typing_at_once() -> None:
    keys = Keys(WedgeDecoder(FRAMED)).send("Print\r", 0.002)
    assert keys.typed() == "Print\r" and keys.scans() == []


def test_a_framed_scan_without_its_suffix_was_cut_short() -> None:
    keys = Keys(WedgeDecoder(FRAMED)).send("~PDO-100002\r", SCANNER).pause(2)
    assert keys.scans() == [] and keys.typed() == ""
    assert len(keys.broken()) == 1 and "cut short" in keys.broken()[0].reason


def test_a_framed_scan_with_a_suffix_and_no_terminator_ends_at_the_suffix() -> None:
    decoder = WedgeDecoder(WedgeSettings(prefix="~", suffix="#", terminator=Terminator.NONE))
    keys = Keys(decoder).send("~1Z999AA10123456784#", PERSON)
    assert keys.scans() == ["1Z999AA10123456784"] and not decoder.holding


def test_a_person_typing_the_prefix_sign_gets_it_back() -> None:
    keys = Keys(WedgeDecoder(FRAMED)).send("~ok then", PERSON).pause(2)
    assert keys.typed() == "~ok then" and keys.scans() == []


def test_the_set_up_code_teaches_the_prefix_and_the_suffix() -> None:
    from devices.wedge import SETUP_CODE, learn_affixes

    assert SETUP_CODE == "PDC-SCANNER-SETUP"
    assert learn_affixes("~PDC-SCANNER-SETUP#\r") == ("~", "#")
    assert learn_affixes("]C1pdc-scanner-setup") == ("]C1", "")
    assert learn_affixes("PDO-100002\r") is None
