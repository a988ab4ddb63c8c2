"""The `prepdesk label` and `prepdesk print` commands of the printing layer."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.i18n import tr


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this layer's sub-commands to the `prepdesk` command."""
    label = sub.add_parser(
        "label", help=tr("render a label or document from an order as the server sends it")
    )
    label.add_argument(
        "--kind",
        required=True,
        choices=["shipping", "packing-slip", "pick-list", "item", "item-sheet", "commands"],
        help=tr("what to render"),
    )
    label.add_argument("--order-json", help=tr("a file with one order or a list of orders (server JSON)"))
    label.add_argument(
        "--format", default=None, choices=["zpl", "pdf", "png", "tspl"], help=tr("output format")
    )
    label.add_argument("--dpi", type=int, default=203, choices=[203, 300, 600], help=tr("printer resolution"))
    label.add_argument("--paper", default="a4", choices=["a4", "letter"], help=tr("paper for documents"))
    label.add_argument(
        "-o", "--output", required=True, help=tr("where to write it ('-' for standard output)")
    )
    label.set_defaults(handler=_label)

    send = sub.add_parser("print", help=tr("send a rendered file to a printer"))
    send.add_argument("file", help=tr("the file to send (ZPL, PDF…)"))
    send.add_argument(
        "--printer",
        required=True,
        help=tr(
            "printer URI: tcp://host:9100, cups://QUEUE, serial:///dev/ttyUSB0?baud=9600, usb:///dev/usb/lp0, file:///folder"
        ),
    )
    send.add_argument("--copies", type=int, default=1, help=tr("how many copies"))
    send.set_defaults(handler=_print)


def _orders(path: str | None) -> list[Any]:
    from app.domain import Order

    if not path:
        return []
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, dict) and "orders" in data:
        data = data["orders"]
    items = data if isinstance(data, list) else [data]
    return [Order.from_dict(item) for item in items]


def _label(args: argparse.Namespace) -> int:
    from printing.render import PAPERS, documents, render
    from printing.symbols import BarcodeDoesNotFit

    try:
        orders = _orders(args.order_json)
    except RecursionError:
        print(tr("Cannot read the orders: the file is nested too deeply to be orders."), file=sys.stderr)
        return 2
    except (OSError, ValueError, KeyError, TypeError, AttributeError, ArithmeticError) as error:
        print(tr("Cannot read the orders: {error}", error=error), file=sys.stderr)
        return 2
    if not orders and args.kind != "commands":
        print(tr("--order-json is needed for this kind."), file=sys.stderr)
        return 2
    thermal = args.kind in ("shipping", "item")
    fmt = args.format or ("zpl" if thermal else "pdf")
    if fmt == "zpl" and not thermal and args.kind != "commands":
        print(tr("Documents print on paper: use --format pdf or png."), file=sys.stderr)
        return 2
    try:
        content = render(documents(args.kind, orders, paper=PAPERS[args.paper]), fmt, args.dpi)
    except BarcodeDoesNotFit as refusal:
        print(tr("Not made: {reason}", reason=refusal), file=sys.stderr)
        return 2
    if args.output == "-":
        sys.stdout.buffer.write(content)
    else:
        Path(args.output).write_bytes(content)
    return 0


def _print(args: argparse.Namespace) -> int:
    from printing.transports import PrinterFault, open_printer

    try:
        payload = Path(args.file).read_bytes()
        printer = open_printer(args.printer)
        for _ in range(max(1, args.copies)):
            printer.send(payload)
    except OSError as error:
        print(tr("Cannot read {file}: {error}", file=args.file, error=error.strerror), file=sys.stderr)
        return 2
    except PrinterFault as fault:
        print(tr("Not printed: {reason}", reason=fault.reason), file=sys.stderr)
        return 1
    print(tr("Printed {file} on {printer}.", file=args.file, printer=args.printer))
    return 0
