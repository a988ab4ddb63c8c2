"""The shared rules for values handed in (app.domain.values, app.domain.parcels), which the server
refuses with and the core checks with before it confirms anything."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.domain import ValueRefused, is_untracked, normal_tracking, why_not_shippable
from app.domain.values import (
    clean_text,
    has_words,
    header_value,
    moment_in_range,
    name_from_header,
    required_text,
    whole_number,
)


@pytest.mark.parametrize("text", ["", "²", "①", "１", "٣", "-1", "+1", "1.0", " 1", "00001", "1001"])
def test_a_whole_number_is_ascii_digits_within_its_bounds(text: str) -> None:
    with pytest.raises(ValueRefused, match="whole number from 1 to 1000"):
        whole_number(text, what="limit", low=1, high=1000)


def test_a_whole_number_may_carry_zeros_up_to_the_width_of_its_maximum() -> None:
    assert whole_number("0100", what="limit", low=1, high=1000) == 100


@pytest.mark.parametrize("text", ["\u200b", "\u200b\ufeff\u2060", "\u3164", "\u00a0\u200b", "\u0301"])
def test_text_of_invisible_marks_has_no_words_and_is_refused(text: str) -> None:
    assert not has_words(text)
    with pytest.raises(ValueRefused, match="no words"):
        clean_text(text, what="The reason", max_chars=100)


@pytest.mark.parametrize("text", ["a\x00b", "a\nb", "a\rb", "\x1b[2J", "a\x7fb"])
def test_control_characters_are_refused_on_one_line(text: str) -> None:
    with pytest.raises(ValueRefused, match="control characters"):
        clean_text(text, what="The reason", max_chars=100)


def test_text_is_trimmed_bounded_and_required_where_needed() -> None:
    assert clean_text("  Адрес неполный  ", what="The reason", max_chars=100) == "Адрес неполный"
    assert clean_text("two\nlines", what="The note", max_chars=100, multiline=True) == "two\nlines"
    with pytest.raises(ValueRefused, match="longer than 3"):
        clean_text("four", what="The reason", max_chars=3)
    with pytest.raises(ValueRefused, match="needed"):
        required_text("   ", what="The reason", max_chars=10)
    with pytest.raises(ValueRefused, match="not valid text"):
        clean_text("\ud800", what="The reason", max_chars=10)


@pytest.mark.parametrize("name", ["Стол-1", "打包台1", "table-1", "50% off", "Tisch Ü"])
def test_a_name_travels_in_a_header_as_printable_ascii_and_comes_back_the_same(name: str) -> None:
    sent = header_value(name)
    assert all(" " <= ch <= "~" for ch in sent)
    assert name_from_header(sent, what="X-Workstation", max_chars=120) == name


@pytest.mark.parametrize("raw", ["Стол", "a\tb", "%FF", "%0A", "%00x"])
def test_a_header_that_is_not_printable_ascii_or_encoded_text_is_refused(raw: str) -> None:
    with pytest.raises(ValueRefused):
        name_from_header(raw, what="X-Workstation", max_chars=120)


@pytest.mark.parametrize(
    "text",
    ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-14:00", "1899-01-01T00:00:00", "3000-01-01T00:00:00"],
)
def test_a_moment_off_the_calendar_is_refused(text: str) -> None:
    with pytest.raises(ValueRefused, match="between the years"):
        moment_in_range(datetime.fromisoformat(text), what="ship_by")


def test_a_moment_is_kept_in_utc() -> None:
    moment = moment_in_range(datetime.fromisoformat("2026-01-01T03:00:00+03:00"), what="ship_by")
    assert moment == datetime(2026, 1, 1, tzinfo=UTC) and moment.tzinfo is UTC


@pytest.mark.parametrize("spelling", ["1Z999AA10123456784", "1z999aa10123456784", "1Z 999 AA1 0123 4567 84"])
def test_a_tracking_number_has_one_spelling(spelling: str) -> None:
    assert normal_tracking(spelling) == "1Z999AA10123456784"


@pytest.mark.parametrize("text", ["1Z\r\n999", "1Z\x00", "1Z-999", "１Z999", "Z" * 41])
def test_a_tracking_number_of_anything_but_letters_and_digits_is_refused(text: str) -> None:
    with pytest.raises(ValueRefused):
        normal_tracking(text)


def test_an_order_ships_with_parcels_tracked_unless_the_service_is_untracked() -> None:
    assert is_untracked("Royal Mail 2nd Class Untracked") and is_untracked("Letter - no tracking")
    assert not is_untracked("Royal Mail Tracked 48") and not is_untracked("UPS Ground")
    assert why_not_shippable("UPS Ground", []) is not None
    assert why_not_shippable("UPS Ground", ["1Z999AA10123456784", ""]) is not None
    assert why_not_shippable("UPS Ground", ["1Z999AA10123456784"]) is None
    assert why_not_shippable("Letter - no tracking", [""]) is None
    assert why_not_shippable("Letter - no tracking", []) is not None


def test_the_fields_of_a_write_are_checked_with_the_servers_bounds() -> None:
    from app.domain.values import (
        QUANTITY_MAX,
        REASON_MAX,
        carrier_text,
        parcel_weight_g,
        reason_text,
        service_code,
        service_quantity,
    )

    assert reason_text("  Label smudged ") == "Label smudged"
    for bad_reason in ("x" * (REASON_MAX + 1), "bad\x00", "\u200b"):
        with pytest.raises(ValueRefused):
            reason_text(bad_reason)
    with pytest.raises(ValueRefused):
        carrier_text("UPS\r\n")
    with pytest.raises(ValueRefused):
        service_code("  ")
    for bad_quantity in (0, QUANTITY_MAX + 1, 1_000_000, True, "2", 1.5):
        with pytest.raises(ValueRefused):
            service_quantity(bad_quantity)
    assert service_quantity(3) == 3 and parcel_weight_g(None) is None and parcel_weight_g(900) == 900
    with pytest.raises(ValueRefused):
        parcel_weight_g(-1)
