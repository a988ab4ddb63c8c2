"""Operator sign-in: pick your name, or scan your badge (`PDB-<code>`). The names come from the
server (GET /me) and are remembered in the store, so a table can sign in while offline.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.codes import BADGE_PREFIX
from app.domain.people import Operator, Whoami, badge_matches
from app.i18n import tr
from app.operators import ask_and_remember, remembered_operators
from ui.context import Later
from ui.tasks import Lane

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.store import Store
    from ui.notify import Notifier
    from ui.tasks import TaskRunner


log = logging.getLogger(__name__)


class SignInPage(QWidget):
    """Shown while nobody is signed in at the table. Emits `signed_in(operator)`."""

    signed_in = Signal(object)
    settings_asked = Signal()  # the frame shows Settings (a wrong server address is mended there)

    def __init__(
        self,
        *,
        tasks: TaskRunner,
        notifier: Notifier,
        store: Store,
        table_name: str,
        who_works_here: Later[Callable[[], Whoami]],
        sign_in: Callable[[Operator], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks, self._notifier, self._store = tasks, notifier, store
        # The server's list of the center's operators (asked on the sync lane, its client's).
        self._who_works_here, self._sign_in = who_works_here, sign_in
        self.operators: list[Operator] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        title = QLabel(tr("Who is working at {workstation}?", workstation=table_name))
        title.setProperty("role", "title")
        hint = QLabel(tr("Scan your badge, or choose your name."))
        hint.setProperty("role", "big")
        self.message = QLabel()
        self.message.setObjectName("sign_in_message")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "muted")
        # Always there: with no names known (a wrong server address at the first start) this is
        # the way to mend it, without signing in.
        self.settings_button = QPushButton(tr("Server address and settings…"))
        self.settings_button.setObjectName("sign_in_settings")
        self.settings_button.clicked.connect(self.settings_asked)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addSpacing(16)
        layout.addLayout(self.grid)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignLeft)

    # -- loading the names --------------------------------------------------------------------

    def page_shown(self) -> None:
        self.load()

    def load(self) -> None:
        """The remembered names at once (store lane), then fresh ones from the server."""
        store = self._store
        self._tasks.run(lambda: remembered_operators(store), on_success=self._show, owner=self)
        ask = self._who_works_here()
        if ask is not None:
            self._tasks.run(
                lambda: ask_and_remember(ask, store),
                on_success=self._show,
                on_failure=self._offline,
                lane=Lane.SYNC,  # the server client belongs to the sync thread
                owner=self,
            )

    def _offline(self, error: BaseException) -> None:
        log.info("operators not refreshed: %s", error)
        if not self.operators:
            self.message.setText(
                tr(
                    "The server cannot be reached and no names are remembered yet: {reason} "
                    "Check the server address under “Server address and settings…”.",
                    reason=getattr(error, "message", "") or str(error),
                )
            )

    def _show(self, operators: list[Operator]) -> None:
        if not operators and self.operators:
            return
        self.operators = operators
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, operator in enumerate(operators):
            # The first nine answer to their number key (keyboard alone): the key is shown.
            button = QPushButton(f"{index + 1}   {operator.name}" if index < 9 else operator.name)
            button.setObjectName(f"operator_{operator.code}")
            button.setProperty("role", "tile")
            button.setMinimumHeight(64)
            button.clicked.connect(lambda _=False, o=operator: self.choose(o))
            self.grid.addWidget(button, index // 3, index % 3)
        self.message.setText("" if operators else tr("No operators known yet."))

    # -- choosing -------------------------------------------------------------------------------

    def choose(self, operator: Operator) -> None:
        self._sign_in(operator)
        self._notifier.right(tr("Signed in: {name}", name=operator.name))
        self.signed_in.emit(operator)

    def sign_in_by_badge(self, scan: str) -> bool:
        """A badge scanned anywhere: sign that operator in. False if the badge is unknown."""
        operator = next((o for o in self.operators if badge_matches(o, scan)), None)
        if operator is None:
            self._notifier.wrong(tr("Badge {badge} belongs to nobody known here.", badge=scan))
            return False
        self.choose(operator)
        return True

    def handle_scan(self, text: str) -> bool:
        if text.upper().startswith(BADGE_PREFIX):
            self.sign_in_by_badge(text)
            return True
        self._notifier.wrong(tr("Sign in first: scan your badge."))
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keyboard alone: 1-9 choose the n-th name.
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            index = key - Qt.Key.Key_1
            if index < len(self.operators):
                self.choose(self.operators[index])
                return
        super().keyPressEvent(event)
