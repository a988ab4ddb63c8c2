"""`prepdesk server import FILE` and `prepdesk server admin …`: set a prep center up on the server's
database directly (the same work as the admin calls of the API, for a person at the server).

    prepdesk server admin prep-center add ID NAME          | prep-center list
    prepdesk server admin operator add CENTER CODE NAME [--badge B] | operator list CENTER
    prepdesk server admin operator badges CENTER --out badges.pdf
    prepdesk server admin token issue --prep-center C (--operator CODE | --workstation NAME) | --admin
    prepdesk server admin token list [--prep-center C]     | token revoke ID
    prepdesk server admin services import prices.csv       | services list
    prepdesk server admin products import products.csv --prep-center C [--photos FOLDER]
    prepdesk server import orders.csv --prep-center C [--seller S] [--encoding cp1251] [--dry-run]

Each takes --db URL or --config FILE (else $PREPDESK_SERVER_DATABASE, else the default SQLite file).
Exit status: 0 done, 1 refused (the reasons on stderr; nothing changed), 2 a wrong command.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.i18n import tr


def add_admin_commands(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="server_command", metavar="{import,admin}", required=False)

    orders = commands.add_parser("import", help=tr("import a seller's orders from a CSV, .xlsx or JSON file"))
    _database_options(orders)
    orders.add_argument("file", help=tr("the file (see server/samples/ for the columns)"))
    orders.add_argument("--prep-center", required=True, help=tr("the prep center the orders are for"))
    orders.add_argument(
        "--seller", default="", help=tr("the seller of every row (when the file has no seller column)")
    )
    orders.add_argument("--encoding", help=tr("the file's encoding when not UTF-8 (cp1251, gb18030, …)"))
    orders.add_argument(
        "--format", choices=("csv", "xlsx", "json"), help=tr("the format, when the name does not say")
    )
    orders.add_argument("--dry-run", action="store_true", help=tr("check every row, import nothing"))
    orders.set_defaults(handler=_import_orders)

    admin = commands.add_parser("admin", help=tr("prep centers, operators, tokens, prices, products"))
    things = admin.add_subparsers(
        dest="admin_thing", metavar="{prep-center,operator,token,services,products}"
    )
    things.required = True

    center = things.add_parser("prep-center", help=tr("prep centers"))
    center_do = center.add_subparsers(dest="action", required=True)
    add = center_do.add_parser("add", help=tr("add a prep center"))
    _database_options(add)
    add.add_argument("id")
    add.add_argument("name")
    add.set_defaults(handler=_write(lambda s, a: _admin().add_prep_center(s, a.id, a.name)))
    listing = center_do.add_parser("list", help=tr("list the prep centers"))
    _database_options(listing)
    listing.set_defaults(handler=_read(lambda s, a: _admin().list_prep_centers(s)))

    operator = things.add_parser("operator", help=tr("operators and their badges"))
    operator_do = operator.add_subparsers(dest="action", required=True)
    add = operator_do.add_parser("add", help=tr("add an operator"))
    _database_options(add)
    add.add_argument("prep_center")
    add.add_argument("code", help=tr("short sign-in code, such as ann"))
    add.add_argument("name")
    add.add_argument("--badge", default="", help=tr("the badge's code (default: CODE-NNNN)"))
    add.set_defaults(
        handler=_write(lambda s, a: _admin().add_operator(s, a.prep_center, a.code, a.name, a.badge))
    )
    listing = operator_do.add_parser("list", help=tr("list a prep center's operators"))
    _database_options(listing)
    listing.add_argument("prep_center")
    listing.set_defaults(handler=_read(lambda s, a: _admin().list_operators(s, a.prep_center)))
    badges = operator_do.add_parser("badges", help=tr("a PDF sheet of badge labels to print"))
    _database_options(badges)
    badges.add_argument("prep_center")
    badges.add_argument("--out", required=True, help=tr("the PDF file to write"))
    badges.set_defaults(handler=_badges)

    token = things.add_parser("token", help=tr("tokens of operators and workstations"))
    token_do = token.add_subparsers(dest="action", required=True)
    issue = token_do.add_parser("issue", help=tr("issue a token (shown once)"))
    _database_options(issue)
    issue.add_argument("--prep-center", default=None)
    issue.add_argument("--operator", default="")
    issue.add_argument("--workstation", default="")
    issue.add_argument("--label", default="")
    issue.add_argument("--admin", action="store_true", help=tr("the server's admin token"))
    issue.set_defaults(handler=_issue)
    listing = token_do.add_parser("list", help=tr("tokens with their last use (never the tokens themselves)"))
    _database_options(listing)
    listing.add_argument("--prep-center", default=None)
    listing.set_defaults(handler=_read(lambda s, a: _tokens().list_tokens(s, a.prep_center)))
    revoke = token_do.add_parser("revoke", help=tr("revoke a token: refused from its next call on"))
    _database_options(revoke)
    revoke.add_argument("id", help=tr("the token's id, as the list shows it"))
    revoke.set_defaults(handler=_write(lambda s, a: _tokens().revoke_token(s, a.id)))

    services = things.add_parser("services", help=tr("the price list of services"))
    services_do = services.add_subparsers(dest="action", required=True)
    imported = services_do.add_parser(
        "import", help=tr("import the price list from CSV (code,name,unit_price,currency,unit)")
    )
    _database_options(imported)
    imported.add_argument("file")
    imported.add_argument("--encoding")
    imported.set_defaults(handler=_import_prices)
    listing = services_do.add_parser("list", help=tr("the price list"))
    _database_options(listing)
    listing.set_defaults(handler=_read(lambda s, a: _admin().list_price_list(s)))

    products = things.add_parser("products", help=tr("the sellers' products, their codes and photos"))
    products_do = products.add_subparsers(dest="action", required=True)
    imported = products_do.add_parser("import", help=tr("import products from CSV plus a folder of photos"))
    _database_options(imported)
    imported.add_argument("file")
    imported.add_argument("--prep-center", required=True)
    imported.add_argument("--photos", help=tr("the folder of the photo files the photo column names"))
    imported.add_argument("--encoding")
    imported.set_defaults(handler=_import_products)


def _database_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", dest="admin_db", help=tr("database URL"))
    parser.add_argument("--config", dest="admin_config", help=tr("a settings file (TOML)"))
    parser.add_argument("--json", action="store_true", help=tr("answer in JSON"))


def _admin() -> Any:
    from server import administration

    return administration


def _tokens() -> Any:
    from server import tokens

    return tokens


def _database(args: argparse.Namespace) -> Any:
    from server.cli import default_db_url
    from server.db import Database
    from server.settings import ServerSettings

    settings = ServerSettings.load(args.admin_config, database=args.admin_db)
    db = Database(settings.database or default_db_url())
    db.migrate()  # an empty database is set up from nothing
    return db


def _run(args: argparse.Namespace, work: Callable[[], Any]) -> int:
    from server.administration import AdminRefused
    from server.import_files import ImportRefused
    from server.settings import SettingsRefused
    from server.tokens import TokenRefused

    try:
        answer = work()
    except ImportRefused as refusal:
        if args.json:
            print(json.dumps(refusal.to_dict(), ensure_ascii=False, indent=2))
        else:
            print(refusal.message, file=sys.stderr)
            for problem in refusal.problems:
                print(f"  {problem}", file=sys.stderr)
        return 1
    except (AdminRefused, TokenRefused, SettingsRefused) as refusal:
        print(str(refusal), file=sys.stderr)
        return 1
    if args.json or not hasattr(answer, "summary"):
        data = answer.to_dict() if hasattr(answer, "to_dict") else answer
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(answer.summary())
    return 0


def _read(query: Callable[[Any, argparse.Namespace], Any]) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        def work() -> Any:
            db = _database(args)
            try:
                with db.read() as session:
                    return query(session, args)
            finally:
                db.dispose()

        return _run(args, work)

    return handler


def _write(change: Callable[[Any, argparse.Namespace], Any]) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        def work() -> Any:
            db = _database(args)
            try:
                with db.write() as session:
                    return change(session, args)
            finally:
                db.dispose()

        return _run(args, work)

    return handler


def _issue(args: argparse.Namespace) -> int:
    from server.tokens import issue_token

    def change(session: Any, a: argparse.Namespace) -> Any:
        issued = issue_token(
            session,
            prep_center=a.prep_center,
            operator=a.operator.strip().lower(),
            workstation=a.workstation.strip(),
            label=a.label,
            admin=a.admin,
        )
        if not a.json:
            print(tr("Token (shown this once; the server keeps only its hash):"), file=sys.stderr)
        return issued.to_dict()

    return _write(change)(args)


def _badges(args: argparse.Namespace) -> int:
    from server.administration import AdminRefused, list_operators
    from server.badge_sheet import badge_sheet_pdf
    from server.models import PrepCenter

    def work() -> dict[str, Any]:
        db = _database(args)
        try:
            with db.read() as session:
                people = list_operators(session, args.prep_center)
                center = session.get(PrepCenter, args.prep_center)
                assert center is not None
                name = center.name
        finally:
            db.dispose()
        try:
            Path(args.out).write_bytes(badge_sheet_pdf(people, name))
        except OSError as error:
            raise AdminRefused(
                tr("Cannot write {path}: {error}", path=args.out, error=error.strerror)
            ) from None
        return {"file": args.out, "badges": len(people)}

    return _run(args, work)


def _file(path: str) -> bytes:
    from server.import_files import ImportRefused, check_size

    file = Path(path)
    try:
        check_size(file.stat().st_size)  # a 50 MB file is refused before it is read
        return file.read_bytes()
    except OSError as error:
        raise ImportRefused(tr("Cannot read {path}: {error}", path=path, error=error.strerror)) from None


def _import_orders(args: argparse.Namespace) -> int:
    from server.order_import import import_orders

    def work() -> Any:
        data = _file(args.file)
        db = _database(args)
        try:
            return import_orders(
                db, data, file_name=Path(args.file).name, prep_center=args.prep_center, seller=args.seller,
                encoding=args.encoding, fmt=args.format, dry_run=args.dry_run,
            )  # fmt: skip
        finally:
            db.dispose()

    return _run(args, work)


def _import_prices(args: argparse.Namespace) -> int:
    from server.catalogue_import import import_price_list

    def work() -> Any:
        data = _file(args.file)
        db = _database(args)
        try:
            return import_price_list(db, data, file_name=Path(args.file).name, encoding=args.encoding)
        finally:
            db.dispose()

    return _run(args, work)


def _import_products(args: argparse.Namespace) -> int:
    from server.catalogue_import import import_products

    def work() -> Any:
        data = _file(args.file)
        db = _database(args)
        try:
            return import_products(
                db, data, file_name=Path(args.file).name, prep_center=args.prep_center,
                photo_folder=Path(args.photos) if args.photos else None, encoding=args.encoding,
            )  # fmt: skip
        finally:
            db.dispose()

    return _run(args, work)
