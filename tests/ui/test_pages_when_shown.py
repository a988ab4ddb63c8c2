"""Pages are built when first shown (issue 13, point 1): the window stands with the page on
screen only; a page comes the first time the operator goes to it or something is sent to it
(a scanned order label builds the order page), and is the same page the next time."""

from __future__ import annotations

from ui.main_window import PageKey


def test_a_page_is_built_the_first_time_it_is_shown_and_kept(
    order_server, make_workstation, frame_of, qtbot
) -> None:
    ws = make_workstation(order_server)
    frame = frame_of(ws)
    window = frame.window
    assert window.current_key() == PageKey.DASHBOARD
    others = [key for key in window.pages if key not in (PageKey.DASHBOARD, PageKey.SIGN_IN)]
    assert others and not any(window.pages.built(key) for key in others)

    window.show_page(PageKey.FIGURES)
    figures = window.current_page()
    assert window.pages.built(PageKey.FIGURES) and figures is window.pages[PageKey.FIGURES]
    assert not window.pages.built(PageKey.ORDER_DETAIL)

    ws.events.open_order.emit("no-such-order")  # what a scanned order label does
    assert window.current_key() == PageKey.ORDER_DETAIL
    window.show_page(PageKey.FIGURES)
    assert window.current_page() is figures  # built once, not again
