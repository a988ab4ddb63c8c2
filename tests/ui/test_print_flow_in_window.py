"""The print flow in the whole window, as an operator lives it: the order list filtered to "ready
to print", three ticked, "Print ticked" opens the print station with them, "Print batch" prints
a label each on the emulated Zebra and the documents to the office printer's folder, and after
the sync the list shows them printed — on the server too."""

from __future__ import annotations

from pathlib import Path

from app.domain import OrderStatus
from ui.main_window import PageKey
from ui.models.print_batch import PrintState

S = OrderStatus


def test_ticked_orders_go_from_the_list_through_the_print_station_to_printed(
    qtbot, tmp_path: Path, demo_server, make_workstation, frame_of, printer
) -> None:
    office = tmp_path / "office-printer"
    office.mkdir()
    ws = make_workstation(
        demo_server, settings={"printer.shipping_label": printer.uri, "printer.documents": office.as_uri()}
    )
    frame = frame_of(ws)
    window = frame.window
    frame.sync.sync_now()
    qtbot.waitUntil(lambda: frame.sync.last is not None, timeout=20000)

    orders_page = window.pages[PageKey.ORDERS]
    window.show_orders(S.READY_TO_PRINT.value)
    qtbot.waitUntil(lambda: orders_page.model.rowCount() > 3, timeout=10000)
    ticked = [orders_page.model.row_at(n).id for n in range(3)]
    orders_page.model.set_checked(ticked)

    print_page = window.pages[PageKey.PRINT]
    with qtbot.waitSignal(print_page.batch_changed, timeout=10000):
        orders_page.print_button.click()
    assert window.current_key() == PageKey.PRINT
    assert sorted(print_page.model.order_ids()) == sorted(ticked)

    with qtbot.waitSignal(print_page.batch_printed, timeout=30000):
        print_page.print_button.click()

    assert {e.state for e in print_page.model.entries()} == {PrintState.PRINTED}
    assert len(printer.labels) == 3
    assert len(list(office.glob("job-*.prn"))) == 2  # the pick list and the packing slips
    qtbot.waitUntil(
        lambda: {r.status for r in orders_page.model.all_rows() if r.id in ticked} == {S.PRINTED},
        timeout=30000,
    )
    assert all(ws.server.get_order(order_id).status is S.PRINTED for order_id in ticked)
