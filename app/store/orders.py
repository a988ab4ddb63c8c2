"""Writing orders into the store, in bulk, and laying unsent local changes over the server's word.

Merging: `order_bodies.data` is what the workstation shows; `server_data` keeps the server's
last word while outbox entries for the order are unsent (NULL otherwise). What is shown is always
`replay(server's word, unsent entries in order)`: a pull or a server answer replaces the base and
the entries are laid over it again; an entry the server refused leaves the outbox and with it
its effect. An entry whose move no longer fits the server's state (the order was cancelled, or
the server already shows it) is not laid over: the server's state stands.
Runs on whichever thread owns the session passed in.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, delete, select, update
from sqlalchemy.orm import Session

from app.domain import Order, OrderStatus, is_allowed, iso
from app.domain.outbox import ParcelsAdded, PushDismissal, PushRetry, ServicesDone, StatusMove
from app.store.models import (
    JOB_CONFIRMED,
    JOB_VOIDED,
    SHIPPING_LABEL_DOCUMENT,
    ActivityRow,
    LineRow,
    OrderBody,
    OrderRow,
    OutboxEntry,
    PrintJob,
    ServiceRow,
    ShipmentRow,
    time_text,
)
from app.store.outbox import command_of

log = logging.getLogger(__name__)

_ORDERS = cast(Table, OrderRow.__table__)
_BODIES = cast(Table, OrderBody.__table__)
_LINES = cast(Table, LineRow.__table__)
_SHIPMENTS = cast(Table, ShipmentRow.__table__)
_SERVICES = cast(Table, ServiceRow.__table__)
_ACTIVITY = cast(Table, ActivityRow.__table__)
_SHIPS = {OrderStatus.COLLECTED.value, OrderStatus.SHIPPED.value}


def _t(text: str | None) -> str | None:
    """A wire time (ISO 8601) as store text."""
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return time_text(moment)


def _search_text(d: Mapping[str, Any]) -> str:
    parts = [
        d.get("number") or "",
        d.get("marketplace_order_id") or "",
        (d.get("recipient") or {}).get("name") or "",
    ]
    for line in d.get("lines") or ():
        parts += (line.get("sku") or "", line.get("fnsku") or "", line.get("ean") or "")
    parts += [s.get("tracking_number") or "" for s in d.get("shipments") or ()]
    return "\x1f".join(p for p in parts if p).lower()


def order_columns(d: Mapping[str, Any], unsent: bool = False) -> dict[str, Any]:
    """The `orders` row of an order in wire form."""
    shipments = d.get("shipments") or ()
    lines = d.get("lines") or ()
    claim = d.get("claim") or None
    status = OrderStatus(str(d["status"])).value  # ValueError on a status we do not know
    shipped_at = None
    if status == OrderStatus.SHIPPED.value:
        stamps = [s["created_at"] for s in shipments if s.get("created_at")]
        shipped_at = _t(min(stamps)) if stamps else _t(d.get("updated_at"))
    return {
        "id": str(d["id"]),
        "number": str(d["number"]),
        "status": status,
        "status_reason": d.get("status_reason") or "",
        "marketplace": d.get("marketplace") or "",
        "seller": d.get("seller") or "",
        "ship_by": _t(d.get("ship_by")),
        # Before it ships, the service the seller bought names the carrier ("Royal Mail Tracked 48").
        "carrier": (shipments[0].get("carrier") or "") if shipments else (d.get("shipping_service") or ""),
        "recipient_name": (d.get("recipient") or {}).get("name") or "",
        "search_text": _search_text(d),
        "units": sum(int(x.get("quantity") or 0) for x in lines),
        "line_count": len(lines),
        "failed_pushes": sum(1 for s in shipments if s.get("push_state") == "failed"),
        "shipped_at": shipped_at,
        "claim_workstation": (claim or {}).get("workstation") or "",
        "claim_operator": (claim or {}).get("operator") or "",
        "claim_expires_at": _t((claim or {}).get("expires_at")),
        "updated_at": _t(d.get("updated_at")),
        "version": int(d.get("version") or 1),
        "unsent_changes": 1 if unsent else 0,
    }


def _body_json(d: Mapping[str, Any]) -> str:
    body = dict(d)
    body["activity"] = []  # the log lives in the activity table
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def _children(
    d: Mapping[str, Any],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    oid = str(d["id"])
    lines = [
        {
            "order_id": oid,
            "position": i,
            "line_id": str(x.get("id") or ""),
            "sku": x.get("sku") or "",
            "title": x.get("title") or "",
            "quantity": int(x.get("quantity") or 0),
            "fnsku": x.get("fnsku") or "",
            "ean": x.get("ean") or "",
            "asin": x.get("asin") or "",
            "vendor": x.get("vendor") or "",
            "configuration": x.get("configuration") or "",
            "weight_g": x.get("weight_g"),
            "price": x.get("price"),
            "currency": x.get("currency") or "",
            "photo_url": x.get("photo_url") or "",
            "bin_location": x.get("bin_location") or "",
        }
        for i, x in enumerate(d.get("lines") or ())
    ]
    shipments = [
        {
            "order_id": oid,
            "position": i,
            "shipment_id": str(x.get("id") or ""),
            "tracking_number": x.get("tracking_number") or "",
            "carrier": x.get("carrier") or "",
            "weight_g": x.get("weight_g"),
            "parcel_no": int(x.get("parcel_no") or i + 1),
            "push_state": x.get("push_state") or "pending",
            "push_reason": x.get("push_reason") or "",
            "created_at": _t(x.get("created_at")),
        }
        for i, x in enumerate(d.get("shipments") or ())
    ]
    services = [
        {
            "order_id": oid,
            "position": i,
            "code": x.get("code") or "",
            "quantity": int(x.get("quantity") or 0),
            "name": x.get("name") or "",
            "unit_price": x.get("unit_price"),
            "currency": x.get("currency") or "",
            "operator": x.get("operator") or "",
            "done_at": _t(x.get("done_at")),
        }
        for i, x in enumerate(d.get("services") or ())
    ]
    return lines, shipments, services


def write_orders(
    s: Session, shown: Sequence[Mapping[str, Any]], server_data: Mapping[str, str | None] | None = None
) -> None:
    """Insert or replace orders (wire dicts, as shown) with their lines, parcels and services.

    `server_data` maps an order id to the server's word kept beside it (None: nothing unsent).
    """
    if not shown:
        return
    bases = server_data or {}
    rows = []
    bodies = []
    for d in shown:
        oid = str(d["id"])
        word = bases.get(oid)
        # An order is stored only if it reads back whole (load_order): one that could not would
        # break every screen that shows it. The caller's transaction refuses the page instead.
        Order.from_dict(dict(d))
        rows.append(order_columns(d, word is not None))
        bodies.append({"order_id": oid, "data": _body_json(d), "server_data": word})
    # Straight to the driver: this is the sync's hot path (10,000 orders a minute at first
    # start), and SQLAlchemy's per-row parameter handling would cost as much as SQLite itself.
    # Every value is already in store form (times as UtcDateTime text).
    cursor = _driver_cursor(s)
    cursor.executemany(
        _upsert_sql(_ORDERS, "id"), [tuple(r[c] for c in _COLUMNS[_ORDERS.name]) for r in rows]
    )
    cursor.executemany(
        _upsert_sql(_BODIES, "order_id"), [tuple(b[c] for c in _COLUMNS[_BODIES.name]) for b in bodies]
    )
    ids = [r["id"] for r in rows]
    for table in (_LINES, _SHIPMENTS, _SERVICES):
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            cursor.execute(f"DELETE FROM {table.name} WHERE order_id IN ({marks})", tuple(chunk))
    lines: list[dict[str, Any]] = []
    shipments: list[dict[str, Any]] = []
    services: list[dict[str, Any]] = []
    for d in shown:
        a, b, c = _children(d)
        lines += a
        shipments += b
        services += c
    for table, children in ((_LINES, lines), (_SHIPMENTS, shipments), (_SERVICES, services)):
        if children:
            names = _COLUMNS[table.name]
            cursor.executemany(_insert_sql(table), [tuple(x[c] for c in names) for x in children])
    cursor.close()


_COLUMNS: dict[str, list[str]] = {
    t.name: [c.name for c in t.columns] for t in (_ORDERS, _BODIES, _LINES, _SHIPMENTS, _SERVICES)
}


def _insert_sql(table: Table) -> str:
    names = _COLUMNS[table.name]
    return f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"


def _upsert_sql(table: Table, key: str) -> str:
    keep = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[table.name] if c != key)
    return f"{_insert_sql(table)} ON CONFLICT ({key}) DO UPDATE SET {keep}"


def _driver_cursor(s: Session) -> Any:
    """A cursor of the session's own connection, inside its transaction."""
    raw = s.connection().connection.dbapi_connection
    assert raw is not None
    return raw.cursor()


