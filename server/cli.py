"""The `prepdesk server` command (and `python -m server`): serve the reference order server, and
set a prep center up on it: `prepdesk server import FILE`, `prepdesk server admin …`
(server/admin_cli.py).
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import os
import socket
import sys
from pathlib import Path
from typing import Any

from app.i18n import tr
from server.access_log import set_up_logging
from server.settings import DEFAULT_PORT, ServerSettings, SettingsRefused


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", help=tr("a settings file (TOML; see the README); also $PREPDESK_SERVER_CONFIG")
    )
    parser.add_argument("--db", help=tr("database URL (default: a SQLite file in the user data folder)"))
    parser.add_argument("--host", help=tr("address to listen on (default 127.0.0.1)"))
    parser.add_argument(
        "--port", type=int, help=tr("port to listen on (0: any free port; default {port})", port=DEFAULT_PORT)
    )
    parser.add_argument("--workers", type=int, help=tr("worker processes (several need PostgreSQL)"))
    parser.add_argument("--log-level", help=tr("debug, info, warning or error (info: one line per request)"))
    parser.add_argument(
        "--no-demo",
        dest="demo",
        action="store_const",
        const=False,
        help=tr("start without the demo's prep centers, operators and tokens"),
    )
    # For the harness: the port actually bound, written once the server listens (no race for a port).
    parser.add_argument("--port-file", help=argparse.SUPPRESS)
    parser.add_argument(
        "--demo-data", type=int, default=0, metavar="N", help=tr("add N demo orders to an empty database")
    )
    parser.add_argument("--seed", type=int, help=tr("seed of the demo data and the demo marketplace"))
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


def settings_of(args: argparse.Namespace) -> ServerSettings:
    settings = ServerSettings.load(
        getattr(args, "config", None),
        database=getattr(args, "db", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        workers=getattr(args, "workers", None),
        log_level=getattr(args, "log_level", None),
        demo=getattr(args, "demo", None),
        seed=getattr(args, "seed", None),
    )
    if not settings.database:
        from dataclasses import replace

        settings = replace(settings, database=default_db_url())
    return settings


def serve(args: argparse.Namespace) -> int:
    """Run the server until Ctrl-C (or SIGTERM): one process, or a supervisor and its workers."""
    import uvicorn

    from server.app import app_tokens, create_app

    try:
        settings = settings_of(args)
    except SettingsRefused as refusal:
        print(str(refusal), file=sys.stderr)
        return 2
    set_up_logging(settings.log_level)
    app = create_app(
        settings.database,
        demo_orders=args.demo_data,
        seed=settings.seed,
        demo_token=args.demo_token,
        other_token=args.other_token,
        admin_token=args.admin_token,
        marketplace_confirm_after_s=args.confirm_after,
        marketplace_refuse_share=args.refuse_share,
        demo=settings.demo,
        marketplace=settings.marketplace,
        access_log=settings.log_level in ("debug", "info"),
    )
    tokens = app_tokens(app)
    # Listen before saying where: a script that reads the URL can connect at once.
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # so asyncio sets TCP_NODELAY
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # see server/harness.py
    listener.bind((settings.host, settings.port))
    listener.listen(1024)
    port = listener.getsockname()[1]
    if args.port_file:
        Path(args.port_file).write_text(str(port), encoding="ascii")
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    print(tr("Prepdesk order server on {url}", url=f"http://{host}:{port}"))
    kept = tr("(issued before, kept hashed: `prepdesk server admin token issue` gives a new one)")
    if settings.demo:
        print(tr("  demo token (prep center A, operator ann): {token}", token=tokens.demo or kept))
        print(tr("  token of prep center B (operator eva): {token}", token=tokens.other or kept))
    if tokens.admin or settings.demo:
        print(tr("  admin token: {token}", token=tokens.admin or kept))
    print(tr("  database: {url}", url=_without_password(settings.database)))
    print(tr("  workers: {n}", n=settings.workers))
    print(tr("Press Ctrl-C to stop."), flush=True)
    if settings.workers > 1:
        app.state.db.dispose()
        return _serve_workers(settings, listener)
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=3)
    # uvicorn hands Ctrl-C back (as KeyboardInterrupt) after its graceful shutdown.
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[listener])
    return 0


def _serve_workers(settings: ServerSettings, listener: socket.socket) -> int:
    """uvicorn's supervisor: `settings.workers` processes share the listening socket; each builds
    its application from the environment (server.app.worker_app), keeping nothing of its own."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    os.environ.update(settings.environment())
    config = uvicorn.Config(
        "server.app:worker_app",
        factory=True,
        workers=settings.workers,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=3,
        log_config=None,
    )
    # A worker that dies (killed, out of memory) is started again by the supervisor.
    if "target" in inspect.signature(Multiprocess).parameters:  # uvicorn before 0.46
        supervisor = Multiprocess(config, target=uvicorn.Server(config).run, sockets=[listener])  # type: ignore[call-arg]
    else:
        supervisor = Multiprocess(config, sockets=[listener])
    with contextlib.suppress(KeyboardInterrupt):
        supervisor.run()
    return 0


def _without_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this layer's sub-commands to the `prepdesk` command."""
    from server.admin_cli import add_admin_commands

    parser = sub.add_parser("server", help=tr("run the reference order server, or set it up"))
    add_arguments(parser)
    parser.set_defaults(handler=serve)
    add_admin_commands(parser)
