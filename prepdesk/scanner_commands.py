"""The scanner and scale commands: `scan-test`, the tool a warehouse uses to set up its
scanners, and `device-emulator`.

They sit above the layers, in the `prepdesk` package: `scan-test` joins a scanner (devices) with
what a scan means (app.scan), and devices/ itself imports nothing of app but its domain.
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
from typing import Any, TextIO

from app.i18n import tr


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this layer's sub-commands to the `prepdesk` command."""
    p = sub.add_parser(
        "scan-test",
        help=tr("print what each scan means, one JSON object a line"),
        description=tr(
            "Reads scans from standard input (one a line) or from a serial scanner, and prints for "
            "each one JSON object: raw, kind, value, and for tracking numbers carrier and url."
        ),
    )
    p.add_argument(
        "--serial", metavar="PORT", help=tr("read a serial scanner on PORT (e.g. /dev/ttyUSB0, COM3)")
    )
    p.add_argument(
        "--baud", type=int, default=9600, help=tr("baud rate of the serial scanner (default 9600)")
    )
    p.add_argument(
        "--context",
        default="any",
        choices=["any", "order_lookup", "pick", "ship", "sign_in"],
        help=tr("which screen asks: decides between formats that collide (default any)"),
    )
    p.add_argument("--count", type=int, default=0, help=tr("stop after this many scans (default: never)"))
    p.set_defaults(handler=scan_test)

    e = sub.add_parser(
        "device-emulator",
        help=tr("an emulated serial scanner or scale on a pseudo-terminal, for demos and set-up"),
        description=tr(
            "Opens a pseudo-terminal reachable at PATH. A scanner sends each line of standard input "
            "as a scan; a scale shows each line of standard input as its weight in grams (a "
            "leading ~ makes the reading unstable)."
        ),
    )
    e.add_argument("device", choices=["scanner", "scale"])
    e.add_argument("path", help=tr("where the port appears, e.g. /tmp/ttyPD0"))
    e.add_argument(
        "--protocol",
        default="mt-sics",
        choices=["mt-sics", "w", "continuous"],
        help=tr("what the scale speaks"),
    )
    e.set_defaults(handler=device_emulator)


def scan_test(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from app.scan import ScanContext, interpret

    out = out or sys.stdout
    context = ScanContext(args.context)
    seen = 0

    def emit(raw: str, source: str) -> None:
        record = interpret(raw, context).as_dict()
        record["source"] = source
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()

    if not args.serial:
        for line in sys.stdin:
            raw = line.rstrip("\r\n")
            if not raw.strip():
                continue
            emit(raw, "stdin")
            seen += 1
            if args.count and seen >= args.count:
                break
        return 0

    from devices.serial_link import PortStatus
    from devices.serial_scanner import SerialScanner

    scans: queue.Queue[tuple[str, str]] = queue.Queue()

    def on_status(status: PortStatus) -> None:
        note = {"port": status.port, "connected": status.connected, "reason": status.reason}
        sys.stderr.write(json.dumps(note, ensure_ascii=False) + "\n")
        sys.stderr.flush()

    scanner = SerialScanner(
        args.serial, lambda text, source, _at: scans.put((text, source)), baud=args.baud, on_status=on_status
    )
    scanner.start()
    try:
        while not args.count or seen < args.count:
            text, source = scans.get()
            emit(text, source)
            seen += 1
    except KeyboardInterrupt:
        pass
    finally:
        scanner.stop()
    return 0


def device_emulator(args: argparse.Namespace) -> int:
    from devices.emulators import ScaleEmulator, ScannerEmulator
    from devices.scale_protocols import ScaleProtocol

    emulator: ScannerEmulator | ScaleEmulator
    if args.device == "scanner":
        emulator = ScannerEmulator(args.path)
    else:
        emulator = ScaleEmulator(args.path, ScaleProtocol(args.protocol))
    sys.stderr.write(json.dumps({"emulator": args.device, "port": args.path}) + "\n")
    sys.stderr.flush()
    try:
        for line in sys.stdin:
            value = line.strip()
            if not value:
                continue
            if isinstance(emulator, ScannerEmulator):
                emulator.scan(value)
                continue
            try:
                emulator.put(float(value.lstrip("~")), stable=not value.startswith("~"))
            except ValueError:
                emulator.garbage = value.encode() + b"\r\n"
    except KeyboardInterrupt:
        pass
    finally:
        emulator.close()
    return 0
