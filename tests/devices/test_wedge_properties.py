"""Whatever the keys and their rhythm, the wedge decoder accounts for every key exactly once:
the Qt adapter relies on that to replay typing and swallow scans without losing a keystroke."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from devices.wedge import Terminator, WedgeBroken, WedgeDecoder, WedgeScan, WedgeSettings, WedgeTyping

keys = st.lists(
    st.tuples(
        st.sampled_from(list("PDO-1042abc\r\t\x1d")), st.sampled_from([0.0, 0.002, 0.02, 0.029, 0.031, 0.2])
    ),
    max_size=120,
)
configs = st.builds(
    WedgeSettings,
    prefix=st.sampled_from(["", "~", "]C"]),
    terminator=st.sampled_from(list(Terminator)),
    min_length=st.integers(1, 8),
    max_length=st.sampled_from([4, 16, 8192]),
)


@settings(max_examples=300, deadline=None)
@given(keys, configs)
def test_every_key_is_typed_scanned_or_reported_exactly_once(
    events: list[tuple[str, float]], config: WedgeSettings
) -> None:
    decoder = WedgeDecoder(config)
    now = 10.0
    outputs = []
    for ch, gap in events:
        now += gap
        outputs += decoder.feed(ch, now)
    outputs += decoder.tick(now + 10)
    assert not decoder.holding
    used = 0
    typed = ""
    for out in outputs:
        if isinstance(out, WedgeTyping):
            used += len(out.text)
            typed += out.text
        elif isinstance(out, (WedgeScan, WedgeBroken)):
            used += out.keys
    assert used == len(events)
    # Typing comes out in the order it went in: it is a subsequence of the keys.
    it = iter(ch for ch, _ in events)
    assert all(ch in it for ch in typed)


framed_keys = st.lists(
    st.tuples(st.sampled_from(list("~#PDO-12ab\r\t")), st.sampled_from([0.0, 0.002, 0.02, 0.2, 0.9, 1.5])),
    max_size=120,
)
framed_configs = st.builds(
    WedgeSettings,
    prefix=st.sampled_from(["~", "~~", "]C"]),
    suffix=st.sampled_from(["", "#", "##"]),
    terminator=st.sampled_from(list(Terminator)),
    min_length=st.integers(1, 8),
    max_length=st.sampled_from([4, 16, 8192]),
)


@settings(max_examples=300, deadline=None)
@given(framed_keys, framed_configs)
def test_framed_every_key_is_typed_scanned_or_reported_exactly_once(
    events: list[tuple[str, float]], config: WedgeSettings
) -> None:
    test_every_key_is_typed_scanned_or_reported_exactly_once.hypothesis.inner_test(events, config)  # type: ignore[attr-defined]