def write_server_activity(s: Session, order_id: str, activity: Iterable[Mapping[str, Any]]) -> None:
    """Replace the server's activity entries of an order (from GET /orders/{id})."""
    s.execute(delete(_ACTIVITY).where(_ACTIVITY.c.order_id == order_id, _ACTIVITY.c.origin == "server"))
    rows = [_server_entry(order_id, a) for a in activity]
    if rows:
        s.execute(_ACTIVITY.insert(), rows)


def _server_entry(order_id: str, a: Mapping[str, Any]) -> dict[str, Any]:
    """One entry of the server's activity log as a row of the store's `activity` table."""
    return {
        "order_id": order_id,
        "action": a.get("action") or "",
        "detail": a.get("detail") or "",
        "operator": a.get("operator") or "",
        "workstation": a.get("workstation") or "",
        "at": _t(a.get("at")),
        "origin": "server",
    }


def holds_server_activity(s: Session, order_id: str, activity: Iterable[Mapping[str, Any]]) -> bool:
    """Whether the store holds exactly these server activity entries of the order (a read)."""
    columns = ("order_id", "action", "detail", "operator", "workstation", "at", "origin")
    stored = s.execute(
        select(*(_ACTIVITY.c[name] for name in columns)).where(
            _ACTIVITY.c.order_id == order_id, _ACTIVITY.c.origin == "server"
        )
    ).all()
    came = [_server_entry(order_id, a) for a in activity]

    def as_text(value: object) -> object:  # the time column reads back as a moment
        return time_text(value) if isinstance(value, datetime) else value

    return sorted(tuple(as_text(v) for v in r) for r in stored) == sorted(
        tuple(e[c] for c in columns) for e in came
    )


