"""The workstation's bootstrap: wires the store, server client, printers and scanners into the
window. Filled by the workstation issue."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    raise SystemExit("The workstation window is not built yet: try `prepdesk server --demo-data 50`.")
