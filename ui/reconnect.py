"""Settings mend the server address or the token while the program runs: the table connects to
them within a sync round, without a restart, and loses nothing on the way.

Each time the settings are saved (`events.settings_changed`), the sync lane reads the address and
its token (the vault may ask the keyring) and, where either differs from what the running
clients send, makes a new server client, sync engine and photos' client with the bootstrap's own
factory (`ui.main.server_parts`). A table that started with no server gets its first ones so.
Back on the GUI thread the new parts take the old ones' place (the orders open at this table
carried over, so their claims are taken again at the next pass) and the old ones are retired on
their own lanes, behind whatever was queued there before: a pass in flight ends on the old client
before its session is closed, and no pass runs on two clients. Retiring lets go of the claims the
old engine held (every one when the address changed; when only the token did, those no longer
open, as the new engine renews the others under the same table's name); where the old server
cannot be asked, their leases run out by themselves. The outbox stays in the store: the next pass
sends it to the new address.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.api import OrderServerClient, ServerError
from app.settings import SERVER_URL
from app.sync import SyncEngine, SyncReport
from ui.tasks import Lane
from ui.workstation import Workstation

if TYPE_CHECKING:
    from app.secrets import TokenVault

log = logging.getLogger(__name__)

ServerParts = tuple[OrderServerClient, SyncEngine, OrderServerClient]


def speaks_for(client: OrderServerClient, url: str, token: str) -> bool:
    """Whether `client` already calls `url` with `token`."""
    sent = client.session.headers.get("Authorization", "")
    return client.base_url == url.rstrip("/") and sent == f"Bearer {token}"


def parts_for(
    ws: Workstation, url: str, tokens: TokenVault | None, running: OrderServerClient | None
) -> ServerParts | None:
    """Sync lane: new parts for `url` and its token in the vault, None where `running` already
    speaks for them."""
    from ui.main import server_parts

    if tokens is None:  # a workstation wired by hand, with no vault to read: it keeps its clients
        return None
    token = tokens.get(url)
    if running is not None and speaks_for(running, url, token):
        return None
    return server_parts(ws, url, token)


def retire(engine: SyncEngine, successor: SyncEngine, *, same_address: bool) -> None:
    """Sync lane, behind any pass in flight: the old engine lets go of its claims and its client
    closes."""
    try:
        if same_address:  # the successor renews the orders open now, under the same table's name
            engine.set_open_orders(successor.open_orders)
            engine.release_claims(SyncReport())
        else:
            engine.give_back_claims()
    except ServerError as error:
        log.info("claims of the old server connection not given back (their leases run out): %s", error)
    finally:
        engine.client.close()


class ServerSwitch(QObject):
    """GUI thread object: puts new server parts in the workstation when Settings mend the address
    or the token. `switched` is emitted once they are in place (the frame then shows "connecting"
    and asks for a pass)."""

    switched = Signal()

    def __init__(self, workstation: Workstation, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = workstation
        self._checking = False
        self._again = False
        workstation.events.settings_changed.connect(self.check)

    def check(self) -> None:
        """Compare the saved address and token with the running clients' (on the sync lane)."""
        ws = self.ws
        url = ws.settings[SERVER_URL]
        if not url or ws.closed:
            return
        if self._checking:  # saved again meanwhile: look once more when this check is done
            self._again = True
            return
        self._checking = True
        tokens, running = ws.tokens, ws.server
        ws.tasks.run(
            lambda: parts_for(ws, url, tokens, running),
            on_success=self._made,
            on_failure=self._failed,
            lane=Lane.SYNC,
            owner=self,
        )

    def _made(self, parts: ServerParts | None) -> None:
        self._checking = False
        if parts is not None:
            self._switch(parts)
        if self._again:
            self._again = False
            self.check()

    def _failed(self, error: BaseException) -> None:
        self._checking = False
        log.error("the new server address could not be taken: %r", error)
        if self._again:
            self._again = False
            self.check()

    def _switch(self, parts: ServerParts) -> None:
        ws = self.ws
        server, sync, photos = parts
        old_server, old_sync, old_photos = ws.server, ws.sync, ws.photo_server
        if old_sync is not None:
            sync.set_open_orders(old_sync.open_orders)
        for client in (server, photos):
            client.operator = ws.operator_code or None
        ws.server, ws.sync, ws.photo_server = server, sync, photos
        same_address = old_server is not None and old_server.base_url == server.base_url
        log.info(
            "server connection now %s (%s)", server.base_url, "new token" if same_address else "new address"
        )
        # Each old client is retired on its own lane, after whatever was queued there with it.
        if old_sync is not None:
            ws.tasks.run(partial(retire, old_sync, sync, same_address=same_address), lane=Lane.SYNC)
        elif old_server is not None:
            ws.tasks.run(old_server.close, lane=Lane.SYNC)
        if old_photos is not None:
            ws.tasks.run(old_photos.close, lane=Lane.PHOTOS)
        self.switched.emit()