def void_confirmed_labels(s: Session, order_id: str) -> int:
    """The order's confirmed shipping labels turn voided, so its next print is a new label (the
    print station's label round counts voided labels). Returns how many."""
    result = s.execute(
        update(PrintJob)
        .where(
            PrintJob.order_id == order_id,
            PrintJob.document == SHIPPING_LABEL_DOCUMENT,
            PrintJob.state == JOB_CONFIRMED,
        )
        .values(state=JOB_VOIDED)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def add_activity(
    s: Session, order_id: str, action: str, detail: str, operator: str, workstation: str, at: datetime
) -> None:
    s.execute(
        _ACTIVITY.insert(),
        [
            {
                "order_id": order_id,
                "action": action,
                "detail": detail,
                "operator": operator,
                "workstation": workstation,
                "at": at,
                "origin": "local",
            }
        ],
    )


def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


# -- unsent changes laid over the server's word ---------------------------------------------------


def replay(base: Mapping[str, Any], entries: Iterable[OutboxEntry]) -> dict[str, Any]:
    """The order as shown: the server's word `base` with the unsent `entries` laid over, in order.
    An entry whose command cannot be read (no version of Prepdesk writes one) is not laid over."""
    shown = json.loads(json.dumps(base))  # a deep copy of plain JSON
    for entry in entries:
        try:
            command = command_of(entry)
        except ValueError:
            log.warning("an outbox entry is not laid over the order", exc_info=True)
            continue
        status = shown["status"]
        if status == OrderStatus.CANCELLED.value:
            break  # the server cancelled it: nothing of ours stands
        match command:
            case StatusMove(status=target, reason=reason):
                if is_allowed(OrderStatus(status), target):
                    shown["status"] = target.value
                    shown["status_reason"] = reason
            case ParcelsAdded(parcels=sent) if status in _SHIPS:
                known = {x.get("tracking_number") for x in shown.get("shipments") or ()}
                parcels = shown.setdefault("shipments", [])
                for p in sent:
                    if p.tracking_number in known:
                        continue
                    parcels.append(
                        {
                            "id": "",
                            "tracking_number": p.tracking_number,
                            "carrier": p.carrier,
                            "weight_g": p.weight_g,
                            "parcel_no": len(parcels) + 1,
                            "push_state": "pending",
                            "push_reason": "",
                            "created_at": iso(entry.created_at),
                        }
                    )
            case ServicesDone(services=done):
                for x in done:
                    shown.setdefault("services", []).append(
                        {
                            "code": x.code,
                            "quantity": x.quantity,
                            "name": x.code,
                            "unit_price": None,
                            "currency": "",
                            "operator": entry.operator,
                            "done_at": iso(entry.created_at),
                        }
                    )
            case PushRetry() | PushDismissal():
                for x in shown.get("shipments") or ():
                    if x.get("id") == command.shipment_id and x.get("push_state") == "failed":
                        x["push_state"] = "pending" if isinstance(command, PushRetry) else "dismissed"
    return shown


def pending_entries(s: Session, order_id: str) -> list[OutboxEntry]:
    return list(
        s.scalars(select(OutboxEntry).where(OutboxEntry.order_id == order_id).order_by(OutboxEntry.id))
    )


def server_word(s: Session, order_id: str) -> tuple[dict[str, Any], int] | None:
    """The server's last word on an order and its version, or None if the store lacks the order."""
    row = s.execute(
        select(_BODIES.c.server_data, _BODIES.c.data, _ORDERS.c.version)
        .join(_ORDERS, _ORDERS.c.id == _BODIES.c.order_id)
        .where(_BODIES.c.order_id == order_id)
    ).first()
    if row is None:
        return None
    return json.loads(row.server_data or row.data), int(row.version)


def refresh_shown(s: Session, order_id: str, base: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
    """Lay the order's unsent entries over `base` (default: the stored server word) and store it."""
    return refresh_many(s, {order_id: base}).get(order_id)


def refresh_many(s: Session, bases: Mapping[str, Mapping[str, Any] | None]) -> dict[str, dict[str, Any]]:
    """`refresh_shown` for many orders in a few statements: order id -> new server word, or None
    to keep the stored one. A server word older than the stored one is not taken (a repeated
    key brings back the answer stored at the first send, which a pull may have overtaken)."""
    ids = list(bases)
    stored: dict[str, tuple[str, int]] = {}
    waiting: dict[str, list[OutboxEntry]] = {}
    for chunk in _chunks(ids):
        for oid, server_data, data, version in s.execute(
            select(_ORDERS.c.id, _BODIES.c.server_data, _BODIES.c.data, _ORDERS.c.version)
            .join(_BODIES, _BODIES.c.order_id == _ORDERS.c.id)
            .where(_ORDERS.c.id.in_(chunk))
        ):
            stored[oid] = (server_data or data, int(version))
        for entry in s.scalars(
            select(OutboxEntry).where(OutboxEntry.order_id.in_(chunk)).order_by(OutboxEntry.id)
        ):
            waiting.setdefault(entry.order_id, []).append(entry)
    shown_all: dict[str, dict[str, Any]] = {}
    words: dict[str, str | None] = {}
    for oid in ids:
        given = bases[oid]
        before = stored.get(oid)
        if given is not None and (before is None or int(given.get("version") or 0) >= before[1]):
            base = dict(given)
        elif before is not None:
            base = json.loads(before[0])
        else:
            continue  # neither the server's word nor ours: nothing to show
        entries = waiting.get(oid)
        if entries:
            shown_all[oid] = replay(base, entries)
            words[oid] = json.dumps(base, ensure_ascii=False, separators=(",", ":"))
        else:
            shown_all[oid] = base
    write_orders(s, list(shown_all.values()), words)
    return shown_all


def save_order(s: Session, order: Order) -> None:
    """Store an order the server sent whole (GET /orders/{id}), with its activity log."""
    d = order.to_dict()
    refresh_shown(s, order.id, d)
    write_server_activity(s, order.id, d["activity"])


def set_claim_columns(
    s: Session, order_id: str, workstation: str, operator: str, expires: datetime | None
) -> None:
    s.execute(
        update(_ORDERS)
        .where(_ORDERS.c.id == order_id)
        .values(claim_workstation=workstation, claim_operator=operator, claim_expires_at=time_text(expires))
    )
