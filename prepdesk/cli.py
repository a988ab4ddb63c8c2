"""The `prepdesk` command: one entry point, a sub-command per job, each owned by its layer.

Each layer's `cli` module offers `register(subparsers)`; heavy imports (FastAPI, Qt, reportlab)
happen inside the command that needs them, so `prepdesk --help` stays instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.i18n import tr


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="prepdesk",
        description=tr("Prepdesk: the packing-table workstation of a prep-center warehouse."),
    )
    parser.add_argument(
        "--demo", action="store_true", help=tr("start the workstation on a built-in demo server")
    )
    parser.add_argument(
        "--data-dir", help=tr("where the workstation keeps its data (default: the user data folder)")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    from app import cli as app_cli
    from prepdesk import scanner_commands
    from printing import cli as printing_cli
    from server import cli as server_cli
    from ui import tour

    for module in (server_cli, app_cli, printing_cli, scanner_commands, tour):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        from ui import main as ui_main

        return int(ui_main.run(args) or 0)
    return int(handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
