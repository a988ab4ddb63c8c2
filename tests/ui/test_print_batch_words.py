"""The print batch's rows and closing words: a label printed with letters no font draws is
printed (its row says so, in amber, with the letters) and the batch's words send the packer to
look at it; a plain batch reads green."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from app.domain import OrderStatus
from app.print_station import BatchOrder, BatchReport, OrderOutcome
from ui.models.print_batch import PRINT, PrintBatchModel, verdict_of


def _row(number: str) -> BatchOrder:
    return BatchOrder(
        f"o-{number}",
        number,
        OrderStatus.READY_TO_PRINT,
        datetime(2026, 12, 1, tzinfo=UTC),
        "Ann",
        "eBay",
        "",
    )


def test_a_label_with_letters_printed_as_question_marks_is_printed_amber_and_named_in_the_words(
    qtbot,
) -> None:
    model = PrintBatchModel()
    model.set_rows([_row("100001"), _row("100002")])
    note = "“ᚠ” came out as “?” on the label: check the address before it ships."
    plain, odd = (
        OrderOutcome("o-100001", "100001", printed=True),
        OrderOutcome("o-100002", "100002", True, "", note),
    )
    for outcome in (plain, odd):
        model.apply_outcome(outcome)

    plain_cell, odd_cell = model.index(0, PRINT), model.index(1, PRINT)
    assert model.data(plain_cell) == "Printed ✓"
    assert model.data(odd_cell) == f"Printed ✓: {note}"
    background = Qt.ItemDataRole.BackgroundRole
    assert model.data(odd_cell, background).color() != model.data(plain_cell, background).color()

    words, all_right = verdict_of(BatchReport(outcomes=[plain, odd]))
    assert not all_right
    assert (
        words == "2 orders printed. Check the label of order 100002: letters no font draws came out as “?”."
    )
    assert verdict_of(BatchReport(outcomes=[plain])) == ("1 order printed.", True)
