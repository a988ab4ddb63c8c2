"""The `prepdesk server` command (and `python -m server`): serve the reference order server."""

from __future__ import annotations

import argparse
import contextlib
import socket
from pathlib import Path
from typing import Any

from app.i18n import tr

DEFAULT_PORT = 8700


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help=tr("database URL (default: a SQLite file in the user data folder)"))
    parser.add_argument("--host", default="127.0.0.1", help=tr("address to listen on"))
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=tr("port to listen on (0: any free port)")
    )
    # For the harness: the port actually bound, written once the server listens (no race for a port).
    parser.add_argument("--port-file", help=argparse.SUPPRESS)
    parser.add_argument(
        "--demo-data", type=int, default=0, metavar="N", help=tr("add N demo orders to an empty database")
    )
    parser.add_argument(
        "--seed", type=int, default=1, help=tr("seed of the demo data and the demo marketplace")
    )
    parser.add_argument("--demo-token", help=tr("the token of prep center A (fixed for scripts)"))
    parser.add_argument("--other-token", help=tr("the token of prep center B"))
    parser.add_argument("--admin-token", help=tr("the server's admin token"))
    parser.add_argument(
        "--confirm-after",
        type=float,
        default=2.0,
        metavar="S",
        help=tr("the demo marketplace confirms pushes after S seconds"),
    )
    parser.add_argument(
        "--refuse-share",
        type=float,
        default=0.1,
        metavar="F",
        help=tr("share of pushes the demo marketplace refuses"),
    )


def default_db_url() -> str:
    import platformdirs

    folder = Path(platformdirs.user_data_dir("prepdesk", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'server.sqlite3'}"


def serve(args: argparse.Namespace) -> int:
    """Run the server until Ctrl-C (or SIGTERM)."""
    import uvicorn

    from server.app import app_tokens, create_app

    db_url = args.db or default_db_url()
    app = create_app(
        db_url,
        demo_orders=args.demo_data,
        seed=args.seed,
        demo_token=args.demo_token,
        other_token=args.other_token,
        admin_token=args.admin_token,
        marketplace_confirm_after_s=args.confirm_after,
        marketplace_refuse_share=args.refuse_share,
    )
    tokens = app_tokens(app)
    # Listen before saying where: a script that reads the URL can connect at once.
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # so asyncio sets TCP_NODELAY
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # see server/harness.py
    listener.bind((args.host, args.port))
    listener.listen(128)
    port = listener.getsockname()[1]
    if args.port_file:
        Path(args.port_file).write_text(str(port), encoding="ascii")
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(tr("Prepdesk order server on {url}", url=f"http://{host}:{port}"))
    kept = tr("(issued before, kept hashed: `prepdesk server admin token issue` gives a new one)")
    print(tr("  demo token (prep center A, operator ann): {token}", token=tokens.demo or kept))
    print(tr("  token of prep center B (operator eva): {token}", token=tokens.other or kept))
    print(tr("  admin token: {token}", token=tokens.admin or kept))
    print(tr("  database: {url}", url=_without_password(db_url)))
    print(tr("Press Ctrl-C to stop."), flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=3)
    # uvicorn hands Ctrl-C back (as KeyboardInterrupt) after its graceful shutdown.
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[listener])
    return 0


def _without_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this layer's sub-commands to the `prepdesk` command."""
    parser = sub.add_parser("server", help=tr("run the reference order server"))
    add_arguments(parser)
    parser.set_defaults(handler=serve)
