"""The order flow's table: every allowed move, and every other refused with a reason."""

from __future__ import annotations

import itertools

import pytest

from app.domain import Actor, MoveNotAllowed, OrderStatus, check_move, is_allowed

S = OrderStatus
ALLOWED = {
    (S.READY_TO_PRINT, S.PRINTED),
    (S.READY_TO_PRINT, S.PRINT_ERROR),
    (S.READY_TO_PRINT, S.AWAITING_STOCK),
    (S.PRINTED, S.COLLECTED),
    (S.PRINTED, S.AWAITING_STOCK),
    (S.PRINTED, S.READY_TO_PRINT),
    (S.COLLECTED, S.SHIPPED),
    (S.COLLECTED, S.PRINTED),
}


@pytest.mark.parametrize("current,target", list(itertools.product(OrderStatus, OrderStatus)))
def test_a_workstation_makes_exactly_the_moves_of_the_table(current: S, target: S) -> None:
    assert is_allowed(current, target, Actor.WORKSTATION) == ((current, target) in ALLOWED)
    if (current, target) not in ALLOWED:
        with pytest.raises(MoveNotAllowed) as refused:
            check_move(current, target, reason="because")
        assert current.value in refused.value.message and target.value in refused.value.message


def test_only_the_server_cancels_and_it_can_from_anywhere() -> None:
    for status in OrderStatus:
        if status is not S.CANCELLED:
            assert not is_allowed(status, S.CANCELLED, Actor.WORKSTATION)
            assert is_allowed(status, S.CANCELLED, Actor.SERVER)


def test_a_print_error_without_a_reason_is_refused() -> None:
    with pytest.raises(MoveNotAllowed):
        check_move(S.READY_TO_PRINT, S.PRINT_ERROR, reason="  ")
    check_move(S.READY_TO_PRINT, S.PRINT_ERROR, reason="Postcode missing")


def test_the_seller_only_statuses_are_hidden_from_prep_centers() -> None:
    assert {s for s in OrderStatus if not s.visible_to_prep_center} == {
        S.NEW,
        S.AWAITING_PAYMENT,
        S.PAID_UNCHECKED,
    }
