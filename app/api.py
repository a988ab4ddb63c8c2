"""The order server's client: one `requests` Session, a timeout on every call, typed errors.

Reads (GET) are retried with a short backoff; writes are never retried here — they carry the
caller's Idempotency-Key, and the sync worker decides when to send them again. Every failure
becomes a `ServerError` with a message for the operator and a `retryable` flag.
Threads: one client per lane (app/lanes.py): the sync engine's on the sync lane, the photos'
on the photos lane; a client told its `lane` refuses a call from another lane's thread
(`WrongLane`), since a requests Session is not shared.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import requests

from app.domain import (
    Claim,
    Order,
    OrderStatus,
    ProductAlias,
    ServiceOffer,
    parse_iso,
)
from app.domain.outbox import ClaimGivenBack, ClaimTaken, ServerCommand
from app.domain.people import Operator, Whoami
from app.domain.product import Product
from app.domain.values import header_value
from app.i18n import tr
from app.lanes import assert_on_lane

API_PREFIX = "/api/v1"


# -- errors ------------------------------------------------------------------------------------


class ServerError(Exception):
    """Anything that kept a call from getting the server's yes. `message` is for the operator."""

    retryable: bool = True

    def __init__(self, message: str, *, status: int | None = None, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


class ServerUnreachable(ServerError):
    """No connection: the server is down, the address is wrong, or the network is out."""


class ServerTimeout(ServerError):
    """The server took the call but did not answer in time; a write may or may not have happened."""


class ServerFailed(ServerError):
    """The server broke (5xx) or answered something that is not the JSON it promised."""


class RateLimited(ServerError):
    """429: too many calls; try again after `retry_after` seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message, status=429, code="rate_limited")
        self.retry_after = retry_after


class Unauthorised(ServerError):
    """401: the token is missing, wrong or withdrawn. Sending again will not help."""

    retryable = False


class Refused(ServerError):
    """The server said no for good (4xx): `code` and `server_message` are the server's own,
    `extra` holds the other fields of its answer (e.g. `holder` of a claim)."""

    retryable = False

    def __init__(
        self,
        message: str,
        *,
        status: int,
        code: str,
        server_message: str = "",
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message, status=status, code=code)
        self.server_message = server_message or message  # the server's own words
        self.extra: dict[str, Any] = dict(extra or {})

    @property
    def holder(self) -> Claim | None:
        """Who holds the order, when the refusal is a claim by another workstation (409 claimed)."""
        holder = self.extra.get("holder")
        return Claim.from_dict(holder) if isinstance(holder, dict) and holder.get("expires_at") else None


# -- answers that are not orders -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderPage:
    orders: list[Order]
    cursor: str
    has_more: bool


@dataclass(frozen=True, slots=True)
class RawOrderPage:
    """A page of orders as the server sent them (dicts), for the sync's bulk apply path."""

    orders: list[dict[str, Any]]
    cursor: str
    has_more: bool


@dataclass(frozen=True, slots=True)
class AliasPage:
    """A page of the alias feed: the aliases changed since a cursor, in the server's order."""

    aliases: list[ProductAlias]
    cursor: str
    has_more: bool


@dataclass(frozen=True, slots=True)
class LabelDocument:
    """A carrier label the platform bought: `format` is "zpl" or "pdf"."""

    format: str
    content: bytes


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 3.0
    read: float = 10.0


# -- the client ----------------------------------------------------------------------------------


class OrderServerClient:
    """The server API of DESIGN.md, one method per call, answering `app.domain` objects."""

    def __init__(
        self,
        base_url: str,
        token: str,
        workstation: str,
        operator: str | None = None,
        *,
        timeouts: Timeouts | None = None,
        get_retries: int = 2,
        get_backoff_s: float = 0.25,
        verify: bool | str = True,
        lane: str | None = None,
    ) -> None:
        self.lane = lane  # the lane (app.lanes) whose thread alone may call; None: unchecked
        self.base_url = base_url.rstrip("/")
        self.workstation = workstation
        self.operator = operator  # the operator signed in at the table; changes when another signs in
        self.timeouts = timeouts or Timeouts()
        self.get_retries = get_retries
        self.get_backoff_s = get_backoff_s
        self.session = requests.Session()
        self.session.verify = verify  # TLS verification stays on unless a CA bundle path is given
        self.session.headers.update({"Authorization": f"Bearer {token}", "Accept": "application/json"})

    def close(self) -> None:
        self.session.close()

    # -- reads --

    def me(self) -> Whoami:
        d = self._get_json("me")
        ops = [_operator(o) for o in d.get("operators") or ()]
        return Whoami(
            prep_center_id=str(d["prep_center"]["id"]),
            prep_center_name=str(d["prep_center"].get("name") or ""),
            operator=_operator(d["operator"]),
            operators=ops,
        )

    def list_orders_raw(
        self,
        *,
        statuses: Iterable[OrderStatus | str] = (),
        updated_since: str | None = None,
        cursor: str | None = None,
        limit: int = 200,
    ) -> RawOrderPage:
        params: list[tuple[str, str]] = [("status", str(s)) for s in statuses]
        if updated_since:
            params.append(("updated_since", updated_since))
        if cursor:
            params.append(("cursor", cursor))
        params.append(("limit", str(limit)))
        d = self._get_json("orders", params=params)
        try:
            return RawOrderPage(list(d["orders"]), str(d.get("cursor") or cursor or ""), bool(d["has_more"]))
        except (KeyError, TypeError) as e:
            raise _garbage(e) from e

    def list_orders(
        self,
        *,
        statuses: Iterable[OrderStatus | str] = (),
        updated_since: str | None = None,
        cursor: str | None = None,
        limit: int = 200,
    ) -> OrderPage:
        raw = self.list_orders_raw(statuses=statuses, updated_since=updated_since, cursor=cursor, limit=limit)
        return OrderPage([_order(o) for o in raw.orders], raw.cursor, raw.has_more)

    def get_order(self, order_id: str) -> Order:
        return _order(self._get_json(f"orders/{order_id}"))

    def carrier_label(self, order_id: str) -> LabelDocument:
        response = self._get(f"orders/{order_id}/label")
        kind = response.headers.get("Content-Type", "").split(";")[0].strip()
        return LabelDocument("pdf" if kind.endswith("pdf") else "zpl", response.content)

    def products(self, code: str) -> list[Product]:
        d = self._get_json("products", params=[("code", code)])
        fields = set(Product.__dataclass_fields__)
        return [Product(**{k: v for k, v in p.items() if k in fields}) for p in d.get("products") or ()]

    def aliases_since(self, cursor: str | None = None, limit: int = 500) -> AliasPage:
        """The aliases taught at this prep center's tables since `cursor` (None: all of them)."""
        params = [("cursor", cursor)] if cursor else []
        params.append(("limit", str(limit)))
        d = self._get_json("products/aliases", params=params)
        try:
            aliases = [_alias(a) for a in d["aliases"]]
            return AliasPage(aliases, str(d.get("cursor") or cursor or ""), bool(d["has_more"]))
        except (KeyError, TypeError, ValueError) as e:
            raise _garbage(e) from e

    def services(self) -> list[ServiceOffer]:
        d = self._get_json("services")
        return [ServiceOffer.from_dict(s) for s in d.get("services") or ()]

    def photo(self, url_or_name: str) -> bytes:
        path = url_or_name if url_or_name.startswith("/") else f"{API_PREFIX}/photos/{url_or_name}"
        return self._get(path.removeprefix(API_PREFIX + "/")).content

    # -- writes (each with the caller's Idempotency-Key) --

    def send(self, command: ServerCommand, key: str, *, operator: str | None = None) -> dict[str, Any]:
        """Send one command of the outbox's vocabulary (app/domain/outbox.py) once, as `operator`
        (default: the signed-in one); the server's answer as it sent it (most often the order)."""
        return self.post(command.path, command.body(), key, operator=operator)

    def claim(self, order_id: str, key: str, minutes: int | None = None) -> Claim:
        d = self.send(ClaimTaken(order_id, minutes), key)
        return Claim.from_dict(d["claim"])

    def release(self, order_id: str, key: str) -> None:
        self.send(ClaimGivenBack(order_id), key)

    def post(
        self, path: str, body: Mapping[str, Any], key: str, *, operator: str | None = None
    ) -> dict[str, Any]:
        """POST `body` to `path` (relative to /api/v1) once, as `operator` (default: the signed-in one)."""
        if not key:
            raise ValueError("every write needs an Idempotency-Key")
        headers = self._headers(operator)
        headers["Idempotency-Key"] = key
        response = self._send("POST", path, headers=headers, json=dict(body))
        return _json(response)

    # -- plumbing --

    def _headers(self, operator: str | None = None) -> dict[str, str]:
        # Names in any script ("Стол-1", "打包台1") travel percent-encoded as UTF-8 (API.md).
        headers = {"X-Workstation": header_value(self.workstation)}
        who = operator or self.operator
        if who:
            headers["X-Operator"] = header_value(who)
        return headers

    def _get_json(self, path: str, params: list[tuple[str, str]] | None = None) -> dict[str, Any]:
        return _json(self._get(path, params))

    def _get(self, path: str, params: list[tuple[str, str]] | None = None) -> requests.Response:
        attempt = 0
        while True:
            try:
                return self._send("GET", path, headers=self._headers(), params=params)
            except ServerError as e:
                if not e.retryable or attempt >= self.get_retries:
                    raise
                pause = getattr(e, "retry_after", None) or self.get_backoff_s * (2**attempt)
                time.sleep(min(pause, 5.0))
                attempt += 1

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if self.lane is not None:  # a requests Session belongs to one thread
            assert_on_lane(self.lane, what="the order server client")
        url = f"{self.base_url}{API_PREFIX}/{path.lstrip('/')}"
        try:
            response = self.session.request(
                method, url, timeout=(self.timeouts.connect, self.timeouts.read), **kwargs
            )
        except requests.exceptions.SSLError as e:
            raise ServerUnreachable(
                tr("The order server's certificate could not be verified: {detail}", detail=str(e)[:200])
            ) from e
        except requests.exceptions.ConnectTimeout as e:
            raise ServerUnreachable(
                tr("The order server at {url} does not answer.", url=self.base_url)
            ) from e
        except requests.exceptions.Timeout as e:
            raise ServerTimeout(
                tr("The order server at {url} took too long to answer.", url=self.base_url)
            ) from e
        except requests.exceptions.ConnectionError as e:
            raise ServerUnreachable(tr("Cannot reach the order server at {url}.", url=self.base_url)) from e
        except requests.exceptions.RequestException as e:
            raise ServerUnreachable(
                tr("The call to the order server failed: {detail}", detail=str(e)[:200])
            ) from e
        except (UnicodeError, ValueError) as e:  # a value the call cannot carry: say so, never crash
            raise ServerFailed(
                tr(
                    "Prepdesk could not put this call into words the server reads: {detail}",
                    detail=str(e)[:200],
                )
            ) from e
        if response.status_code < 400:
            return response
        raise _error_from(response)


def _alias(d: Mapping[str, Any]) -> ProductAlias:
    return ProductAlias(
        seller=str(d["seller"]),
        code=str(d["code"]),
        sku=str(d["sku"]),
        taught_by=str(d.get("taught_by") or ""),
        workstation=str(d.get("workstation") or ""),
        at=parse_iso(d.get("at")),
    )


def _operator(d: Mapping[str, Any]) -> Operator:
    return Operator(
        code=str(d.get("code") or ""), name=str(d.get("name") or ""), badge=str(d.get("badge") or "")
    )


def _garbage(e: Exception) -> ServerFailed:
    return ServerFailed(
        tr("The order server sent an answer Prepdesk cannot read ({detail}).", detail=str(e)[:120])
    )


def _json(response: requests.Response) -> dict[str, Any]:
    try:
        d = response.json()
    except ValueError as e:
        raise _garbage(e) from e
    if not isinstance(d, dict):
        raise _garbage(TypeError(type(d).__name__))
    return d


def _order(d: Mapping[str, Any]) -> Order:
    try:
        return Order.from_dict(dict(d))
    except (KeyError, TypeError, ValueError, ArithmeticError) as e:
        raise _garbage(e) from e


def _error_from(response: requests.Response) -> ServerError:
    status = response.status_code
    try:
        d = response.json()
    except ValueError:
        d = None
    if not isinstance(d, dict):
        d = {}
    code = str(d.get("error") or "")
    said = str(d.get("message") or "")
    if status == 401:
        return Unauthorised(
            tr(
                "The order server did not accept this workstation's token. Ask a supervisor to sign it in again."
            ),
            status=401,
            code=code or "unauthorised",
        )
    if status == 429:
        retry_after: float | None
        try:
            retry_after = float(response.headers.get("Retry-After", ""))
        except ValueError:
            retry_after = None
        return RateLimited(
            tr("The order server is busy; Prepdesk will try again shortly."), retry_after=retry_after
        )
    if status >= 500:
        return ServerFailed(
            tr("The order server failed ({status}); Prepdesk will try again.", status=status),
            status=status,
            code=code,
        )
    if status == 408:
        return ServerTimeout(tr("The order server took too long to answer."), status=408, code=code)
    if not code:
        # A 4xx without the contract's {"error": code} is not the order server saying no (a
        # proxy, a wrong address): never let it throw away the outbox; try again later.
        return ServerFailed(
            tr(
                "The address {url} answered {status}, but not as an order server. Check the server address.",
                url=response.url.split("/api/")[0],
                status=status,
            ),
            status=status,
        )
    extra = {k: v for k, v in d.items() if k not in ("error", "message")}
    message = said or tr("The order server refused the request ({status}).", status=status)
    return Refused(
        tr("The order server refused: {message}", message=message),
        status=status,
        code=code or str(status),
        server_message=message,
        extra=extra,
    )
