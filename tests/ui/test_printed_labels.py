"""Demo mode's "Printed labels" panel: every label the emulated printer received shows, rendered."""

from __future__ import annotations

from pathlib import Path

from app.print_queue import PrintQueue
from app.print_station import SHIPPING_LABEL
from printing.emulator import PrinterEmulator
from printing.transports import open_printer
from tests.ui.orders_world import make_orders, workstation_on_store
from ui import page_wiring as wiring
from ui.printers import StationDocuments


def test_each_label_the_emulated_printer_received_shows_rendered_newest_first(
    tmp_path: Path, qtbot, printer: PrinterEmulator
) -> None:
    ws = workstation_on_store(tmp_path)
    ws.printer_emulator = printer
    panel = wiring.printed_labels_panel(ws)
    qtbot.addWidget(panel)
    assert panel.list.count() == 0 and "0 labels" in panel.summary.text()

    queue = PrintQueue(ws.store, open_printer(printer.uri), role=SHIPPING_LABEL)
    documents = StationDocuments()
    for order in make_orders(2):
        verdict = queue.print_job(
            job_key=f"label/{order.id}",
            order_id=None,
            document=SHIPPING_LABEL,
            payload=documents.shipping_label(order),
            copies=1,
        )
        assert verdict.confirmed

    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=10000)
    assert panel.list.item(0).text().startswith("Job 2")  # the newest on top
    for row in range(2):
        icon = panel.list.item(row).icon()
        assert not icon.isNull()
        drawn = icon.pixmap(panel.list.iconSize()).toImage()
        assert drawn.height() > drawn.width() * 1.3  # a 4×6 label standing upright, not text
    assert "2 labels" in panel.summary.text()
    ws.tasks.shutdown()
    ws.store.close()


def test_a_demo_left_running_keeps_the_newest_labels_and_says_how_many_came(
    tmp_path: Path, qtbot, printer: PrinterEmulator, monkeypatch
) -> None:
    import ui.panels.printed_labels as panel_module

    monkeypatch.setattr(panel_module, "KEPT", 3)
    ws = workstation_on_store(tmp_path)
    ws.printer_emulator = printer
    panel = wiring.printed_labels_panel(ws)
    qtbot.addWidget(panel)
    queue = PrintQueue(ws.store, open_printer(printer.uri), role=SHIPPING_LABEL)
    documents = StationDocuments()
    for order in make_orders(5):
        payload = documents.shipping_label(order)
        verdict = queue.print_job(
            job_key=f"label/{order.id}", order_id=None, document=SHIPPING_LABEL, payload=payload
        )
        assert verdict.confirmed

    qtbot.waitUntil(lambda: "5 labels received" in panel.summary.text(), timeout=10000)
    assert panel.list.count() == 3
    assert [panel.list.item(r).text().split(" ·")[0] for r in range(3)] == ["Job 5", "Job 4", "Job 3"]
    assert "newest 3 shown" in panel.summary.text()
    panel.clear_button.click()
    assert panel.list.count() == 0 and "0 labels" in panel.summary.text()
    ws.tasks.shutdown()
    ws.store.close()


def test_a_carriers_pdf_label_drawn_for_the_thermal_printer_shows_as_a_label_not_as_text() -> None:
    """A 4x6 PDF rasterised into one ^GFA graphic is ~100 kB, past zplkit's default cap: the
    panel (and the order's preview) still draw it."""
    from printing.render import render
    from printing.templates import shipping_label
    from printing.zpl import pdf_to_zpl
    from ui.panels.printed_labels import render_job

    order = make_orders(1)[0]
    pdf = render(shipping_label(order), "pdf")
    zpl = pdf_to_zpl(pdf, 203)
    graphic_bytes = int(zpl.split(b"^GFA,")[1].split(b",")[0])
    assert graphic_bytes > 25_000  # zplkit's default cap
    [image] = render_job(zpl)
    assert image.height() > image.width() * 1.3
