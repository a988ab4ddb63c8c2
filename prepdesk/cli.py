"""The `prepdesk` command: one entry point, a sub-command per job, each owned by its layer.

Each layer's `cli` module offers `register(subparsers)`; heavy imports (FastAPI, Qt, reportlab)
happen inside the command that needs them, so `prepdesk --help` stays instant. Opening the
window (no sub-command named) does not import the sub-commands' modules at all: the window
paints first (issue 13).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.i18n import tr


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The command's parser; `commands=False`: its own options only (opening the window)."""
    parser = argparse.ArgumentParser(
        prog="prepdesk",
        description=tr("Prepdesk: the packing-table workstation of a prep-center warehouse."),
        add_help=commands,
        exit_on_error=commands,
    )
    parser.add_argument(
        "--demo", action="store_true", help=tr("start the workstation on a built-in demo server")
    )
    parser.add_argument(
        "--data-dir", help=tr("where the workstation keeps its data (default: the user data folder)")
    )
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    from app import cli as app_cli
    from prepdesk import scanner_commands
    from printing import cli as printing_cli
    from server import cli as server_cli
    from ui import tour

    for module in (server_cli, app_cli, printing_cli, scanner_commands, tour):
        module.register(sub)
    return parser


def opens_the_window(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options, where `argv` names no sub-command and asks no help: the window is opened."""
    try:
        args, rest = build_parser(commands=False).parse_known_args(list(argv))
    except argparse.ArgumentError:  # an option without its value: the whole parser says so
        return None
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    window = opens_the_window(argv)
    if window is not None:
        from ui import main as ui_main

        return int(ui_main.run(window) or 0)
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        from ui import main as ui_main

        return int(ui_main.run(args) or 0)
    return int(handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
