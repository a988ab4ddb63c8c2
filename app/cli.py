"""The `prepdesk` sub-commands that belong to the app layer: `prepdesk sync`."""

from __future__ import annotations

import argparse
import socket
from typing import Any

from app.i18n import tr


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this layer's sub-commands to the `prepdesk` command."""
    sync = sub.add_parser(
        "sync", help=tr("push this workstation's unsent changes and pull what changed on the server, once")
    )
    sync.add_argument(
        "--server", required=True, help=tr("the order server's address, e.g. http://127.0.0.1:8000")
    )
    sync.add_argument("--token", required=True, help=tr("this prep center's server token"))
    # SUPPRESS: a --data-dir given before the sub-command (`prepdesk --data-dir D sync`) stands.
    sync.add_argument(
        "--data-dir", default=argparse.SUPPRESS, help=tr("where the workstation keeps its data")
    )
    sync.add_argument("--workstation", default=socket.gethostname(), help=tr("this table's name"))
    sync.add_argument("--operator", default=None, help=tr("the operator code to act as"))
    sync.set_defaults(handler=_sync)


def _sync(args: argparse.Namespace) -> int:
    from app.api import OrderServerClient
    from app.store import Store
    from app.sync import SyncEngine

    store = Store.open(getattr(args, "data_dir", None))
    client = OrderServerClient(args.server, args.token, args.workstation, args.operator)
    try:
        report = SyncEngine(store, client).run_once()
    finally:
        client.close()
        store.close()
    print(
        tr(
            "Pulled {pulled} orders ({pages} pages), pushed {pushed} changes.",
            pulled=report.pulled,
            pages=report.pages,
            pushed=report.pushed,
        )
    )
    for notice in report.refused:
        print(tr("Refused: {notice}", notice=notice))
    for number in report.cancelled:
        print(tr("Cancelled by the server: order {number}", number=number))
    if report.error is not None:
        print(tr("Stopped early: {reason}", reason=report.error.message))
        return 1
    return 0
