"""`prepdesk label` and `prepdesk print` against the emulator."""

from __future__ import annotations

import json
from pathlib import Path

from prepdesk.cli import main
from printing.emulator import Fault
from tests.printing.conftest import order_dict, zpl_images


def test_label_then_print_puts_the_label_on_the_printer(tmp_path: Path, emulator) -> None:  # type: ignore[no-untyped-def]
    orders = tmp_path / "orders.json"
    orders.write_text(json.dumps({"orders": [order_dict("1"), order_dict("2")]}), encoding="utf-8")
    out = tmp_path / "labels.zpl"
    assert main(["label", "--kind", "shipping", "--order-json", str(orders), "-o", str(out)]) == 0
    assert len(zpl_images(out.read_bytes())) == 2
    assert main(["print", str(out), "--printer", emulator.uri, "--copies", "2"]) == 0
    assert len(emulator.labels) == 4


def test_print_exits_non_zero_with_the_printer_fault_in_words(tmp_path: Path, emulator, capsys) -> None:  # type: ignore[no-untyped-def]
    job = tmp_path / "label.zpl"
    job.write_bytes(b"^XA^XZ")
    emulator.set_fault(Fault.PAPER_OUT)
    assert main(["print", str(job), "--printer", emulator.uri]) == 1
    assert "out of paper" in capsys.readouterr().err
    assert emulator.labels == []


def test_documents_render_to_pdf_and_png(tmp_path: Path) -> None:
    orders = tmp_path / "order.json"
    orders.write_text(json.dumps(order_dict()), encoding="utf-8")
    for kind, fmt in (("pick-list", "pdf"), ("packing-slip", "pdf"), ("item", "png"), ("commands", "pdf")):
        out = tmp_path / f"{kind}.{fmt}"
        args = ["label", "--kind", kind, "--format", fmt, "-o", str(out)]
        if kind != "commands":
            args += ["--order-json", str(orders)]
        assert main(args) == 0
        assert out.read_bytes()[:4] in (b"%PDF", b"\x89PNG")


def test_a_file_that_is_not_orders_gives_words_not_a_traceback(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = {
        "nested.json": "[" * 200_000 + "]" * 200_000,
        "nested-objects.json": '{"a":' * 100_000 + "1" + "}" * 100_000,
        "list-of-lists.json": "[[1, 2], [3]]",
        "bad-price.json": json.dumps({**order_dict(), "lines": [{"sku": "A", "price": "lots"}]}),
        "not-json.json": "{orders: ",
        "binary.json": "\x00\x01\x02",
    }
    for name, text in bad.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        out = tmp_path / "out.zpl"
        assert main(["label", "--kind", "shipping", "--order-json", str(path), "-o", str(out)]) == 2, name
        said = capsys.readouterr().err
        assert said.startswith("Cannot read the orders") and "Traceback" not in said, (name, said)
        assert not out.exists()
